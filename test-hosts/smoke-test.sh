#!/usr/bin/env bash
# Harness self-check (not a product test): proves mesh-test/sshd:SUITE works here. Builds a
# throwaway layer with a user, an authorized key and a NOPASSWD sudo rule, starts it on an
# isolated docker network with sshd published on a loopback port only, connects ONCE with
# OpenSSH's client (the product uses MINA; this only validates the image), runs `sudo -n true`
# and `apt-get install -y syncthing` (proves the mirror is reachable from the container).
# Usage: smoke-test.sh [SUITE]   (default bookworm). Cleans up everything it creates.
set -euo pipefail
export LOG_TAG=smoke-test
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

SUITE=${1:-bookworm}
NAME=mesh-smoke-$SUITE-$$
WORK=$(mktemp -d)
cleanup() {
    docker rm -f "$NAME" >/dev/null 2>&1 || true
    docker network rm "$NAME" >/dev/null 2>&1 || true
    docker rmi "$NAME" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$WORK/id" -C smoke
cp "$WORK/id.pub" "$WORK/authorized_keys"
echo 'tester ALL=(ALL) NOPASSWD: ALL' >"$WORK/sudoers"
cat >"$WORK/Dockerfile" <<DOCKERFILE
FROM mesh-test/sshd:$SUITE
RUN useradd -m -s /bin/bash tester && mkdir -p /home/tester/.ssh
COPY --chown=tester:tester authorized_keys /home/tester/.ssh/authorized_keys
COPY sudoers /etc/sudoers.d/tester
RUN chown tester:tester /home/tester/.ssh && chmod 700 /home/tester/.ssh \
 && chmod 600 /home/tester/.ssh/authorized_keys && chmod 440 /etc/sudoers.d/tester
DOCKERFILE
DOCKER_BUILDKIT=0 docker build -q -t "$NAME" "$WORK" >/dev/null 2>&1
log "built throwaway layer $NAME"

# Own bridge network (NAT to the mirror via dockerd's iptables rules), sshd on loopback only.
docker network create "$NAME" >/dev/null
docker run -d --name "$NAME" --network "$NAME" -p 127.0.0.1::22 "$NAME" >/dev/null
PORT=$(docker port "$NAME" 22/tcp | sed -n 's/^127\.0\.0\.1://p' | head -n1)
[ -n "$PORT" ] || die "no loopback port published"

# Pin the host key read from the container instead of accepting whatever answers.
sed "s/^/[127.0.0.1]:$PORT /" < <(docker exec "$NAME" cat /etc/ssh/ssh_host_ed25519_key.pub) \
    >"$WORK/known_hosts"
for _ in $(seq 1 100); do
    docker logs "$NAME" 2>&1 | grep -q '^Server listening' && break || sleep 0.1
done
run_ssh() {
    ssh -F none -i "$WORK/id" -p "$PORT" -o BatchMode=yes -o IdentitiesOnly=yes \
        -o UserKnownHostsFile="$WORK/known_hosts" -o StrictHostKeyChecking=yes \
        -o HostKeyAlgorithms=ssh-ed25519 -o ConnectTimeout=10 tester@127.0.0.1 "$@" </dev/null
}
who=$(run_ssh 'id -un; . /etc/os-release; echo $PRETTY_NAME') || die "ssh failed; sshd log: $(docker logs "$NAME" 2>&1)"
log "ssh to 127.0.0.1:$PORT (host key pinned): $(paste -sd' ' <<<"$who")"
run_ssh 'sudo -n true' && log "sudo -n true: ok"
start=$SECONDS
run_ssh 'sudo -n env DEBIAN_FRONTEND=noninteractive sh -c "apt-get update -q >/dev/null && apt-get install -y -q syncthing >/dev/null"'
log "apt-get update + install syncthing: ok in $((SECONDS - start)) s ($(run_ssh 'syncthing --version' | cut -d' ' -f1-2))"

# Optional: systemd as PID 1 (image from MESH_TEST_SYSTEMD=1 build-images.sh), with the flags
# that work here (--privileged does not: this machine lacks CAP_SYS_RESOURCE to hand out).
if docker image inspect "mesh-test/systemd:$SUITE" >/dev/null 2>&1; then
    docker run -d --name "$NAME-systemd" --network "$NAME" --cap-add SYS_ADMIN \
        --tmpfs /run --tmpfs /run/lock -v /sys/fs/cgroup:/sys/fs/cgroup \
        "mesh-test/systemd:$SUITE" >/dev/null
    trap 'docker rm -f "$NAME-systemd" >/dev/null 2>&1 || true; cleanup' EXIT
    # The bus socket appears only once systemd is up; until then systemctl cannot even ask.
    for _ in $(seq 1 120); do
        state=$(docker exec "$NAME-systemd" systemctl is-system-running 2>/dev/null || true)
        case $state in running|degraded) break ;; *) sleep 0.5 ;; esac
    done
    pid1=$(docker exec "$NAME-systemd" ps -p 1 -o comm=)
    ssh_state=$(docker exec "$NAME-systemd" systemctl is-active ssh || true)
    [ "$state" = running ] && [ "$pid1" = systemd ] && [ "$ssh_state" = active ] \
        || die "systemd container: system '$state', PID 1 '$pid1', ssh '$ssh_state'"
    log "systemd as PID 1: system running, ssh.service active"
else
    log "no mesh-test/systemd:$SUITE image (MESH_TEST_SYSTEMD=1 build-images.sh builds it): systemd check skipped"
fi
