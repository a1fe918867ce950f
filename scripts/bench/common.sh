# Shared by the benchmark scripts (sourced, not run).

# A phase's seconds from hyperlab's output: the live line ("  ready    at    2.4 s") or the closing
# timeline ("  ready         2.4 s  (+0.1 s)"); the last one printed wins.
phase_of() { tr -d '\r' | sed -En "s/^ *$1 +(at +)?([0-9.]+) s( .*)?\$/\2/p" | tail -1; }

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
