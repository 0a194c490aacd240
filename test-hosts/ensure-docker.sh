#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock and debootstrap is installed.
# Idempotent: installs docker.io/debootstrap with apt-get only when missing, starts dockerd in
# the background only when `docker info` does not answer. Run as root (CI runs as root).
#
# Environment:
#   MESH_DOCKERD_LOG            dockerd log file          (default /var/log/mesh-dockerd.log)
#   MESH_DOCKERD_WAIT_SECONDS   how long to wait for it    (default 60)
#   MESH_DOCKER_STORAGE_DRIVER  force a storage driver     (default: dockerd's choice, vfs fallback)
set -euo pipefail
export LOG_TAG=ensure-docker
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

DOCKERD_LOG=${MESH_DOCKERD_LOG:-/var/log/mesh-dockerd.log}
WAIT_SECONDS=${MESH_DOCKERD_WAIT_SECONDS:-60}

[ "$(id -u)" = 0 ] || die "must run as root (installs packages, starts dockerd)"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

install_missing_packages() {
    local missing=() p
    for p in docker.io debootstrap debian-archive-keyring; do
        installed "$p" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && { log "packages present: docker.io debootstrap"; return; }
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Refresh the package lists only when the install cannot be resolved from the current ones.
    if ! apt-get install -y -q "${missing[@]}" </dev/null; then
        log "install failed with current package lists; running apt-get update"
        apt-get update -q </dev/null
        apt-get install -y -q "${missing[@]}" </dev/null
    fi
}

docker_answers() { docker info >/dev/null 2>&1; }

wait_for_docker() {
    local deadline=$((SECONDS + WAIT_SECONDS))
    while ! docker_answers; do
        [ $SECONDS -lt $deadline ] || return 1
        kill -0 "$1" 2>/dev/null || return 1   # dockerd already exited
        sleep 0.5
    done
}

# Starts dockerd detached from this shell (it must outlive the CI script's phases).
start_dockerd() {
    log "starting dockerd${*:+ $*} (log: $DOCKERD_LOG)"
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    setsid dockerd "$@" >>"$DOCKERD_LOG" 2>&1 </dev/null &
    DOCKERD_PID=$!
    if ! wait_for_docker "$DOCKERD_PID"; then
        log "dockerd did not answer within ${WAIT_SECONDS}s; last log lines:"
        tail -n 20 "$DOCKERD_LOG" >&2 || true
        stop_our_dockerd
        return 1
    fi
    log "dockerd (pid $DOCKERD_PID) answers: $(docker info -f '{{.ServerVersion}}, storage {{.Driver}}, cgroup v{{.CgroupVersion}}')"
}

stop_our_dockerd() {
    kill "$DOCKERD_PID" 2>/dev/null || return 0
    for _ in $(seq 1 40); do kill -0 "$DOCKERD_PID" 2>/dev/null || return 0; sleep 0.25; done
    kill -9 "$DOCKERD_PID" 2>/dev/null || true
}

# A container's root filesystem is mounted by the storage driver only when it starts. Some
# nested setups accept overlay2 at daemon start but fail the mount, so start a container from
# a one-file image: "no such file" for the missing command means the mount worked.
storage_driver_mounts() {
    local out
    if ! docker image inspect mesh-test/storage-probe >/dev/null 2>&1; then
        tar -c -C /etc --numeric-owner hostname 2>/dev/null \
            | docker import - mesh-test/storage-probe >/dev/null
    fi
    out=$(docker run --rm --network none mesh-test/storage-probe /no-such-command 2>&1) && return 0
    if grep -qiE 'no such file|not found' <<<"$out"; then return 0; fi
    log "container start failed with storage driver $(docker info -f '{{.Driver}}'): $out"
    return 1
}

install_missing_packages

if docker_answers; then
    log "docker already answers: $(docker info -f '{{.ServerVersion}}, storage {{.Driver}}')"
    exit 0
fi

# A dockerd killed with SIGKILL (a session or CI run being torn down) leaves its pid file behind,
# and a new dockerd then refuses to start ("pid file found"). Remove it when no such process runs.
remove_stale_pid_file() {
    local file=/var/run/docker.pid pid
    [ -f "$file" ] || return 0
    pid=$(cat "$file" 2>/dev/null || true)
    if [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = dockerd ]; then
        die "dockerd (pid $pid) runs but does not answer; stop it or see $DOCKERD_LOG"
    fi
    log "removing stale $file (pid ${pid:-?} is not running)"
    rm -f "$file"
}
remove_stale_pid_file

args=()
[ -n "${MESH_DOCKER_STORAGE_DRIVER:-}" ] && args+=(--storage-driver "$MESH_DOCKER_STORAGE_DRIVER")
if ! start_dockerd "${args[@]}"; then
    # Without a usable iptables (no nat table in a restricted container) dockerd refuses to
    # start; it can run without it, but then bridge containers have no NAT to the mirror.
    if grep -qi iptables "$DOCKERD_LOG"; then
        log "WARNING: retrying with --iptables=false: containers on bridge networks will NOT reach the package mirror"
        start_dockerd "${args[@]}" --iptables=false || die "dockerd does not start; see $DOCKERD_LOG"
        args+=(--iptables=false)
    else
        die "dockerd does not start; see $DOCKERD_LOG"
    fi
fi

if ! storage_driver_mounts; then
    [ "$(docker info -f '{{.Driver}}')" != vfs ] || die "containers do not start even with vfs; see $DOCKERD_LOG"
    log "falling back to the vfs storage driver (slower, more disk; images must be rebuilt)"
    stop_our_dockerd
    start_dockerd "${args[@]}" --storage-driver vfs || die "dockerd does not start with vfs; see $DOCKERD_LOG"
    storage_driver_mounts || die "containers do not start even with vfs; see $DOCKERD_LOG"
fi
