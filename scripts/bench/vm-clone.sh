#!/usr/bin/env bash
# A linked clone against a cold create of the same image, in one run: `vm create --start --wait`
# of a source VM (cold), then N times `vm clone SOURCE --start --wait` of the stopped source. Prints
# each time to ready on the host clock (from the command start, as hyperlab measures it) and the
# medians. A clone boots cold with a copied overlay and a new seed: this shows what the copy and the
# new identity cost on top of a cold boot, not an instant (memory-state) clone.
# Usage: scripts/bench/vm-clone.sh [IMAGE] [N]   (repository root, as root, after mvn package)
set -euo pipefail
IMAGE=${1:-debian-12}
N=${2:-3}
HL=${HL:-java -jar tui/target/hyperlab.jar}
SRC=hlbench-src-$$
trap '$HL vm rm --force $SRC >/dev/null 2>&1 || true; for i in $(seq 1 "$N"); do $HL vm rm --force $SRC-c$i >/dev/null 2>&1 || true; done' EXIT

. "$(dirname "$0")/common.sh"

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
cold=()
# Two cold creates (the source, then one more) so the cold figure is a median too.
for name in "$SRC" "$SRC-cold"; do
  t=$($HL vm create "$name" --image "$IMAGE" --network none --no-default-ssh-keys --start --wait | phase_of ready)
  echo "cold create $name: ready at $t s"
  cold+=("$t")
done
$HL vm rm --force "$SRC-cold" >/dev/null
$HL vm stop "$SRC" >/dev/null
clones=()
for i in $(seq 1 "$N"); do
  out=$($HL vm clone "$SRC" "$SRC-c$i" --no-default-ssh-keys --start --wait)
  t=$(echo "$out" | phase_of ready)
  echo "clone $i: $(echo "$out" | tr -d '\r' | grep '^copying' | sed 's/ *$//') ready at $t s"
  clones+=("$t")
done
c=$(printf '%s\n' "${cold[@]}" | median)
k=$(printf '%s\n' "${clones[@]}" | median)
echo "median cold create ready: $c s; median clone ready: $k s; clone/cold: $(awk -v a="$k" -v b="$c" 'BEGIN {printf "%.2f", a / b}')"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
