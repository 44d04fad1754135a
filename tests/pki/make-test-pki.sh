#!/bin/bash
# make-test-pki.sh — the throwaway test PKI: J-LIS-like roots, cards, CRL, hub
# and terminal certificates, virtual-card profiles and a site configuration.
# Layout: /work/tools/pki-contract.md (mirrored in docs/virtual-card.md).
# Names and serial numbers are fixed; keys are fresh on every run.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: make-test-pki.sh [--hub-keys=rsa|ecdsa-p256] OUTDIR
# --hub-keys (or MADOGUCHI_PKI_HUB_KEYS) chooses the keys of the hub and
# terminal CAs and certificates: RSA 2048 (the default) or ECDSA P-256. The
# cards and their roots are RSA 2048 either way, as JPKI's are.
set -euo pipefail

hub_keys=${MADOGUCHI_PKI_HUB_KEYS:-rsa}
case ${1:-} in
  --hub-keys=*) hub_keys=${1#--hub-keys=}; shift ;;
esac
if [ $# -ne 1 ] || { [ "$hub_keys" != rsa ] && [ "$hub_keys" != ecdsa-p256 ]; }; then
  echo "usage: $0 [--hub-keys=rsa|ecdsa-p256] OUTDIR" >&2
  exit 2
fi

mkdir -p "$1"
out=$(cd "$1" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mado-pki.XXXXXX")
trap 'rm -rf "$work"' EXIT
export OPENSSL_CONF=/dev/null

JLIS_DN="/C=JP/O=JPKI/OU=JPKI for user authentication/OU=Japan Agency for Local Authority Information Systems"
CARDS="infant:1001:jlis-ca mother:1002:jlis-ca-2019 nanbyou:1003:jlis-ca
shoman:1004:jlis-ca hidden:1005:jlis-ca revoked:1006:jlis-ca expired:1007:jlis-ca
untrusted:1008:untrusted-ca blocked:1009:jlis-ca onetry:100A:jlis-ca
nobody:100B:jlis-ca longhist:100C:jlis-ca"

# The extensions every certificate may need, selected with -extensions.
cat > "$work/ext.cnf" <<'EOF'
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[card]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[server]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

# Key generation is nearly all of the run time: make every key first, two at
# a time (the CI machine has two cores).
make_all_keys () {
  local rsa=(jlis-ca jlis-ca-2019 untrusted-ca)
  local hub=(hub-ca server other-ca other-server terminal-ca desk-1 desk-2 rogue-ca rogue-desk)
  local entry
  for entry in $CARDS; do rsa+=("card-${entry%%:*}"); done
  if [ "$hub_keys" = rsa ]; then rsa+=("${hub[@]}"); fi
  printf '%s\n' "${rsa[@]}" | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} \
    openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/{}.key"
  if [ "$hub_keys" = ecdsa-p256 ]; then
    printf '%s\n' "${hub[@]}" | xargs -I{} \
      openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/{}.key"
  fi
}

# root NAME SUBJECT SERIAL — self-signed CA certificate NAME.pem.
root () {
  openssl req -x509 -new -key "$work/$1.key" -subj "$2" -sha256 -days 7300 \
    -set_serial "0x$3" -config "$work/ext.cnf" -extensions root \
    -out "$work/$1.pem"
}

# issue CA NAME SUBJECT SERIAL EXTENSIONS [DAYS] — NAME.pem signed by CA.
issue () {
  openssl req -new -key "$work/$2.key" -subj "$3" -out "$work/$2.csr"
  openssl x509 -req -in "$work/$2.csr" -CA "$work/$1.pem" -CAkey "$work/$1.key" \
    -set_serial "0x$4" -sha256 -days "${6:-1825}" \
    -extfile "$work/ext.cnf" -extensions "$5" -out "$work/$2.pem" 2>/dev/null
}

# An `openssl ca` database for jlis-ca: it can backdate a certificate (the
# expired card) and sign a CRL, which `openssl x509` cannot.
setup_ca_db () {
  mkdir -p "$work/db/new"
  : > "$work/db/index.txt"
  cat > "$work/ca.cnf" <<EOF
[ca]
default_ca = jlis
[jlis]
database = $work/db/index.txt
new_certs_dir = $work/db/new
serial = $work/db/serial
certificate = $work/jlis-ca.pem
private_key = $work/jlis-ca.key
default_md = sha256
default_crl_days = 30
policy = anything
unique_subject = no
copy_extensions = none
[anything]
commonName = supplied
EOF
}

# issue_backdated NAME SUBJECT SERIAL START END — a jlis-ca card outside its dates.
issue_backdated () {
  openssl req -new -key "$work/card-$1.key" -subj "$2" -out "$work/card-$1.csr"
  echo "$3" > "$work/db/serial"
  openssl ca -batch -config "$work/ca.cnf" -in "$work/card-$1.csr" -notext \
    -startdate "$4" -enddate "$5" -extfile "$work/ext.cnf" -extensions card \
    -out "$work/card-$1.pem" 2>/dev/null
}

card_cn () {
  printf 'madoguchi-test-card:%s' "$1" | sha256sum | cut -c1-32 | tr a-f A-F
}

write_profile () {
  local name=$1 issuer=$2 tries=3 blocked=false
  case $name in
    blocked) tries=0; blocked=true ;;
    onetry) tries=1 ;;
  esac
  cat > "$work/out/cards/$name.profile" <<EOF
# madoguchi-vcard profile for the test card "$name" (see docs/virtual-card.md)
[card]
certificate=$name.cert.der
ca-certificate=../$issuer.der
key=$name.key.pem
pin=1234
tries-left=$tries
token-label=JPKIAPICCTOKEN2
[behaviour]
apdu-delay-ms=0
remove-after-apdu=0
garbage-at-apdu=0
blocked=$blocked
EOF
}

