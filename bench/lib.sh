# shellcheck shell=bash
# Shared by bench/startup.sh, bench/fleet.sh and bench/profile.sh (sourced, not run): real Debian
# sshd containers that mesh has joined, the Headscale CLI double, and the contenders that re-check
# them (mesh, a shell script over OpenSSH ControlMaster, Ansible `raw` tasks), timed side by side.
#
# The workload is what `mesh remote provision` does on a host that is already joined: connect,
# detect, inspect, verify, confirm; nothing is installed. The remote commands the other contenders
# run are the ones mesh ran, read from its `-v` log (bench_capture_commands), so they follow mesh.
#
# Environment: MESH_BENCH_BUILD=0 skips the Maven build; MESH_BENCH_KEEP=1 leaves the containers
# and the work directory behind for a look.

BENCH_IMAGE='mesh-bench/host:bookworm'
BENCH_BASE='mesh-test/sshd:bookworm'
BENCH_USER=steve
BENCH_SERVER=http://127.0.0.1:8080
# The tailscale double's fixed IP (mesh-cli/src/test/resources/realhost/tailscale): Headscale's double lists it.
BENCH_TAILSCALE_IP=100.64.0.7

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/mesh-bench.XXXXXX)
mkdir -p "$work/times" "$work/cm"
bench_containers=()
bench_ports=()
bench_active=0 # the contenders work on hosts 0 .. bench_active-1 (bench_start_hosts sets all)

