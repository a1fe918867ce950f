#!/usr/bin/env bash
# Labs under TCG, in the network sandbox (scripts/sandbox.sh), one run:
#   1. a lab of one VM: the single VM booted alone, time to ready (`hyperlab up`'s own clock);
#   2. a lab of 2 VMs and 4 system containers on one network: time until all are ready, and its
#      ratio to the single VM of step 1 (issue 11's target: at most 1.3x, the parallelism is real);
#   3. a lab of 20 app containers on one network: time until all run (target: at most 5 s).
# Each lab is brought down again; the sandbox is left as it was found.
# Usage: scripts/bench/lab-up.sh   (repository root, as root, after mvn package; the default image built)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HL=${HL:-java -jar $ROOT/tui/target/hyperlab.jar}
WORK=$(mktemp -d)
SANDBOX_WAS_UP=0
"$ROOT/scripts/sandbox.sh" status | grep -q "^up" && SANDBOX_WAS_UP=1
cleanup() {
  for d in "$WORK"/*/; do [ -f "$d/hyperlab.yaml" ] && $HL down -f "$d/hyperlab.yaml" >/dev/null 2>&1 || true; done
  [ $SANDBOX_WAS_UP = 1 ] || "$ROOT/scripts/sandbox.sh" down >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
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
