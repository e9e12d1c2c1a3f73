#!/usr/bin/env bash
# The self-contained local demo: a real kube-apiserver, etcd and kube-controller-manager (built from the
# Kubernetes Go modules by hack/control-plane/build.sh and cached), Proctor's CRDs, the packaged operator, and
# a local pod executor that stands in for kubelet and runs a fake runner for each shard pod. Creates one run,
# prints its progress like `kubectl get tsr -w`, then its verdict, and stops everything (also on Ctrl-C).
#
#   hack/demo.sh                          # runs examples/runs/smoke.yaml
#   hack/demo.sh path/to/run.yaml         # any TestSuiteRun manifest (namespace default)
#   PROCTOR_KEEP=1 hack/demo.sh           # keep the control plane's logs and data afterwards
#
# Needs Java 17 and, on the first run only, Go 1.26 (to build the Kubernetes binaries, ~7 min).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MANIFEST="$(realpath "${1:-$ROOT/examples/runs/smoke.yaml}")"
cd "$ROOT"

echo "== building the Kubernetes binaries (cached after the first time)"
hack/control-plane/build.sh | tail -n1

JAR="$ROOT/operator/target/quarkus-app/quarkus-run.jar"
CP_FILE="$ROOT/test-cluster/target/runtime.classpath"   # written per module by dependency:build-classpath
if [[ ! -f "$JAR" || ! -f "$CP_FILE" || -n "$(find core/src test-cluster/src operator/src/main -newer "$CP_FILE" -type f -print -quit)" ]]; then
  echo "== building the operator and the test control plane (./mvnw package)"
  ./mvnw -B -q -pl test-cluster,operator -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime
fi
CLASSPATH="$ROOT/test-cluster/target/classes:$(cat "$CP_FILE")"

KEEP=()
[[ -n "${PROCTOR_KEEP:-}" ]] && KEEP=(-Dproctor.keep=true)
# exec: Ctrl-C reaches the JVM, whose shutdown hooks stop the operator, the executor and the control plane
exec java "${KEEP[@]}" -cp "$CLASSPATH" dev.proctor.testcluster.Demo "$ROOT" "$JAR" "$MANIFEST"