bench_cleanup() {
  if [ "${MESH_BENCH_KEEP:-0}" = 1 ]; then
    echo "kept: $work and containers ${bench_containers[*]}" >&2
    return
  fi
  for sock in "$work"/cm/*; do
    [ -S "$sock" ] && ssh -o ControlPath="$sock" -O exit x >/dev/null 2>&1
  done
  [ ${#bench_containers[@]} -eq 0 ] || docker rm -f "${bench_containers[@]}" >/dev/null 2>&1
  rm -rf "$work"
}
trap bench_cleanup EXIT

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

# Load on the 2 shared cores, printed with the figures: other people's builds distort them.
bench_load() { printf 'load average %s (%s cores)' "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"; }

bench_build() {
  if [ "${MESH_BENCH_BUILD:-1}" != 0 ]; then
    log "building mesh (mvn package, tests skipped) ..."
    (cd "$repo" && { mvn -B -q -o package -DskipTests >/dev/null 2>&1 || mvn -B -q package -DskipTests; })
  fi
  mesh_image=$repo/mesh-cli/target/mesh-image/bin/mesh
  mesh_plain=$repo/mesh-cli/target/mesh/bin/mesh
  if [ ! -x "$mesh_image" ] || [ ! -x "$mesh_plain" ]; then
    die "no distribution in mesh-cli/target (build failed?)"
  fi
}

# Debian's ansible package, for the bench only (never CI).
bench_require_ansible() {
  command -v ansible-playbook >/dev/null && return
  log "installing Debian's ansible package ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y ansible >/dev/null 2>&1 \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y ansible >/dev/null; } \
    || die "cannot install ansible"
}

# The host image: mesh-test/sshd:bookworm (test-hosts/build-images.sh) with syncthing, the Tailscale
# doubles mesh's real-host tests use (tailscaled started before sshd, as a service would be), user
# steve with the bench key and NOPASSWD sudo. The key lives in the cache so Docker's layer cache holds.
bench_host_image() {
  docker image inspect "$BENCH_BASE" >/dev/null 2>&1 || die "$BENCH_BASE missing: run test-hosts/build-images.sh"
  local cache=${XDG_CACHE_HOME:-$HOME/.cache}/mesh-bench ctx=$work/image
  mkdir -p "$cache" "$ctx"
  [ -f "$cache/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C mesh-bench -f "$cache/id_ed25519"
  bench_key=$cache/id_ed25519
  cp "$bench_key.pub" "$ctx/authorized_keys"
  cp "$repo/mesh-cli/src/test/resources/realhost/tailscale" "$repo/mesh-cli/src/test/resources/realhost/tailscaled" "$ctx/"
  cat > "$ctx/Dockerfile" <<EOF
FROM $BENCH_BASE
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends syncthing \\
 && rm -rf /var/lib/apt/lists/*
COPY tailscale /usr/bin/tailscale
COPY tailscaled /usr/sbin/tailscaled
RUN chmod 0755 /usr/bin/tailscale /usr/sbin/tailscaled \\
 && mkdir -p /var/lib/tailscale-double /var/log/tailscale-double && chmod 0755 /var/lib/tailscale-double \\
 && touch /var/log/tailscale-double/calls && chmod 0666 /var/log/tailscale-double/calls
RUN useradd -m -s /bin/bash $BENCH_USER && mkdir -p /home/$BENCH_USER/.ssh \\
 && echo '$BENCH_USER ALL=(ALL:ALL) NOPASSWD: ALL' > /etc/sudoers.d/$BENCH_USER && chmod 440 /etc/sudoers.d/$BENCH_USER
COPY --chown=$BENCH_USER:$BENCH_USER authorized_keys /home/$BENCH_USER/.ssh/authorized_keys
RUN chown $BENCH_USER:$BENCH_USER /home/$BENCH_USER/.ssh && chmod 700 /home/$BENCH_USER/.ssh \\
 && chmod 600 /home/$BENCH_USER/.ssh/authorized_keys
CMD ["sh", "-c", "/usr/sbin/tailscaled --state=/var/lib/tailscale/tailscaled.state --socket=/run/tailscale/tailscaled.sock >/var/log/tailscaled.log 2>&1 & exec /usr/sbin/sshd -D -e"]
EOF
  docker build -q -t "$BENCH_IMAGE" "$ctx" >/dev/null 2>"$work/image-build.log" \
    || { cat "$work/image-build.log" >&2; die "building $BENCH_IMAGE failed"; }
}

# bench_start_hosts N: N containers, sshd published on a random loopback port each; known_hosts for all.
bench_start_hosts() {
  local n=$1 i name port deadline pids=() tun_device=()
  [ -c /dev/net/tun ] && tun_device=(--device /dev/net/tun)
  for ((i = 1; i <= n; i++)); do
    name=mesh-bench-$$-$i
    bench_containers+=("$name")
    # the docker host's TUN device, as a real machine has one: the tailscaled double, like tailscaled, needs it
    docker run -d --name "$name" --label dev.mesh.bench=1 -p 127.0.0.1::22 ${tun_device[@]+"${tun_device[@]}"} \
      "$BENCH_IMAGE" >/dev/null & pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || die "docker run failed"; done
  : > "$work/known_hosts"
  for name in "${bench_containers[@]}"; do
    deadline=$((SECONDS + 60))
    until docker logs "$name" 2>&1 | grep -q 'Server listening on 0.0.0.0 port 22'; do
      ((SECONDS < deadline)) || die "$name: sshd did not start"
      sleep 0.2
    done
    port=$(docker port "$name" 22/tcp | head -n 1)
    port=${port##*:}
    bench_ports+=("$port")
    bench_active=${#bench_ports[@]}
    docker exec "$name" sh -c 'cat /etc/ssh/ssh_host_*_key.pub' | awk -v p="[127.0.0.1]:$port" '{print p, $1, $2}' >> "$work/known_hosts"
  done
}

# The environment every mesh run gets (as mesh-cli's real-host tests set it up): no user config, its
# own known_hosts, no ~/.ssh/config, and the Headscale CLI double listing the node the double joins as.
bench_mesh_env() {
  cp "$repo/mesh-core/src/test/resources/fake-headscale/headscale" "$work/fake-headscale"
  chmod 700 "$work/fake-headscale"
  echo "3 joined-node joined-node $BENCH_TAILSCALE_IP true" > "$work/headscale-nodes.txt"
  cat > "$work/headscale" <<EOF
#!/bin/sh
FAKE_HEADSCALE_VERSION=0.26.0 FAKE_HEADSCALE_NODES='$work/headscale-nodes.txt' exec '$work/fake-headscale' "\$@"
EOF
  chmod 700 "$work/headscale"
  export XDG_CONFIG_HOME=$work/xdg MESH_HEADSCALE_COMMAND=$work/headscale MESH_HEADSCALE_SUDO=false
  export MESH_SSH_KNOWN_HOSTS=$work/known_hosts MESH_SSH_CONFIG='' MESH_TIMEOUT_CONNECT=10s
}

# mesh_provision MESH I [EXTRA...]: `mesh remote provision` of host I (0-based). With bench_rss_dir set,
# under GNU time, which writes the process's peak RSS (KB) to bench_rss_dir/rss-I.
mesh_provision() {
  local mesh=$1 i=$2
  shift 2
  local run=("$mesh" remote provision "$BENCH_USER@127.0.0.1" -p "${bench_ports[$i]}" -s "$BENCH_SERVER" -i "$bench_key" "$@")
  if [ -n "${bench_rss_dir:-}" ]; then
    /usr/bin/time -f '%M' -o "$bench_rss_dir/rss-$i" "${run[@]}"
  else
    "${run[@]}"
  fi
}

# Joins every host (untimed), four at a time: mints a key with the double, `tailscale up` on the host.
# Then re-checks host 0, which must change nothing.
bench_join_hosts() {
  local i
  for i in "${!bench_ports[@]}"; do
    ((i < 4)) || wait -n || true
    mesh_provision "$mesh_image" "$i" > "$work/join-$i.log" 2>&1 &
  done
  wait
  for i in "${!bench_ports[@]}"; do
    grep -q "is on the mesh\|already on the mesh" "$work/join-$i.log" || { cat "$work/join-$i.log" >&2; die "joining host $i failed"; }
  done
  mesh_provision "$mesh_image" 0 > "$work/recheck.log" 2>&1 || { cat "$work/recheck.log" >&2; die "re-check failed"; }
  grep -q 'nothing changed' "$work/recheck.log" || { cat "$work/recheck.log" >&2; die "the re-check changed something"; }
}

# The remote commands of one re-check, in order, one per line, from the debug log under -vv.
bench_capture_commands() {
  # -vv: the SSH library's debug log names each exec channel's command exactly as sent, and mesh's
  # names each probe it sends to the host's shared shell (SharedShell); the shell itself is no command
  # of the re-check, and the other contenders run every probe as a command of its own, as a script does
  mesh_provision "$mesh_image" 0 -vv > "$work/recheck-v.log" 2>&1 || die "re-check with -vv failed"
  # mesh holds its host lock (HOST_LOCKING) with `exec cat` on a channel it keeps open for the run; the
  # replays take the same lock and let it go at once (cat reads /dev/null), so nobody waits for an EOF
  sed -n -e 's/.*createExecChannel([^]]*\])\[\(.*\)\] created id=.*/\1/p' \
    -e 's/.*ShellChannel - shared shell runs \[\(.*\)\]$/\1/p' "$work/recheck-v.log" \
    | grep -vx 'exec /bin/sh' \
    | sed 's|exec cat >/dev/null$|exec cat </dev/null >/dev/null|' > "$work/commands"
  [ "$(wc -l < "$work/commands")" -ge 5 ] || { cat "$work/recheck-v.log" >&2; die "could not read the remote commands from mesh -vv"; }
}

