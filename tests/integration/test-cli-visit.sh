#!/bin/bash
# test-cli-visit.sh — `madoguchi-cli verify|visit|hub status|sync` through a real
# pcscd, the virtual card and the training hub over mutual TLS: online answers,
# the hub's refusals, visual checks per terminal, the hub going away before,
# during and after a visit, the offline cache, and the outbox draining once.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-visit.sh MADOGUCHI-CLI MADOGUCHI-VCARD TRAINING-HUB FLOW-ENQUEUE
#   (needs MADOGUCHI_TEST_PKI and MADOGUCHI_SOURCE_ROOT)
# Re-runs itself inside card-env.sh; TAP skip where that cannot run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli-lib.sh"
card_test_enter jq curl -- "$@"
cli=$1
export MADOGUCHI_VCARD=$2
training_hub=$3
enqueue=$4
cli_timeout=60
card_test_setup
log=$scratch/vcard.log
db=$scratch/cache.db
key=$scratch/cache.key

# Exit statuses (docs/cli.md): 10 + MadoCardError, 60 + MadoHubError,
# 100 + MadoReceptionError.
declare -A status_of=(
  [pin-wrong]=20 [pin-blocked]=21 [last-try-unconfirmed]=34
  [unreachable]=62 [certificate-untrusted]=80 [certificate-expired]=81
  [certificate-revoked]=83 [visual-not-authorised]=85 [resident-not-found]=86
  [certificate-not-trusted]=102 [no-cached-data]=103
)

# site TERMINAL — a site configuration for desk-1 or desk-2 pointing at the hub's port.
site () {
  local terminal=$1
  sed -e "s|@PORT@|${hub_port:-9}|" \
      -e "s|terminals/desk-1\.|terminals/$terminal.|g" \
      -e "s|^terminal-id=.*|terminal-id=$terminal|" \
      -e "s|^database=.*|database=$db|" -e "s|^key-file=.*|key-file=$key|" \
      "$pki/site-desk-1.conf" > "$scratch/site-$terminal.conf"
  export MADOGUCHI_SITE_CONFIG=$scratch/site-$terminal.conf
}

hub_start () {
  hub_launch --db "$scratch/hub-records.sqlite" "$@"
  site desk-1
}

records_count () {
  curl -s --cacert "$pki/hub/hub-ca.pem" --cert "$pki/terminals/desk-1.pem" \
    --key "$pki/terminals/desk-1.key" "https://127.0.0.1:$hub_port/v1/training/records-count" |
    jq -r '.total'
}

pin 1234

expect_error () {
  local name=$1 description=$2
  shift 2
  expect "${status_of[$name]}" "$description: $name" "$@"
  check "$description: JSON names $name" \
    '.error.code == $n and .error.exitStatus == ($s | tonumber) and .state != "confirmed"' \
    --arg n "$name" --arg s "${status_of[$name]}"
}

# card NAME [KEY=VALUE…] — the test PKI's card NAME in the reader (KEY=VALUE
# replacing the profile's line), with a fresh log.
card () {
  local name=$1 profile=$scratch/$1.profile setting
  shift
  sed -E "s#^(certificate|ca-certificate|key)=([^/])#\1=$pki/cards/\2#" \
    "$pki/cards/$name.profile" > "$profile"
  for setting in "$@"; do
    sed -i "s#^${setting%%=*}=.*#$setting#" "$profile"
  done
  vcard_stop
  rm -f "$log"
  vcard_start "$port" "$profile" --log "$log"
}

verify_sent () {
  grep -c ' ins=20 .* lc=04 ' "$log" 2>/dev/null || true
}

# --- online: hub status and verify --------------------------------------------------
hub_start
expect 0 "hub status online" hub status --json
check "hub status: online with the hub's name" '.state == "online" and (.hubName | length > 0)'

card infant
expect 0 "verify infant with the PIN" verify --pin-fd 3 --json
check "verify infant: a fresh confirmation" \
  '.state == "confirmed" and .offline == false and (.confirmedAt | type == "string") and .freshness.identity == "pin" and .freshness.revocation == "checked-by-hub"'
