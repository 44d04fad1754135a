#!/bin/bash
# test-cli-setup.sh — `madoguchi-cli setup request|install` and `config check`:
# a terminal enrolled with the test PKI's terminal CA signing its request,
# checked against the training hub over mutual TLS and a private pcscd;
# then each thing the check must catch, one at a time.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-setup.sh MADOGUCHI-CLI MADOGUCHI-VCARD TRAINING-HUB
#   (needs MADOGUCHI_TEST_PKI and MADOGUCHI_SOURCE_ROOT)
# Re-runs itself inside card-env.sh; TAP skip where that cannot run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cli-lib.sh"
card_test_enter jq -- "$@"
cli=$1
export MADOGUCHI_VCARD=$2
training_hub=$3
cli_timeout=60
card_test_setup
export OPENSSL_CONF=/dev/null
etc=$scratch/etc
conf=$etc/site.conf
: > "$scratch/pin"

hub_start () {
  hub_launch --db "$scratch/hub-records.sqlite"
}

# sign REQUEST OUT START END — the terminal CA issues a client certificate for
# the request, valid from START to END (openssl ca can backdate; x509 cannot).
sign () {
  mkdir -p "$scratch/ca/new"
  : > "$scratch/ca/index.txt"
  echo 5001 > "$scratch/ca/serial"
  cat > "$scratch/ca/ca.cnf" <<EOF
[ca]
default_ca = terminals
[terminals]
database = $scratch/ca/index.txt
new_certs_dir = $scratch/ca/new
serial = $scratch/ca/serial
certificate = $pki/terminals/terminal-ca.pem
private_key = $pki/terminals/terminal-ca.key
default_md = sha256
policy = anything
unique_subject = no
[anything]
commonName = supplied
organizationName = optional
countryName = optional
[client]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
EOF
  openssl ca -batch -config "$scratch/ca/ca.cnf" -in "$1" -notext -extensions client \
    -startdate "$3" -enddate "$4" -out "$2" 2>>"$scratch/ca.log"
}

in_days () {
  date -u -d "$1 days" +%Y%m%d%H%M%SZ
}

# verdict NAME — the status config check's JSON gave check NAME.
verdict () {
  printf '%s' "$out" | jq -r --arg n "$1" '.checks[] | select(.name == $n) | .status'
}

# expect_verdict NAME STATUS [ERROR] DESCRIPTION
expect_verdict () {
  local got
  got=$(verdict "$1")
  [ "$got" = "$2" ] || printf '%s\n' "$out" | sed 's/^/# /'
  [ "$got" = "$2" ]; tap_ok $? "$4: $1 is $2"
  if [ -n "$3" ]; then
    check "$4: $1 names $3" '.checks[] | select(.name == $n) | .error == $e' \
      --arg n "$1" --arg e "$3"
  fi
}

hub_start

expect 1 "config check without a site configuration" config check --config "$conf" --json
expect_verdict configuration fail not-found "no file"
check "the fix is the setup command" '.checks[0].fix | test("madoguchi-cli setup request")'

expect 2 "setup request without the institution code" \
  setup request --config "$conf" --terminal-id desk-1 < /dev/null
expect 0 "setup request makes the key and the request" \
  setup request --config "$conf" --terminal-id desk-1 --institution-code 1312345678 < /dev/null
mode=$(stat -c %a "$etc/terminal.key")
[ "$mode" = 600 ]; tap_ok $? "the key has mode 0600 (got $mode)"
subject=$(openssl req -in "$etc/terminal.csr" -noout -subject -nameopt RFC2253 2>&1)
[ "$subject" = "subject=CN=desk-1,O=1312345678,C=JP" ]; tap_ok $? "the request names the terminal and the institution ($subject)"
openssl req -in "$etc/terminal.csr" -noout -verify >/dev/null 2>&1; tap_ok $? "the request is signed by the key"
key_before=$(sha256sum < "$etc/terminal.key")
expect 0 "a second request keeps the key" setup request --config "$conf" < /dev/null
[ "$key_before" = "$(sha256sum < "$etc/terminal.key")" ]; tap_ok $? "the key is unchanged"

