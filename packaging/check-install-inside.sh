#!/bin/sh
# check-install-inside.sh — run by packaging/check-install.sh inside a clean
# Debian 12 root where the madoguchi and madoguchi-training packages were
# just installed: docs/install.md's steps, as an administrator types them.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
out=/tmp/in/out
mkdir -p "$out"
step () {
  echo "check-install: inside: $*"
}

madoguchi-cli --version

# docs/install.md 1: the desk user.
useradd --create-home --shell /bin/sh desk

# 2: the training hub on 127.0.0.1:8443, with a throwaway PKI.
mkdir -p /srv/madoguchi-training
bash /usr/share/madoguchi-training/make-test-pki.sh /srv/madoguchi-training/pki > /dev/null 2>&1
cd /srv/madoguchi-training
pki=pki
madoguchi-training-hub --listen 127.0.0.1:8443 \
  --server-cert $pki/hub/server.pem --server-key $pki/hub/server.key \
  --terminal-ca $pki/terminals/terminal-ca.pem --trust-anchors $pki/anchors.pem \
  --crl $pki/crl.pem --fixtures /usr/share/madoguchi-training/fixtures.json \
  --db hub.sqlite > hub.log 2>&1 &
hub=$!
tries=100
until grep -q '^listening on' hub.log; do
  tries=$((tries - 1)); [ "$tries" -gt 0 ] || { cat hub.log; exit 1; }; sleep 0.1
done
step "training hub started"

# 3: the key and the request.
madoguchi-cli setup request --terminal-id desk-1 --institution-code 1312345678 --desk-group desk
[ "$(stat -c %a:%G /etc/madoguchi/terminal.key)" = 640:desk ]

# 4: the training terminal CA issues the certificate.
printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n' > /tmp/client.ext
openssl x509 -req -in /etc/madoguchi/terminal.csr \
  -CA /srv/madoguchi-training/pki/terminals/terminal-ca.pem \
  -CAkey /srv/madoguchi-training/pki/terminals/terminal-ca.key \
  -set_serial 0x5001 -days 365 -sha256 -extfile /tmp/client.ext -out /tmp/desk-1.pem

# 5: install it and the hub.
madoguchi-cli setup install --certificate /tmp/desk-1.pem \
  --hub-url https://127.0.0.1:8443 \
  --hub-ca /srv/madoguchi-training/pki/hub/hub-ca.pem \
  --trust-anchors /srv/madoguchi-training/pki/anchors.pem \
  --identity-modes 'pin;visual' --desk-group desk

# 7: the check (no pcscd runs in this root: the reader is left out).
madoguchi-cli config check --no-reader | tee "$out/config-check.txt"
runuser -u desk -- madoguchi-cli config check --no-reader --json > "$out/config-check.json"
grep -q '"passed" : true' "$out/config-check.json"
step "config check passes, as root and as the desk user"

# 8: the first administrator, as the desk user who owns the store.
printf 'correct-horse-battery\n' > /tmp/password
chown desk /tmp/password
runuser -u desk -- sh -c 'madoguchi-cli user add admin --role administrator --password-fd 3 3</tmp/password'
runuser -u desk -- madoguchi-cli user list | grep -q '^admin '

# 9: the app, started with its menu entry's command, under Xvfb.
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/io.github.madoguchi.Madoguchi.desktop)
runuser -u desk -- sh -c "cd && HOME=/home/desk timeout 15 xvfb-run -a -s '-screen 0 1280x800x24' \
  dbus-run-session -- $exec_line > /tmp/app.log 2>&1; echo \$? > /tmp/app.status" || true
status=$(cat /tmp/app.status)
cp /tmp/app.log "$out/app.log"
# 124: still running when timeout stopped it — the app started and stayed up.
if [ "$status" != 124 ]; then
  cat /tmp/app.log
  echo "check-install: the app exited with status $status" >&2
  exit 1
fi
if grep -E 'CRITICAL|ERROR' /tmp/app.log; then
  echo "check-install: the app logged errors" >&2
  exit 1
fi
step "the installed app ran for 15 s under Xvfb"
kill "$hub"
