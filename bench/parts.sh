#!/usr/bin/env bash
# What single start-up parts of mesh cost, each alone in a fresh JVM of the runtime image with its
# class-data archive and bin/mesh's flags (bench/StartupParts.java says what each part is): median
# CPU (user+sys) and wall time of RUNS runs, rounds interleaved, minus the bare JVM. No containers.
#
# usage: bench/parts.sh [RUNS]   (default 21; after `mvn package`)
set -euo pipefail
runs=${1:-21}
repo=$(cd "$(dirname "$0")/.." && pwd)
image=$repo/mesh-cli/target/mesh-image
[ -x "$image/runtime/bin/java" ] || { echo "bench: no runtime image in mesh-cli/target (mvn package)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

javac -d "$work/classes" -cp "$image/lib/*" "$repo/bench/StartupParts.java"
cp=$(sed "s|^|$image/lib/|" "$image/lib/mesh.classpath" | paste -sd: -):$work/classes
read -r made_for < "$image/lib/mesh.jsa.home"
[ "$made_for" -ef "$image" ] || { echo "bench: run bin/mesh once, so that the archive fits this place" >&2; exit 1; }
flags=(-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:+UseSerialGC -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions
  -XX:ArchiveRelocationMode=0 -XX:SharedArchiveFile="$image/lib/mesh.jsa" -Xshare:on)
parts=(none picocli eddsa mina config)

echo "before: load average $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
for ((r = 0; r < runs; r++)); do
  for part in "${parts[@]}"; do
    { TIMEFORMAT='%3R %3U %3S'; time "$image/runtime/bin/java" "${flags[@]}" -cp "$cp" StartupParts "$part" > /dev/null; } \
      2>> "$work/$part"
  done
done
echo "after:  load average $(cut -d' ' -f1-3 /proc/loadavg)"
med() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
base_cpu=$(awk '{print ($2 + $3) * 1000}' "$work/none" | med)
base_wall=$(awk '{print $1 * 1000}' "$work/none" | med)
printf '%-8s %10s %10s   (median of %d runs, ms)\n' part cpu wall "$runs"
for part in "${parts[@]}"; do
  cpu=$(awk '{print ($2 + $3) * 1000}' "$work/$part" | med)
  wall=$(awk '{print $1 * 1000}' "$work/$part" | med)
  if [ "$part" = none ]; then
    printf '%-8s %10.0f %10.0f   the JVM alone\n' "$part" "$cpu" "$wall"
  else
    printf '%-8s %+10.0f %+10.0f   over the JVM alone\n' "$part" "$((cpu - base_cpu))" "$((wall - base_wall))"
  fi
done
