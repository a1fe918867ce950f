#!/bin/sh
# Cost of rendering and writing a NoCloud seed (warm JVM), and of one CLI call end to end.
# Usage: scripts/bench/cloudinit-seed.sh [iterations]   (after: mvn -B -q install -DskipTests)
set -eu
cd "$(dirname "$0")/../.."
mvn -B -q -pl cloud-init test-compile
CP=cloud-init/target/classes:cloud-init/target/test-classes:$(ls ~/.m2/repository/org/yaml/snakeyaml/2.3/snakeyaml-2.3.jar):$(ls ~/.m2/repository/commons-codec/commons-codec/1.17.1/commons-codec-1.17.1.jar)
java -cp "$CP" dev.hyperlab.cloudinit.bench.SeedBench "${1:-2000}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
start=$(date +%s%N)
java -jar tui/target/hyperlab.jar cloud-init render --hostname bench-1 --user alice --no-default-ssh-keys \
  --runcmd 'echo hi' --iso "$tmp/seed.iso" >/dev/null
echo "CLI 'hyperlab cloud-init render --iso' (JVM start included): $(( ($(date +%s%N) - start) / 1000000 )) ms"
