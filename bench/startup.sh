#!/usr/bin/env bash
# Start-up benchmark (issue 14), every contender measured side by side in one run, rounds interleaved
# so that load from other users of the machine spreads over all of them:
#  - `mesh --version`: the runtime image (bin/mesh on its jlink runtime + AppCDS archive) and the
#    plain distribution (bin/mesh on this machine's JDK);
#  - re-checking one joined real Debian host (mesh-test/sshd:bookworm container): `mesh remote
#    provision` (image and plain), a shell script running the same remote commands over one OpenSSH
#    ControlMaster connection, and Ansible running them as `raw` tasks.
# Prints each median (wall and CPU) and the ratios, then the goals: --version < 0.12 s; the re-check
# < 0.6 s and < 1.5x the ControlMaster script.
#
# usage: bench/startup.sh [ROUNDS]   (default 15; needs Docker, the test-host images, root for apt)
set -euo pipefail
rounds=${1:-15}
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

bench_build
bench_require_ansible
bench_host_image
bench_start_hosts 1
bench_mesh_env
bench_join_hosts
bench_capture_commands
bench_ansible_files

log "$(wc -l < "$work/commands") remote commands per re-check; $rounds rounds ..."
echo "before: $(bench_load)"
for ((r = 0; r < rounds; r++)); do
  timed "version: mesh (image)" "$mesh_image" --version
  timed "version: mesh (plain JDK)" "$mesh_plain" --version
  timed "re-check: mesh (image)" mesh_provision "$mesh_image" 0
  timed "re-check: mesh (plain JDK)" mesh_provision "$mesh_plain" 0
  timed "re-check: OpenSSH ControlMaster" openssh_recheck 0
  timed "re-check: Ansible raw" ansible_fleet
done
echo "after:  $(bench_load)"

echo
echo "One joined host, $(wc -l < "$work/commands") remote commands; $rounds rounds; wall times, cpu = user+sys of the client side"
report "version: mesh (image)"
report "version: mesh (plain JDK)" "version: mesh (image)"
report "re-check: OpenSSH ControlMaster"
report "re-check: mesh (image)" "re-check: OpenSSH ControlMaster" "re-check: Ansible raw"
report "re-check: mesh (plain JDK)" "re-check: OpenSSH ControlMaster" "re-check: Ansible raw"
report "re-check: Ansible raw" "re-check: OpenSSH ControlMaster"
logins_per_run "re-check: mesh (image)" mesh_provision "$mesh_image" 0
logins_per_run "re-check: OpenSSH ControlMaster" openssh_recheck 0
logins_per_run "re-check: Ansible raw" ansible_fleet
echo
verdict "mesh --version (image)" "$(median "version: mesh (image)")" 0.12
verdict "re-check (image)" "$(median "re-check: mesh (image)")" 0.6
verdict "re-check (image) / ControlMaster script" \
  "$(awk -v a="$(median "re-check: mesh (image)")" -v b="$(median "re-check: OpenSSH ControlMaster")" 'BEGIN {print a / b}')" 1.5