# openssh_recheck I: one ControlMaster connection to host I, the same commands through it in order, then exit.
openssh_recheck() {
  local i=$1 cmd dest=$BENCH_USER@127.0.0.1
  local opts=(-F /dev/null -i "$bench_key" -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile="$work/known_hosts"
    -o StrictHostKeyChecking=yes -o ControlPath="$work/cm/$i" -o ConnectTimeout=120 -p "${bench_ports[$i]}")
  ssh "${opts[@]}" -o ControlMaster=yes -o ControlPersist=yes -N -f "$dest" || return 1
  while IFS= read -r cmd; do
    ssh "${opts[@]}" -o ControlMaster=no "$dest" "$cmd" < /dev/null > /dev/null 2>&1
    [ $? -ne 255 ] || return 1
  done < "$work/commands"
  ssh "${opts[@]}" -O exit "$dest" > /dev/null 2>&1
}

# openssh_fleet: openssh_recheck on every host, hosts in parallel.
openssh_fleet() {
  local i pids=() rc=0
  for ((i = 0; i < bench_active; i++)); do
    openssh_recheck "$i" & pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || rc=1; done
  return $rc
}

# The Ansible inventory (every host) and a playbook of the same commands as `raw` tasks, no facts.
bench_ansible_files() {
  local i cmd
  {
    echo "[fleet]"
    for ((i = 0; i < bench_active; i++)); do
      echo "h$i ansible_host=127.0.0.1 ansible_port=${bench_ports[$i]}"
    done
    echo "[fleet:vars]"
    echo "ansible_user=$BENCH_USER"
    echo "ansible_ssh_private_key_file=$bench_key"
    echo "ansible_ssh_common_args='-F /dev/null -o IdentitiesOnly=yes -o UserKnownHostsFile=$work/known_hosts -o StrictHostKeyChecking=yes'"
  } > "$work/ansible-inventory.ini"
  {
    echo "- hosts: fleet"
    echo "  gather_facts: false"
    echo "  tasks:"
    while IFS= read -r cmd; do
      echo "    - raw: |-"
      echo "        $cmd"
      echo "      failed_when: false"
      echo "      changed_when: false"
    done < "$work/commands"
  } > "$work/ansible-recheck.yml"
}

