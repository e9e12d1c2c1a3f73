#!/usr/bin/env bash
# The self-contained local demo: a real kube-apiserver, etcd and kube-controller-manager (built from the
# Kubernetes Go modules by hack/control-plane/build.sh and cached), Proctor's CRDs, the packaged operator, the
# TechShop demo app on 127.0.0.1, and a local pod executor that stands in for kubelet and runs every shard pod as
# the real runner with the TechShop suite in Chromium. Creates one run (its baseUrl pointed at the local app),
# prints its progress like `kubectl get tsr -w`, then its verdict, and stops everything (also on Ctrl-C).
#
#   hack/demo.sh                          # runs examples/techshop/smoke-run.yaml: 3 shards, real browser tests
#   hack/demo.sh path/to/run.yaml         # any TestSuiteRun of the TechShop suite (namespace default)
#   PROCTOR_DEMO_RUNNER=fake hack/demo.sh examples/runs/smoke.yaml   # the fake runner: no browser, no app
#   PROCTOR_KEEP=1 hack/demo.sh           # keep the control plane's logs and data afterwards
#   hack/demo.sh --real-node [run.yaml]   # the same on a real node: kubelet + containerd running Proctor's images
#                                         # (built with buildah from its Dockerfiles), the operator helm-installed
#
# Needs Java 17, Debian's Chromium (/usr/bin/chromium; .ci/run installs it) and, on the first run only, Go 1.26
# (to build the Kubernetes binaries, ~7 min). --real-node needs root and what .ci/run installs (containerd, runc,
# the CNI plugins, iptables, buildah, mmdebstrap); the first time it also builds kubelet & co. and the images.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REAL_NODE=()
if [[ "${1:-}" == --real-node ]]; then REAL_NODE=(--real-node); shift; fi
MANIFEST="$(realpath "${1:-$ROOT/examples/techshop/smoke-run.yaml}")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ${#REAL_NODE[@]} -eq 0 && "${PROCTOR_DEMO_RUNNER:-}" != fake && ! -x /usr/bin/chromium ]]; then
  echo "Chromium is missing: apt-get install -y chromium (or PROCTOR_DEMO_RUNNER=fake for the fake runner)" >&2
  exit 1
fi
cd "$ROOT"

echo "== building the Kubernetes binaries (cached after the first time)"
hack/control-plane/build.sh | tail -n1
[[ ${#REAL_NODE[@]} -eq 0 ]] || hack/node/build.sh | tail -n1

JAR="$ROOT/operator/target/quarkus-app/quarkus-run.jar"
CP_FILE="$ROOT/test-cluster/target/runtime.classpath"   # written per module by dependency:build-classpath
if [[ ! -f "$JAR" || ! -f "$CP_FILE" || -n "$(find core/src test-cluster/src operator/src/main runner-image/*/src/main examples/techshop/*/src/main -newer "$CP_FILE" -type f -print -quit)" ]]; then
  echo "== building the operator, the runner, the TechShop app and suite, and the test control plane (./mvnw package)"
  ./mvnw -B -q -pl test-cluster,operator,runner-image/runner,examples/techshop/app,examples/techshop/suite -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime
fi
CLASSPATH="$ROOT/test-cluster/target/classes:$(cat "$CP_FILE")"

KEEP=()
[[ -n "${PROCTOR_KEEP:-}" ]] && KEEP=(-Dproctor.keep=true)
# exec: Ctrl-C reaches the JVM, whose shutdown hooks stop the operator, the executor and the control plane
exec java "${KEEP[@]}" -cp "$CLASSPATH" dev.proctor.testcluster.Demo "$ROOT" "$JAR" "$MANIFEST" "${REAL_NODE[@]}"
