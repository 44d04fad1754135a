#!/bin/bash
# test-vcard-behaviour.sh — the virtual card's profile behaviours and
# options: blocked PIN, last try, removal, reconnection, garbage, signals.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-vcard-behaviour.sh MADOGUCHI-VCARD   (needs MADOGUCHI_TEST_PKI)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${MADOGUCHI_CARD_ENV_DIR:-}" ]; then
  . "$here/card-env-lib.sh"
  card_env_tap "$0" "$@"
fi
export MADOGUCHI_VCARD=$1
. "$here/tap.sh"
. "$MADOGUCHI_CARD_ENV_LIB"
export LC_ALL=C.UTF-8
# The "default" driver sends no probing APDUs: APDU numbers are the test's.
export OPENSC_DRIVER=default
pki=$MADOGUCHI_TEST_PKI
scratch=$MADOGUCHI_CARD_ENV_DIR
port=${MADOGUCHI_VPCD_PORTS%% *}

SEL_JPKI="-s 00A4040C0AD392F000260100000001"
SEL_PIN="-s 00A4020C020018"
QUERY="-s 00200080"
RIGHT="-s 002000800431323334"
WRONG="-s 002000800439393939"

# profile NAME BASE KEY=VALUE… — a copy of cards/BASE.profile with [behaviour] changes.
profile () {
  local out=$pki/cards/.$1-$$.profile base=$2
  shift 2
  {
    sed '/^\[behaviour\]/,$d' "$pki/cards/$base.profile"
    echo "[behaviour]"
    printf '%s\n' "$@"
  } > "$out"
  echo "$out"
}
trap 'rm -f "$pki"/cards/.*-$$.profile' EXIT

# card_exit PID — sets card_status to the card's exit status (124: still
# running after 5 s, then killed). Not in a subshell: `wait` needs the parent.
card_exit () {
  local tries=100
  card_status=0
  while kill -0 "$1" 2>/dev/null && [ "$tries" -gt 0 ]; do
    tries=$((tries - 1))
    sleep 0.05
  done
  if kill -0 "$1" 2>/dev/null; then
    kill -KILL "$1"
    wait "$1" 2>/dev/null || true
    card_status=124
    return
  fi
  wait "$1" || card_status=$?
}

# --- PIN states from the profile -----------------------------------------------
vcard_start "$port" "$pki/cards/blocked.profile"
tap_expect_status 0 "blocked card: APDUs" opensc-tool $SEL_JPKI $SEL_PIN $QUERY $RIGHT
expect_sws "blocked card: query 63C0, VERIFY 6984 even with the right PIN" 9000 9000 63C0 6984
vcard_stop "$port"

vcard_start "$port" "$pki/cards/onetry.profile"
tap_expect_status 0 "one try left: APDUs" opensc-tool $SEL_JPKI $SEL_PIN $QUERY $WRONG $RIGHT $QUERY
expect_sws "one try left: 63C1, the wrong PIN blocks (63C0), then 6984" 9000 9000 63C1 63C0 6984 63C0
vcard_stop "$port"

# --- tries live in the process, not beyond --------------------------------------
vcard_start "$port" "$pki/cards/infant.profile"
tap_expect_status 0 "a wrong PIN" opensc-tool $SEL_JPKI $SEL_PIN $WRONG
tap_expect_status 0 "a new session" opensc-tool $SEL_JPKI $SEL_PIN $QUERY
expect_sws "the next session still sees 63C2" 9000 9000 63C2
vcard_stop "$port"
vcard_start "$port" "$pki/cards/infant.profile"
tap_expect_status 0 "a new process" opensc-tool $SEL_JPKI $SEL_PIN $QUERY
expect_sws "a new process starts from the profile (63C3)" 9000 9000 63C3

# --- SIGTERM -------------------------------------------------------------------
pid=$(cat "$scratch/vcard-$port.pid")
kill -TERM "$pid"
card_exit "$pid"
[ "$card_status" -eq 0 ]
tap_ok $? "SIGTERM: the card exits 0"
rm -f "$scratch/vcard-$port.pid"

# --- removal -------------------------------------------------------------------
log=$scratch/remove.log
vcard_start "$port" "$(profile remove infant remove-after-apdu=2)" --log "$log"
pid=$(cat "$scratch/vcard-$port.pid")
tap_expect_status 1 "removed at APDU 2: opensc-tool fails" opensc-tool $SEL_JPKI $SEL_PIN $QUERY
card_exit "$pid"
[ "$card_status" -eq 0 ]
tap_ok $? "without --reconnect the card exits 0 after its removal"
rm -f "$scratch/vcard-$port.pid"
grep -q '^apdu=2 .* removed$' "$log"
tap_ok $? "the log records the removal at APDU 2"

log=$scratch/reconnect.log
vcard_start "$port" "$(profile reconnect infant remove-after-apdu=2)" --log "$log" --reconnect
tap_expect_status 1 "removed at APDU 2 (with --reconnect)" opensc-tool $SEL_JPKI $SEL_PIN
# pcscd polls vpcd, so "present" may still describe the removed card: wait
# until a session works.
_wait_for "the card placed again" opensc-tool $SEL_JPKI
tap_ok $? "--reconnect: the card is placed again"
tap_expect_status 0 "the card answers after being placed again" opensc-tool $SEL_JPKI $SEL_PIN $QUERY
expect_sws "placed again: the removal happens once" 9000 9000 63C3
vcard_stop "$port"

# --- garbage and delay -----------------------------------------------------------
log=$scratch/garbage.log
vcard_start "$port" "$(profile garbage infant garbage-at-apdu=2 apdu-delay-ms=200)" --log "$log"
start=$(date +%s%N)
set +e
tap_out=$(opensc-tool $SEL_JPKI $SEL_PIN 2>&1)
set -e
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_sws "garbage at APDU 2: the first answers 9000, the second is not a status word" 9000 A53C
grep -q '^apdu=2 .* garbage$' "$log"
tap_ok $? "the log records the garbage answer"
[ "$elapsed_ms" -ge 400 ]
tap_ok $? "apdu-delay-ms=200 delays both APDUs (${elapsed_ms} ms)"
vcard_stop "$port"

# --- bad invocations -------------------------------------------------------------
tap_expect_status 2 "no --port is a usage error" "$MADOGUCHI_VCARD" --profile "$pki/cards/infant.profile"
printf '[card]\ncertificate=missing.der\n' > "$scratch/bad.profile"
tap_expect_status 2 "a profile naming a missing certificate is refused" \
  "$MADOGUCHI_VCARD" --port "$port" --profile "$scratch/bad.profile"
tap_expect_match 'missing.der' "the error names the missing file"
sed 's/^pin=.*/pin=12345/' "$pki/cards/infant.profile" > "$pki/cards/.badpin-$$.profile"
tap_expect_status 2 "a 5-digit PIN is refused" "$MADOGUCHI_VCARD" --port "$port" --profile "$pki/cards/.badpin-$$.profile"

tap_done
