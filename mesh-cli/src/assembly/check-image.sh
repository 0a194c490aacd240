#!/usr/bin/env bash
# Checks the runtime image (Maven verify phase; fails the build on any miss): its bin/mesh --version
# runs on the bundled runtime with the class-data archive mapped (-Xshare:on ends the JVM when the
# archive cannot be used) and mesh's own classes coming from it; then the same after the image has
# been moved, where bin/mesh makes the archive for the new place once.
#
# usage: check-image.sh IMAGE
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: check-image.sh IMAGE" >&2; exit 2; }
image=$(cd "$1" && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# check_version HOME LABEL: bin/mesh --version with -Xshare:on; the class-load log proves the archive served mesh.
check_version() {
  local home=$1 label=$2 log=$work/$2.classes paths=$work/$2.paths
  MESH_JAVA_OPTS="-Xshare:on -Xlog:class+load=info:file=$log -Xlog:class+path=info:file=$paths" \
    JAVA_HOME=/nonexistent "$home/bin/mesh" --version > "$work/$label.out" 2> "$work/$label.err" \
    || { echo "check-image: $label: bin/mesh --version failed (archive not usable?)" >&2; cat "$work/$label.err" >&2; exit 1; }
  grep -q '^mesh ' "$work/$label.out" || { echo "check-image: $label: no version printed" >&2; exit 1; }
  ! grep -q 'creating the class-data archive' "$work/$label.err" \
    || { echo "check-image: $label: bin/mesh made an archive although one was there for this place" >&2; exit 1; }
  grep -q "bootstrap loader class path=$home/runtime/lib/modules" "$paths" \
    || { echo "check-image: $label: not running on the bundled runtime" >&2; exit 1; }
  grep -q 'dev\.mesh\.cli\.Main source: shared objects file' "$log" \
    || { echo "check-image: $label: mesh's classes were not loaded from the archive" >&2; exit 1; }
  echo "check-image: $label: --version on the bundled runtime, $(grep -c 'source: shared objects file' "$log") classes" \
    "from the archive, $(grep -vc 'source: shared objects file' "$log") outside it"
}

check_version "$image" built

cp -pR "$image" "$work/moved"
"$work/moved/bin/mesh" --version > /dev/null 2> "$work/moved.first.err"
grep -q 'creating the class-data archive' "$work/moved.first.err" \
  || { echo "check-image: moved: the first run did not make a new archive" >&2; cat "$work/moved.first.err" >&2; exit 1; }
check_version "$work/moved" moved
