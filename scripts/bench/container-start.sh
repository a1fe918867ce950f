#!/bin/sh
# App-container start through hyperlab vs bare `podman run --rm --network none`, and
# system-container time to READY. Usage: scripts/bench/container-start.sh [rounds] [systemRounds]
set -eu
cd "$(dirname "$0")/../.."
[ -f tui/target/hyperlab.jar ] || mvn -B -q package -DskipTests
exec java -cp tui/target/hyperlab.jar dev.hyperlab.core.lab.ContainerBenchmark "$@"
