#!/bin/sh
# Runs one UI test binary in a private X server and session bus.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
for tool in xvfb-run dbus-run-session; do
  command -v "$tool" >/dev/null 2>&1 || { echo "skipped: $tool is not installed"; exit 77; }
done
# Cairo rendering: the same pixels on every machine, no GL needed.
export GSK_RENDERER=cairo
export GDK_BACKEND=x11
# A runtime folder of this run's own. Without one, the accessibility bus
# that each private session starts puts its socket at ~/.cache/at-spi/bus,
# one path for every UI test run beside this one: another run's bus
# replaces it, and its end removes it from under this one.
runtime=$(mktemp -d "${TMPDIR:-/tmp}/mado-ui-runtime.XXXXXX")
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR="$runtime"
status=0
dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' "$@" || status=$?
exit "$status"
