#!/usr/bin/env bash
# Builds Proctor's four images with buildah from the project's own Dockerfiles, unchanged, and the pause image
# a real node needs; no registry is reached. The Dockerfiles' base, debian:bookworm-slim, is made here from
# Debian's packages with mmdebstrap and tagged with that name, so `FROM debian:bookworm-slim` resolves locally
# (`--pull=never`); their `RUN apt-get` steps install Debian's packages as they would under Docker.
#
#   hack/images/build.sh     # build what is missing; the last stdout line is a list file: "<ref> <oci-archive>" a line
#   PROCTOR_IMAGE_CACHE=dir  # other cache location (default ~/.cache/proctor/images)
#
# Every image is cached as an OCI archive named after a hash of its inputs: its Dockerfile, the files it copies
# (jar entries by name and CRC, so a rebuilt jar with the same classes hits the cache) and its base's key. The
# Maven build must have run first (`./mvnw -B package -DskipTests` or any verify), since the images copy
# target/ folders. Progress goes to stderr; conventions as in hack/control-plane/build.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE_DIR="${PROCTOR_IMAGE_CACHE:-$HOME/.cache/proctor/images}"
VERSION="0.1.0"
SUITE_BASE_REF="docker.io/library/debian:bookworm-slim"
DEBIAN_MIRROR="http://deb.debian.org/debian"
K8S_VERSION="v1.36.3"   # the pause program comes from k8s.io/kubernetes' build/pause/linux/pause.c
PAUSE_REF="registry.k8s.io/pause:3.10"

log() { echo "[images] $*" >&2; }
die() { echo "[images] ERROR: $*" >&2; exit 1; }
for tool in buildah mmdebstrap unzip gcc go sha256sum flock; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y buildah mmdebstrap unzip gcc)"
done

mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.build.lock"
flock 9

# Buildah keeps its storage in /var/lib/containers; chroot isolation needs no runtime inside this machine's VM.
BUILDAH=(buildah --storage-driver=overlay)
BUD=("${BUILDAH[@]}" bud --pull=never --layers --isolation=chroot --format=oci --quiet)
T0=$SECONDS

# Hash of inputs: files by content, jars by their entries' names and CRCs (Maven stamps jar entries with times).
inputs_key() {
  local path
  for path in "$@"; do
    if [[ -d "$path" ]]; then
      find "$path" -type f | LC_ALL=C sort | while read -r f; do file_key "$f"; done
    elif [[ -e "$path" ]]; then
      file_key "$path"
    else
      echo "missing:$path"
    fi
  done | sha256sum | cut -c1-16
}
file_key() {
  case "$1" in
    *.jar) echo "${1#"$ROOT"/} $(unzip -v "$1" | awk 'NR>3 && $7 ~ /^[0-9a-f]{8}$/ {print $7, $8}' | sha256sum | cut -c1-16)" ;;
    *) echo "${1#"$ROOT"/} $(sha256sum <"$1" | cut -c1-16)" ;;
  esac
}

has_image() { "${BUILDAH[@]}" inspect --type image "$1" >/dev/null 2>&1; }

# archive REF KEY: the image REF as a cached OCI archive, written once per key.
archive() {
  local ref="$1" key="$2" name file
  name="$(basename "${ref%%:*}")"
  file="$CACHE_DIR/$name-$key.oci.tar"
  if [[ ! -s "$file" ]]; then
    # uncompressed: gzip of ~4 GB of layers took most of a cold build's 8 min; they stay on this machine
    "${BUILDAH[@]}" push --quiet --disable-compression "$ref" "oci-archive:$file.tmp:$ref" >/dev/null
    mv -f "$file.tmp" "$file"
    find "$CACHE_DIR" -maxdepth 1 -name "$name-*.oci.tar" ! -name "$name-$key.oci.tar" -delete
  fi
  echo "$file"
}

