# card-env-lib.sh — shell functions for tests running inside card-env.sh.
# Source it (card-env.sh exports its path as MADOGUCHI_CARD_ENV_LIB).
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   pcscd_start                      start the private pcscd, wait until its readers exist
#   pcscd_stop                       stop it (the readers vanish; cards stay connected-less)
#   vcard_start PORT PROFILE [ARGS…] put a virtual card in the reader on PORT, wait until
#                                    PC/SC reports it present (ARGS go to madoguchi-vcard)
#   vcard_stop [PORT]                remove the card on PORT (all cards without PORT)
#   reader_name PORT                 the PC/SC name of the reader on PORT
#
# Needs MADOGUCHI_CARD_ENV_DIR and MADOGUCHI_PCSCD_CONF (set by card-env.sh) and the
# virtual card in MADOGUCHI_VCARD (default: $MADOGUCHI_BUILD_ROOT/src/vcard/madoguchi-vcard).

: "${MADOGUCHI_VCARD:=${MADOGUCHI_BUILD_ROOT:-.}/src/vcard/madoguchi-vcard}"
card_env_timeout=${MADOGUCHI_CARD_ENV_TIMEOUT:-30}

# _port_listening PORT — is something listening on TCP PORT (IPv4 or IPv6)?
_port_listening () {
  local hex
  hex=$(printf '%04X' "$1")
  awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# _wait_for DESCRIPTION COMMAND… — retry COMMAND every 50 ms until the timeout.
_wait_for () {
  local description=$1 tries=$((card_env_timeout * 20))
  shift
  while ! "$@" >/dev/null 2>&1; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
      echo "card-env: timed out waiting for $description" >&2
      return 1
    fi
    sleep 0.05
  done
}

_pcscd_ready () {
  local port
  [ -S /run/pcscd/pcscd.comm ] || return 1
  for port in $MADOGUCHI_VPCD_PORTS; do
    _port_listening "$port" || return 1
  done
}

pcscd_start () {
  pcscd --foreground -c "$MADOGUCHI_PCSCD_CONF" >>"$MADOGUCHI_CARD_ENV_DIR/pcscd.log" 2>&1 &
  echo $! > "$MADOGUCHI_CARD_ENV_DIR/pcscd.pid"
  _wait_for "pcscd and its vpcd readers" _pcscd_ready
}

# _stop_pid FILE — SIGTERM the process whose pid FILE holds, wait for it, remove FILE.
_stop_pid () {
  local pid tries=100
  [ -f "$1" ] || return 0
  pid=$(cat "$1")
  rm -f "$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ "$tries" -gt 0 ]; do
    tries=$((tries - 1))
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

pcscd_stop () {
  _stop_pid "$MADOGUCHI_CARD_ENV_DIR/pcscd.pid"
  _wait_for "pcscd to go away" test ! -S /run/pcscd/pcscd.comm
}

reader_name () {
  sed -n "s/^$1 //p" "$MADOGUCHI_CARD_ENV_DIR/readers"
}

# Lists readers only: no APDU reaches the card (the card's APDU numbers
# must stay the test's own).
_card_present () {
  opensc-tool -l 2>/dev/null | grep -E "^[0-9]+ +Yes .*$(reader_name "$1")\$"
}

_card_absent () {
  ! _card_present "$1"
}

vcard_start () {
  local port=$1 profile=$2
  shift 2
  # A card the caller stopped itself may still look present to pcscd.
  _wait_for "$(reader_name "$port") to be empty" _card_absent "$port" || return 1
  "$MADOGUCHI_VCARD" --port "$port" --profile "$profile" "$@" &
  echo $! > "$MADOGUCHI_CARD_ENV_DIR/vcard-$port.pid"
  _wait_for "a card in $(reader_name "$port")" _card_present "$port"
}

# Waits until pcscd has seen the removal too (it polls vpcd readers), so a
# card started next is not mistaken for this one.
# pcscd polls vpcd readers every 400 ms: a reader can look empty to a
# client (a failed power-down) before pcscd's own event thread has seen the
# removal, and a card placed inside that window is never noticed. Waiting
# one poll period after the card is gone closes the window.
_settle_after_removal () {
  sleep 0.5
}

vcard_stop () {
  local file port
  if [ $# -gt 0 ]; then
    _stop_pid "$MADOGUCHI_CARD_ENV_DIR/vcard-$1.pid"
    _wait_for "the card to leave $(reader_name "$1")" _card_absent "$1"
    _settle_after_removal
    return
  fi
  for file in "$MADOGUCHI_CARD_ENV_DIR"/vcard-*.pid; do
    [ -f "$file" ] || continue
    port=${file##*/vcard-}
    port=${port%.pid}
    _stop_pid "$file"
    if [ -S /run/pcscd/pcscd.comm ]; then
      _wait_for "the card to leave $(reader_name "$port")" _card_absent "$port"
      _settle_after_removal
    fi
  done
  return 0
}

# card_env_tap SCRIPT [ARGS…] — for a TAP test started outside the harness:
# runs SCRIPT inside card-env.sh and exits with its status; when the
# harness cannot run here (exit 77), reports a TAP skip instead.
card_env_tap () {
  local status=0
  "$(dirname "${BASH_SOURCE[0]:-$0}")/card-env.sh" ${MADOGUCHI_CARD_ENV_READERS:+--readers "$MADOGUCHI_CARD_ENV_READERS"} -- "$@" || status=$?
  if [ "$status" -eq 77 ]; then
    echo "1..0 # SKIP no private pcscd here (see the reason above)"
    exit 0
  fi
  exit "$status"
}
