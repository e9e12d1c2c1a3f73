#!/usr/bin/env bash
# Smoke test of the test control plane: starts etcd, kube-apiserver and kube-controller-manager
# (built and cached by build.sh) on 127.0.0.1 with random free ports, proves that CRD/CEL
# validation, the Job controller, garbage collection, leader election and server-side apply
# work, then stops everything. Not the final launcher (that will be a JUnit 5 extension).
#
#   hack/control-plane/up.sh            # run the smoke checks, clean up
#   PROCTOR_HOLD=1 up.sh                # keep running after the checks until Ctrl-C
#   PROCTOR_KEEP=1 up.sh                # keep the work dir (certs, logs, etcd data) afterwards
#   PROCTOR_AUTH=token up.sh            # bearer token + apiserver self-signed cert instead of our CA
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
BIN_DIR="$("$HERE/build.sh" | tail -n1)"
for b in etcd kube-apiserver kube-controller-manager kubectl; do
  [[ -x "$BIN_DIR/$b" ]] || { echo "missing $BIN_DIR/$b" >&2; exit 1; }
done
command -v openssl >/dev/null || { echo "openssl is needed to generate the certificates" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed for the health checks" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/proctor-cp.XXXXXX")"
PIDS=()
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
now_ms() { date +%s%3N; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # Stop in reverse start order (controller-manager, apiserver, etcd), each one fully, so that
  # the apiserver does not spend its shutdown retrying a dead etcd.
  local i pid t
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid="${PIDS[i]}" t=$(now_ms)
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "stopped pid $pid in $(($(now_ms) - t)) ms" >&2
  done
  if ((rc != 0 && rc != 130 && rc != 143)); then
    for f in etcd kube-apiserver kube-controller-manager; do
      [[ -f "$WORK/$f.log" ]] && { echo "---- last lines of $f.log"; tail -n 25 "$WORK/$f.log"; } >&2
    done
  fi
  if [[ -n "${PROCTOR_KEEP:-}" ]]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free TCP port on 127.0.0.1 (the kernel picks it; tiny race until the server binds it).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for <what> <seconds> <command…>: polls the command every 100 ms.
wait_for() {
  local what="$1" secs="$2"; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { echo "timed out after ${secs}s waiting for $what" >&2; return 1; }
    sleep 0.1
  done
}

T_START=$(now_ms)

# ---- credentials -----------------------------------------------------------------------------
# PROCTOR_AUTH=certs (default): our own CA, apiserver serving cert, admin client cert
#   (O=system:masters); everything made with openssl.
# PROCTOR_AUTH=token: what a JVM can do without openssl or BouncyCastle: the apiserver writes
#   a self-signed serving cert (plus its CA) to --cert-dir, the admin authenticates with a
#   bearer token from --token-auth-file. Only the service-account RSA key is generated (the
#   JDK's KeyPairGenerator can do that; here openssl stands in).
AUTH="${PROCTOR_AUTH:-certs}"
PKI="$WORK/pki"; mkdir -p "$PKI"
(
  cd "$PKI"
  # Service-account token signing key (RSA: the most widely understood JWT algorithm, RS256).
  # The apiserver accepts the private key for --service-account-key-file too.
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out sa.key 2>/dev/null
  [[ "$AUTH" == certs ]] || exit 0
  ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
  ec_key ca.key
  openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=proctor-test-ca" -out ca.crt \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
  sign() { # sign <name> <subject> <extensions>
    ec_key "$1.key"
    openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
    printf '%s\n' "$3" >"$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 3650 \
      -extfile "$1.ext" -out "$1.crt" 2>/dev/null
  }
  sign apiserver "/CN=kube-apiserver" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  sign admin "/O=system:masters/CN=proctor-admin" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
)
case "$AUTH" in
  certs)
    API_AUTH_FLAGS=(--tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key"
      --client-ca-file="$PKI/ca.crt")
    CA_FILE="$PKI/ca.crt"
    KCM_AUTH_FLAGS=(--client-ca-file="$PKI/ca.crt")
    CURL_AUTH=(--cert "$PKI/admin.crt" --key "$PKI/admin.key")
    KUBECONFIG_USER="    client-certificate: $PKI/admin.crt
    client-key: $PKI/admin.key"
    ;;
  token)
    TOKEN="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    echo "$TOKEN,proctor-admin,proctor-admin,system:masters" >"$PKI/tokens.csv"
    API_AUTH_FLAGS=(--token-auth-file="$PKI/tokens.csv")
    CA_FILE="$WORK/apiserver-certs/apiserver.crt"   # self-signed cert + its CA, written at start
    KCM_AUTH_FLAGS=()
    CURL_AUTH=(-H "Authorization: Bearer $TOKEN")
    KUBECONFIG_USER="    token: $TOKEN"
    ;;
  *) echo "PROCTOR_AUTH must be certs or token" >&2; exit 2 ;;