# ansible_fleet: ansible-playbook with forks = hosts; a fresh ControlPath directory per run, so no run
# reuses the previous run's connection (Ansible keeps masters for 60 s), and those masters closed after.
ansible_fleet() {
  local cp_dir rc sock
  cp_dir=$(mktemp -d "$work/cm/a.XXXX")
  ANSIBLE_HOME=$work/ansible-home ANSIBLE_LOCAL_TEMP=$work/ansible-tmp ANSIBLE_NOCOLOR=1 \
    ANSIBLE_SSH_CONTROL_PATH_DIR=$cp_dir ANSIBLE_SSH_ARGS='-o ControlMaster=auto -o ControlPersist=60s' \
    ansible-playbook -i "$work/ansible-inventory.ini" -f "$bench_active" "$work/ansible-recheck.yml" > "$work/ansible.log" 2>&1
  rc=$?
  for sock in "$cp_dir"/*; do
    [ -S "$sock" ] && ssh -o ControlPath="$sock" -O exit x >/dev/null 2>&1
  done
  rm -rf "$cp_dir"
  [ $rc -eq 0 ] || cat "$work/ansible.log" >&2
  return $rc
}

# accepted_logins: "Accepted publickey" lines per container so far, one count per line.
accepted_logins() {
  local name
  for name in "${bench_containers[@]:0:bench_active}"; do
    docker logs "$name" 2>&1 | grep -c "Accepted publickey for $BENCH_USER" || true
  done
}

# logins_per_run LABEL COMMAND...: runs it once (untimed) and prints the SSH logins each host accepted
# meanwhile, as "min-max per host" (the goal is exactly one connection per host).
logins_per_run() {
  local label=$1 before after
  shift
  before=$(accepted_logins)
  "$@" > "$work/last.out" 2>&1 || { cat "$work/last.out" >&2; die "$label failed"; }
  after=$(accepted_logins)
  paste <(echo "$before") <(echo "$after") | awk -v l="$label" '
    {d = $2 - $1; if (NR == 1 || d < lo) lo = d; if (NR == 1 || d > hi) hi = d}
    END {printf "%-34s SSH logins per host per run: %s\n", l, (lo == hi ? lo : lo "-" hi)}'
}

# CPU time (ns) every container has used so far, from Docker's cgroup (v1 or v2); 0 when unreadable.
containers_cpu_ns() {
  local f=/sys/fs/cgroup/cpuacct/docker/cpuacct.usage
  if [ -r "$f" ]; then cat "$f"; return; fi
  f=/sys/fs/cgroup/system.slice
  # cgroup v2: the sum of every docker scope's usage_usec
  cat "$f"/docker-*.scope/cpu.stat 2>/dev/null | awk '$1 == "usage_usec" {s += $2} END {printf "%d", s * 1000}'
}

# timed LABEL COMMAND...: runs it once, appends "wall user sys hosts" (s, ms resolution; hosts = the CPU
# the containers used meanwhile: sshd, the shells and the commands) to times/LABEL; fails the bench when
# it fails (a timing of a broken run means nothing).
timed() {
  local label=$1 t c0 c1
  shift
  c0=$(containers_cpu_ns)
  t=$( { TIMEFORMAT='%3R %3U %3S'; time "$@" > "$work/last.out" 2>&1; } 2>&1 ) \
    || { cat "$work/last.out" >&2; die "$label failed"; }
  c1=$(containers_cpu_ns)
  echo "$t $(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')" >> "$work/times/$label"
}

# median LABEL [COLUMN]: the median of a column of times/LABEL (1 wall, 2 user, 3 sys, 4 user+sys,
# 5 the hosts' CPU).
median() {
  awk -v c="${2:-1}" '{print (c == 4 ? $2 + $3 : c == 5 ? $4 + 0 : $c)}' "$work/times/$1" | sort -g \
    | awk '{v[NR] = $1} END {printf "%.3f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}

# report LABEL [BASELINE...]: one line: median and spread of the wall time, median CPU (this machine's
# client side, then the hosts'), ratios to baselines.
report() {
  local label=$1 base
  shift
  printf '%-34s median %6.3f s  (min %.3f, max %.3f, n=%d)  cpu %6.3f s, hosts %6.3f s' "$label" "$(median "$label")" \
    "$(sort -g "$work/times/$label" | head -n 1 | cut -d' ' -f1)" "$(sort -g "$work/times/$label" | tail -n 1 | cut -d' ' -f1)" \
    "$(wc -l < "$work/times/$label")" "$(median "$label" 4)" "$(median "$label" 5)"
  for base in "$@"; do
    printf '  %.2fx %s' "$(awk -v a="$(median "$label")" -v b="$(median "$base")" 'BEGIN {print a / b}')" "$base"
  done
  printf '\n'
}

# verdict TEXT VALUE LIMIT: "goal TEXT: VALUE < LIMIT: met" or "NOT met".
verdict() {
  awk -v t="$1" -v v="$2" -v l="$3" 'BEGIN {printf "goal %-42s %.3f < %.3f: %s\n", t ":", v, l, (v < l ? "met" : "NOT met")}'
}
