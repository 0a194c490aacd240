#!/usr/bin/env bash
# mesh benchmarks. Prints its figures; quote them as ratios measured in one run.
#  1. `mesh --version` wall time, median of 5 (JVM start-up of the distribution's launcher).
#  2. Provisioning a simulated Debian host over one SSH connection (mesh) against replaying the
#     same commands with one SSH connection each (what the seed's `ssh` per command did).
# Needs only a JDK and Maven; everything runs on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}

mvn -B -q -o package -DskipTests >/dev/null 2>&1 || mvn -B -q package -DskipTests
mesh="mesh-cli/target/mesh/bin/mesh"

times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$mesh" --version >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
echo "mesh --version wall time, 5 runs (ms): $sorted-> median $median ms"

cp=$(mktemp)
mvn -B -q -o test-compile dependency:build-classpath -pl mesh-cli -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp" >/dev/null
java -cp "mesh-cli/target/test-classes:mesh-cli/target/classes:$(cat "$cp")" dev.mesh.cli.ProvisionBenchmark "$rounds"
rm -f "$cp"