check "verify infant: the resident" '.bundle.basicInfo.name == "山田 陽翔" and .bundle.basicInfo.sex == "1"'
check "verify infant: subsidy numbers" \
  '.bundle.subsidies[0].medicalSubsidyInsurerNumber == "88138243" and .bundle.subsidies[0].medicalSubsidyRecipientNumber == "5302146"'
check "verify infant: the 予診票's flagged item (37.6 ℃)" \
  '[.bundle.questionnaires[0].items[] | select(.needsAttention)] | length == 1 and .[0].answer == 37.6'
check "verify infant: vaccination history and what is due" \
  '(.bundle.immunizations | length) == 11 and (.bundle.immunizationsDue | length) == 5'
[ "$(verify_sent)" -eq 1 ]; tap_ok $? "verify infant: one VERIFY"

card infant
expect 0 "consent to subsidies only" verify --pin-fd 3 --consent subsidy --json
check "consent subsidy: no vaccination data" \
  '(.bundle.subsidies | length) == 1 and (.bundle | has("questionnaires") | not) and (.bundle | has("maternalChild") | not)'

# The hub judges the certificate with the challenge, at the card read:
# a card it refuses never gets as far as the PIN.
for refused in revoked:certificate-revoked expired:certificate-expired \
               untrusted:certificate-untrusted; do
  card "${refused%%:*}"
  expect_error "${refused#*:}" "${refused%%:*} card" verify --pin-fd 3 --json
  [ "$(verify_sent)" -eq 0 ]; tap_ok $? "${refused%%:*} card: refused before the PIN (no VERIFY)"
done
card blocked
expect_error pin-blocked "blocked card" verify --pin-fd 3 --json
[ "$(verify_sent)" -eq 0 ]; tap_ok $? "blocked card: no VERIFY sent"

card infant
pin 9999
expect_error pin-wrong "wrong PIN" verify --pin-fd 3 --json
check "wrong PIN: tries left reported" '.triesLeft == 2'
[ "$(verify_sent)" -eq 1 ]; tap_ok $? "wrong PIN: sent once, never retried"
card onetry
expect_error last-try-unconfirmed "the last try without --last-try" verify --pin-fd 3 --json
[ "$(verify_sent)" -eq 0 ]; tap_ok $? "the last try without --last-try: no VERIFY sent"
expect_error pin-blocked "wrong PIN on the last try" verify --pin-fd 3 --json --last-try
pin 1234

card infant
expect 0 "visual check on desk-1" verify --visual --operator staff-007 --json
check "visual on desk-1: confirmed with the operator" \
  '.state == "confirmed" and .freshness.identity == "visual" and .freshness.operatorId == "staff-007"'
[ "$(verify_sent)" -eq 0 ]; tap_ok $? "visual check: no VERIFY sent"
site desk-2
card infant
expect_error visual-not-authorised "visual check on desk-2" verify --visual --operator staff-007 --json
site desk-1
expect 2 "verify without an identity option" verify --json

# --- visit: online, then offline -----------------------------------------------------
card infant
expect 0 "visit online" visit --pin-fd 3 --json
check "visit online: confirmed by the hub" '.state == "confirmed" and .offline == false'
# The card is held from the read to the proof: no second SELECT of EF 0018,
# no second tries query. Each line of the card's log is one APDU it answered.
apdus=$(wc -l < "$log")
[ "$apdus" -le 14 ] && [ "$(grep -c ' ins=A4 .* data=0018 ' "$log")" -eq 1 ] &&
  [ "$(grep -c ' ins=20 p1=00 p2=80 lc=- ' "$log")" -eq 1 ]
