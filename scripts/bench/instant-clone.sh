#!/usr/bin/env bash
# Instant clones against cold boots of the same image, in one run. Cold: C times
# `vm create --start --wait`. Then `vm template create`, and N times `vm create --from-template`.
# All with the restricted user-mode NIC (network rule), SSH forwarded on loopback. Prints each time
# to ready on the host clock (from the command start, as hyperlab measures it), the medians and
# their ratio, and what each costs: QEMU's RSS and the disk file beside the template's.
# Usage: scripts/bench/instant-clone.sh [IMAGE] [N] [C]   (repository root, as root, after mvn package)
set -euo pipefail
IMAGE=${1:-debian-12}
N=${2:-5}
C=${3:-2}
HL=${HL:-java -jar tui/target/hyperlab.jar}
T=hlbench$$
POOL=$($HL doctor --json 2>/dev/null | sed -n 's/.*"pool" *: *"\([^"]*\)".*/\1/p' | head -1)
POOL=${POOL:-/var/lib/hyperlab/pool}
cleanup() {
  for i in $(seq 1 "$N"); do $HL vm rm --force "$T-i$i" >/dev/null 2>&1 || true; done
  for i in $(seq 1 "$C"); do $HL vm rm --force "$T-cold$i" >/dev/null 2>&1 || true; done
  $HL vm template rm "$T" >/dev/null 2>&1 || true
}
trap cleanup EXIT

. "$(dirname "$0")/common.sh"
rss_mib() { ps -o rss= -p "$(pgrep -f "guest=$1," | head -1)" | awk '{printf "%.0f", $1 / 1024}'; }
disk_mib() { du -m --apparent-size "$POOL/$1" | cut -f1; }
used_mib() { du -m "$POOL/$1" | cut -f1; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
cold=()
for i in $(seq 1 "$C"); do
  t=$($HL vm create "$T-cold$i" --image "$IMAGE" --network user --no-default-ssh-keys --start --wait | phase_of ready)
  echo "cold create $T-cold$i: ready at $t s; QEMU RSS $(rss_mib "$T-cold$i") MiB"
  cold+=("$t")
done
start=$(date +%s.%N)
$HL vm template create "$T" --image "$IMAGE" >/dev/null
echo "template $T made in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s:" \
  "frozen disk $(used_mib "hl-template-$T.qcow2") MiB, saved state $(used_mib "hl-template-$T-state.qcow2") MiB"
clones=()
for i in $(seq 1 "$N"); do
  out=$($HL vm create "$T-i$i" --from-template "$T" --network user --no-default-ssh-keys)
  t=$(echo "$out" | phase_of ready)
  echo "clone $i: restored at $(echo "$out" | phase_of restored) s, ready at $t s; QEMU RSS $(rss_mib "$T-i$i") MiB," \
    "disk file $(used_mib "$T-i$i.qcow2") MiB on T's frozen disk"
  clones+=("$t")
done
c=$(printf '%s\n' "${cold[@]}" | median)
k=$(printf '%s\n' "${clones[@]}" | median)
echo "median cold ready: $c s; median instant clone ready: $k s; cold/clone: $(awk -v a="$c" -v b="$k" 'BEGIN {printf "%.1f", a / b}')x"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
