#!/bin/sh
# HACKING.md's sizes: no C file in src/ over 800 lines, no function over 70.
# A function is counted from its opening brace in the first column to the
# closing one, as the code is laid out (GNU style, braces alone on a line).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$1
cd "$root"
status=0
for f in $(find src -name '*.c' -o -name '*.h' | LC_ALL=C sort); do
  lines=$(wc -l < "$f")
  if [ "$lines" -gt 800 ]; then
    echo "$f: $lines lines (at most 800: split it by concern)"
    status=1
  fi
  awk -v file="$f" '
    /^\{/ { start = NR }
    /^\}/ && start { if (NR - start - 1 > 70) { print file ":" start ": a function of " NR - start - 1 " lines (at most 70)"; bad = 1 } start = 0 }
    END { exit bad }' "$f" || status=1
done
exit $status
