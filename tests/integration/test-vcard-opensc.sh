#!/bin/bash
# test-vcard-opensc.sh — the virtual card seen through a private pcscd by
# OpenSC: certificates, raw status words, and what its log may contain.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-vcard-opensc.sh MADOGUCHI-VCARD   (needs MADOGUCHI_TEST_PKI)
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
pki=$MADOGUCHI_TEST_PKI
scratch=$MADOGUCHI_CARD_ENV_DIR
port=${MADOGUCHI_VPCD_PORTS%% *}
log=$scratch/vcard.log

# der_of FILE — a PEM certificate's DER, as hex.
der_of () {
  openssl x509 -in "$1" -outform DER | od -An -v -tx1 | tr -d ' \n'
}

hex_of () {
  od -An -v -tx1 "$1" | tr -d ' \n'
}

JPKI=D392F000260100000001
CARD_INFO=D3921000310001010408
PIN_HEX=31323334

# --- OpenSC reads the certificates through pcscd -------------------------------
vcard_start "$port" "$pki/cards/infant.profile" --log "$log"
tap_ok $? "the card is present in $(reader_name "$port")"

tap_expect_status 0 "opensc-tool names the card" opensc-tool -n
tap_expect_match '^jpki$' "OpenSC's JPKI driver recognises the card"

tap_expect_status 0 "pkcs15-tool lists the certificates" pkcs15-tool --list-certificates
tap_expect_match 'User Authentication Certificate\]' "the user-authentication certificate is listed"
tap_expect_match 'Encoded serial : 02 02 1001' "its serial number is the infant card's"

tap_expect_status 0 "pkcs15-tool reads certificate 01" pkcs15-tool --read-certificate 01
printf '%s\n' "$tap_out" | sed -n '/BEGIN CERTIFICATE/,/END CERTIFICATE/p' > "$scratch/read.pem"
[ "$(der_of "$scratch/read.pem")" = "$(hex_of "$pki/cards/infant.cert.der")" ]
tap_ok $? "certificate 01 equals the profile's certificate"

tap_expect_status 0 "pkcs15-tool reads certificate 03 (the CA)" pkcs15-tool --read-certificate 03
printf '%s\n' "$tap_out" | sed -n '/BEGIN CERTIFICATE/,/END CERTIFICATE/p' > "$scratch/ca.pem"
[ "$(der_of "$scratch/ca.pem")" = "$(hex_of "$pki/jlis-ca.der")" ]
tap_ok $? "certificate 03 equals the profile's CA certificate"

# --- raw status words -----------------------------------------------------------
digest=$(printf 'madoguchi' | openssl dgst -sha256 -r | cut -c1-64)
SIGN=802A008033"3031300D060960864801650304020105000420$digest"00
tap_expect_status 0 "raw APDUs: files and lengths" opensc-tool \
  -s 00A4040C0A$JPKI -s 00A4020C021234 -s 00A4020C02000A -s 00B0080000 -s 00B007F000 \
  -s 00B0000004 -s 00A4020C03000A00 -s 00A4050C02000A -s 00CA000000 -s 00A4020C020018 \
  -s 00200080 -s 00A4020C020017 -s "$SIGN"
expect_sws "6A82 unknown EF, 6B00 past the end, 6282 straddling, 6700 Lc, 6A86 P1, 6D00 INS, 63C3 tries, 6982 sign before VERIFY" \
  9000 6A82 9000 6B00 6282 9000 6700 6A86 6D00 9000 63C3 9000 6982
tap_expect_match '^FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF' "the straddling read returns the last 16 filler bytes"
tap_expect_match '^30 82 ' "EF 000A starts with a DER SEQUENCE"

tap_expect_status 0 "raw APDUs: PIN and signature" opensc-tool \
  -s 00A4040C0A$JPKI -s 00A4020C020018 -s 002000800439393939 -s 0020008003393939 \
  -s 00200080 -s 0020008004$PIN_HEX -s 00200080 -s 00A4020C020017 -s "$SIGN"
expect_sws "VERIFY: 63C2 wrong, 6700 short, query keeps 63C2, 9000 right, SIGN 9000" \
  9000 9000 63C2 6700 63C2 9000 63C3 9000 9000
printf '%s\n' "$tap_out" | sed -n '/^Received (SW1=0x90, SW2=0x00):$/,$p' | sed -n '2,$p' \
  | cut -c1-47 | tr -d ' \n' | xxd -r -p > "$scratch/signature.bin"
openssl x509 -in "$pki/cards/infant.cert.pem" -pubkey -noout > "$scratch/public.pem"
openssl pkeyutl -verifyrecover -pubin -inkey "$scratch/public.pem" -in "$scratch/signature.bin" \
  2>/dev/null | od -An -v -tx1 | tr -d ' \n' > "$scratch/recovered.hex"
[ "$(cat "$scratch/recovered.hex")" = "3031300d060960864801650304020105000420$digest" ]
tap_ok $? "the signature is PKCS#1 v1.5 over the DigestInfo, by the certificate's key"

tap_expect_status 0 "raw APDUs: the other applications refuse their files" opensc-tool \
  -s 00A4040C0A$CARD_INFO -s 00A4020C020001 -s 00B0000000 -s 00A4040C0AD3921000310001010402 \
  -s 00A4020C020002 -s 00A4040C0AD3920000000000000000
expect_sws "card-info AP: selectable, EF 0001 6A82, READ 6986; unknown AID 6A82" \
  9000 6A82 6986 9000 6A82 6A82

# --- the log --------------------------------------------------------------------
vcard_stop "$port"
grep -q 'ins=20 p1=00 p2=80 lc=04 data=<redacted>' "$log"
tap_ok $? "the log shows VERIFY with its data redacted"
! grep -qiE "$PIN_HEX|39393939" "$log"
tap_ok $? "no PIN, right or wrong, appears in the log"
! grep -qE 'ins=20 .*data=[0-9A-F]' "$log"
tap_ok $? "no VERIFY line carries data"
# Follow the selected application through the log: no byte may be read
# outside the JPKI application.
awk -v jpki="$JPKI" '
  / ins=A4 p1=04 / && / sw=9000 / { app = ($0 ~ "data=" jpki " ") ? "jpki" : "other" }
  / ins=B0 / && !/ resp=0$/ && app != "jpki" { bad = 1; print "# " $0 }
  END { exit bad }' "$log"
tap_ok $? "no data was read outside the JPKI application (no My Number)"
grep -q "data=$CARD_INFO .*sw=9000" "$log"
tap_ok $? "the log did record the card-info AP selection (the check above is live)"

tap_done