esac
T_PKI=$(now_ms)

ETCD_PORT=$(free_port); ETCD_PEER_PORT=$(free_port); API_PORT=$(free_port); KCM_PORT=$(free_port)
echo "work dir $WORK; ports: etcd $ETCD_PORT (peer $ETCD_PEER_PORT), apiserver $API_PORT, kcm $KCM_PORT"

# ---- etcd ------------------------------------------------------------------------------------
"$BIN_DIR/etcd" \
  --name=proctor \
  --data-dir="$WORK/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="proctor=http://127.0.0.1:$ETCD_PEER_PORT" \
  --unsafe-no-fsync=true \
  --log-level=warn \
  >"$WORK/etcd.log" 2>&1 &
PIDS+=($!)
wait_for "etcd /health" 30 curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
T_ETCD=$(now_ms)

# ---- kube-apiserver --------------------------------------------------------------------------
"$BIN_DIR/kube-apiserver" \
  --bind-address=127.0.0.1 \
  --advertise-address=127.0.0.1 \
  --secure-port="$API_PORT" \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --cert-dir="$WORK/apiserver-certs" \
  "${API_AUTH_FLAGS[@]}" \
  --service-account-issuer=https://kubernetes.default.svc \
  --service-account-key-file="$PKI/sa.key" \
  --service-account-signing-key-file="$PKI/sa.key" \
  --authorization-mode=RBAC \
  --service-cluster-ip-range=10.0.0.0/24 \
  --endpoint-reconciler-type=none \
  --profiling=false \
  >"$WORK/kube-apiserver.log" 2>&1 &
PIDS+=($!)

KUBECONFIG="$WORK/admin.kubeconfig"
export KUBECONFIG
cat >"$KUBECONFIG" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: proctor
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $CA_FILE
users:
- name: proctor-admin
  user:
$KUBECONFIG_USER
contexts:
- name: proctor
  context: {cluster: proctor, user: proctor-admin}
current-context: proctor
EOF

readyz() {
  [[ -f "$CA_FILE" ]] && curl -fsS --cacert "$CA_FILE" "${CURL_AUTH[@]}" "https://127.0.0.1:$API_PORT/readyz"
}
wait_for "kube-apiserver /readyz" 60 readyz
T_API=$(now_ms)

# ---- kube-controller-manager -----------------------------------------------------------------
CONTROLLERS=job-controller,cronjob-controller,garbage-collector-controller,ttl-after-finished-controller
CONTROLLERS+=,namespace-controller,serviceaccount-controller,serviceaccount-token-controller
CONTROLLERS+=,root-ca-certificate-publisher-controller
"$BIN_DIR/kube-controller-manager" \
  --kubeconfig="$KUBECONFIG" \
  --authentication-skip-lookup=true \
  "${KCM_AUTH_FLAGS[@]}" \
  --authorization-kubeconfig="$KUBECONFIG" \
  --bind-address=127.0.0.1 \
  --secure-port="$KCM_PORT" \
  --controllers="$CONTROLLERS" \
  --leader-elect=true \
  --use-service-account-credentials=false \
  --root-ca-file="$CA_FILE" \
  --service-account-private-key-file="$PKI/sa.key" \
  --cluster-name=proctor \
  --profiling=false \
  >"$WORK/kube-controller-manager.log" 2>&1 &
PIDS+=($!)
wait_for "kube-controller-manager /healthz" 60 curl -fsSk "https://127.0.0.1:$KCM_PORT/healthz"
T_KCM=$(now_ms)
kc() { "$BIN_DIR/kubectl" "$@"; }
lease_holder() { kc -n kube-system get lease kube-controller-manager -o 'jsonpath={.spec.holderIdentity}'; }
wait_for "kube-controller-manager leader lease" 60 lease_holder
T_LEADER=$(now_ms)

