#!/usr/bin/env bash
# Fleet benchmark (issue 9): re-checking N joined real Debian hosts (mesh-test/sshd:bookworm
# containers), for N = 1, 10, 30, side by side in one run, rounds interleaved:
#  - mesh: ONE `mesh remote provision --all --inventory FILE` process for the whole inventory, as a
#    user runs it (mesh's default --parallel, 10 hosts at once), and the same with --parallel N, as
#    many at once as the others (MESH_FLEET=mesh_fleet_loop measures the old way instead: one process
#    per host);
#  - a shell script running the same remote commands over one OpenSSH ControlMaster connection per
#    host, hosts in parallel;
#  - Ansible (Debian's package) running them as `raw` tasks with forks = N.
# Prints each median and the ratios, the SSH logins each host accepted per run (from sshd's
# "Accepted publickey" lines; the goal is one), and mesh's client memory: peak RSS and Java heap.
#
# usage: bench/fleet.sh [ROUNDS] [N...]   (default 3 rounds; N = 1 10 30)
set -euo pipefail
rounds=${1:-3}
shift || true
sizes=("${@:-1 10 30}")
read -r -a sizes <<< "${sizes[*]}"
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
# Dozens of JVMs, ssh clients or Ansible forks on two shared cores take far longer to log in than a
# network would: every contender gets two minutes for it instead of its 10 s default.
export MESH_SSH_CONNECT_TIMEOUT=120s MESH_TIMEOUT_DETECT=120s ANSIBLE_TIMEOUT=120

# mesh_fleet_loop: one mesh process per host, all started at once (what a user runs today).
mesh_fleet_loop() {
  local i pids=() rc=0
  for ((i = 0; i < bench_active; i++)); do
    mesh_provision "$mesh_image" "$i" > "$work/mesh-$i.out" 2>&1 & pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { rc=1; log "host $i:"; cat "$work/mesh-$i.out" >&2; }
  done
  return $rc
}

# mesh_fleet_all [OPTION...]: one mesh process for the whole inventory (issue 9's `--all`), with mesh's
# default parallelism unless an option says otherwise.
mesh_fleet_all() {
  local run=("$mesh_image" remote provision --all --inventory "$work/inventory-$bench_active.conf" -s "$BENCH_SERVER" "$@")
  if [ -n "${bench_rss_dir:-}" ]; then
    /usr/bin/time -f '%M' -o "$bench_rss_dir/rss-all" "${run[@]}"
  else
    "${run[@]}"
  fi
}

# --all over the inventory; MESH_FLEET=mesh_fleet_loop for one process per host (the seed's way)
mesh_fleet=${MESH_FLEET:-mesh_fleet_all}

# The inventory --all reads (issue 9's HOCON): the first bench_active hosts.
write_inventory() {
  local i
  {
    echo "hosts {"
    for ((i = 0; i < bench_active; i++)); do
      echo "  h$i { address = \"127.0.0.1\", port = ${bench_ports[$i]}, user = \"$BENCH_USER\", identity = \"$bench_key\" }"
    done
    echo "}"
  } > "$work/inventory-$bench_active.conf"
}

# heap_peak_mb GC_LOG HEAP_LOG: the most Java heap one JVM had in use: the largest "before" of a
# collection (Serial GC's "Pause Young ... 102M->15M(370M)") or what was in use at exit, if more.
heap_peak_mb() {
  { grep -o '[0-9]*M->' "$1" | sed 's/M->//' || true
    awk '/generation/ {for (i = 1; i < NF; i++) if ($i == "used") {v = $(i + 1); sub(/K.*/, "", v); s += v}} END {print s / 1024}' "$2"
  } | sort -g | tail -n 1
}

# mesh_memory: one untimed run of $mesh_fleet: each JVM's peak RSS (GNU time) and peak Java heap (GC log).
mesh_memory() {
  local dir=$work/mem-$bench_active f rss heap
  mkdir -p "$dir"
  bench_rss_dir=$dir MESH_JAVA_OPTS="-Xlog:gc:file=$dir/gc-%p.log -Xlog:gc+heap+exit:file=$dir/heap-%p.log" \
    "$mesh_fleet" > /dev/null 2>&1 || die "the mesh memory run failed"
  rss=$(cat "$dir"/rss-* | awk '{s += $1; if ($1 > m) m = $1} END {printf "peak RSS %.0f MB (largest process), %.0f MB summed over %d processes", m / 1024, s / 1024, NR}')
  heap=$(for f in "$dir"/heap-*.log; do heap_peak_mb "$dir/gc-${f##*/heap-}" "$f"; done \
    | awk '{s += $1; if ($1 > m) m = $1} END {printf "Java heap in use at most %.1f MB (largest process), %.1f MB summed", m, s}')
  echo "mesh client memory, $bench_active hosts ($mesh_fleet): $rss; $heap"
}

bench_build
bench_require_ansible
bench_host_image
max=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -n 1)
log "starting $max containers and joining them ..."
bench_start_hosts "$max"
bench_mesh_env
bench_join_hosts
bench_capture_commands

echo "Re-checking N joined hosts, $(wc -l < "$work/commands") remote commands each; $rounds rounds per N; mesh runs as $mesh_fleet"
for n in "${sizes[@]}"; do
  bench_active=$n
  write_inventory
  bench_ansible_files
  echo
  echo "N=$n, before: $(bench_load)"
  for ((r = 0; r < rounds; r++)); do
    timed "N=$n mesh" "$mesh_fleet"
    [ "$mesh_fleet" != mesh_fleet_all ] || timed "N=$n mesh --parallel $n" mesh_fleet_all --parallel "$n"
    timed "N=$n OpenSSH ControlMaster" openssh_fleet
    timed "N=$n Ansible raw (forks=$n)" ansible_fleet
  done
  echo "N=$n, after:  $(bench_load)"
  report "N=$n OpenSSH ControlMaster"
  report "N=$n Ansible raw (forks=$n)" "N=$n OpenSSH ControlMaster"
  report "N=$n mesh" "N=$n OpenSSH ControlMaster" "N=$n Ansible raw (forks=$n)"
  [ "$mesh_fleet" != mesh_fleet_all ] || report "N=$n mesh --parallel $n" "N=$n OpenSSH ControlMaster" "N=$n Ansible raw (forks=$n)"
  logins_per_run "N=$n mesh" "$mesh_fleet"
  logins_per_run "N=$n OpenSSH ControlMaster" openssh_fleet
  logins_per_run "N=$n Ansible raw (forks=$n)" ansible_fleet
  mesh_memory
done

if [ -f "$work/times/N=30 mesh" ]; then
  echo
  verdict "N=30: mesh / ControlMaster script" \
    "$(awk -v a="$(median "N=30 mesh")" -v b="$(median "N=30 OpenSSH ControlMaster")" 'BEGIN {print a / b}')" 0.5
  verdict "N=30: mesh / Ansible" \
    "$(awk -v a="$(median "N=30 mesh")" -v b="$(median "N=30 Ansible raw (forks=30)")" 'BEGIN {print a / b}')" 0.25
fi
