#!/usr/bin/env bash
# The mesh client's Java heap for a fleet of simulated hosts (issue 9: under 256 MB for 100 hosts):
# 100 simulated Debian hosts (MINA SSH servers on loopback, in the benchmark's JVM) provisioned and
# then re-checked by ONE `mesh remote provision --all` process from the built distribution, capped at
# -Xmx256m, its peak heap read from its GC log. Needs only a JDK and Maven.
#
# usage: bench/heap.sh [HOSTS]   (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${1:-100}

cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
build() {
  mvn -B -q "$@" package dependency:build-classpath -pl mesh-cli -am -DskipTests -Dmesh.image.skip=true \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
}
build -o 2>/dev/null || build
java -cp "mesh-cli/target/test-classes:mesh-cli/target/classes:$(cat "$cp")" dev.mesh.cli.FleetMemoryBenchmark \
  "$PWD/mesh-cli/target/mesh/bin/mesh" "$hosts"
