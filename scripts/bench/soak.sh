#!/usr/bin/env bash
# Soak: create/remove cycles of a VM and a system container while the TUI runs, then rounds of
# parallel creates of one name (VMs, then containers). Prints the TUI's fds, threads and RSS and
# libvirtd's fds at the start and the end, the winners of each round, and what is left.
# Nothing boots: the VMs are defined, not started; the containers are created, not started.
#
# Then console open/close cycles in the TUI on one running VM (it boots under TCG with no NIC; the
# console is opened whether or not the guest is ready).
#
# Usage: scripts/bench/soak.sh [cycles=100] [rounds=20] [parallel=20] [console-cycles=200]
# Boots nothing, but loads the host for a while: run it under the shared lock,
#   flock /tmp/hyperlab-it.lock scripts/bench/soak.sh
# Needs the jar (mvn -B -q package -DskipTests) and the default image (hyperlab image build).
# Targets (issue 17): TUI fds +5 at most, threads equal, RSS within 10 %; one winner per round;
# no leftovers.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/tui/target/hyperlab.jar"
CYCLES=${1:-100}
ROUNDS=${2:-20}
PARALLEL=${3:-20}
CONSOLES=${4:-200}
PREFIX=${SOAK_PREFIX:-hl-soak-$$}
SOCK="hl-soak-$$"
LIBVIRT=qemu:///system
DATA=${HYPERLAB_HOME:-/var/lib/hyperlab}
[[ -f "$JAR" ]] || { echo "soak: $JAR is missing; run mvn -B -q package -DskipTests" >&2; exit 1; }

# the launcher's JVM options (./hyperlab), or HYPERLAB_JAVA_OPTS to compare others
JOPTS=${HYPERLAB_JAVA_OPTS:-$(sed -n 's/^OPTS=\${HYPERLAB_JAVA_OPTS:-\(.*\)}$/\1/p' "$ROOT/hyperlab")}
hl() { java $JOPTS -jar "$JAR" "$@"; }

