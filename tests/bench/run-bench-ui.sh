#!/bin/bash
# run-bench-ui.sh — bench-ui in the real window: private pcscd, Xvfb, session bus.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-bench-ui.sh BENCH-UI TRAINING-HUB [BENCH-UI OPTIONS…]
# e.g.   run-bench-ui.sh build/tests/bench/bench-ui build/src/hub/madoguchi-training-hub \
#          --visits 50 --rss-from 50 --rss-to 500
# Needs MADOGUCHI_BUILD_ROOT (the virtual card, the test PKI, the compiled
# schemas) as meson's test environment sets it. bench-ui starts the training
# hub itself (tests/ui/visit-test-env.c). Exit 77 when card-env.sh or the
# X server cannot run here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 2 ]; then
  echo "usage: run-bench-ui.sh BENCH-UI TRAINING-HUB [OPTIONS]" >&2
  exit 2
fi
: "${MADOGUCHI_BUILD_ROOT:?run-bench-ui.sh needs MADOGUCHI_BUILD_ROOT (meson test sets it)}"
: "${MADOGUCHI_TEST_PKI:=$MADOGUCHI_BUILD_ROOT/tests/pki}"
: "${GSETTINGS_SCHEMA_DIR:=$MADOGUCHI_BUILD_ROOT/data}"
: "${GSETTINGS_BACKEND:=memory}"
export MADOGUCHI_TEST_PKI GSETTINGS_SCHEMA_DIR GSETTINGS_BACKEND
exec "$here/../integration/card-env.sh" -- "$here/../ui/run-ui-test.sh" "$@"
