#!/bin/bash
# test-cli-card.sh — `madoguchi-cli readers` and `card info|prove` through a
# real pcscd, vpcd readers and the virtual card: verdicts, PIN states,
# faults at every APDU, pcscd going away, two readers.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-card.sh MADOGUCHI-CLI MADOGUCHI-VCARD   (needs MADOGUCHI_TEST_PKI)
# Re-runs itself inside card-env.sh --readers 2; TAP skip where that cannot run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${MADOGUCHI_CARD_ENV_DIR:-}" ]; then
  if ! command -v jq >/dev/null; then
    echo "1..0 # SKIP jq is not installed"
    exit 0
  fi
  . "$here/card-env-lib.sh"
  MADOGUCHI_CARD_ENV_READERS=2 card_env_tap "$0" "$@"
fi
cli=$1
export MADOGUCHI_VCARD=$2
. "$here/tap.sh"
. "$here/cli-lib.sh"
. "$MADOGUCHI_CARD_ENV_LIB"
# From here on a failing check is a "not ok" line, not the end of the run.
set +e
export LC_ALL=C.UTF-8
pki=$MADOGUCHI_TEST_PKI
scratch=$MADOGUCHI_CARD_ENV_DIR
read -r port1 port2 <<<"$MADOGUCHI_VPCD_PORTS"
reader1=$(reader_name "$port1")
reader2=$(reader_name "$port2")
log=$scratch/vcard.log
# Nothing from the machine's own site configuration.
site='[site]\ninstitution-code=1312345678\nterminal-id=desk-1\nidentity-modes=pin;visual\n'
printf "$site[card]\\n" > "$scratch/site.conf"
export MADOGUCHI_SITE_CONFIG=$scratch/site.conf

# Exit statuses: 10 + MadoCardError (docs/cli.md).
declare -A status_of=(
  [service-not-running]=10 [no-reader]=11 [no-card]=12 [card-mute]=13 [card-removed]=14
  [reader-gone]=15 [card-reset]=16 [not-my-number-card]=17 [phone-token]=18 [pin-format]=19
  [pin-wrong]=20 [pin-blocked]=21 [pin-cancelled]=22 [not-verified]=23 [file-not-found]=24
  [wrong-length]=25 [wrong-parameters]=26 [conditions-not-satisfied]=27 [bad-response]=28
  [bad-certificate]=29 [bad-signature]=30 [unexpected-status]=31 [failed]=32
  [tries-changed]=33 [last-try-unconfirmed]=34
)

CHALLENGE=6d61646f67756368692d6368616c6c656e67652d3031
printf '%s' "$CHALLENGE" | xxd -r -p > "$scratch/challenge.bin"

# expect_error NAME DESCRIPTION ARGS… — a --json command failing with the named error.
expect_error () {
  local name=$1 description=$2
  shift 2
  expect "${status_of[$name]}" "$description: $name" "$@"
  check "$description: JSON names $name with its exit status" \
    '.error.code == $n and .error.exitStatus == ($s | tonumber) and (.error.message | length > 0)' \
    --arg n "$name" --arg s "${status_of[$name]}"
}

pin ""

# profile NAME BASE KEY=VALUE… — cards/BASE.profile with its paths made
# absolute and [behaviour] replaced by KEY=VALUE lines.
profile () {
  local out=$scratch/$1.profile base=$2
  shift 2
  {
    sed -e '/^\[behaviour\]/,$d' \
        -e "s#^\(certificate\|ca-certificate\|key\)=\([^/]\)#\1=$pki/cards/\2#" \
        "$pki/cards/$base.profile"
    echo "[behaviour]"
    printf '%s\n' "$@"
  } > "$out"
  echo "$out"
}

# card PROFILE [PORT] — a fresh virtual card (new process, new log) in the reader.
card () {
  local port=${2:-$port1}
  vcard_stop
  rm -f "$log"
  vcard_start "$port" "$1" --log "$log"
}

verify_count () {
  grep -c ' ins=20 .* lc=04 ' "$log" 2>/dev/null || true
}

# proof_ok DESCRIPTION [ARGS…] — a proof with PIN 1234 whose signature
# openssl verifies with the certificate the proof printed.
proof_ok () {
  local description=$1
  shift
  pin 1234
  expect 0 "$description" card prove --challenge "$CHALLENGE" --pin-fd 3 --json "$@"
  printf '%s' "$out" | jq -r .certificate 2>/dev/null | base64 -d > "$scratch/proof.der" 2>/dev/null || true
  printf '%s' "$out" | jq -r .signature 2>/dev/null | base64 -d > "$scratch/proof.sig" 2>/dev/null || true
  openssl x509 -inform DER -in "$scratch/proof.der" -pubkey -noout > "$scratch/proof.pub" 2>/dev/null || true
  openssl dgst -sha256 -verify "$scratch/proof.pub" -signature "$scratch/proof.sig" \
    "$scratch/challenge.bin" >/dev/null 2>&1
  tap_ok $? "$description: openssl verifies the signature (PKCS#1 v1.5, SHA-256 of the challenge)"
}