leftovers() {
  {
    virsh -c "$LIBVIRT" list --all --name
    virsh -c "$LIBVIRT" vol-list hyperlab 2>/dev/null | awk 'NR>2 {print $1}'
    podman ps -a --format '{{.Names}}'
    ls "$DATA/containers" "$DATA/logs" 2>/dev/null
    ls "$DATA"/locks/*/ 2>/dev/null | sed 's/^[a-z]*-//'
  } | grep -c "^$PREFIX" || true
}

cleanup() {
  tmux -L "$SOCK" kill-server 2>/dev/null || true
  for d in $(virsh -c "$LIBVIRT" list --all --name | grep "^$PREFIX" || true); do hl vm rm --force "$d" >/dev/null 2>&1 || true; done
  for c in $(podman ps -a --format '{{.Names}}' | grep "^$PREFIX" || true); do podman rm -f "$c" >/dev/null 2>&1 || true; done
  hl gc --prefix "$PREFIX" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# The heap in use after a full collection: RSS alone cannot tell a leak from a heap that grows
# towards its -Xmx, because the JVM keeps the memory it once committed.
heap_live() {
  jcmd "$1" GC.run >/dev/null 2>&1 || { echo "?"; return; }
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/generation/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); s += v}} END {print s + 0}'
}

rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# Prints one line of the TUI's and libvirtd's figures; PROBED_RSS keeps the RSS it printed.
PROBED_RSS=
probe() {
  local tui=$1
  PROBED_RSS=$(rss "$tui")
  printf '%-22s tui: fds=%s threads=%s rss=%s kB heap-after-gc=%s kB   libvirtd: fds=%s\n' "$2" \
    "$(ls "/proc/$tui/fd" | wc -l)" "$(awk '/^Threads/ {print $2}' "/proc/$tui/status")" \
    "$PROBED_RSS" "$(heap_live "$tui")" "$(ls "/proc/$(pgrep -o -x libvirtd)/fd" | wc -l)"
}

# The TUI, in a tmux server of its own, lists every guest as the cycles come and go. It is started
# as a user starts it, by the launcher: its JVM options (or HYPERLAB_JAVA_OPTS), class archive and
# malloc settings.
tmux -L "$SOCK" new-session -d -x 100 -y 30 \
  "exec '$ROOT/hyperlab' tui 2>/tmp/$SOCK.err"
TUI=$(tmux -L "$SOCK" list-panes -F '#{pane_pid}') # exec: the pane's process is the JVM itself
sleep 20 # started, first listing done
[[ $(cat "/proc/$TUI/comm") == java ]] || { echo "soak: the TUI did not start" >&2; exit 1; }
echo "soak: prefix $PREFIX, $CYCLES cycles, $ROUNDS rounds of $PARALLEL parallel creates, TUI pid $TUI"
probe "$TUI" "start"
RSS_START=$PROBED_RSS
RSS_WARM=
# What the TUI does for a guest the first time (classes, JIT code) is warm-up, not a leak: the RSS
# after the first tenth of the cycles is printed too, and growth is given from both.
WARM=$(( CYCLES >= 10 ? CYCLES / 10 : 0 ))

t0=$(date +%s)
for i in $(seq 1 "$CYCLES"); do
  hl vm create "$PREFIX-vm" --network none --no-default-ssh-keys >/dev/null 2>&1 || { echo "cycle $i: vm create failed" >&2; exit 1; }
  hl vm rm "$PREFIX-vm" >/dev/null
  hl ct create "$PREFIX-ct" --image debian-12 --mode system --no-default-ssh-keys >/dev/null 2>&1 || { echo "cycle $i: ct create failed" >&2; exit 1; }
  hl ct rm "$PREFIX-ct" >/dev/null
  if (( i == WARM )); then probe "$TUI" "after $WARM cycles"; RSS_WARM=$PROBED_RSS; fi
done
echo "cycles: $CYCLES x (vm create + rm, ct create + rm) in $(( $(date +%s) - t0 )) s"
probe "$TUI" "after the cycles"
growth() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f %%", (b - a) * 100 / a}'; }
RSS_END=$PROBED_RSS
(( CYCLES > 0 )) && echo "TUI RSS over the cycles: $(growth "$RSS_START" "$RSS_END") from the start${RSS_WARM:+, $(growth "$RSS_WARM" "$RSS_END") from after $WARM cycles}"

parallel_round() { # kind name: prints the number of winners; every loser must say "exists already"
  local kind=$1 name=$2 dir pids=() wins=0 bad=0
  dir=$(mktemp -d)
  for p in $(seq 1 "$PARALLEL"); do
    if [[ $kind == vm ]]; then
      hl vm create "$name" --network none --no-default-ssh-keys >"$dir/$p.out" 2>"$dir/$p.err" & pids+=($!)
    else
      hl ct create "$name" --image debian-12 --mode system --no-default-ssh-keys >"$dir/$p.out" 2>"$dir/$p.err" & pids+=($!)
    fi
  done
  for p in "${!pids[@]}"; do
    if wait "${pids[$p]}"; then wins=$((wins + 1)); elif ! grep -q "exists already" "$dir/$((p + 1)).err"; then
      bad=$((bad + 1)); echo "unexpected error: $(tail -2 "$dir/$((p + 1)).err")" >&2
    fi
  done
  rm -rf "$dir"
  echo "$wins $bad"
}

for kind in vm ct; do
  t0=$(date +%s)
  winners=()
  for r in $(seq 1 "$ROUNDS"); do
    read -r wins bad < <(parallel_round "$kind" "$PREFIX-p$kind")
    winners+=("$wins")
    [[ $bad == 0 ]] || echo "round $r: $bad losers without 'exists already'" >&2
    if [[ $kind == vm ]]; then
      # (into a variable first: grep -q would close the pipe early, and pipefail count virsh's SIGPIPE)
      xml=$(virsh -c "$LIBVIRT" dumpxml "$PREFIX-p$kind")
      [[ $xml == *"$PREFIX-p$kind-seed.iso"* && $xml == *"$PREFIX-p$kind.qcow2"* ]] || echo "round $r: the winner is not whole" >&2
      hl vm rm "$PREFIX-p$kind" >/dev/null
    else
      podman inspect "$PREFIX-p$kind" >/dev/null || echo "round $r: the winner is not whole" >&2
      hl ct rm "$PREFIX-p$kind" >/dev/null
    fi
  done
  echo "parallel $kind: $ROUNDS rounds of $PARALLEL, winners per round: ${winners[*]} ($(( $(date +%s) - t0 )) s)"
done
if (( CONSOLES > 0 )); then
  hl vm create "$PREFIX-con" --network none --no-default-ssh-keys --start >/dev/null 2>&1 || { echo "console VM: create failed" >&2; exit 1; }
  sleep 3 # the TUI lists it
  probe "$TUI" "before the consoles"
  t0=$(date +%s)
  for i in $(seq 1 "$CONSOLES"); do
    tmux -L "$SOCK" send-keys ":console $PREFIX-con" Enter
    sleep 0.4
    if (( i == 1 )); then # the cycles count only if the console really opens
      [[ $(tmux -L "$SOCK" capture-pane -p) == *"console vm/$PREFIX-con"* ]] || { echo "consoles: the TUI did not open one" >&2; exit 1; }
    fi
    tmux -L "$SOCK" send-keys C-]
    sleep 0.2
  done
  sleep 2
  screen=$(tmux -L "$SOCK" capture-pane -p)
  [[ $screen == *"console vm/$PREFIX-con"* ]] && echo "consoles: the last console did not close" >&2
  echo "consoles: $CONSOLES open/close cycles in $(( $(date +%s) - t0 )) s"
  hl vm rm --force "$PREFIX-con" >/dev/null
fi
probe "$TUI" "end"
echo "leftovers named $PREFIX*: $(leftovers)"
[[ -s /tmp/$SOCK.err ]] && { echo "TUI stderr:"; head -5 "/tmp/$SOCK.err"; }
rm -f "/tmp/$SOCK.err"
