#!/usr/bin/env bash
# What the host can switch on to pay less per VM, each measured in the same run (issue 14, density):
#  1. QEMU's TCG translated-code cache (<features><tcg><tb-cache>), set through `hyperlab vm edit`:
#     QEMU's default against 256 MiB and 64 MiB; each VM's time to ready and its QEMU RSS/PSS.
#  2. Instant clones of one template, then KSM (when the host kernel has it): the clones' summed PSS
#     before and after 60 s of merging. KSM's settings are put back as they were.
# Free page reporting is on for every hyperlab VM (virtio-balloon). TCG, 2 vCPU, 1 GiB, restricted
# user-mode NIC. Usage: scripts/bench/vm-density.sh [IMAGE] [CLONES]   (repository root, as root)
# The product measures the same levers, free page reporting included, in one run and reports them:
# `hyperlab compare --vm-levers` (docs/compare-output.md). This script is the by-hand cross-check.
set -euo pipefail
IMAGE=${1:-debian-12}
N=${2:-3}
HL=${HL:-java -jar tui/target/hyperlab.jar}
P=hlden$$
. "$(dirname "$0")/common.sh"
KSM=/sys/kernel/mm/ksm
ksm_run=$(cat $KSM/run 2>/dev/null || echo "")
ksm_scan=$(cat $KSM/pages_to_scan 2>/dev/null || echo "")
cleanup() {
  for v in $($HL vm list -q 2>/dev/null | grep "^$P" || true); do $HL vm rm --force "$v" >/dev/null 2>&1 || true; done
  $HL vm template rm "$P" >/dev/null 2>&1 || true
  if [ -n "$ksm_run" ]; then echo "$ksm_scan" > $KSM/pages_to_scan; echo "$ksm_run" > $KSM/run; fi
}
trap cleanup EXIT
mem_of() { awk '/^Rss:/ {r=$2} /^Pss:/ {p=$2} END {printf "RSS %d MiB, PSS %d MiB", r / 1024, p / 1024}' "/proc/$(pgrep -f "guest=$1," | head -1)/smaps_rollup"; }
pss_kib() { awk '/^Pss:/ {print $2}' "/proc/$(pgrep -f "guest=$1," | head -1)/smaps_rollup"; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for tb in default 256 64; do
  vm=$P-tb$tb
  $HL vm create "$vm" --image "$IMAGE" --network user --no-default-ssh-keys >/dev/null
  if [ "$tb" != default ]; then
    # an editor that adds the element: what a user does by hand in 'hyperlab vm edit'
    ed=$(mktemp)
    printf '#!/bin/sh\nel="<tcg><tb-cache unit=\\"MiB\\">%s</tb-cache></tcg>"\nif grep -q "<features>" "$1"; then sed -i "s|<features>|<features>$el|" "$1"; else sed -i "s|</os>|</os><features>$el</features>|" "$1"; fi\n' "$tb" > "$ed"
    chmod +x "$ed"; EDITOR=$ed VISUAL=$ed $HL vm edit "$vm" >/dev/null; rm -f "$ed"
  fi
  t=$($HL vm start "$vm" --wait | phase_of ready)
  sleep 5
  echo "tb-cache $tb: ready at $t s; $(mem_of "$vm")"
  $HL vm rm --force "$vm" >/dev/null
done

$HL vm template create "$P" --image "$IMAGE" >/dev/null
total=0
for i in $(seq 1 "$N"); do
  $HL vm create "$P-c$i" --from-template "$P" --network user --no-default-ssh-keys >/dev/null
done
sleep 5
for i in $(seq 1 "$N"); do total=$((total + $(pss_kib "$P-c$i"))); echo "clone $i: $(mem_of "$P-c$i")"; done
echo "$N clones: summed PSS $((total / 1024)) MiB"
if [ -n "$ksm_run" ]; then
  echo 1000 > $KSM/pages_to_scan; echo 1 > $KSM/run
  sleep 60
  total=0
  for i in $(seq 1 "$N"); do total=$((total + $(pss_kib "$P-c$i"))); done
  echo "after 60 s of KSM: summed PSS $((total / 1024)) MiB; pages_sharing $(cat $KSM/pages_sharing) ($(( $(cat $KSM/pages_sharing) * 4 / 1024 )) MiB saved)"
else
  echo "KSM: not in this host's kernel"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
