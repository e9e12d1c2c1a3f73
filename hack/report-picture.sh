#!/usr/bin/env bash
# Regenerates docs/report.png: the run report of ReportInBrowserTest (a TechShop-like run of 24 tests in 3 shards,
# one failing with its screenshot, one flaky, 12 earlier runs in the trend), built by the reporter and photographed in
# real Chromium (/usr/bin/chromium). Needs the modules installed (./mvnw -B -q install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 ./mvnw -B -q -pl runner-image/sdk test -Dtest=ReportInBrowserTest -Dsurefire.failIfNoSpecifiedTests=false
cp runner-image/sdk/target/report.png docs/report.png
echo "docs/report.png: $(wc -c < docs/report.png) bytes"
