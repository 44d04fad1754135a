#!/bin/bash
# test-cli-orca.sh — `madoguchi-cli orca` against the ORCA double: a resident
# verified with the virtual card and the training hub hands today's subsidies
# to ORCA; a second hand-off sends nothing; a resident without a subsidy today
# changes nothing; a 公費 the hub did not send stays; every failure the double
# can produce gives its named error and leaves ORCA as it was; the QR code
# decodes to the documented text.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-orca.sh MADOGUCHI-CLI MADOGUCHI-VCARD TRAINING-HUB ORCA-DOUBLE
#   (needs MADOGUCHI_TEST_PKI and MADOGUCHI_SOURCE_ROOT)
# Re-runs itself inside card-env.sh; TAP skip where that cannot run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli-lib.sh"
card_test_enter jq curl -- "$@"
cli=$1
export MADOGUCHI_VCARD=$2
training_hub=$3
orca_double=$4
cli_timeout=60
card_test_setup
db=$scratch/cache.db
key=$scratch/cache.key
today=$(date +%F)

# Exit statuses (docs/cli.md): 160 + MadoOrcaError.
declare -A status_of=(
  [orca-unreachable]=161 [orca-timeout]=162 [orca-auth-failed]=164 [orca-http-error]=165
  [orca-malformed-response]=166 [orca-response-too-large]=167 [orca-patient-not-found]=168
  [orca-locked]=169 [orca-question]=170 [orca-validation]=171 [orca-refused]=172
  [orca-several-patients]=174 [orca-not-confirmed-today]=175 [orca-declined]=176
)

# The shipped fixtures, with 佐藤 恵子's second certificate valid from 10 days ago:
# two subsidies valid today.
jq '(.residents[] | select(.residentRef == "r-1003-sato-keiko") | .subsidies[1].validFrom) = "@today-10d"' \
  "$MADOGUCHI_SOURCE_ROOT/data/training-hub/fixtures.json" > "$scratch/fixtures.json"
fixtures=$scratch/fixtures.json

# ORCA's patients: 00003 has no 公費; 00001 holds one the hub never sends; 00023 is
# a second record for the failure runs, 00043 a third for a change behind the desk's back.
cat > "$scratch/patients.json" <<'JSON'
{ "patients": [
  { "Patient_ID": "00001", "WholeName": "山田　陽翔", "BirthDate": "@today-304d", "Sex": "1",
    "PublicInsurance_Info": [ { "PublicInsurance_Id": "0000000007", "PublicInsurance_Class": "081",
      "PublicInsurer_Number": "81136012", "PublicInsuredPerson_Number": "1234566",
      "Certificate_IssuedDate": "@today-100d", "Certificate_ExpiredDate": "9999-12-31",
      "Certificate_CheckDate": "@today-100d" } ] },
  { "Patient_ID": "00002", "WholeName": "山田　美咲", "BirthDate": "1994-05-12", "Sex": "2" },
  { "Patient_ID": "00003", "WholeName": "佐藤　恵子", "BirthDate": "1968-03-03", "Sex": "2" },
  { "Patient_ID": "00023", "WholeName": "佐藤　恵子（別）", "BirthDate": "1968-03-03", "Sex": "2" },
  { "Patient_ID": "00043", "WholeName": "佐藤　恵子（三）", "BirthDate": "1968-03-03", "Sex": "2" },
  { "Patient_ID": "00005", "WholeName": "田中　由美", "BirthDate": "1985-09-30", "Sex": "2" },
  { "Patient_ID": "00015", "WholeName": "田中　由美", "BirthDate": "1985-09-30", "Sex": "2" }
] }
JSON
printf 'orca-desk-secret\n' > "$scratch/orca-password"
printf 'not-the-password\n' > "$scratch/orca-wrong"

hub_start () {
  hub_launch
}

