#!/bin/sh
# Configures (once) and builds a build directory. Usage: build.sh DIR [MESON-OPTIONS…]
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1; shift
if [ -f "$root/$dir/build.ninja" ]; then
  meson setup --reconfigure "$root/$dir" "$root" "$@" >/dev/null
else
  meson setup "$root/$dir" "$root" "$@"
fi
meson compile -C "$root/$dir"
