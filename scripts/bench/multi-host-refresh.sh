#!/usr/bin/env bash
# One TUI refresh over several libvirt hosts (default 3 x 200 guests), each a test-driver file served
# by the running libvirtd over its RPC (test+unix:///FILE), wired as 'hyperlab tui' wires hosts.yaml.
# Usage: scripts/bench/multi-host-refresh.sh [hosts=3] [guests-per-host=200]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
virsh -c qemu:///system version >/dev/null 2>&1 || { echo "bench: libvirtd does not answer; run scripts/setup.sh" >&2; exit 1; }
mvn -B -q -pl tui -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null || { echo "bench: the build failed; run it without -q to see why" >&2; exit 1; }
CP="tui/target/test-classes:tui/target/classes:$(cat tui/target/bench.classpath)"
exec java ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.hyperlab.tui.bench.MultiHostRefreshBench "${1:-3}" "${2:-200}"