ms() { echo "$(( $2 - $1 )) ms"; }
say "start-up"
echo "credentials ($AUTH)     $(ms "$T_START" "$T_PKI")"
echo "etcd healthy            $(ms "$T_PKI" "$T_ETCD")"
echo "kube-apiserver ready    $(ms "$T_ETCD" "$T_API")"
echo "controller-manager up   $(ms "$T_API" "$T_KCM") (healthz), leader after $(ms "$T_API" "$T_LEADER")"
echo "total                   $(ms "$T_START" "$T_LEADER")"

# ---- smoke checks ----------------------------------------------------------------------------
say "kubectl version / get --raw /readyz"
kc version
kc get --raw /readyz; echo
echo "controller-manager leader: $(lease_holder)"

say "namespace"
kc create namespace proctor-smoke
NS=(-n proctor-smoke)

say "CRD with a CEL rule (x-kubernetes-validations)"
cat >"$WORK/crd.yaml" <<'EOF'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.smoke.proctor.dev
spec:
  group: smoke.proctor.dev
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [min, max]
            properties:
              min: {type: integer, minimum: 0}
              max: {type: integer}
            x-kubernetes-validations:
            - rule: "self.min <= self.max"
              message: "spec.min must not exceed spec.max"
              fieldPath: ".min"
EOF
kc apply --server-side -f "$WORK/crd.yaml"
kc wait --for condition=established --timeout=30s crd/widgets.smoke.proctor.dev
printf 'apiVersion: smoke.proctor.dev/v1\nkind: Widget\nmetadata: {name: good}\nspec: {min: 1, max: 3}\n' |
  kc "${NS[@]}" apply -f -
echo "-- a bad Widget (min > max) must be refused:"
if printf 'apiVersion: smoke.proctor.dev/v1\nkind: Widget\nmetadata: {name: bad}\nspec: {min: 5, max: 3}\n' |
  kc "${NS[@]}" apply -f - 2>"$WORK/bad.err"; then
  echo "FAIL: the bad Widget was accepted" >&2; exit 1
fi
cat "$WORK/bad.err"
grep -q "spec.min must not exceed spec.max" "$WORK/bad.err"

say "Job -> Pod (job controller), no kubelet so the Pod stays Pending"
kc "${NS[@]}" create job smoke --image=busybox:1.36 -- echo hello
wait_for "a Pod of job smoke" 60 bash -c "[[ -n \"\$('$BIN_DIR/kubectl' -n proctor-smoke get pods -l job-name=smoke -o name)\" ]]"
kc "${NS[@]}" get pods -l job-name=smoke -o wide
POD="$(kc "${NS[@]}" get pods -l job-name=smoke -o jsonpath='{.items[0].metadata.name}')"
echo "owner of $POD: $(kc "${NS[@]}" get pod "$POD" -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'), finalizers: $(kc "${NS[@]}" get pod "$POD" -o jsonpath='{.metadata.finalizers}'), serviceAccount: $(kc "${NS[@]}" get pod "$POD" -o jsonpath='{.spec.serviceAccountName}')"

say "delete the Job (propagationPolicy=Background) -> garbage collector deletes the Pod"
kc "${NS[@]}" delete job smoke --cascade=background
T_DEL=$(now_ms)
wait_for "Pod $POD to be garbage-collected" 60 bash -c "! '$BIN_DIR/kubectl' -n proctor-smoke get pod '$POD' >/dev/null 2>&1"
echo "Pod $POD is gone after $(ms "$T_DEL" "$(now_ms)")"
kc "${NS[@]}" get pods

say "server-side apply (field ownership and conflicts)"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\ndata: {color: blue}\n' |
  kc "${NS[@]}" apply --server-side --field-manager=proctor -f -
kc "${NS[@]}" get configmap ssa -o jsonpath='{range .metadata.managedFields[*]}manager={.manager} operation={.operation}{"\n"}{end}'
echo "-- another manager changing the same field must conflict:"
if printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\ndata: {color: red}\n' |
  kc "${NS[@]}" apply --server-side --field-manager=someone-else -f - 2>"$WORK/ssa.err"; then
  echo "FAIL: no conflict" >&2; exit 1
fi
cat "$WORK/ssa.err"

say "namespace deletion (namespace controller)"
kc delete namespace proctor-smoke --wait=true --timeout=60s

say "all smoke checks passed"
if [[ -n "${PROCTOR_HOLD:-}" ]]; then
  echo "KUBECONFIG=$KUBECONFIG   (Ctrl-C to stop)"
  wait
fi