orca_start () {
  : > "$scratch/orca.out"
  "$orca_double" --listen 127.0.0.1:0 --user ormaster --password-file "$scratch/orca-password" \
    --patients "$scratch/patients.json" > "$scratch/orca.out" 2>>"$scratch/orca.err" &
  echo $! > "$scratch/orca.pid"
  _wait_for "the ORCA double" grep -q '^listening on http://127.0.0.1:' "$scratch/orca.out"
  orca_port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$scratch/orca.out")
}

# site [PASSWORD-FILE] — desk-1's configuration with an [orca] group.
site () {
  sed -e "s|@PORT@|$hub_port|" -e "s|^database=.*|database=$db|" -e "s|^key-file=.*|key-file=$key|" \
    "$pki/site-desk-1.conf" > "$scratch/site.conf"
  cat >> "$scratch/site.conf" <<CONF
[orca]
url=http://127.0.0.1:$orca_port
allow-plain-http=true
user=ormaster
password-file=${1:-$scratch/orca-password}
timeout-seconds=2
CONF
  export MADOGUCHI_SITE_CONFIG=$scratch/site.conf
}

double () {
  curl -s "http://127.0.0.1:$orca_port/_double/$1"
}

fault () {
  double "fault?name=$1" -X POST >/dev/null
}

# visit NAME — a verified visit of card NAME, saved as NAME.visit.json.
visit () {
  card "$1"
  expect 0 "visit of $1 confirmed by the hub" visit --pin-fd 3 --json
  printf '%s' "$out" > "$scratch/$1.visit.json"
}

calls () {
  double log | jq -r --arg p "$1" '[.calls[] | select(test("^patientmodv32 0[123] " + $p + " "))] | length'
}

pin 1234
hub_start
orca_start
site

# --- two subsidies: diff, send, the double's state ------------------------------------
visit nanbyou
expect 0 "diff: found by name and birth date" orca diff --visit "$scratch/nanbyou.visit.json" --json
check "diff: patient 00003, two additions with today's check date" \
  '.state == "changes" and .patient.patientId == "00003" and ([.changes[] | select(.kind == "add")] | length) == 2 and all(.changes[]; .checkDate == $t)' \
  --arg t "$today"
expect 0 "send: the two subsidies" orca send --visit "$scratch/nanbyou.visit.json" --patient 00003 --operator staff-007 --json
check "send: sent, ORCA answered 000" '.state == "sent" and .orcaResult == "000"'
out=$(double "patient?id=00003")
check "ORCA holds exactly the two 公費, numbers and periods as confirmed, checked today" \
  '(.PublicInsurance_Info | length) == 2 and .locked == false and
   ([.PublicInsurance_Info[] | "\(.PublicInsurer_Number):\(.PublicInsuredPerson_Number)"] | sort) == ["54016027:2304616", "80138019:0045123"] and
   all(.PublicInsurance_Info[]; .Certificate_CheckDate == $t)' --arg t "$today"
expected_to=$(date -d "+131 days" +%F)
check "ORCA holds the hub's period" \
  '[.PublicInsurance_Info[] | select(.PublicInsurer_Number == "54016027")][0].Certificate_ExpiredDate == $to' \
  --arg to "$expected_to"

before=$(calls 00003)
expect 0 "send again" orca send --visit "$scratch/nanbyou.visit.json" --patient 00003 --json
check "send again: unchanged, nothing sent" '.state == "unchanged" and ([.changes[] | select(.kind != "unchanged")] | length) == 0'
[ "$(calls 00003)" = "$before" ]; tap_ok $? "send again: no lock, change or commit reached ORCA"

# --- no subsidy today: nothing changes ------------------------------------------------
visit mother
expect 0 "send for a resident without a subsidy today" orca send --visit "$scratch/mother.visit.json" --patient 00002 --json
check "no subsidy: unchanged, no changes" '.state == "unchanged" and (.changes | length) == 0'
[ "$(calls 00002)" = 0 ] && [ "$(double 'patient?id=00002' | jq '.PublicInsurance_Info | length')" = 0 ]
tap_ok $? "no subsidy: ORCA untouched"

