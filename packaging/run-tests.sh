#!/bin/sh
# Installs the dependencies, builds, and runs every test suite: all suites in
# a normal build, the benchmarks briefly, then unit, integration and fuzz
# replay again in a build with AddressSanitizer and UndefinedBehaviorSanitizer.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sh packaging/install-deps.sh
sh packaging/build.sh build
meson test -C build --print-errorlogs --num-processes 2
# Benchmarks print figures; here they run briefly, only to show that they run.
meson test -C build --benchmark --print-errorlogs --num-processes 1

sh packaging/build.sh build-sanitize -Dsanitize=true -Dapp=disabled -Dbuildtype=debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  meson test -C build-sanitize --print-errorlogs --num-processes 2 \
    --suite unit --suite integration --suite fuzz