tap_ok $? "visit online: $apdus APDUs at the card for the identity proof (at most 14), EF 0018 selected and the tries asked once"
hub_stop
expect "${status_of[unreachable]}" "hub status with the hub stopped" hub status --json
check "hub status: offline" '.state == "offline" and .error.code == "unreachable"'
card infant
expect 0 "visit with the hub stopped" visit --pin-fd 3 --json
check "visit offline: the cache, marked offline" \
  '.state == "confirmed-offline" and .offline == true and .freshness.offline == true and .freshness.revocation == "unknown"'
check "visit offline: identity pin (local), with an age" \
  '.freshness.identity == "pin (local)" and (.freshness.ageSeconds | type == "number") and .freshness.ageSeconds >= 0 and (.confirmedAt | type == "string")'
check "visit offline: the cached bundle" '.bundle.basicInfo.name == "山田 陽翔"'
[ "$(verify_sent)" -eq 1 ]; tap_ok $? "visit offline: the card signed a local challenge"
card infant
expect 0 "visit offline, text output" visit --pin-fd 3
printf '%s' "$out" | grep -q 'OFFLINE' && printf '%s' "$out" | grep -q 'pin (local)'
tap_ok $? "visit offline: the text says OFFLINE and pin (local)"
card mother
expect "${status_of[no-cached-data]}" "visit offline, card never cached" visit --pin-fd 3
[ "$out" = "no cached data for this card" ]; tap_ok $? "visit offline: 'no cached data for this card'"
card mother
expect_error no-cached-data "visit offline, card never cached, JSON" visit --pin-fd 3 --json
card untrusted
expect_error certificate-not-trusted "visit offline, untrusted card: the local chain check" \
  visit --pin-fd 3 --json
expect 0 "audit chain intact after the visits" audit verify --database "$db" --key-file "$key"

# --- the hub going away between challenge and verification -----------------------------
hub_start
card infant apdu-delay-ms=300
# GLib writes info and debug messages to stdout: the JSON is cut out below.
G_MESSAGES_DEBUG=Madoguchi timeout 60 "$cli" visit --pin-fd 3 --json \
  > "$scratch/mid.log" 2>&1 3<"$scratch/pin" &
visit_pid=$!
# VERIFY comes after the challenge; the verification is sent after the signature.
_wait_for "VERIFY on the card" grep -q ' ins=20 .* lc=04 ' "$log"
hub_stop
wait "$visit_pid"
status=$?
out=$(sed -n '/^{$/,/^}$/p' "$scratch/mid.log")
[ "$status" -eq 0 ]; tap_ok $? "hub stopped mid-visit: exit 0 (got $status)"
check "hub stopped mid-visit: cached, offline, pin (local)" \
  '.state == "confirmed-offline" and .freshness.identity == "pin (local)"'
[ "$(verify_sent)" -eq 1 ]; tap_ok $? "hub stopped mid-visit: the PIN was sent once"
grep -q 'hub offline at the verification' "$scratch/mid.log"
tap_ok $? "hub stopped mid-visit: it was the verification that failed (after the challenge)"
grep -q 'session 1: awaiting-consent → confirming (consent given)' "$scratch/mid.log" &&
  grep -q 'session 1: confirming → confirmed-offline' "$scratch/mid.log"
tap_ok $? "hub stopped mid-visit: the transitions are logged"
! grep -qE '(^|[^0-9.:])1234([^0-9]|$)' "$scratch/mid.log"; tap_ok $? "hub stopped mid-visit: the PIN is not in the log"

# --- the outbox: enqueued offline, delivered once ------------------------------------------
today=$(date -u +%Y-%m-%d)
cat > "$scratch/record.json" <<EOR
{"residentRef":"r-1001-yamada-haruto",
 "vaccineCode":{"system":"https://madoguchi.invalid/training/vaccine-codes","code":"HEPB-PED","display":"B型肝炎ワクチン（小児用）"},
 "targetDisease":["B型肝炎"],"occurrenceDate":"$today","doseNumber":3,"lotNumber":"HB2409F",
 "site":"左大腿","doseQuantityMl":0.25,"performer":"やまだ小児科クリニック 佐藤 健一",
 "questionnaireId":"q-1001-hepb-3"}