# --- a 公費 the hub did not send stays as it was ------------------------------------
visit infant
expect 0 "send for the infant" orca send --visit "$scratch/infant.visit.json" --patient 00001 --json
out=$(double "patient?id=00001")
check "the 公費 the hub did not send is kept unchanged" \
  '(.PublicInsurance_Info | length) == 2 and ([.PublicInsurance_Info[] | select(.PublicInsurance_Id == "0000000007" and .Certificate_ExpiredDate == "9999-12-31" and .Certificate_CheckDate != $t)] | length) == 1' \
  --arg t "$today"

# --- every failure: its name, and ORCA as it was --------------------------------------
unchanged_00023 () {
  [ "$(double 'patient?id=00023' | jq -c '[.locked, (.PublicInsurance_Info | length)]')" = '[false,0]' ]
}
expect_failure () {
  local name=$1 description=$2
  shift 2
  expect "${status_of[$name]}" "$description: $name" "$@"
  check "$description: JSON names $name with a message" \
    '.error.code == $n and (.error.message | length > 0)' --arg n "$name"
  unchanged_00023; tap_ok $? "$description: nothing registered, nothing left locked"
}
sato=$scratch/nanbyou.visit.json
for f in locked validation refused question http-500 garbage oversized slow; do
  case $f in
    locked) name=orca-locked ;; validation) name=orca-validation ;; refused) name=orca-refused ;;
    question) name=orca-question ;; http-500) name=orca-http-error ;;
    garbage) name=orca-malformed-response ;; oversized) name=orca-response-too-large ;;
    slow) name=orca-timeout ;;
  esac
  fault "$f"
  expect_failure "$name" "fault $f" orca send --visit "$sato" --patient 00023 --json
done
# Another ORCA terminal registers one of the certificates between the desk's read
# (the diff) and its lock: nothing is sent, the lock is released.
double "fault?name=changed&payer=54016027&recipient=2304616" -X POST >/dev/null
expect 173 "a 公費 registered elsewhere after the diff: orca-changed" \
  orca send --visit "$sato" --patient 00043 --operator staff-007 --json
check "orca-changed: JSON names it with a message" '.error.code == "orca-changed" and (.error.message | length > 0)'
out=$(double "patient?id=00043")
check "orca-changed: ORCA holds only the other terminal's 公費, unlocked" \
  '.locked == false and (.PublicInsurance_Info | length) == 1 and
   .PublicInsurance_Info[0].PublicInsurance_Name == "他端末で入力" and .PublicInsurance_Info[0].Certificate_CheckDate != $t' \
  --arg t "$today"
out=$(double log)
check "orca-changed: locked, then unlocked; no change or commit reached ORCA" \
  '[.calls[] | select(test("^patientmodv32 (01|02|03|99) 00043 "))] | map(split(" ")[1]) == ["01", "99"]'

fault question
expect_failure orca-declined "question answered no" orca send --visit "$sato" --patient 00023 --answer no --json
fault validation
expect 171 "validation: ORCA's message reaches the desk" orca send --visit "$sato" --patient 00023 --json
check "validation: the message names the problem" '.error.message | test("重複")'
expect_failure orca-patient-not-found "unknown patient number" orca send --visit "$sato" --patient 99999 --json
card hidden
expect 0 "visit of the withheld resident" visit --pin-fd 3 --json
printf '%s' "$out" > "$scratch/hidden.visit.json"
expect "${status_of[orca-several-patients]}" "two ORCA patients share the name and birth date" \
  orca diff --visit "$scratch/hidden.visit.json" --json
check "several patients: both are offered" '.error.code == "orca-several-patients" and ([.candidates[].patientId] | sort) == ["00005", "00015"]'
site "$scratch/orca-wrong"
expect_failure orca-auth-failed "a wrong ORCA password" orca send --visit "$sato" --patient 00023 --json
site
jq '.state = "confirmed-offline"' "$sato" > "$scratch/offline.visit.json"
expect "${status_of[orca-not-confirmed-today]}" "an offline confirmation is not handed off" \
  orca send --visit "$scratch/offline.visit.json" --patient 00023 --json

