#!/usr/bin/env bash
# Where the time of one `mesh --version` and one re-check of a joined real Debian host goes
# (issue 14's profile), median of RUNS runs of the runtime image:
#  1. a timeline from the JVM's own logs: -Xlog:startuptime (JVM creation) and -Xlog:class+load with
#     uptime stamps, cut at the first class each phase loads (picocli's model, Typesafe Config,
#     ServiceLoader plugins, MINA's client, key exchange, authentication, the first remote command);
#  2. each remote command's time inside mesh (its -v log: on a channel of its own, or a probe in the
#     host's shared shell) next to the same command through an OpenSSH ControlMaster connection;
#  3. what the launcher choices buy: the same runs on the plain JDK without mesh's JVM flags, with
#     them, and the image with its class-data archive, then the image without one choice at a time
#     (archive relocation, C1 only, the compile thresholds, the SSH warm-up).
#
# usage: bench/profile.sh [RUNS]   (default 7; needs Docker and the test-host images)
set -euo pipefail
runs=${1:-7}
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

bench_build
bench_host_image
bench_start_hosts 1
bench_mesh_env
bench_join_hosts
bench_capture_commands

# Phase markers: the first class loaded when a phase starts (regular expressions on -Xlog:class+load).
# Each is a class the main thread loads first: the SSH warm-up (SshWarmup) loads MINA's and net.i2p's
# classes on its own thread meanwhile, so their first loads no longer mark a phase of the run.
# No marker for the exit: java.lang.Shutdown, the obvious one, is loaded mid-run (when mesh installs
# its signal handlers), so the last phase runs to the last class loaded.
markers=(
  "main() entered|dev\\.mesh\\.cli\\.Main "
  "picocli model built from the annotations|picocli\\.CommandLine "
  "arguments parsed, command runs|picocli\\.CommandLine\\\$ParseResult "
  "Typesafe Config loads the settings|com\\.typesafe\\.config\\."
  "ServiceLoader finds the OS plugins|dev\\.mesh\\.core\\.plugin\\.PluginLoader "
  "SSH client: waits for the warm-up, reads the user key and known_hosts, starts MINA|dev\\.mesh\\.core\\.ssh\\.SshConnector "
  "TCP connect and key exchange|org\\.apache\\.sshd\\.common\\.io\\.nio2\\.Nio2Connector\\\$"
  "user authentication (ed25519 key)|org\\.apache\\.sshd\\.client\\.auth\\.pubkey\\.UserAuthPublicKey "
  "remote commands, Headscale CLI, output, exit|org\\.apache\\.sshd\\.client\\.channel\\.ChannelExec "
)

