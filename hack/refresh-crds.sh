#!/usr/bin/env bash
# Regenerates the CRDs from the Java API classes and copies them to crds/ (and the Helm chart when present).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl core,operator -am package -DskipTests
cp operator/target/kubernetes/*-v1.yml crds/
if [ -d helm/proctor/crds ]; then cp operator/target/kubernetes/*-v1.yml helm/proctor/crds/; fi
git status --short crds/ helm/proctor/crds/ 2>/dev/null || true