fault question
expect 0 "question answered ok" orca send --visit "$sato" --patient 00023 --answer ok --json
check "question answered ok: sent" '.state == "sent"'
[ "$(double 'patient?id=00023' | jq '.PublicInsurance_Info | length')" = 2 ]; tap_ok $? "after the failures, one hand-off registers both"

_stop_pid "$scratch/orca.pid"
expect "${status_of[orca-unreachable]}" "ORCA stopped: orca-unreachable" orca diff --visit "$sato" --patient 00023 --json
check "ORCA stopped: JSON names orca-unreachable" '.error.code == "orca-unreachable"'

# --- ORCA behind TLS: the double with the hub's test certificate, its CA pinned -------
"$orca_double" --listen 127.0.0.1:0 --user ormaster --password-file "$scratch/orca-password" \
  --patients "$scratch/patients.json" --server-cert "$pki/hub/server.pem" \
  --server-key "$pki/hub/server.key" > "$scratch/orca-tls.out" 2>>"$scratch/orca.err" &
echo $! > "$scratch/orca-tls.pid"
_wait_for "the ORCA double over TLS" grep -q '^listening on https://127.0.0.1:' "$scratch/orca-tls.out"
tls_port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\).*|\1|p' "$scratch/orca-tls.out")
sed -i -e "/^\[orca\]/,\$ s|^url=.*|url=https://127.0.0.1:$tls_port|" -e '/^allow-plain-http=/d' "$scratch/site.conf"
printf 'ca=%s\n' "$pki/hub/hub-ca.pem" >> "$scratch/site.conf"
expect 0 "over TLS with ORCA's CA pinned" orca diff --visit "$sato" --patient 00023 --json
check "over TLS: the diff" '.patient.patientId == "00023"'
sed -i "\$ s|^ca=.*|ca=$pki/hub/other-ca.pem|" "$scratch/site.conf"
expect 163 "over TLS with another CA pinned: orca-tls-failed" orca diff --visit "$sato" --patient 00023 --json
check "another CA: JSON names orca-tls-failed" '.error.code == "orca-tls-failed"'
_stop_pid "$scratch/orca-tls.pid"
site

# --- the audit log ------------------------------------------------------------------
expect 0 "audit chain intact" audit verify --database "$db" --key-file "$key"
cli_run audit export --database "$db" --key-file "$key"
printf '%s' "$out" | grep -q 'orca patient=00003 resident=r-1003-sato-keiko add=54016027:2304616,80138019:0045123 result=000'
tap_ok $? "audit: who, which resident, which numbers, ORCA's answer"
printf '%s' "$out" | grep -q 'orca patient=00023 .* error=orca-locked'
tap_ok $? "audit: a refused hand-off is audited with its error"

# --- today's list: each hand-off's state, read back from the audit log ---------------
expect 0 "today's list" today --database "$db" --key-file "$key" --json
check "today: the first hand-off of 00003 sent (000), the second unchanged" \
  '[.[] | select(.kind == "orca-handoff" and .patientId == "00003")] | length == 2 and
   .[0].handoff == "sent" and .[0].orcaResult == "000" and .[0].residentRef == "r-1003-sato-keiko" and
   .[0].staffId == "staff-007" and .[1].handoff == "unchanged" and .[1].orcaResult == null'
check "today: a refused hand-off is not sent, with its error's name" \
  '[.[] | select(.kind == "orca-handoff" and .patientId == "00023" and .handoff == "not-sent")] |
   map(.error) | index("orca-locked") != null and index("orca-declined") != null'
check "today: the change behind the desk's back: not sent, orca-changed" \
  '[.[] | select(.kind == "orca-handoff" and .patientId == "00043")] | map(.handoff + ":" + .error) == ["not-sent:orca-changed"]'
check "today: the resident without a subsidy today: unchanged" \
  '[.[] | select(.kind == "orca-handoff" and .patientId == "00002")][0].handoff == "unchanged"'
