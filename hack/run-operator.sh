#!/usr/bin/env bash
# Builds the operator and runs it against the cluster of the current kubeconfig (kubectl context),
# installing or updating the CRDs first. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl core,operator -am package -DskipTests
kubectl apply --server-side -f crds/
exec java -jar operator/target/quarkus-app/quarkus-run.jar
