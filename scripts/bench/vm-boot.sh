#!/usr/bin/env bash
# Boots the same image + cloud-init seed twice under the same conditions (qemu:///system, TCG or
# KVM as doctor decides, 2 vCPU, 1 GiB, no NIC): once with `hyperlab vm create --start --wait`,
# once with `virt-install --import`, the tool a user would otherwise pick. An outside watcher
# timestamps, on the host clock and the same way for both:
#   qemu    - the QEMU process for the guest exists (tool overhead: command start -> QEMU running)
#   kernel  - first line on the serial console log
#   init    - first systemd / cloud-init line
#   ready   - the hyperlab readiness marker (last cloud-init runcmd)
# Usage: scripts/bench/vm-boot.sh [IMAGE]   (run from the repository root, as root, after mvn package)
set -euo pipefail
IMAGE=${1:-debian-12}
HL=${HL:-java -jar tui/target/hyperlab.jar}
URI=qemu:///system
WORK=${HYPERLAB_HOME:-/var/lib/hyperlab}/bench
mkdir -p "$WORK"
HL_NAME=hlbench-hl-$$
VI_NAME=hlbench-vi-$$

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# watch NAME LOG T0: prints "phase ms" lines until ready or 15 minutes
watch() {
  local name=$1 log=$2 t0=$3 qemu_seen=0 kernel=0 init=0
  local deadline=$(( t0 + 900000 ))
  while [ $qemu_seen = 0 ]; do
    if pgrep -f "guest=$name," >/dev/null; then echo "qemu $(( $(now_ms) - t0 ))"; qemu_seen=1; fi
    [ $(now_ms) -gt $deadline ] && return 1
    sleep 0.02
  done
  while [ ! -e "$log" ]; do sleep 0.02; done
  timeout 900 tail -F -n +1 "$log" 2>/dev/null | while IFS= read -r line; do
    t=$(( $(now_ms) - t0 ))
    line=${line//$'\r'/}
    [ -z "${line// /}" ] && continue
    if [ $kernel = 0 ]; then echo "kernel $t"; kernel=1; fi
    if [ $init = 0 ] && [[ $line =~ systemd\[1\]|Welcome\ to|Cloud-init\ v\. ]]; then echo "init $t"; init=1; fi
    if [[ $line == *hyperlab-ready* ]]; then echo "ready $t"; break; fi
  done
}

cleanup() {
  virsh -q -c $URI destroy $VI_NAME >/dev/null 2>&1 || true
  virsh -q -c $URI undefine $VI_NAME >/dev/null 2>&1 || true
  rm -f "$WORK/$VI_NAME.qcow2" "$WORK/$VI_NAME-seed.iso" "$WORK/$VI_NAME.log"
  $HL vm rm --force $HL_NAME >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== hyperlab vm create --start --wait ($IMAGE)"
HL_LOG=${HYPERLAB_HOME:-/var/lib/hyperlab}/logs/$HL_NAME-console.log
t0=$(now_ms)
watch $HL_NAME "$HL_LOG" $t0 > "$WORK/hl.times" &
W=$!
$HL vm create $HL_NAME --image "$IMAGE" --cpus 2 --memory 1G --network none --start --wait --timeout 900 \
  | grep -v '^  \.\.\.' || true
wait $W || true
echo "-- watcher (ms since command start):"; cat "$WORK/hl.times"

# the same kernel, initrd, command line, base disk and seed for virt-install
XML=$(virsh -c $URI dumpxml $HL_NAME)
KERNEL=$(sed -n 's:.*<kernel>\(.*\)</kernel>.*:\1:p' <<<"$XML")
INITRD=$(sed -n 's:.*<initrd>\(.*\)</initrd>.*:\1:p' <<<"$XML")
CMDLINE=$(sed -n 's:.*<cmdline>\(.*\)</cmdline>.*:\1:p' <<<"$XML")
SEED=$(grep -o "source file='[^']*-seed.iso'" <<<"$XML" | cut -d"'" -f2)
OVERLAY=$(grep -o "source file='[^']*$HL_NAME.qcow2'" <<<"$XML" | cut -d"'" -f2)
BASE=$(qemu-img info --force-share --output=json "$OVERLAY" | sed -n 's/.*"backing-filename": "\([^"]*\)".*/\1/p' | head -1)
cp "$SEED" "$WORK/$VI_NAME-seed.iso"
$HL vm rm --force $HL_NAME >/dev/null

echo "== virt-install --import (same base, kernel, initrd, cmdline, seed)"
qemu-img create -q -f qcow2 -b "$BASE" -F qcow2 "$WORK/$VI_NAME.qcow2"
VI_LOG=$WORK/$VI_NAME.log
VT=$(virsh -c $URI capabilities | grep -q "domain type='kvm'" && grep -qE ' (vmx|svm)' /proc/cpuinfo && echo kvm || echo qemu)
t0=$(now_ms)
watch $VI_NAME "$VI_LOG" $t0 > "$WORK/vi.times" &
W=$!
virt-install --connect $URI --name $VI_NAME --import --virt-type $VT --memory 1024 --vcpus 2 \
  --disk path="$WORK/$VI_NAME.qcow2",format=qcow2,bus=virtio \
  --disk path="$WORK/$VI_NAME-seed.iso",device=disk,bus=virtio,format=raw,readonly=on \
  --boot kernel="$KERNEL",initrd="$INITRD",kernel_args="$CMDLINE" \
  --network none --graphics none --serial pty,log.file="$VI_LOG" --osinfo detect=on,require=off \
  --noautoconsole --quiet
wait $W || true
echo "-- watcher (ms since command start):"; cat "$WORK/vi.times"

echo "== summary (s since command start)"
printf "%-8s %10s %12s\n" phase hyperlab virt-install
for p in qemu kernel init ready; do
  a=$(awk -v p=$p '$1==p{printf "%.2f", $2/1000}' "$WORK/hl.times"); b=$(awk -v p=$p '$1==p{printf "%.2f", $2/1000}' "$WORK/vi.times")
  printf "%-8s %10s %12s\n" $p "${a:--}" "${b:--}"
done