# --- readers ------------------------------------------------------------------
expect 0 "readers, no card" readers --json
check "readers, no card: 4 slots, all reader-empty, no ATR" \
  '(.readers | length) == 4 and all(.readers[]; .state == "reader-empty" and .atr == null)'
expect 0 "readers, no card, in words" readers
tap_expect_match_out () { tap_out=$out; tap_expect_match "$@"; }
tap_expect_match_out "^$reader1\$" "the human listing names the first reader"

card "$pki/cards/infant.profile"
expect 0 "readers, a card in reader 1" readers --json
check "readers: reader 1 card-present with the JPKI ATR, the others empty" \
  '.readers | map({(.name): [.state, .atr]}) | add
   | .[$r1] == ["card-present", "3BE000FF8131FE4514"]
     and .[$r2] == ["reader-empty", null] and (to_entries | map(select(.value[0] == "card-present")) | length) == 1' \
  --arg r1 "$reader1" --arg r2 "$reader2"
[ ! -s "$log" ]; tap_ok $? "listing readers sends no APDU"

# --- card info: members and chain verdicts ------------------------------------
expect 0 "card info, infant, anchors.pem" card info --anchors "$pki/anchors.pem" --json
fingerprint=$(openssl x509 -in "$pki/cards/infant.cert.pem" -noout -fingerprint -sha256 | sed 's/.*=//')
cn=$(openssl x509 -in "$pki/cards/infant.cert.pem" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
check "card info: the infant certificate's members, chain valid, 3 tries" \
  '.myNumberCard == true and .certificate.serial == "1001" and .certificate.subject == $cn
   and (.certificate.issuer | test("O=JPKI")) and .certificate.sha256Fingerprint == $fp
   and (.certificate.notBefore | test("^20[0-9][0-9]-")) and (.certificate.notAfter | test("^20[0-9][0-9]-"))
   and .certificate.chain == "valid" and .pin == {"verified": false, "triesLeft": 3}' \
  --arg fp "$fingerprint" --arg cn "$cn"
! grep -q ' ins=20 .* lc=04 ' "$log"; tap_ok $? "card info sends no VERIFY"
expect 0 "card info, no anchors" card info --json
check "card info without anchors: chain unknown" '.certificate.chain == "unknown"'
printf "$site[card]\\ntrust-anchors=%s\\n" "$pki/anchors.pem" > "$scratch/site-anchors.conf"
MADOGUCHI_SITE_CONFIG=$scratch/site-anchors.conf expect 0 "card info, anchors from the site configuration" card info --json
check "trust-anchors from the site configuration: valid" '.certificate.chain == "valid"'
expect 0 "card info in words" card info --anchors "$pki/anchors.pem"
tap_expect_match_out "PIN tries left: 3" "the human output shows the tries left"

for pair in mother:valid untrusted:invalid expired:expired; do
  name=${pair%%:*} verdict=${pair#*:}
  card "$pki/cards/$name.profile"
  expect 0 "card info, $name" card info --anchors "$pki/anchors.pem" --json
  check "card info, $name: chain $verdict" '.certificate.chain == $v' --arg v "$verdict"
done

# --- card prove ----------------------------------------------------------------
card "$pki/cards/infant.profile"
proof_ok "card prove, infant, right PIN"
cmp -s "$scratch/proof.der" "$pki/cards/infant.cert.der"
tap_ok $? "the proof carries the infant card's certificate"
apdus_per_proof=$(printf '%s' "$out" | jq -r .apdus)
[ "$apdus_per_proof" = "$(wc -l < "$log")" ]
tap_ok $? "the proof's APDU count ($apdus_per_proof) equals the card's log"
[ "$apdus_per_proof" -le 14 ] && [ "$(grep -c ' ins=A4 .* data=0018 ' "$log")" -eq 1 ] &&
  [ "$(grep -c ' ins=20 p1=00 p2=80 lc=- ' "$log")" -eq 1 ]
tap_ok $? "the proof takes at most 14 APDUs: EF 0018 selected and the tries asked once"
cp "$scratch/proof.sig" "$scratch/tampered.sig"
printf '\x00' | dd of="$scratch/tampered.sig" bs=1 seek=100 conv=notrunc 2>/dev/null
! openssl dgst -sha256 -verify "$scratch/proof.pub" -signature "$scratch/tampered.sig" \
  "$scratch/challenge.bin" >/dev/null 2>&1
tap_ok $? "the openssl check is live: a changed signature fails it"
printf 'x' >> "$scratch/challenge.bin"
! openssl dgst -sha256 -verify "$scratch/proof.pub" -signature "$scratch/proof.sig" \
  "$scratch/challenge.bin" >/dev/null 2>&1
tap_ok $? "the openssl check is live: another challenge fails it"
printf '%s' "$CHALLENGE" | xxd -r -p > "$scratch/challenge.bin"

# --- wrong PIN down to one try --------------------------------------------------
card "$pki/cards/infant.profile"
pin 9999
expect_error pin-wrong "wrong PIN (2 left)" card prove --challenge "$CHALLENGE" --pin-fd 3 --json
check "wrong PIN: triesLeft 2" '.triesLeft == 2'
expect 0 "card info after a wrong PIN" card info --json
check "card info: 2 tries left" '.pin.triesLeft == 2'
expect "${status_of[pin-wrong]}" "wrong PIN again, in words" card prove --challenge "$CHALLENGE" --pin-fd 3
tap_out=$err; tap_expect_match "PIN tries left: 1" "the second wrong PIN reports 1 try left"
[ -z "$out" ]; tap_ok $? "a failed proof prints nothing on stdout"
expect 0 "card info after two wrong PINs" card info --json
check "card info: 1 try left" '.pin.triesLeft == 1'
[ "$(verify_count)" -eq 2 ] && [ "$(grep -c ' ins=20 .* lc=04 .*sw=63C[21] ' "$log")" -eq 2 ]
tap_ok $? "the card saw exactly two VERIFYs, answered 63C2 then 63C1"
card "$pki/cards/infant.profile"
proof_ok "a fresh card: the right PIN works"

card "$pki/cards/onetry.profile"
expect 0 "card info, onetry" card info --json
check "onetry: 1 try left" '.pin.triesLeft == 1'
# The last try needs staff's word that the resident was warned.
pin 1234
expect_error last-try-unconfirmed "onetry without --last-try" card prove --challenge "$CHALLENGE" --pin-fd 3 --json
[ "$(verify_count)" -eq 0 ]; tap_ok $? "onetry without --last-try: no VERIFY reached the card"
pin 9999
expect_error pin-blocked "onetry, wrong PIN: the try that blocks" card prove --challenge "$CHALLENGE" --pin-fd 3 --json --last-try
card "$pki/cards/onetry.profile"
proof_ok "onetry, right PIN" --last-try

# --- blocked card ----------------------------------------------------------------
card "$pki/cards/blocked.profile"
expect 0 "card info, blocked card" card info --json
check "blocked card: 0 tries left" '.pin.triesLeft == 0 and .pin.verified == false'
pin 1234
expect_error pin-blocked "blocked card, right PIN" card prove --challenge "$CHALLENGE" --pin-fd 3 --json
[ "$(verify_count)" -eq 0 ]
tap_ok $? "blocked card: no VERIFY with data reached the card"
grep -q ' ins=20 p1=00 p2=80 lc=- .*sw=63C0' "$log"
tap_ok $? "blocked card: the tries query did (the log check is live)"

# --- PIN of the wrong shape, no PIN ------------------------------------------------
card "$pki/cards/infant.profile"
for bad in 12a4 123 12345 "" "１２３４"; do
  pin "$bad"
  expect_error pin-format "PIN “$bad”" card prove --challenge "$CHALLENGE" --pin-fd 3 --json
done
[ ! -s "$log" ]
tap_ok $? "PINs of the wrong shape: no APDU at all reached the card"
pin ""
expect_error pin-format "no PIN and no PIN pad" card prove --challenge "$CHALLENGE" --json
[ "$(verify_count)" -eq 0 ]
tap_ok $? "no PIN: no VERIFY reached the card"
expect 2 "a challenge that is not hex is a usage error" card prove --challenge 0g --pin-fd 3
proof_ok "after all that the card still proves with its 3 tries"

# --- removal at every APDU of a proof ----------------------------------------------
# vpcd answers a card that leaves in the middle of an APDU with an empty
# response and success, so the core sees an answer shorter than a status
# word: bad-response (its advice, place the card again, is the right one).
removal_names='^(card-removed|no-card|reader-gone|card-mute|card-reset|bad-response)$'
for n in $(seq 1 "$apdus_per_proof"); do
  card "$(profile remove-$n infant remove-after-apdu=$n)"
  pin 1234
  cli_run card prove --challenge "$CHALLENGE" --pin-fd 3 --json
  code=$(printf '%s' "$out" | jq -r '.error.code' 2>/dev/null || echo "?")
  if [ "$status" -ge 10 ] && [ "$status" -le 32 ] && [[ $code =~ $removal_names ]] &&
     [ "$status" -eq "${status_of[$code]}" ]; then
    tap_ok 0 "removed at APDU $n: $code (exit $status)"
  else
    printf '%s\n%s\n' "$out" "$err" | sed 's/^/# /'
    tap_ok 1 "removed at APDU $n: exit $status, error $code"
  fi
  grep -q "^apdu=$n .* removed\$" "$log"
  tap_ok $? "removed at APDU $n: the card did leave at that APDU"
  card "$pki/cards/infant.profile"
  pin 1234
  expect 0 "after the removal at APDU $n a fresh card proves" card prove --challenge "$CHALLENGE" --pin-fd 3 --json
done

# --- garbage answers -----------------------------------------------------------------
for n in 1 3 5 10 $((apdus_per_proof - 1)) "$apdus_per_proof"; do
  card "$(profile garbage-$n infant garbage-at-apdu=$n)"
  pin 1234
  cli_run card prove --challenge "$CHALLENGE" --pin-fd 3 --json
  code=$(printf '%s' "$out" | jq -r '.error.code' 2>/dev/null || echo "?")
  if [ -n "${status_of[$code]:-}" ] && [ "$status" -eq "${status_of[$code]}" ] &&
     [ "$code" != failed ]; then
    tap_ok 0 "garbage at APDU $n: $code (exit $status)"
  else
    printf '%s\n%s\n' "$out" "$err" | sed 's/^/# /'
    tap_ok 1 "garbage at APDU $n: exit $status, error $code"
  fi
  grep -q "^apdu=$n .* garbage\$" "$log"
  tap_ok $? "garbage at APDU $n: the card did answer garbage there"
done

# --- pcscd stopped in the middle of a proof -----------------------------------------
card "$(profile slow infant apdu-delay-ms=150)"
pin 1234
timeout 30 "$cli" card prove --challenge "$CHALLENGE" --pin-fd 3 --json \
  > "$scratch/mid.out" 2>"$scratch/mid.err" 3<"$scratch/pin" &
prove_pid=$!
_wait_for "the proof under way" grep -q '^apdu=3 ' "$log"
pcscd_stop
status=0
wait "$prove_pid" || status=$?
out=$(cat "$scratch/mid.out")
code=$(printf '%s' "$out" | jq -r '.error.code' 2>/dev/null || echo "?")
if [[ $code =~ ^(service-not-running|reader-gone|card-removed|no-card|no-reader)$ ]] &&
   [ "$status" -eq "${status_of[$code]}" ]; then
  tap_ok 0 "pcscd stopped mid-proof: $code (exit $status)"
else
  sed 's/^/# /' "$scratch/mid.out" "$scratch/mid.err"
  tap_ok 1 "pcscd stopped mid-proof: exit $status, error $code"
fi
[ "$(verify_count)" -eq 0 ]
tap_ok $? "pcscd stopped mid-proof: no VERIFY was sent"

# --- readers without pcscd, and a pcscd without readers -------------------------------
expect_error service-not-running "readers without pcscd" readers --json
expect "${status_of[service-not-running]}" "card info without pcscd" card info
mkdir -p "$scratch/no-readers"
pcscd --foreground -c "$scratch/no-readers" >>"$scratch/pcscd.log" 2>&1 &
echo $! > "$scratch/pcscd.pid"
_wait_for "an empty pcscd" test -S /run/pcscd/pcscd.comm
expect_error no-reader "readers with a pcscd that has none" readers --json
expect_error no-reader "card info with a pcscd that has no reader" card info --json
pcscd_stop
pcscd_start
card "$pki/cards/infant.profile"
proof_ok "pcscd restarted: a proof works"

# --- two readers ------------------------------------------------------------------------
card "$pki/cards/infant.profile" "$port2"
proof_ok "card in reader 2, automatic choice"
expect_error no-card "--reader naming the empty reader 1" card prove --challenge "$CHALLENGE" \
  --pin-fd 3 --json --reader "$reader1"
proof_ok "--reader naming reader 2" --reader "$reader2"
expect_error no-reader "--reader nonexistent" card info --json --reader "Nonexistent Reader 9"
check "--reader nonexistent: the message names the reader" '.error.message | contains("Nonexistent Reader 9")'

tap_done