expect 0 "today's list as text" today --database "$db" --key-file "$key"
printf '%s' "$out" | grep -q '^.*orca-handoff  00023 r-1003-sato-keiko .*not-sent: Not sent (orca-locked): '
tap_ok $? "today: the text says not sent, why, and what to do"
expect 0 "today: only the hand-offs" today --database "$db" --key-file "$key" --kind orca-handoff --json
check "today --kind orca-handoff: hand-offs only" 'length > 0 and all(.[]; .kind == "orca-handoff")'

# --- the QR code --------------------------------------------------------------------
expect 0 "qr" orca qr --visit "$sato" --output "$scratch/qr.pbm" --json
check "qr: the documented text" \
  '.text | test("^MADOGUCHI1;BIRTH=1968-03-03;CHECKED=[0-9-]+T[0-9:]+[+-][0-9:]+;PAYER=54016027;RECIPIENT=2304616;FROM=[0-9-]+;TO=[0-9-]+;CAP=10000;PAYER=80138019;RECIPIENT=0045123;FROM=[0-9-]+;TO=[0-9-]+;CAP=0$")'
qr_text=$(printf '%s' "$out" | jq -r .text)
if command -v zbarimg >/dev/null; then
  decoded=$(zbarimg --quiet --raw "$scratch/qr.pbm" 2>/dev/null)
  [ "$decoded" = "$qr_text" ]; tap_ok $? "zbarimg decodes the QR image to the same text"
else
  echo "ok $((tap_n + 1)) # SKIP zbarimg is not installed"; tap_n=$((tap_n + 1))
fi

# --- the slip as PDF: the app's drawing, the numbers as text, the QR code -------------
expect 0 "slip as PDF" orca slip --visit "$sato" --output "$scratch/slip.pdf" --json
check "slip: the PDF's path and the QR text" '.output == $o and .text == $t' \
  --arg o "$scratch/slip.pdf" --arg t "$qr_text"
[ "$(stat -c %a "$scratch/slip.pdf")" = 600 ]; tap_ok $? "slip: the PDF is readable by its owner only (0600)"
cp "$scratch/slip.pdf" "$scratch/slip.before"
expect "177" "slip: an existing file is not replaced" orca slip --visit "$sato" --output "$scratch/slip.pdf" --json
check "slip: JSON names orca-slip-exists" '.error.code == "orca-slip-exists"'
cmp -s "$scratch/slip.pdf" "$scratch/slip.before"; tap_ok $? "slip: the existing file is untouched"
chmod 644 "$scratch/slip.pdf"
expect 0 "slip: --force replaces it" orca slip --visit "$sato" --output "$scratch/slip.pdf" --force
[ "$(stat -c %a "$scratch/slip.pdf")" = 600 ]; tap_ok $? "slip: the replaced PDF is 0600 too"
if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null; then
  slip_text=$(pdftotext -layout "$scratch/slip.pdf" - 2>/dev/null)
  for n in 54016027 2304616 80138019 0045123 1968-03-03 10000 "$(date +%F)"; do
    printf '%s' "$slip_text" | grep -q -- "$n"; tap_ok $? "slip: the PDF shows $n"
  done
  printf '%s' "$slip_text" | grep -q '佐藤'; tap_ok $? "slip: the PDF shows the resident's name"
  if command -v zbarimg >/dev/null; then
    pdftoppm -png -r 150 -singlefile "$scratch/slip.pdf" "$scratch/slip" 2>/dev/null
    decoded=$(zbarimg --quiet --raw "$scratch/slip.png" 2>/dev/null)
    [ "$decoded" = "$qr_text" ]; tap_ok $? "zbarimg decodes the slip's QR code to the documented text"
  fi
else
  echo "ok $((tap_n + 1)) # SKIP pdftotext or pdftoppm is not installed"; tap_n=$((tap_n + 1))
fi

_stop_pid "$scratch/hub.pid"
echo "1..$tap_n"
[ "$tap_failed" -eq 0 ]
