#!/usr/bin/env bash
# Provisioning a simulated Debian host over one SSH connection (mesh) against replaying the same
# commands with one SSH connection each (what the seed's `ssh` per command did); prints the ratio.
# Needs only a JDK and Maven; everything runs on loopback. Start-up and fleet figures on real hosts:
# bench/startup.sh, bench/fleet.sh, bench/profile.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}

cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
build_classpath() {
  mvn -B -q "$@" test-compile dependency:build-classpath -pl mesh-cli -am -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp" >/dev/null
}
build_classpath -o 2>/dev/null || build_classpath
java -cp "mesh-cli/target/test-classes:mesh-cli/target/classes:$(cat "$cp")" dev.mesh.cli.ProvisionBenchmark "$rounds"
