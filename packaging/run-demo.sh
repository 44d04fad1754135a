#!/bin/sh
# Installs the dependencies, builds, and starts the reception app.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sh packaging/install-deps.sh
sh packaging/build.sh build

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: there is no display to open the window on." >&2
  echo "run-demo: run this from a desktop session, or on a virtual one:" >&2
  echo "          xvfb-run -a -s '-screen 0 1280x800x24' sh packaging/run-demo.sh" >&2
  exit 1
fi

# Japanese is the desk's language; an unset or C locale gets it by default.
case "${LC_ALL:-${LC_MESSAGES:-${LANG:-C}}}" in
  C|C.*|POSIX) export LANGUAGE="${LANGUAGE:-ja}" LC_ALL=C.UTF-8 ;;
esac

# A desktop session has a session bus; a bare X server (xvfb-run) does not.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- meson devenv -C build "$root/build/src/app/madoguchi" "$@"
fi
exec meson devenv -C build "$root/build/src/app/madoguchi" "$@"
