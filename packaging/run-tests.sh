#!/bin/sh
# Installs the dependencies, builds, and runs every test suite: all suites in
# a normal build, the benchmarks briefly, then unit, integration and fuzz
# replay again in a build with AddressSanitizer and UndefinedBehaviorSanitizer.
# Ends with one line: "tests: N passed, 0 failed" (any failure stops it before).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
passed=0

# run_meson_test DIR ARGS… — meson test, counting what passed.
run_meson_test () {
  dir=$1; shift
  log=$(mktemp)
  meson test -C "$dir" --print-errorlogs "$@" 2>&1 | tee "$log" || true
  ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  failed=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  timeouts=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  rm -f "$log"
  if [ -z "$ok" ] || [ "${failed:-1}" -ne 0 ] || [ "${timeouts:-0}" -ne 0 ]; then
    echo "tests: ${ok:-0} passed, ${failed:-?} failed in $dir"
    exit 1
  fi
  passed=$((passed + ok))
}

sh packaging/install-deps.sh
sh packaging/build.sh build
run_meson_test build --num-processes 2
# Benchmarks print figures; here they run briefly, only to show that they run.
run_meson_test build --benchmark --num-processes 1

sh packaging/build.sh build-sanitize -Dsanitize=true -Dapp=disabled -Dbuildtype=debug
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_meson_test build-sanitize --num-processes 2 --suite unit --suite integration --suite fuzz

echo "tests: $passed passed, 0 failed"
