#!/bin/sh
# Runs the libFuzzer targets of a fuzzing build one after another, each for
# a fixed time (and at most a number of executions), and prints per target:
# executions, executions per second, coverage (cov/ft), corpus size and
# findings. Exits 1 when any target found something or did not run.
#
#   CC=clang meson setup build-fuzz -Dfuzzing=true -Dapp=disabled
#   sh tests/fuzz/run-campaign.sh -b build-fuzz -t 600 -w /var/tmp/mado-fuzz
#
# Options: -b BUILD-DIR (build-fuzz), -t SECONDS per target (60), -r RUNS
# per target (no limit), -w WORK-DIR (a new temporary folder), -n (build
# the targets first with ninja), then target names (all when none).
# The working corpus of each target starts from tests/fuzz/corpus/NAME and
# grows in WORK-DIR/corpus/NAME; crashes, leaks and timeouts land in
# WORK-DIR/findings/NAME. docs/fuzzing.md says how to keep what it found.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=build-fuzz seconds=60 runs=-1 work= make_first=no
while getopts b:t:r:w:n opt; do
  case $opt in
    b) build=$OPTARG ;;
    t) seconds=$OPTARG ;;
    r) runs=$OPTARG ;;
    w) work=$OPTARG ;;
    n) make_first=yes ;;
    *) sed -n '2,18p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
case $build in /*) ;; *) build=$root/$build ;; esac
[ -n "$work" ] || work=$(mktemp -d "${TMPDIR:-/tmp}/mado-fuzz-XXXXXX")

# The targets this build defines: fuzz-* executables that are not replays.
targets=${*:-$(meson introspect --targets "$build" | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    if t["type"] == "executable" and t["name"].startswith("fuzz-") and not t["name"].endswith("-replay"):
        print(t["name"])' | sort)}
if [ -z "$targets" ]; then
  echo "no fuzz targets in $build: configure it with CC=clang and -Dfuzzing=true" >&2
  exit 2
fi
if [ $make_first = yes ]; then
  # shellcheck disable=SC2046
  nice ninja -C "$build" $(for t in $targets; do printf 'tests/fuzz/%s ' "$t"; done)
fi

printf '%-24s %12s %8s %6s %7s %8s %9s\n' target executions exec/s cov ft corpus findings
bad=0
for target in $targets; do
  name=${target#fuzz-}
  corpus=$work/corpus/$name findings=$work/findings/$name log=$work/$name.log
  mkdir -p "$corpus" "$findings"
  # Seeds are read, never written: new inputs go to the working corpus.
  status=0
  nice -n 19 "$build/tests/fuzz/$target" -max_total_time="$seconds" -runs="$runs" \
    -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$findings/" "$corpus" "$root/tests/fuzz/corpus/$name" \
    > "$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1)
  cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  size=$(find "$corpus" -type f | wc -l)
  found=$(find "$findings" -type f | wc -l)
  printf '%-24s %12s %8s %6s %7s %8s %9s\n' "$target" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "$size" "$found"
  if [ "$found" -ne 0 ] || [ $status -ne 0 ] || [ -z "$execs" ]; then
    bad=$((bad + 1))
    echo "  $target: exit $status; log $log; findings in $findings" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*ERROR:)' "$log" | head -n 5 >&2 || true
  fi
done
echo "work folder: $work"
echo "fuzz: $(($(echo $targets | wc -w) - bad)) passed, $bad failed"
[ $bad -eq 0 ]
