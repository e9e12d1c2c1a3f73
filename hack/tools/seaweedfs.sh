#!/usr/bin/env bash
# Builds SeaweedFS (an S3-compatible object store, one `weed` binary) from its public Go module and
# caches it, for the artifact-store tests on 127.0.0.1. No prebuilt binaries are downloaded: only Go
# modules through the normal Go module proxy / module cache. Nothing is copied into the repository.
#
#   hack/tools/seaweedfs.sh                   # build weed if missing; last stdout line = the weed binary
#   PROCTOR_SEAWEEDFS_CACHE=/some/dir ...     # other cache location (default ~/.cache/proctor/seaweedfs/<version>)
#   PROCTOR_BUILD_JOBS=2 seaweedfs.sh         # limit parallelism (GOMAXPROCS and go build -p)
#   PROCTOR_BUILD_NICE=19 seaweedfs.sh        # niceness of the go commands (default 19)
#
# Conventions as in hack/control-plane/build.sh: idempotent, serialised by flock, progress on stderr.
set -euo pipefail

# ---- pinned versions -------------------------------------------------------------------------
SEAWEEDFS_VERSION="v0.0.0-20261109003541-7506e5f91cd6"   # github.com/seaweedfs/seaweedfs (a pseudo-version:
                                                         # the project tags releases as 3.x/4.x, not as Go
                                                         # module versions)
MIN_GO="1.26.0"
# ----------------------------------------------------------------------------------------------

CACHE_DIR="${PROCTOR_SEAWEEDFS_CACHE:-$HOME/.cache/proctor/seaweedfs/$SEAWEEDFS_VERSION}"
BIN_DIR="$CACHE_DIR/bin"
WEED_BIN="$BIN_DIR/weed"
JOBS="${PROCTOR_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"
NICE="${PROCTOR_BUILD_NICE:-19}"

log() { echo "[seaweedfs.sh] $*" >&2; }
die() { echo "[seaweedfs.sh] ERROR: $*" >&2; exit 1; }

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$1'" ;;
esac

# The build records the module version it was built from next to the binary; `weed version` prints
# the project's own release number, which a pseudo-version does not pin.
weed_ok() {
  [[ -x "$WEED_BIN" ]] && [[ "$(cat "$CACHE_DIR/MODULE" 2>/dev/null)" == "$SEAWEEDFS_VERSION" ]] &&
    "$WEED_BIN" version >/dev/null 2>&1
}

if weed_ok; then
  log "cached: weed ($SEAWEEDFS_VERSION) in $BIN_DIR"
  echo "$WEED_BIN"
  exit 0
fi

# ---- prerequisites ---------------------------------------------------------------------------
command -v go >/dev/null || die "go not found on PATH (need Go >= $MIN_GO)"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"   # never download a toolchain behind our back
GO_VERSION="$(go env GOVERSION)"
if [[ "$(printf '%s\n%s\n' "$MIN_GO" "${GO_VERSION#go}" | sort -V | head -n1)" != "$MIN_GO" ]]; then
  die "$GO_VERSION is too old, seaweedfs $SEAWEEDFS_VERSION needs Go >= $MIN_GO"
fi
export CGO_ENABLED=0
export GOMAXPROCS="$JOBS"
export GOFLAGS="${GOFLAGS:-} -p=$JOBS -buildvcs=false"
export GOWORK=off
gocmd() { nice -n "$NICE" go "$@"; }

mkdir -p "$BIN_DIR"
# Several test JVMs may start at once: only one builds, the others wait and then see "cached".
exec 9>"$CACHE_DIR/.build.lock"
if ! flock -n 9; then
  log "another build holds $CACHE_DIR/.build.lock, waiting…"
  flock 9
  if weed_ok; then echo "$WEED_BIN"; exit 0; fi
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/proctor-seaweedfs-build.XXXXXX")"
cleanup() { rm -rf "$WORK"; rm -f "$BIN_DIR"/.*.tmp.$$; }
trap cleanup EXIT

T0=$SECONDS
elapsed() { echo "$((SECONDS - ${1:-$T0}))s"; }
log "go $GO_VERSION, GOMAXPROCS=$GOMAXPROCS, -p=$JOBS, nice $NICE; GOMODCACHE=$(go env GOMODCACHE)"
log "cache: $CACHE_DIR"

# The module's own go.mod carries the replace directives its build needs; a replace is ignored for
# a dependency, so the module is built in its own (extracted, read-only) folder, as `go install
# module@version` would refuse to. The module cache copy is read-only: build with -modcacherw off,
# and keep go.sum checks as they are (the module ships its go.sum).
log "downloading github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION …"
t=$SECONDS
SRC="$(cd "$WORK" && GOFLAGS=-mod=mod gocmd mod download -json "github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
[[ -d "$SRC" ]] || die "could not download github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION"
log "downloaded in $(elapsed $t): $SRC"
cp -r "$SRC" "$WORK/src"
chmod -R u+w "$WORK/src"

t=$SECONDS
log "building weed (github.com/seaweedfs/seaweedfs/weed) … (a cold build takes minutes)"
tmp="$BIN_DIR/.weed.tmp.$$"
(cd "$WORK/src" && gocmd build -trimpath -ldflags "-s -w" -o "$tmp" ./weed) || die "go build of weed failed"
mv -f "$tmp" "$WEED_BIN"
echo "$SEAWEEDFS_VERSION" >"$CACHE_DIR/MODULE"
weed_ok || die "weed was built but does not run: '$("$WEED_BIN" version 2>&1 || true)'"
log "built weed in $(elapsed $t): $("$WEED_BIN" version 2>/dev/null | head -n1)"

cat >"$CACHE_DIR/VERSIONS" <<EOV
github.com/seaweedfs/seaweedfs $SEAWEEDFS_VERSION ($("$WEED_BIN" version 2>/dev/null | head -n1))
built with $GO_VERSION on $(date -u +%Y-%m-%dT%H:%M:%SZ)
EOV
log "done in $(elapsed); cache $(du -sh "$CACHE_DIR" | cut -f1) ($CACHE_DIR)"
echo "$WEED_BIN"
