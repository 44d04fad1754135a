#!/bin/sh
# run-demo.sh — installs the dependencies, builds, and starts a complete demo desk:
# a private pcscd with one virtual reader, a throwaway PKI, the training hub,
# a demo staff account, the demo card drawer and the reception app.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run as root (the private pcscd needs a mount namespace), on a desktop or
# under xvfb-run. Everything started here stops when the app's window closes.
# State lives in build/demo/ (delete it to start over). MADOGUCHI_DEMO_BUILD
# names another build folder (default: build).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build_dir=${MADOGUCHI_DEMO_BUILD:-build}

demo_staff_id=demo
# Thirteen characters: the shortest password the staff rules accept.
demo_password=demo-password
demo_pin=1234

inside () {
  build=$root/$build_dir
  demo=$build/demo
  pki=$demo/pki
  state=$demo/state
  cli=$build/src/cli/madoguchi-cli
  mkdir -p "$state"

  if [ ! -f "$pki/site-desk-1.conf" ]; then
    echo "run-demo: making the demo PKI in $pki"
    bash tests/pki/make-test-pki.sh "$pki" >"$demo/pki.log" 2>&1
  fi

  "$build/src/training-hub/madoguchi-training-hub" --listen 127.0.0.1:0 \
    --server-cert "$pki/hub/server.pem" --server-key "$pki/hub/server.key" \
    --terminal-ca "$pki/terminals/terminal-ca.pem" --trust-anchors "$pki/anchors.pem" \
    --crl "$pki/crl.pem" --fixtures "$root/data/training-hub/fixtures.json" \
    --db "$state/hub-records.sqlite" >"$demo/hub.out" 2>"$demo/hub.err" &
  hub_pid=$!
  tries=200
  until grep -q '^listening on https://127.0.0.1:' "$demo/hub.out" 2>/dev/null; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ] || ! kill -0 "$hub_pid" 2>/dev/null; then
      echo "run-demo: the training hub did not start; see $demo/hub.err" >&2
      exit 1
    fi
    sleep 0.05
  done
  hub_port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\).*|\1|p' "$demo/hub.out")

  sed -e "s|@PORT@|$hub_port|" \
      -e "s|^database=.*|database=$state/cache.db|" \
      -e "s|^key-file=.*|key-file=$state/cache.key|" \
      "$pki/site-desk-1.conf" >"$demo/site.conf"
  export MADOGUCHI_SITE_CONFIG=$demo/site.conf

  # The receipt computer: the ORCA double on loopback (docs/orca.md).
  printf 'demo-orca\n' >"$demo/orca-password"
  "$build/src/orca-double/madoguchi-orca-double" --listen 127.0.0.1:0 --user ormaster \
    --password-file "$demo/orca-password" --patients "$root/data/orca-double/patients.json" \
    >"$demo/orca.out" 2>"$demo/orca.err" &
  orca_pid=$!
  tries=200
  until grep -q '^listening on http://127.0.0.1:' "$demo/orca.out" 2>/dev/null; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ] || ! kill -0 "$orca_pid" 2>/dev/null; then
      echo "run-demo: the ORCA double did not start; see $demo/orca.err" >&2
      exit 1
    fi
    sleep 0.05
  done
  orca_port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$demo/orca.out")
  printf '[orca]\nurl=http://127.0.0.1:%s\nallow-plain-http=true\nuser=ormaster\npassword-file=%s\n' \
    "$orca_port" "$demo/orca-password" >>"$demo/site.conf"

  if ! "$cli" user list 2>/dev/null | grep -q "^$demo_staff_id "; then
    printf '%s\n' "$demo_password" |
      "$cli" user add "$demo_staff_id" --role reception --password-fd 0 >/dev/null
  fi

  # The uninstalled build's translations, for the demo control as for the app.
  export MADOGUCHI_LOCALEDIR="$build/po"
  "$build/src/demo/madoguchi-demo-control" --vcard "$build/src/vcard/madoguchi-vcard" \
    --pki "$pki" --port "$MADOGUCHI_VPCD_PORTS" >"$demo/demo-control.log" 2>&1 &
  control_pid=$!

  cat <<EOM

  Madoguchi demo
  ──────────────
  Staff sign-in:  ID "$demo_staff_id", password "$demo_password"
  Demo card PIN:  $demo_pin (every demo card)
  Training hub:   https://127.0.0.1:$hub_port (desk-1, institution 1312345678)
  ORCA double:    http://127.0.0.1:$orca_port (patients in data/orca-double/patients.json)

  1. Sign in at the desk window.
  2. In "Madoguchi Demo Cards", press 乳児 infant: the card goes on the reader.
  3. Type the PIN 1234 and confirm: the resident's subsidies, questionnaire
     and vaccinations appear. Press the card again to take it off.
  Close the desk window to stop everything.

EOM

  status=0
  meson devenv -C "$build" "$build/src/app/madoguchi" || status=$?
  kill "$control_pid" "$hub_pid" "$orca_pid" 2>/dev/null || true
  wait "$control_pid" "$hub_pid" "$orca_pid" 2>/dev/null || true
  return "$status"
}

if [ "${MADOGUCHI_DEMO_INSIDE:-}" = 1 ]; then
  inside
  exit $?
fi

sh packaging/install-deps.sh
sh packaging/build.sh "$build_dir"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: there is no display to open the window on." >&2
  echo "run-demo: run this from a desktop session, or on a virtual one:" >&2
  echo "          xvfb-run -a -s '-screen 0 1280x800x24' sh packaging/run-demo.sh" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "run-demo: run this as root: the demo's private card reader service needs a mount namespace." >&2
  exit 1
fi

# Japanese is the desk's language; an unset or C locale gets it by default.
case "${LC_ALL:-${LC_MESSAGES:-${LANG:-C}}}" in
  C|C.*|POSIX) export LANGUAGE="${LANGUAGE:-ja}" LC_ALL=C.UTF-8 ;;
esac

export MADOGUCHI_DEMO_INSIDE=1 MADOGUCHI_DEMO_BUILD="$build_dir" MADOGUCHI_BUILD_ROOT="$root/$build_dir"
# A desktop session has a session bus; a bare X server (xvfb-run) does not.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- bash tests/integration/card-env.sh --readers 1 -- sh "$root/packaging/run-demo.sh"
fi
exec bash tests/integration/card-env.sh --readers 1 -- sh "$root/packaging/run-demo.sh"
