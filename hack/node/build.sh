#!/usr/bin/env bash
# Builds the real node's binaries and caches them beside the control plane's (hack/control-plane/build.sh):
# kubelet, kube-proxy and kube-scheduler from k8s.io/kubernetes, CoreDNS from its Go module (cluster DNS) and
# crictl from sigs.k8s.io/cri-tools (pod sandboxes are removed through the CRI on teardown, so that their network
# namespaces go too). containerd, runc, the CNI plugins, iptables, buildah and mmdebstrap are Debian's packages
# (.ci/run installs them). Only Go modules through the Go module proxy; nothing prebuilt is downloaded.
#
#   hack/node/build.sh       # build what is missing; the last stdout line is the bin dir
#
# Cold: kubelet about 7 min on 2 cores (it shares little with the control plane's binaries), the others ~1 min.
set -euo pipefail

COREDNS_VERSION="v1.14.7"    # github.com/coredns/coredns: its root package is the coredns command
CRICTL_VERSION="v1.34.0"     # sigs.k8s.io/cri-tools/cmd/crictl
HERE="$(cd "$(dirname "$0")" && pwd)"
NICE="${PROCTOR_BUILD_NICE:-19}"

log() { echo "[node] $*" >&2; }
die() { echo "[node] ERROR: $*" >&2; exit 1; }

for tool in containerd containerd-shim-runc-v2 ctr runc iptables ip6tables nft ip buildah mmdebstrap gcc; do
  command -v "$tool" >/dev/null || die "$tool not found: apt-get install -y containerd runc containernetworking-plugins iptables nftables iproute2 buildah mmdebstrap gcc"
done
[[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/loopback ]] ||
  die "no CNI plugins in /usr/lib/cni: apt-get install -y containernetworking-plugins"

BIN_DIR="$("$HERE/../control-plane/build.sh" kubelet kube-proxy kube-scheduler | tail -n1)"
[[ -d "$BIN_DIR" ]] || die "the Kubernetes build printed no bin dir"

exec 9>"$BIN_DIR/../.node-build.lock"
flock 9

# go_tool NAME MODULE@VERSION VERSION_TEXT: builds NAME into the bin dir unless it already reports VERSION_TEXT.
go_tool() {
  local name="$1" module="$2" expect="$3" t
  if "$BIN_DIR/$name" --version 2>/dev/null | grep -qF "$expect"; then return 0; fi
  t=$SECONDS
  log "building $name ($module) …"
  GOTOOLCHAIN=local CGO_ENABLED=0 GOWORK=off GOBIN="$BIN_DIR" nice -n "$NICE" \
    go install -trimpath -ldflags "-s -w ${4:-}" "$module" || die "go install $module failed"
  log "built $name in $((SECONDS - t))s"
}
go_tool coredns "github.com/coredns/coredns@$COREDNS_VERSION" "${COREDNS_VERSION#v}"
go_tool crictl "sigs.k8s.io/cri-tools/cmd/crictl@$CRICTL_VERSION" "$CRICTL_VERSION" \
  "-X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION"

echo "$BIN_DIR"
