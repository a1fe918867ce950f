#!/usr/bin/env bash
# Labs under TCG, in the network sandbox (scripts/sandbox.sh), one run:
#   1. a lab of one VM: the single VM booted alone, time to ready (`hyperlab up`'s own clock);
#   2. a lab of 2 VMs and 4 system containers on one network: time until all are ready, and its
#      ratio to the single VM of step 1 (issue 11's target: at most 1.3x, the parallelism is real);
#   3. a lab of 20 app containers on one network: time until all run (target: at most 5 s).
#   4. (`lab-up.sh clones`, alone) a lab of 2 instant-clone VMs (`template:`) + 2 system containers
#      on one network against the same lab with cold VMs, ROUNDS times each (default 1), alternating,
#      in one run: the template is made first (a unique name, removed at the end), outside the timing.
# Each lab is brought down again; the sandbox is left as it was found.
# Usage: scripts/bench/lab-up.sh [clones]   (repository root, as root, after mvn package; the default image built)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HL=${HL:-java -jar $ROOT/tui/target/hyperlab.jar}
WORK=$(mktemp -d)
SANDBOX_WAS_UP=0
TEMPLATE=""
"$ROOT/scripts/sandbox.sh" status | grep -q "^up" && SANDBOX_WAS_UP=1
cleanup() {
  for d in "$WORK"/*/; do [ -f "$d/hyperlab.yaml" ] && $HL down -f "$d/hyperlab.yaml" >/dev/null 2>&1 || true; done
  [ $SANDBOX_WAS_UP = 1 ] || "$ROOT/scripts/sandbox.sh" down >/dev/null 2>&1 || true
  [ -z "$TEMPLATE" ] || $HL vm template rm "$TEMPLATE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ "${1:-}" = clones ]; then
  # made before the sandbox, as a user makes one (its NIC is the restricted user-mode one)
  TEMPLATE="bt$$"
  $HL vm template create "$TEMPLATE" >/dev/null
fi
"$ROOT/scripts/sandbox.sh" up >/dev/null 2>&1

# lab NAME YAML-GUESTS: writes the file, runs up, prints the seconds up took until all were ready
lab() {
  local name=$1 guests=$2 dir="$WORK/$1"
  mkdir -p "$dir"
  printf 'name: %s\nnetworks:\n  lan: {}\nguests:\n%s' "$name" "$guests" > "$dir/hyperlab.yaml"
  local out
  out=$($HL up -f "$dir/hyperlab.yaml" | tr -d '\r')
  echo "$out" | grep -E '^[a-z0-9-]+ +(vm|system|app) ' >&2
  echo "$out" | sed -n 's/^lab .* is up in \([0-9.]*\) s$/\1/p'
}

if [ -n "$TEMPLATE" ]; then
  # 2 VMs (cold, or clones of the template) + 2 system containers on one network; the same memory (1 GiB)
  four() { # NAME VM-FIELDS
    local g="" i
    for i in 1 2; do g+="  $1vm$i: {$2, networks: [lan]}
"; done
    for i in 1 2; do g+="  $1ct$i: {kind: system, networks: [lan]}
"; done
    lab "$1" "$g"
  }
  for r in $(seq 1 "${ROUNDS:-1}"); do
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
    cold=$(four "bc$r-$$" "kind: vm, cpus: 2")
    $HL down -f "$WORK/bc$r-$$/hyperlab.yaml" >/dev/null
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
    clones=$(four "bk$r-$$" "template: $TEMPLATE")
    $HL down -f "$WORK/bk$r-$$/hyperlab.yaml" >/dev/null
    echo "round $r: 2 cold VMs + 2 system containers: all ready in $cold s; 2 clones + 2 system containers: $clones s;" \
      "ratio clones/cold: $(awk -v a="$clones" -v b="$cold" 'BEGIN {printf "%.2f", a / b}')"
  done
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
single=$(lab "b1-$$" "  b1vm$$: {kind: vm, networks: [lan]}
")
echo "single VM alone: up in $single s"
$HL down -f "$WORK/b1-$$/hyperlab.yaml" >/dev/null

guests=""
for i in 1 2; do guests+="  b6vm$i-$$: {kind: vm, networks: [lan]}
"; done
for i in 1 2 3 4; do guests+="  b6ct$i-$$: {kind: system, networks: [lan]}
"; done
six=$(lab "b6-$$" "$guests")
echo "2 VMs + 4 system containers: all ready in $six s; ratio to the single VM: $(awk -v a="$six" -v b="$single" 'BEGIN {printf "%.2f", a / b}')"
$HL down -f "$WORK/b6-$$/hyperlab.yaml" >/dev/null

guests=""
for i in $(seq 1 20); do guests+="  b20app$i-$$: {kind: app, command: [sleep, infinity], networks: [lan]}
"; done
twenty=$(lab "b20-$$" "$guests")
echo "20 app containers: all running in $twenty s"
$HL down -f "$WORK/b20-$$/hyperlab.yaml" >/dev/null
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
