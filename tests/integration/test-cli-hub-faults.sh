#!/bin/bash
# test-cli-hub-faults.sh — an adversarial training hub (valid TLS, wrong answers)
# against `madoguchi-cli visit|verify` with the virtual card: another resident's
# bundle, an older bundle, times at +09:00, control and bidi characters, a
# duplicate member full of escapes. Each refusal is named, audited, caches
# nothing and shows nothing as fresh; what is accepted is shown sanitised and
# reads back offline.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-hub-faults.sh MADOGUCHI-CLI MADOGUCHI-VCARD TRAINING-HUB
#   (needs MADOGUCHI_TEST_PKI and MADOGUCHI_SOURCE_ROOT)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli-lib.sh"
card_test_enter jq -- "$@"
cli=$1
export MADOGUCHI_VCARD=$2
training_hub=$3
cli_timeout=60
card_test_setup
log=$scratch/vcard.log
db=$scratch/cache.db
key=$scratch/cache.key

site () {
  sed -e "s|@PORT@|${hub_port:-9}|" \
      -e "s|^database=.*|database=$db|" -e "s|^key-file=.*|key-file=$key|" \
      "$pki/site-desk-1.conf" > "$scratch/site-desk-1.conf"
  export MADOGUCHI_SITE_CONFIG=$scratch/site-desk-1.conf
}

# hub_start [FAULT] — the training hub, serving FAULT to every request.
hub_start () {
  hub_launch ${1:+--fault "$1"}
  site
}

# read_cache — $cached: the asOf the cache holds for the infant's card (an
# offline visit), or "none". Not in $(…): the card's process would hold it open.
read_cache () {
  hub_stop
  card infant
  cli_run visit --pin-fd 3 --json
  cached=$(printf '%s' "$out" | jq -r 'if .state == "confirmed-offline" then .asOf else "none" end')
}

# audited NAME — the audit log holds a failed verification named NAME.
audited () {
  cli_run audit export --database "$db" --key-file "$key"
  printf '%s\n' "$out" | jq -e --arg n "$1" 'select(.outcome == "failure" and .detail == $n)' \
    >/dev/null
}

# refused FAULT NAME STATUS — the visit against FAULT ends in NAME, nothing fresh.
refused () {
  local fault=$1 name=$2 status=$3
  hub_start "$fault"
  card infant
  # Whatever the log settings, stdout holds the JSON and nothing else.
  G_MESSAGES_DEBUG=all expect "$status" "$fault: visit refused" visit --pin-fd 3 --json
  printf '%s' "$out" | jq -e . >/dev/null
  tap_ok $? "$fault: G_MESSAGES_DEBUG=all: stdout is exactly the JSON of the error"
  check "$fault: named $name, not confirmed" \
    '.error.code == $n and .state != "confirmed" and .state != "confirmed-offline"' --arg n "$name"
  audited "$name"; tap_ok $? "$fault: audited as $name"
  hub_stop
}

pin 1234

# --- no PIN for nothing: offline, no cache --------------------------------------------------
site
card infant
expect 103 "offline, nothing cached: no-cached-data" visit --pin-fd 3 --json
[ "$(verify_sent)" -eq 0 ]; tap_ok $? "offline, nothing cached: no VERIFY sent to the card"

# --- another resident's bundle ----------------------------------------------------------
refused foreign-resident bundle-not-bound 97
read_cache
[ "$cached" = none ]; tap_ok $? "foreign-resident: nothing cached ($cached)"

# --- times at +09:00: cached, and read back offline -------------------------------------
hub_start offset-times
card infant
expect 0 "offset-times: visit online" visit --pin-fd 3 --json
check "offset-times: confirmed, asOf at +09:00" \
  '.state == "confirmed" and (.asOf | endswith("+09:00")) and (.bundle.asOf | endswith("+09:00"))'
online_as_of=$(printf '%s' "$out" | jq -r '.bundle.asOf')
hub_stop
card infant
expect 0 "offset-times: visit offline after it" visit --pin-fd 3 --json
check "offset-times: the cached data, offline, the same asOf" \
  '.state == "confirmed-offline" and .bundle.asOf == $a and .bundle.basicInfo.name == "山田 陽翔"' \
  --arg a "$online_as_of"
card infant
expect 0 "offset-times: offline, text output" visit --pin-fd 3
printf '%s' "$out" | grep -q '^Hub data as of '; tap_ok $? "offline text shows the data's asOf"

# --- an older bundle than the cached one --------------------------------------------------
refused older-bundle bundle-rolled-back 98
read_cache
[ "$cached" = "$(printf '%s' "$online_as_of" | sed 's/\.[0-9]*//')" ]
tap_ok $? "older-bundle: the cache still holds the newer bundle ($cached)"

# --- a duplicate member whose name holds ESC and a newline -------------------------------
refused duplicate-key malformed-response 70
! printf '%s%s' "$out" "$err" | grep -q $'\033'; tap_ok $? "duplicate-key: no ESC reaches the terminal"
cli_run visit --pin-fd 3 --json
printf '%s' "$out" | jq -e . >/dev/null; tap_ok $? "duplicate-key: the JSON output is valid"

# --- control and bidi characters in a name: shown neutralised -------------------------------
hub_start control-characters
card infant
G_MESSAGES_DEBUG=all expect 0 "control-characters: visit" visit --pin-fd 3 --json
printf '%s' "$out" | jq -e . >/dev/null
tap_ok $? "G_MESSAGES_DEBUG=all: stdout is exactly the JSON"
check "control-characters: the name with U+FFFD in place of each" \
  '.bundle.basicInfo.name == "\ufffd山田 陽翔\ufffd\ufffd31m\ufffd"'
card infant
expect 0 "control-characters: text output" visit --pin-fd 3
! printf '%s' "$out" | grep -qP '[\x{202A}-\x{202E}\x{2066}-\x{2069}\x{80}-\x{9F}]'
tap_ok $? "control-characters: no bidi or C1 character reaches the terminal"
hub_stop

# --- a hub whose certificate the terminal does not trust: possible impersonation ----------
hub_start
sed -i "s|^ca=.*|ca=$pki/untrusted-ca.pem|" "$MADOGUCHI_SITE_CONFIG"
card infant
G_MESSAGES_DEBUG=all expect 65 "a hub under another CA: server-untrusted" visit --pin-fd 3 --json
check "server-untrusted: named, not confirmed" \
  '.error.code == "server-untrusted" and .state != "confirmed"'
audited server-untrusted; tap_ok $? "server-untrusted: audited"
[ "$(verify_sent)" -eq 0 ]; tap_ok $? "server-untrusted: no VERIFY sent to the card"
hub_stop

# --- a hub that drips its answers: one deadline for the call, retries included ----------
# Each attempt may take 4 s, the call 5 s: without the one deadline, three
# attempts take 12 s and more.
hub_start drip=1000
sed -i -e "s|^connect-timeout-seconds=.*|connect-timeout-seconds=2|" \
  -e "s|^total-timeout-seconds=.*|total-timeout-seconds=4\ndeadline-seconds=5|" \
  "$MADOGUCHI_SITE_CONFIG"
started=$(date +%s)
G_MESSAGES_DEBUG=all expect 63 "hub status against a dripping hub: timeout" hub status --json
elapsed=$(( $(date +%s) - started ))
[ "$elapsed" -le 9 ]; tap_ok $? "hub status against a dripping hub: given up at the deadline (${elapsed} s)"
hub_stop

expect 0 "audit chain intact" audit verify --database "$db" --key-file "$key"
tap_done
