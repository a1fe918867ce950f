#!/usr/bin/env bash
# Times `hyperlab image build --rebuild` (the default image, debian-12) and prints the figures.
# Run as root from the repository root after `mvn -B -q -o package -DskipTests`:
#   scripts/bench/image-build.sh [runs]
# The first run after a fresh setup also downloads the .debs (cached in DATA/images/cache/debs);
# later runs measure the build proper. Target: <= 90 s.
set -euo pipefail
runs=${1:-1}
jar=${HYPERLAB_JAR:-tui/target/hyperlab.jar}
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s.%N)
  java -jar "$jar" image build --rebuild >/dev/null 2>/tmp/hyperlab-image-build.log
  end=$(date +%s.%N)
  printf 'run %d: image build --rebuild took %.1f s\n' "$i" "$(echo "$end - $start" | bc)"
  # the first line of each phase: when it started
  awk '{ ph = $0; sub(/^\[ *[0-9]+s\] /, "", ph); split(ph, a, " "); if (!seen[a[1]]++) print "    " $0 }' \
    /tmp/hyperlab-image-build.log | cut -c1-110
done
java -jar "$jar" image list