make_cards () {
  local entry name serial issuer subject
  mkdir -p "$work/out/cards"
  for entry in $CARDS; do
    IFS=: read -r name serial issuer <<<"$entry"
    subject="/CN=$(card_cn "$name")"
    if [ "$name" = expired ]; then
      issue_backdated "$name" "$subject" "$serial" 20190401000000Z 20240331235959Z
    else
      issue "$issuer" "card-$name" "$subject" "$serial" card
    fi
    cp "$work/card-$name.pem" "$work/out/cards/$name.cert.pem"
    openssl x509 -in "$work/card-$name.pem" -outform DER -out "$work/out/cards/$name.cert.der"
    cp "$work/card-$name.key" "$work/out/cards/$name.key.pem"
    write_profile "$name" "$issuer"
  done
}

make_roots () {
  local ca
  root jlis-ca "$JLIS_DN" 2023
  root jlis-ca-2019 "$JLIS_DN" 2019
  root untrusted-ca "$JLIS_DN" 6666
  for ca in jlis-ca jlis-ca-2019 untrusted-ca; do
    cp "$work/$ca.pem" "$work/$ca.key" "$work/out/"
    openssl x509 -in "$work/$ca.pem" -outform DER -out "$work/out/$ca.der"
  done
  cat "$work/jlis-ca.pem" "$work/jlis-ca-2019.pem" > "$work/out/anchors.pem"
}

# The revoked card goes into index.txt by hand: it was issued with
# `openssl x509`, outside the database.
make_crl () {
  local expiry
  expiry=$(openssl x509 -in "$work/card-revoked.pem" -noout -enddate | cut -d= -f2)
  expiry=$(date -u -d "$expiry" +%y%m%d%H%M%SZ)
  printf 'R\t%s\t%s,keyCompromise\t1006\tunknown\t/CN=%s\n' \
    "$expiry" "$(date -u +%y%m%d%H%M%SZ)" "$(card_cn revoked)" >> "$work/db/index.txt"
  openssl ca -batch -config "$work/ca.cnf" -gencrl -out "$work/out/crl.pem" 2>/dev/null
  openssl crl -in "$work/out/crl.pem" -outform DER -out "$work/out/crl.der"
}

make_hub () {
  mkdir -p "$work/out/hub"
  root hub-ca "/O=Madoguchi test/CN=Madoguchi test hub CA" 3001
  issue hub-ca server "/O=Madoguchi test/CN=localhost" 3002 server
  root other-ca "/O=Somebody else/CN=Another CA" 3101
  issue other-ca other-server "/O=Somebody else/CN=localhost" 3102 server
  cp "$work/hub-ca.pem" "$work/hub-ca.key" "$work/server.pem" "$work/server.key" \
     "$work/other-ca.pem" "$work/other-server.pem" "$work/other-server.key" "$work/out/hub/"
}

make_terminals () {
  mkdir -p "$work/out/terminals"
  root terminal-ca "/O=Madoguchi test/CN=Madoguchi test terminal CA" 4001
  issue terminal-ca desk-1 "/O=Madoguchi test/CN=desk-1" 4002 client
  issue terminal-ca desk-2 "/O=Madoguchi test/CN=desk-2" 4003 client
  # desk-2's name on desk-1's key: for the test of a certificate replaced
  # on disk while its key stays.
  cp "$work/desk-1.key" "$work/desk-2-on-desk-1-key.key"
  issue terminal-ca desk-2-on-desk-1-key "/O=Madoguchi test/CN=desk-2" 4004 client
  root rogue-ca "/O=Madoguchi test/CN=Madoguchi test terminal CA" 4101
  issue rogue-ca rogue-desk "/O=Madoguchi test/CN=desk-1" 4102 client
  cp "$work/terminal-ca.pem" "$work/terminal-ca.key" "$work/desk-1.pem" "$work/desk-1.key" \
     "$work/desk-2.pem" "$work/desk-2.key" "$work/desk-2-on-desk-1-key.pem" "$work/rogue-ca.pem" \
     "$work/rogue-desk.pem" "$work/rogue-desk.key" "$work/out/terminals/"
}

make_site_config () {
  cat > "$work/out/site-desk-1.conf" <<EOF
# Site configuration for madoguchi-cli on desk-1; tests replace @PORT@.
[hub]
url=https://127.0.0.1:@PORT@
ca=$out/hub/hub-ca.pem
client-certificate=$out/terminals/desk-1.pem
client-key=$out/terminals/desk-1.key
connect-timeout-seconds=5
total-timeout-seconds=20
[site]
institution-code=1312345678
terminal-id=desk-1
identity-modes=pin;visual
[card]
trust-anchors=$out/anchors.pem
reader=
[cache]
database=$out/state/cache.db
key-file=$out/state/cache.key
retention-days=90
EOF
}

# Replace only what this script makes: OUTDIR may be a build directory.
install_output () {
  local item
  for item in "$work"/out/*; do
    rm -rf "${out:?}/$(basename "$item")"
  done
  cp -R "$work"/out/. "$out/"
  mkdir -p "$out/state"
}

mkdir -p "$work/out"
make_all_keys
setup_ca_db
make_roots
make_cards
make_crl
make_hub
make_terminals
make_site_config
install_output