sign "$etc/terminal.csr" "$scratch/desk-1.pem" "$(in_days -1)" "$(in_days 400)"
expect 131 "setup install refuses another terminal's certificate: key-mismatch" \
  setup install --config "$conf" --certificate "$pki/terminals/desk-2.pem" \
  --hub-url "https://127.0.0.1:$hub_port" --hub-ca "$pki/hub/hub-ca.pem" < /dev/null
grep -q '^\[hub\]' "$conf"; tap_ok $((! $?)) "a refused certificate writes no [hub] group"

expect 0 "setup install takes the issued certificate and the hub CA" \
  setup install --config "$conf" --certificate "$scratch/desk-1.pem" \
  --hub-url "https://127.0.0.1:$hub_port" --hub-ca "$pki/hub/hub-ca.pem" \
  --trust-anchors "$pki/anchors.pem" --cache-dir "$scratch/state" < /dev/null
expect 0 "config check passes on the enrolled terminal" config check --config "$conf" --json
check "every check passes" '.passed and ([.checks[] | select(.status != "pass")] | length == 0)'
for name in configuration client-key-permissions client-key-matches client-certificate-dates hub pcscd reader; do
  expect_verdict "$name" pass "" "enrolled"
done
cli_run config check --config "$conf"
lines=$(printf '%s\n' "$out" | grep -c '^pass ')
[ "$lines" -ge 12 ]; tap_ok $? "one line per check ($lines)"

chmod 0644 "$etc/terminal.key"
expect 1 "config check fails on a key others may read" config check --config "$conf" --json --no-hub
expect_verdict client-key-permissions fail unsafe-permissions "key 0644"
check "the fix names chmod" '.checks[] | select(.name == "client-key-permissions") | .fix | test("chmod 0600")'
chmod 0640 "$etc/terminal.key"
expect 0 "a key only its group may read passes" config check --config "$conf" --json --no-hub
chmod 0600 "$etc/terminal.key"

cp "$etc/terminal.pem" "$scratch/good.pem"
cp "$pki/terminals/desk-2.pem" "$etc/terminal.pem"
expect 1 "config check fails when the key is not the certificate's" config check --config "$conf" --json --no-hub
expect_verdict client-key-matches fail key-mismatch "swapped certificate"

sign "$etc/terminal.csr" "$etc/terminal.pem" "$(in_days -1)" "$(in_days 30)"
expect 0 "a certificate ending in 30 days only warns" config check --config "$conf" --json --no-hub
expect_verdict client-certificate-dates warn "" "30 days left"
check "the warning says how to renew" '.checks[] | select(.name == "client-certificate-dates") | .fix | test("setup request")'

sign "$etc/terminal.csr" "$etc/terminal.pem" "$(in_days -400)" "$(in_days -2)"
expect 1 "an expired certificate fails" config check --config "$conf" --json --no-hub
expect_verdict client-certificate-dates fail certificate-expired "expired"
cp "$scratch/good.pem" "$etc/terminal.pem"

sed -e "s|^client-certificate=.*|client-certificate=$pki/terminals/rogue-desk.pem|" \
    -e "s|^client-key=.*|client-key=$pki/terminals/rogue-desk.key|" "$conf" > "$scratch/rogue.conf"
expect 1 "a certificate of another CA is refused by the hub" config check --config "$scratch/rogue.conf" --json --no-reader
expect_verdict hub fail client-certificate-refused "rogue terminal"

_stop_pid "$scratch/hub.pid"
hub_server=$pki/hub/other-server hub_start
sed -i "s|^url=.*|url=https://127.0.0.1:$hub_port|" "$conf"
expect 1 "a hub whose certificate is not the pinned CA's is refused" config check --config "$conf" --json --no-reader
expect_verdict hub fail server-untrusted "other server"
_stop_pid "$scratch/hub.pid"

pcscd_stop
expect 1 "config check fails without pcscd" config check --config "$conf" --json --no-hub
expect_verdict pcscd fail service-not-running "pcscd stopped"
check "the fix starts pcscd" '.checks[] | select(.name == "pcscd") | .fix | test("pcscd.socket")'

echo "1..$tap_n"
exit 0
