#!/usr/bin/env bash
# TUI refresh benchmark: N guests on libvirt's in-process test:///default driver (no daemon).
# Usage: scripts/bench/tui-refresh.sh [guests=500] [idle-seconds=30]
# Extra JVM flags: BENCH_JAVA_OPTS (e.g. the ones ./hyperlab uses via HYPERLAB_JAVA_OPTS).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
mvn -B -q -pl tui -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null || { echo "bench: the build failed; run it without -q to see why" >&2; exit 1; }
CP="tui/target/test-classes:tui/target/classes:$(cat tui/target/bench.classpath)"
exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.hyperlab.tui.bench.TuiRefreshBench "${1:-500}" "${2:-30}"