# mid FILE: the median of a file of numbers, one per line.
mid() { sort -g "$1" | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# timeline LABEL COMMAND...: runs it RUNS times with the logs on; prints each phase's median (ms).
timeline() {
  local label=$1 r m name pattern t
  shift
  : > "$work/phases"
  for ((r = 0; r < runs; r++)); do
    t=$(date +%s%N)
    MESH_JAVA_OPTS="-Xlog:startuptime=info:file=$work/st.log:uptime -Xlog:class+load=info:file=$work/cl.log:uptime" \
      "$@" > /dev/null 2>&1 || die "$label failed"
    echo "$((($(date +%s%N) - t) / 1000000))" >> "$work/wall"
    t=$(sed -n 's/^\[\([0-9.]*\)s\].*Create VM.*/\1/p' "$work/st.log")
    echo "$r 0 JVM created, launcher loads the main class $t" >> "$work/phases"
    for m in "${markers[@]}"; do
      name=${m%%|*} pattern=${m#*|}
      t=$(grep -m 1 -E "^\[[0-9.]+s\] $pattern" "$work/cl.log" | sed 's/^\[\([0-9.]*\)s\].*/\1/' || true)
      [ -z "$t" ] || echo "$r 1 $name $t" >> "$work/phases"
    done
    echo "$r 2 (end) $(tail -n 1 "$work/cl.log" | sed 's/^\[\([0-9.]*\)s\].*/\1/')" >> "$work/phases"
    { grep -vc 'source: shared objects file' "$work/cl.log" || true; } >> "$work/outside" # grep -c exits 1 on a count of 0
  done
  echo "$label: phases, median of $runs runs (ms; each phase lasts until the next one starts)"
  # Per run: sort the markers by time, each phase lasts until the next marker; then the median per phase.
  awk '{r = $1; t = $NF; $1 = ""; $2 = ""; $NF = ""; gsub(/^ +| +$/, ""); print r, t, $0}' "$work/phases" \
    | sort -k1,1n -k2,2g \
    | awk 'BEGIN {prev_r = -1}
      { if ($1 != prev_r) {prev_r = $1; prev_t = 0; prev_name = "JVM creation (maps the archive, boots java.base)"}
        name = $0; sub(/^[^ ]+ [^ ]+ /, "", name)
        printf "%s\t%.1f\n", prev_name, ($2 - prev_t) * 1000; prev_t = $2; prev_name = name }' \
    | awk -F'\t' '$1 != "(end)" {v[$1] = v[$1] " " $2; if (!($1 in o)) {o[$1] = ++n; k[n] = $1}}
      END {for (i = 1; i <= n; i++) {c = split(v[k[i]], a, " "); asort_n(a, c); printf "  %-48s %7.1f\n", k[i], a[int((c + 1) / 2)]}}
      function asort_n(a, c,   i, j, x) {for (i = 2; i <= c; i++) {x = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > x + 0; j--) a[j + 1] = a[j]; a[j + 1] = x}}'
  echo "  wall time of the whole command (launcher, exec, JVM, exit): $(mid "$work/wall") ms;" \
    "classes loaded outside the archive: $(mid "$work/outside")"
  rm -f "$work/outside" "$work/wall"
}

# Remote command times: inside mesh (MINA debug log, ms since its logger started) and over ControlMaster.
commands_table() {
  local r i cmd
  : > "$work/cmd-mesh"
  : > "$work/cmd-ssh"
  for ((r = 0; r < runs; r++)); do
    # -v: mesh's own log of every remote command ("$ COMMAND  [exit 0, 12ms]"), probes in the shared shell too
    mesh_provision "$mesh_image" 0 -v > "$work/v.log" 2>&1 || die "re-check -v failed"
    # matched to the commands file by text (the n-th time a command ran to its n-th line); the held
    # lock command is not in the log (it has no end to time)
    sed -n 's/^[^$]*\$ \(.*\)  \[[a-z ]*-*[0-9]*, \([0-9.]*\)\(m*s\)\]$/\2 \3\t\1/p' "$work/v.log" \
      | awk -F'\t' 'NR == FNR {split($1, t, " "); k = $2 SUBSEP (++seen[$2]); ms[k] = (t[2] == "s" ? t[1] * 1000 : t[1]); next}
          {k = $0 SUBSEP (++n[$0]); if (k in ms) print FNR, ms[k]}' - "$work/commands" >> "$work/cmd-mesh"
    local opts=(-F /dev/null -i "$bench_key" -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile="$work/known_hosts"
      -o StrictHostKeyChecking=yes -o ControlPath="$work/cm/p" -p "${bench_ports[0]}")
    ssh "${opts[@]}" -o ControlMaster=yes -o ControlPersist=yes -N -f "$BENCH_USER@127.0.0.1"
    i=0
    while IFS= read -r cmd; do
      i=$((i + 1))
      local t0 t1
      t0=$(date +%s%N)
      ssh "${opts[@]}" -o ControlMaster=no "$BENCH_USER@127.0.0.1" "$cmd" < /dev/null > /dev/null 2>&1 || true
      t1=$(date +%s%N)
      echo "$i $(((t1 - t0) / 1000000))" >> "$work/cmd-ssh"
    done < "$work/commands"
    ssh "${opts[@]}" -O exit "$BENCH_USER@127.0.0.1" > /dev/null 2>&1
  done
  echo "remote commands, median of $runs runs (ms): inside mesh (-v) | own ssh process over ControlMaster"
  i=0
  while IFS= read -r cmd; do
    i=$((i + 1))
    printf '  %6.0f | %6.0f  %.70s\n' "$(mid <(awk -v i="$i" '$1 == i {print $2}' "$work/cmd-mesh"))" \
      "$(mid <(awk -v i="$i" '$1 == i {print $2}' "$work/cmd-ssh"))" "$cmd"
  done < "$work/commands"
}

# The launcher's choices: the same command on the plain JDK with and without mesh's flags, and the image.
variants() {
  local label=$1 r
  shift
  local lib=$repo/mesh-cli/target/mesh/lib
  for ((r = 0; r < runs; r++)); do
    timed "$label: JDK, java's defaults" java -Dmesh.home="$repo/mesh-cli/target/mesh" -cp "$lib/*" dev.mesh.cli.Main "$@"
    timed "$label: JDK, mesh's flags (plain distribution)" "$mesh_plain" "$@"
    timed "$label: image, no archive (-Xshare:off)" env MESH_JAVA_OPTS=-Xshare:off "$mesh_image" "$@"
    timed "$label: image, archive, default relocation" env MESH_JAVA_OPTS=-XX:ArchiveRelocationMode=1 "$mesh_image" "$@"
    timed "$label: image, archive, C1+C2 (tiered)" env MESH_JAVA_OPTS=-XX:TieredStopAtLevel=4 "$mesh_image" "$@"
    timed "$label: image, default compile thresholds" env MESH_JAVA_OPTS=-XX:CompileThresholdScaling=1 "$mesh_image" "$@"
    timed "$label: image, no SSH warm-up" env MESH_JAVA_OPTS=-Dmesh.ssh.warmup=false "$mesh_image" "$@"
    timed "$label: image (as shipped)" "$mesh_image" "$@"
  done
  for f in "$work/times/$label: "*; do report "${f##*/}" "$label: image (as shipped)"; done
}

echo "before: $(bench_load)"
timeline "mesh --version" "$mesh_image" --version
timeline "re-check of a joined host" mesh_provision "$mesh_image" 0
commands_table
variants "--version" --version
variants "re-check" remote provision "$BENCH_USER@127.0.0.1" -p "${bench_ports[0]}" -s "$BENCH_SERVER" -i "$bench_key"
echo "after:  $(bench_load)"
