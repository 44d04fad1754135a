#!/bin/bash
# test-cli-venue.sh — a vaccination venue end to end with madoguchi-cli: the
# virtual card through a real pcscd, the training hub over mutual TLS, staff
# accounts with roles. A doctor signs the judgement, a nurse records the dose
# from a GS1 scan, each reaches the hub exactly once and the next bundle shows
# the dose; an expired lot is refused; a 27-day violation needs an audited
# override; recording offline is delivered later.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-venue.sh MADOGUCHI-CLI MADOGUCHI-VCARD TRAINING-HUB
#   (needs MADOGUCHI_TEST_PKI and MADOGUCHI_SOURCE_ROOT)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli-lib.sh"
card_test_enter jq curl -- "$@"
cli=$1
export MADOGUCHI_VCARD=$2
training_hub=$3
cli_timeout=60
card_test_setup
db=$scratch/venue.db
key=$scratch/venue.key
password='correct horse battery staple'

# The fixtures, plus a varicella dose given ten days ago to 鈴木 蒼 (card
# shoman): a live injectable vaccine, so an MR dose today breaks the 27-day rule.
jq '(.residents[] | select(.residentRef == "r-1004-suzuki-aoi") | .immunizations) +=
    [{"vaccineCode": {"system": "https://madoguchi.invalid/training/vaccine-codes", "code": "VAR", "display": "乾燥弱毒生水痘ワクチン"},
      "targetDisease": ["水痘"], "occurrenceDate": "@today-10d", "doseNumber": 1, "lotNumber": "VZ0001",
      "site": "左上腕", "doseQuantityMl": 0.5, "performer": "よその医院", "status": "completed",
      "live": true, "injectable": true}]' \
  "$MADOGUCHI_SOURCE_ROOT/data/training-hub/fixtures.json" > "$scratch/fixtures.json"
fixtures=$scratch/fixtures.json

site () {
  sed -e "s|@PORT@|${hub_port:-9}|" \
      -e "s|^database=.*|database=$db|" -e "s|^key-file=.*|key-file=$key|" \
      "$pki/site-desk-1.conf" > "$scratch/site.conf"
  export MADOGUCHI_SITE_CONFIG=$scratch/site.conf
}

hub_start () {
  hub_launch --db "$scratch/hub-records.sqlite"
  site
}

# count KIND — what the hub holds: vaccinations, questionnaires or total.
count () {
  curl -s --cacert "$pki/hub/hub-ca.pem" --cert "$pki/terminals/desk-1.pem" \
    --key "$pki/terminals/desk-1.key" "https://127.0.0.1:$hub_port/v1/training/records-count" |
    jq -r ".$1"
}

# as STAFF EXPECTED DESCRIPTION ARGS… — a command signed by STAFF (password
# on fd 4, the resident's PIN on fd 3).
as () {
  local staff=$1 expected=$2 description=$3
  shift 3
  out=$(timeout "$cli_timeout" "$cli" "$@" --staff "$staff" --password-fd 4 \
          2>"$scratch/stderr" 3<"$scratch/pin" 4<"$scratch/password")
  status=$?
  err=$(cat "$scratch/stderr")
  if [ "$status" -ne "$expected" ]; then
    printf '%s\n%s\n' "$out" "$err" | sed 's/^/# /'
    echo "# exit status $status, expected $expected"
  fi
  [ "$status" -eq "$expected" ]; tap_ok $? "$description (exit $expected)"
}

pin 1234
printf '%s\n' "$password" > "$scratch/password"
gs=$'\x1d'
future=$(date -d '+2 years' +%y%m%d)
past=$(date -d '-1 day' +%y%m%d)

hub_start
for account in "isha doctor 佐藤 健一" "kango nurse 看護 桜" "uketsuke reception 受付 花子"; do
  read -r id role name <<<"$account"
  out=$("$cli" user add "$id" --role "$role" --name "$name" --password-fd 4 4<"$scratch/password" 2>&1)
  tap_ok $? "user add $id --role $role"
done

# --- the judgement: a doctor's, not reception's nor a nurse's --------------------------
q0=$(count questionnaires); v0=$(count vaccinations)
card infant
as uketsuke 145 "reception signs a judgement: role-not-allowed" \
  judge --pin-fd 3 --decision vaccinate --explained --json
check "reception's judgement: the named error" '.error.code == "role-not-allowed"'
card infant
as kango 149 "a nurse records before any judgement: not-judged" \
  record --pin-fd 3 --gs1 "]C10104912345000019${gs}17${future}10HB2511A" --site left-thigh --json
card infant
as isha 0 "the doctor signs: vaccinate" judge --pin-fd 3 --decision vaccinate --explained --json
check "judgement: the doctor's name, the decision, the doctor's section answered" \
  '.doctor == "佐藤 健一" and .decision == "vaccinate" and .examinationOnly == false and ([.doctorSection[] | select(.itemId == "doctor-decision")][0].answer == "vaccinate") and .delivery == "recorded-sending"'

# --- the dose, from a scan ---------------------------------------------------------------
card infant
as kango 143 "an expired lot scanned: refused" \
  record --pin-fd 3 --gs1 "(01)04912345000019(17)${past}(10)HB2301X" --site left-thigh --override lot-expired --json