# ---- debian:bookworm-slim from Debian's packages ------------------------------------------------
BASE_KEY="$(printf 'mmdebstrap minbase bookworm %s v1\n' "$DEBIAN_MIRROR" | sha256sum | cut -c1-16)"
label() { "${BUILDAH[@]}" inspect --type image --format "{{index .OCIv1.Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }
if [[ "$(label "$SUITE_BASE_REF" proctor.base-key)" != "$BASE_KEY" ]]; then
  t=$SECONDS
  log "making $SUITE_BASE_REF from Debian's packages (mmdebstrap --variant=minbase bookworm) …"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # as the official image: apt lists dropped, the three suites it lists
  mmdebstrap --quiet --variant=minbase --aptopt='Acquire::Languages "none"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    bookworm "$work/rootfs.tar" \
    "deb $DEBIAN_MIRROR bookworm main" "deb $DEBIAN_MIRROR bookworm-updates main" \
    "deb ${DEBIAN_MIRROR}-security bookworm-security main" >&2
  ctr="$("${BUILDAH[@]}" from --quiet scratch)"
  "${BUILDAH[@]}" add --quiet "$ctr" "$work/rootfs.tar" / >/dev/null
  "${BUILDAH[@]}" config --cmd bash --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --label "proctor.base-key=$BASE_KEY" "$ctr"
  "${BUILDAH[@]}" commit --quiet --rm "$ctr" "$SUITE_BASE_REF" >/dev/null
  rm -rf "$work"
  trap - EXIT
  log "made $SUITE_BASE_REF in $((SECONDS - t))s"
fi

# ---- the project's images -----------------------------------------------------------------------
# build NAME REF CONTEXT DOCKERFILE PARENT_KEY INPUTS...: prints the image's key
build() {
  local name="$1" ref="$2" context="$3" dockerfile="$4" parent="$5"
  shift 5
  local key t
  key="$(echo "$parent $(inputs_key "$dockerfile" "$@")" | sha256sum | cut -c1-16)"
  if [[ "$(label "$ref" dev.proctor.inputs)" != "$key" ]]; then
    for input in "$@"; do [[ -e "$input" ]] || die "$input is missing: build the project first (./mvnw -B package -DskipTests)"; done
    t=$SECONDS
    log "building $ref from ${dockerfile#"$ROOT"/} …"
    "${BUD[@]}" --label "dev.proctor.inputs=$key" -f "$dockerfile" -t "$ref" "$context" >/dev/null
    log "built $ref in $((SECONDS - t))s"
  fi
  echo "$key"
}

shopt -s nullglob
RUNNER_REF="ghcr.io/proctor-dev/runner:$VERSION"
SUITE_REF="ghcr.io/proctor-dev/techshop-suite:$VERSION"
APP_REF="ghcr.io/proctor-dev/techshop-app:$VERSION"
OPERATOR_REF="ghcr.io/proctor-dev/operator:$VERSION"

runner_key="$(build runner "$RUNNER_REF" "$ROOT" "$ROOT/runner-image/Dockerfile" "$BASE_KEY" \
  "$ROOT"/runner-image/runner/target/proctor-runner-*.jar "$ROOT/runner-image/runner/target/lib")"
suite_key="$(build techshop-suite "$SUITE_REF" "$ROOT" "$ROOT/examples/techshop/suite/Dockerfile" "$runner_key" \
  "$ROOT"/examples/techshop/suite/target/techshop-suite-*.jar "$ROOT/examples/techshop/suite/target/lib")"
app_key="$(build techshop-app "$APP_REF" "$ROOT" "$ROOT/examples/techshop/app/Dockerfile" "$BASE_KEY" \
  "$ROOT"/examples/techshop/app/target/techshop-app-*.jar)"
operator_key="$(build operator "$OPERATOR_REF" "$ROOT/operator" "$ROOT/operator/src/main/docker/Dockerfile.jvm" "$BASE_KEY" \
  "$ROOT/operator/target/quarkus-app")"

# ---- the pause image: k8s.io/kubernetes' pause.c, static, alone in an image ---------------------
PAUSE_SRC="$(cd "$CACHE_DIR" && GOTOOLCHAIN=local go mod download -json "k8s.io/kubernetes@$K8S_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')/build/pause/linux/pause.c"
[[ -f "$PAUSE_SRC" ]] || die "no pause.c in the k8s.io/kubernetes@$K8S_VERSION module"
pause_key="$(inputs_key "$PAUSE_SRC")"
if [[ "$(label "$PAUSE_REF" dev.proctor.inputs)" != "$pause_key" ]]; then
  log "building $PAUSE_REF from ${PAUSE_SRC#"$(go env GOMODCACHE)"/} …"
  work="$(mktemp -d)"
  gcc -Os -Wall -Werror -static -DVERSION="$K8S_VERSION-proctor" -o "$work/pause" "$PAUSE_SRC"
  strip "$work/pause"
  ctr="$("${BUILDAH[@]}" from --quiet scratch)"
  "${BUILDAH[@]}" copy --quiet "$ctr" "$work/pause" /pause >/dev/null
  "${BUILDAH[@]}" config --entrypoint '["/pause"]' --user 65535:65535 --label "dev.proctor.inputs=$pause_key" "$ctr"
  "${BUILDAH[@]}" commit --quiet --rm "$ctr" "$PAUSE_REF" >/dev/null
  rm -rf "$work"
fi

LIST="$CACHE_DIR/images.txt"
{
  echo "$PAUSE_REF $(archive "$PAUSE_REF" "$pause_key")"
  echo "$RUNNER_REF $(archive "$RUNNER_REF" "$runner_key")"
  echo "$SUITE_REF $(archive "$SUITE_REF" "$suite_key")"
  echo "$APP_REF $(archive "$APP_REF" "$app_key")"
  echo "$OPERATOR_REF $(archive "$OPERATOR_REF" "$operator_key")"
} >"$LIST.tmp"
mv -f "$LIST.tmp" "$LIST"
"${BUILDAH[@]}" images --format '{{.Name}}:{{.Tag}} {{.Size}}' | grep -E 'proctor-dev|debian|pause' >&2 || true
log "done in $((SECONDS - T0))s"
echo "$LIST"
