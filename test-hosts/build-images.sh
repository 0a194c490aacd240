#!/usr/bin/env bash
# Builds the Debian test-host images without any container registry:
#   mesh-test/debian:SUITE  debootstrap'ed minbase root filesystem, imported with `docker import`
#   mesh-test/sshd:SUITE    + full apt sources, host keys, /run/sshd; CMD sshd -D -e (sshd/Dockerfile)
# for SUITE in $MESH_TEST_SUITES (default "bookworm trixie"). The mirror is the one this
# machine's apt uses. Every step is skipped when its result exists with the same recipe (image
# label dev.mesh.test.recipe), and the debootstrap result is cached as a tarball in
# $MESH_TEST_CACHE (default /var/cache/mesh-test-hosts), so a second run costs seconds.
# mesh-test/systemd:SUITE (systemd as PID 1, systemd/Dockerfile) is built for the suites in
# MESH_TEST_SYSTEMD: default "bookworm" (mesh-cli's SystemdHostTest needs it, ~20 s cold), "1" = every
# suite, "0" = none.
# Needs a running engine and debootstrap: run ensure-docker.sh first. Run as root.
set -euo pipefail
export LOG_TAG=build-images
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"

SUITES=${MESH_TEST_SUITES:-bookworm trixie}
case ${MESH_TEST_SYSTEMD:-bookworm} in
    0) SYSTEMD_SUITES="" ;;
    1) SYSTEMD_SUITES=$SUITES ;;
    *) SYSTEMD_SUITES=${MESH_TEST_SYSTEMD:-bookworm} ;;
esac
CACHE=${MESH_TEST_CACHE:-/var/cache/mesh-test-hosts}
PREFIX=mesh-test
INCLUDE=openssh-server,sudo,ca-certificates,curl,procps
# Bump CLEANUP_VERSION when the rootfs cleanup below changes, so cached tarballs are redone.
CLEANUP_VERSION=1

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap)"
command -v debootstrap >/dev/null || die "debootstrap missing: run ensure-docker.sh first"
docker info >/dev/null 2>&1 || die "docker does not answer: run ensure-docker.sh first"

read -r MIRROR SECURITY_MIRROR < <(apt_mirrors)
log "mirror $MIRROR, security mirror $SECURITY_MIRROR"
mkdir -p "$CACHE"

sha() { sha256sum | cut -c1-16; }
image_recipe() { docker image inspect -f '{{index .Config.Labels "dev.mesh.test.recipe"}}' "$1" 2>/dev/null || true; }

# The debootstrap recipe does not include the mirror: every Debian mirror serves the same suite.
base_recipe() { printf 'minbase %s %s %s\n' "$1" "$INCLUDE" "$CLEANUP_VERSION" | sha; }

# Removes a (possibly half-built) rootfs; debootstrap may leave /proc and /sys mounted in it.
remove_rootfs() {
    local root=$1 m
    [ -d "$root" ] || return 0
    for m in $(awk -v r="$root" 'index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r); do
        umount -l "$m" || true
    done
    rm -rf --one-file-system "$root"
}

# Writes $CACHE/debian-SUITE-RECIPE.tar from a fresh debootstrap (unless present).
debootstrap_tarball() {
    local suite=$1 tarball=$2 root
    [ -s "$tarball" ] && { log "$suite: cached rootfs $tarball"; return 0; }
    root=$(mktemp -d "$CACHE/rootfs-$suite.XXXXXX")
    log "$suite: debootstrap from $MIRROR (log: $CACHE/debootstrap-$suite.log)"
    if ! debootstrap --variant=minbase --include="$INCLUDE" "$suite" "$root" "$MIRROR" \
            >"$CACHE/debootstrap-$suite.log" 2>&1 </dev/null; then
        tail -n 20 "$CACHE/debootstrap-$suite.log" >&2
        remove_rootfs "$root"
        die "$suite: debootstrap failed"
    fi
    # Host keys are generated per image build (sshd layer); caches and host identity go.
    rm -f "$root"/etc/ssh/ssh_host_*
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin \
           "$root"/var/lib/apt/lists/* "$root"/var/log/* "$root"/tmp/* "$root"/root/.bash_history
    mkdir -p "$root"/var/lib/apt/lists/partial "$root"/var/cache/apt/archives/partial
    : >"$root"/etc/machine-id
    : >"$root"/etc/resolv.conf
    echo localhost >"$root"/etc/hostname
    tar --numeric-owner -C "$root" -cf "$tarball.part" .
    mv "$tarball.part" "$tarball"
    remove_rootfs "$root"
    log "$suite: rootfs cached as $tarball ($(du -h "$tarball" | cut -f1))"
}

build_base() {
    local suite=$1 image="$PREFIX/debian:$1" recipe tarball
    recipe=$(base_recipe "$suite")
    if [ "$(image_recipe "$image")" = "$recipe" ]; then
        log "$suite: $image up to date"; return 0
    fi
    tarball="$CACHE/debian-$suite-$recipe.tar"
    debootstrap_tarball "$suite" "$tarball"
    docker import -c "LABEL dev.mesh.test.recipe=$recipe" - "$image" <"$tarball" >/dev/null
    log "$suite: imported $image"
}

# build_layer IMAGE DIR FROM: docker build DIR (a Dockerfile with ARG SUITE) into IMAGE.
build_layer() {
    local suite=$1 image=$2 dir=$3 from=$4 recipe out
    # Rebuild when the Dockerfile, the mirrors or the image below change.
    recipe=$( { cat "$dir/Dockerfile"; echo "$MIRROR $SECURITY_MIRROR";
                docker image inspect -f '{{.Id}}' "$from"; } | sha)
    if [ "$(image_recipe "$image")" = "$recipe" ]; then
        log "$suite: $image up to date"; return 0
    fi
    log "$suite: building $image"
    # Classic builder, as on the test machines (Testcontainers' ImageFromDockerfile uses it too);
    # its output (incl. a "legacy builder is deprecated" notice) is shown only on failure.
    if ! out=$(DOCKER_BUILDKIT=0 docker build -t "$image" \
            --build-arg SUITE="$suite" --build-arg MIRROR="$MIRROR" \
            --build-arg SECURITY_MIRROR="$SECURITY_MIRROR" --build-arg RECIPE="$recipe" \
            "$dir" 2>&1); then
        printf '%s\n' "$out" >&2
        die "$suite: docker build of $image failed"
    fi
    log "$suite: built $image"
}

# Base images in parallel (debootstrap is mostly waiting on the mirror and dpkg), then layers.
pids=()
for suite in $SUITES; do
    build_base "$suite" & pids+=("$!")
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ $failed = 0 ] || die "base image build failed"
for suite in $SUITES; do
    build_layer "$suite" "$PREFIX/sshd:$suite" "$HERE/sshd" "$PREFIX/debian:$suite"
    case " ${SYSTEMD_SUITES} " in *" $suite "*)
        build_layer "$suite" "$PREFIX/systemd:$suite" "$HERE/systemd" "$PREFIX/sshd:$suite" ;;
    esac
done
docker image ls "$PREFIX/*" >&2
