#!/usr/bin/env bash
# Several TUIs, each with other JVM options or environment, watch the same create/remove cycles (a VM
# and a system container, defined and created, not started, as in soak.sh), so their RSS compares
# within one run on one host load. Prints each TUI's RSS (kB) every 5 cycles; writes each one's
# pmap at the end to /tmp/hl-rss-variants/NAME.pmap.
#
# Usage: scripts/bench/tui-rss-variants.sh CYCLES 'NAME|ENV|JVM OPTIONS' ...
#   e.g. scripts/bench/tui-rss-variants.sh 50 'glibc|X=1|' 'arenas2|MALLOC_ARENA_MAX=2|'
# Each TUI runs the launcher's JVM options plus its own; ENV is one VAR=VALUE (X=1 for none).
# Run it under the shared lock: flock /tmp/hyperlab-it.lock scripts/bench/tui-rss-variants.sh ...
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/tui/target/hyperlab.jar"
[[ -f "$JAR" ]] || { echo "tui-rss-variants: $JAR is missing; run mvn -B -q package -DskipTests" >&2; exit 1; }
CYCLES=${1:?usage: $0 CYCLES 'NAME|ENV|JVM OPTIONS' ...}; shift
(( $# > 0 )) || { echo "tui-rss-variants: give at least one variant" >&2; exit 2; }
BASE=$(sed -n 's/^OPTS=\${HYPERLAB_JAVA_OPTS:-\(.*\)}$/\1/p' "$ROOT/hyperlab")
OUT=/tmp/hl-rss-variants; mkdir -p "$OUT"
PREFIX=hl-soak-var$$
SOCK=hl-var-$$
hl() { java $BASE -jar "$JAR" "$@"; }
names=(); declare -A pid
cleanup() {
  for n in "${names[@]}"; do tmux -L "$SOCK-$n" kill-server 2>/dev/null || true; done
  hl gc --prefix "$PREFIX" >/dev/null 2>&1 || true
}
trap cleanup EXIT
for v in "$@"; do
  IFS='|' read -r name env opts <<<"$v"
  names+=("$name")
  tmux -L "$SOCK-$name" new-session -d -x 100 -y 30 "exec env $env java $BASE $opts -jar '$JAR' tui 2>$OUT/$name.err"
  pid[$name]=$(tmux -L "$SOCK-$name" list-panes -F '#{pane_pid}')
done
sleep 25 # started, first listing done
row() { printf '%-4s' "$1"; for n in "${names[@]}"; do printf ' %s=%s' "$n" "$(awk '/^VmRSS/ {print $2}' "/proc/${pid[$n]}/status")"; done; echo; }
echo "tui-rss-variants: $CYCLES cycles, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
row 0
for i in $(seq 1 "$CYCLES"); do
  hl vm create "$PREFIX-vm" --network none --no-default-ssh-keys >/dev/null 2>&1 || { echo "cycle $i: vm create failed" >&2; exit 1; }
  hl vm rm "$PREFIX-vm" >/dev/null
  hl ct create "$PREFIX-ct" --image debian-12 --mode system --no-default-ssh-keys >/dev/null 2>&1 || { echo "cycle $i: ct create failed" >&2; exit 1; }
  hl ct rm "$PREFIX-ct" >/dev/null
  if (( i % 5 == 0 )); then row "$i"; fi
done
for n in "${names[@]}"; do pmap -x "${pid[$n]}" >"$OUT/$n.pmap"; done
echo "tui-rss-variants: done, load $(cut -d' ' -f1-3 /proc/loadavg)"