check "expired lot: lot-expired with the finding" \
  '.error.code == "lot-expired" and ([.findings[] | select(.check == "lot-expired" and .blocks)] | length == 1)'
card infant
as kango 140 "a malformed scan: refused with the reason" \
  record --pin-fd 3 --gs1 "(01)04912345000019(17)${future}" --site left-thigh --json
check "malformed scan: barcode-malformed names the missing lot" '.error.code == "barcode-malformed" and (.error.message | test("\\(10\\)"))'
card infant
as kango 0 "the nurse records the dose from a raw GS1 scan" \
  record --pin-fd 3 --gs1 "]C10104912345000019${gs}10HB2511A${gs}17${future}" --site left-thigh --json
check "vaccination: product, dose, lot, volume, route, doctor and nurse" \
  '.vaccineCode.code == "HEPB-PED" and .doseNumber == 3 and .lotNumber == "HB2511A" and .doseQuantityMl == 0.25 and .route == "subcutaneous" and .site == "左大腿" and .doctor == "佐藤 健一" and .performer == "看護 桜" and .questionnaireId == "q-1001-hepb-3"'
vaccination=$(printf '%s' "$out" | jq -r .recordId)

expect 0 "today's records" today --json
check "today: the judgement and the dose, recorded and sending" \
  'length == 2 and all(.[]; .delivery == "recorded-sending") and .[0].kind == "judgement" and .[1].record.residentName == "山田 陽翔"'
expect 0 "sync" sync --json
check "sync: both delivered" '.delivered == 2 and .failed == 0'
expect 0 "sync again" sync --json
check "sync again: nothing left" '.delivered == 0'
[ "$(count questionnaires)" = $((q0 + 1)) ]; tap_ok $? "the hub holds exactly one more questionnaire record"
[ "$(count vaccinations)" = $((v0 + 1)) ]; tap_ok $? "the hub holds exactly one more vaccination record"
expect 0 "today's delivered records" today --state delivered --json
check "today: both delivered" 'length == 2'

card infant
expect 0 "the next visit" visit --pin-fd 3 --json
check "the next bundle shows the dose, with a new version" \
  '([.bundle.immunizations[] | select(.lotNumber == "HB2511A" and .doseNumber == 3 and .status == "completed")] | length == 1) and (.bundle.version | endswith(".1"))'

# --- the 27-day rule: an override, recorded and audited -------------------------------------
card shoman
as isha 144 "MR ten days after varicella: needs an override" \
  record --pin-fd 3 --product MR --lot MR2405A --expiry 2099-12-31 --site left-upper-arm --json
check "27-day rule: the finding names live-interval" '.error.code == "needs-override" and ([.findings[].check] | index("live-interval") != null)'
card shoman
as isha 0 "MR with the overrides the doctor decided" \
  record --pin-fd 3 --product MR --lot MR2405A --expiry 2099-12-31 --site left-upper-arm \
  --override live-interval --override age-outside-schedule --override-reason "流行地域への渡航前" --json
check "the record carries its overrides" '(.overrides | index("live-interval") != null) and .overrideReason == "流行地域への渡航前"'
mr=$(printf '%s' "$out" | jq -r .recordId)
expect 0 "audit export" audit export --output "$scratch/audit.jsonl"
grep -q "overrides=live-interval" "$scratch/audit.jsonl"; tap_ok $? "the override is in the audit log"
expect 0 "audit chain intact" audit verify

# --- a correction, offline, delivered later ---------------------------------------------------
hub_stop
as kango 0 "mark the MR dose entered in error, offline" correct "$mr" --reason "別の方の記録" --json
check "correction: refers to the dose" '.status == "entered-in-error" and .correctionOf == $id' --arg id "$mr"
as kango 148 "the same record again" correct "$mr" --reason again
expect 0 "today's vaccinations" today --kind vaccination --json
check "today: the MR dose marked, still sending" \
  '[.[] | select(.recordId == $id)][0] | (.correctedBy != null and .delivery == "recorded-sending")' --arg id "$mr"
expect 0 "sync with the hub down" sync --json
check "sync offline: nothing delivered" '.delivered == 0'
hub_start
expect 0 "sync with the hub back" sync --json
check "sync: the MR dose and its correction delivered" '.delivered == 2 and .failed == 0'
[ "$(count vaccinations)" = $((v0 + 3)) ]; tap_ok $? "the hub holds the dose, MR and the correction, each once"

expect 0 "the day's report" report
printf '%s\n' "$out" | grep -q '^vaccinated,HEPB-PED,B型肝炎ワクチン（小児用）,HB2511A,1,0,0,1,0'
tap_ok $? "report: one HepB dose of lot HB2511A, delivered"
printf '%s\n' "$out" | grep -q '^vaccinated,MR,.*,MR2405A,0,1,'
tap_ok $? "report: the MR dose counted as entered in error"
card shoman
expect 0 "shoman's next visit" visit --pin-fd 3 --json
check "the bundle marks the corrected dose entered-in-error" \
  '[.bundle.immunizations[] | select(.lotNumber == "MR2405A")][0].status == "entered-in-error"'
hub_stop

tap_done
