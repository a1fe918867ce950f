#!/usr/bin/env bash
# How long a TAB on a live name takes: `hyperlab __complete vm` answered from the name cache (the
# usual case), the same without the class-data archive, a live answer (cache emptied), and the
# whole bash completion function for `hyperlab vm start we<TAB>`. Uses hyperfine when installed,
# else a loop. Runs against this checkout's jar (built if needed); its own cache directory.
#
#   scripts/bench/complete.sh [RUNS]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUNS=${1:-20}
export XDG_CACHE_HOME=$(mktemp -d)
VM=t-native-web-1   # defined (no disk, no NIC, never started) so there is a name to complete
printf "<domain type='qemu'><name>%s</name><memory unit='MiB'>64</memory><os><type arch='x86_64'>hvm</type></os></domain>" "$VM" >"$XDG_CACHE_HOME/vm.xml"
virsh -q -c qemu:///system define "$XDG_CACHE_HOME/vm.xml" >/dev/null
trap 'virsh -q -c qemu:///system undefine "$VM" >/dev/null; rm -rf "$XDG_CACHE_HOME"' EXIT
BIN="$XDG_CACHE_HOME/bin"; mkdir -p "$BIN"
printf '#!/bin/sh\nexec %s/hyperlab "$@"\n' "$ROOT" >"$BIN/hyperlab"; chmod +x "$BIN/hyperlab"
export PATH="$BIN:$PATH"
JAR="$ROOT/tui/target/hyperlab.jar"
hyperlab --version >/dev/null            # build if needed
hyperlab __complete vm >/dev/null        # fills the cache and makes the class-data archive
hyperlab completion bash >"$XDG_CACHE_HOME/hyperlab.bash"
cat >"$XDG_CACHE_HOME/tab.sh" <<TAB
source "$XDG_CACHE_HOME/hyperlab.bash" 2>/dev/null
compopt() { :; }
COMP_WORDS=(hyperlab vm start t-native-we); COMP_CWORD=3; COMP_LINE="hyperlab vm start t-native-we"; COMP_POINT=\${#COMP_LINE}; COMPREPLY=()
_complete_hyperlab_live hyperlab t-native-we start
printf '%s\\n' "\${COMPREPLY[@]}"
TAB
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); VMs in the answer: $(hyperlab __complete vm | wc -l); vm start t-native-we<TAB> -> $(bash --norc "$XDG_CACHE_HOME/tab.sh")"
NOCDS="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m -cp $JAR dev.hyperlab.cli.Main __complete vm"
LIVE_PREP="rm -rf $XDG_CACHE_HOME/hyperlab/complete"
if command -v hyperfine >/dev/null; then
  hyperfine -N -i --warmup 3 --runs "$RUNS" \
    -n "cached (launcher + CDS)" "hyperlab __complete vm" \
    -n "cached, no CDS" "$NOCDS" \
    -n "whole bash TAB (vm start t-native-we<TAB>)" "bash --norc $XDG_CACHE_HOME/tab.sh"
  hyperfine -N -i --warmup 1 --runs $(( RUNS / 2 )) --prepare "$LIVE_PREP" -n "live (cache emptied)" "hyperlab __complete vm"
else
  for what in "hyperlab __complete vm" "$NOCDS"; do
    s=$(date +%s%N); for ((i = 0; i < RUNS; i++)); do $what >/dev/null; done
    echo "$what: $(( ($(date +%s%N) - s) / RUNS / 1000000 )) ms mean"
  done
fi