EOR
"$enqueue" "$db" "$key" vaccination-record "$scratch/record.json" > "$scratch/key.txt"
tap_ok $? "a vaccination record enqueued while offline"
expect 0 "sync with the hub down" sync --json
check "sync with the hub down: nothing delivered, one failed" '.delivered == 0 and .failed == 1'
hub_start
expect 0 "sync with the hub back" sync --json
if ! check "sync with the hub back: one delivered" '.delivered == 1 and .failed == 0'; then
  # Why it was not delivered: the outbox keeps the last error, the hub its log.
  cli_run outbox list --json; printf '%s\n' "$out" | sed 's/^/# outbox: /'
  sed 's/^/# hub: /' "$scratch/hub.err" | tail -20
fi
expect 0 "sync again" sync --json
check "sync again: nothing left" '.delivered == 0 and .failed == 0'
[ "$(records_count)" = 1 ]; tap_ok $? "the training hub counted the record once"
expect 0 "outbox list" outbox list --all --json --database "$db" --key-file "$key"
check "outbox: the record is delivered" '[.. | objects | select(.state? == "delivered")] | length == 1'
hub_stop

# --- a damaged store: recovery carries the waiting record over, sync delivers it -------------
"$enqueue" "$db" "$key" vaccination-record "$scratch/record.json" > "$scratch/key2.txt"
tap_ok $? "a second record enqueued while offline"
waiting=$(cat "$scratch/key2.txt")
expect 59 "store recover refuses the sound store that holds it" store recover --database "$db" --key-file "$key"
expect 0 "outbox list" outbox list --json --database "$db" --key-file "$key"
check "outbox: the record still waits" '[.. | objects | select(.state? == "pending")] | length == 1'
# Zero the b-tree page header of a table that is not the outbox: damaged, outbox readable.
sqlite3 "$db" "CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT randomblob(200) FROM n; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
filler=$(sqlite3 "$db" "SELECT rootpage FROM sqlite_master WHERE name = 'filler'")
page_size=$(sqlite3 "$db" "PRAGMA page_size")
dd if=/dev/zero of="$db" bs=1 seek=$(( (filler - 1) * page_size )) count=12 conv=notrunc 2>/dev/null
expect 40 "the damaged store is refused" outbox list --database "$db" --key-file "$key"
expect 0 "store recover" store recover --database "$db" --key-file "$key"
printf '%s' "$out" | grep -q '^1 record that had not reached the hub was carried over'
tap_ok $? "store recover says one waiting record was carried over"
expect 0 "outbox list after the recovery" outbox list --json --database "$db" --key-file "$key"
check "outbox: the carried record waits, under its own key" \
  '[.. | objects | select(.state? == "pending" and .idempotencyKey == $k)] | length == 1' --arg k "$waiting"
hub_start
delivered_before=$(records_count)
expect 0 "sync after the recovery" sync --json
check "sync after the recovery: the carried record delivered" '.delivered == 1 and .failed == 0'
[ "$(records_count)" = $((delivered_before + 1)) ]; tap_ok $? "the training hub received it"
hub_stop

# --- an open-ended certificate (no validTo): the verdict the desk gives, no GLib-CRITICAL ------
jq 'del(.residents[0].subsidies[0].validTo)' "$MADOGUCHI_SOURCE_ROOT/data/training-hub/fixtures.json" \
  > "$scratch/open-ended.json"
fixtures=$scratch/open-ended.json hub_start
card infant
G_DEBUG=gc-friendly,fatal-criticals expect 0 "verify an open-ended certificate, text output" \
  verify --pin-fd 3
line=$(printf '%s\n' "$out" | grep '子ども医療費受給者証')
printf '%s' "$line" | grep -q 'Valid today$'
tap_ok $? "open-ended certificate: 'Valid today' ($line)"
! printf '%s\n%s' "$out" "$err" | grep -qE 'last day|CRITICAL'
tap_ok $? "open-ended certificate: no 'last day', no GLib-CRITICAL"
hub_stop

tap_done
