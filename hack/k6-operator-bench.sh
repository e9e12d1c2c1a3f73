#!/usr/bin/env bash
# grafana/k6-operator beside Proctor on the test control plane (issue 15; docs/design.md, "Scale and cost").
#   hack/k6-operator-bench.sh <k6-operator git dir or checkout> [tag] [-Dbench.runs=200 -Dbench.shards=10 ...]
# Checks the tag out to /tmp/k6-operator, builds its manager with the Go toolchain (modules from the Go module
# proxy), then runs dev.proctor.operator.bench.K6OperatorBench: TestRuns applied like ScaleBench's runs, apply ->
# runner Jobs, the manager's writes per run from the audit log, its memory. Prints tables; asserts nothing.
# At most ~25 TestRuns x parallelism 10: a Service per runner, and the control plane's service range is a /24,
# e.g. hack/k6-operator-bench.sh /work/.mirror/grafana+k6-operator/repo v1.6.0 -Dbench.runs=20 -Dbench.window=1
# Licences: k6-operator (Apache-2.0) links go.k6.io/k6/v2 (AGPL-3.0) for its cloud and API types. This script builds
# it only as a local peer to measure, under /tmp, never into the repository, an image or anything Proctor ships; k6
# itself is not built at all (its initializer's `k6 inspect` is a stand-in, see K6OperatorBench), as the package
# policy here asks of go.k6.io/k6. Nothing of Proctor depends on either.
set -euo pipefail
source=${1:?usage: $0 <k6-operator git dir> [tag] [-Dbench.*...]}
tag=${2:-v1.6.0}
shift $(( $# >= 2 ? 2 : 1 ))
dir=/tmp/k6-operator
cd "$(dirname "$0")/.."
if [ ! -x "$dir/bin/manager" ] || [ "$(cat "$dir/.tag" 2>/dev/null)" != "$tag" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  if [ -d "$source/.git" ] || [ -f "$source/HEAD" ]; then
    git --git-dir="$( [ -d "$source/.git" ] && echo "$source/.git" || echo "$source")" archive "$tag" | tar -x -C "$dir"
  else
    cp -r "$source"/. "$dir"
  fi
  (cd "$dir" && nice -n 15 go build -o bin/manager ./cmd/)
  echo "$tag" > "$dir/.tag"
fi
nice -n 5 ./mvnw -B -q -pl operator -am -Pscale-bench package -DskipTests \
  -Dbench.main=dev.proctor.operator.bench.K6OperatorBench -Dbench.k6-dir="$dir" "$@"
