#!/bin/sh
# check-install-inside.sh — run by packaging/check-install.sh inside a clean
# Debian 12 root where the madoguchi and madoguchi-training packages were
# just installed as docs/install.md step 0 says: the guide's steps with its
# commands as they stand (as root, whom sudo lets through), and what the
# guide tells the administrator to look at, checked. Where the root differs
# from a desktop (no systemd, no display), the difference is said below.
# What it shows is left in /tmp/in/out.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
out=/tmp/in/out
mkdir -p "$out"
t0=$(date +%s)
step () {
  echo "check-install: inside ($(( $(date +%s) - t0 )) s): $*"
}
fail () {
  echo "check-install: inside: FAILED: $*" >&2
  exit 1
}

# app_shot NAME — the app started with its menu entry's command (the
# desktop file's Exec line), as the desk user, under Xvfb: its window must
# show within 60 s and the app still run 12 s after it started, without a
# critical message; the screen is saved as NAME.png (and must not be one
# colour), then the app is stopped.
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/io.github.madoguchi.Madoguchi.desktop \
  | sed 's/ %[fFuU]//g')
cat > /tmp/app-shot.sh <<'EOS'
# app-shot.sh COMMAND NAME — inside Xvfb and a session bus. The app as
# installed, with its own choice of renderer (cairo, no OpenGL:
# src/app/mado-renderer.c): GTK's GL renderer on Mesa's llvmpipe would
# leave the window black in an Xvfb screenshot, which the check refuses.
set -u
$1 & app=$!
tries=600
until xwininfo -root -tree | grep -q '"Madoguchi"'; do
  tries=$((tries - 1))
  [ "$tries" -gt 0 ] || { echo "no window after 60 s"; exit 1; }
  sleep 0.1
done
sleep 12
kill -0 "$app" || { wait "$app"; echo "the app exited with status $?"; exit 1; }
xwd -root -silent > "/tmp/$2.xwd"
kill "$app"
wait "$app" || true
EOS
app_shot () {
  runuser -u desk -- sh -c "cd && xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
    sh /tmp/app-shot.sh '$exec_line' $1" > "$out/$1.log" 2>&1 || { cat "$out/$1.log"; fail "the app ($1)"; }
  ! grep -E 'CRITICAL|ERROR' "$out/$1.log" || fail "the app logged errors ($1)"
  xwdtopnm "/tmp/$1.xwd" 2>/dev/null | pnmtopng > "$out/$1.png"
  [ "$(xwdtopnm "/tmp/$1.xwd" 2>/dev/null | ppmhist -noheader | wc -l)" -gt 10 ] \
    || fail "the screen is blank ($1.png)"
  step "the installed app's window showed under Xvfb and ran 12 s: $1.png"
}

madoguchi-cli --version | tee "$out/version.txt"
grep -q '^madoguchi-cli ' "$out/version.txt" || fail "madoguchi-cli --version"

# 1. The desk user.
sudo useradd --create-home --shell /bin/bash desk

# 9, before 3-8: with no site configuration, the app opens on the
# administrator's first-run page.
app_shot first-run

# 2. (training) The hub, with a throwaway PKI.
sudo mkdir -p /srv/madoguchi-training
sudo bash /usr/share/madoguchi-training/make-test-pki.sh /srv/madoguchi-training/pki > "$out/make-test-pki.log" 2>&1
sudo sh -c 'cd /srv/madoguchi-training && pki=pki && \
  madoguchi-training-hub --listen 127.0.0.1:8443 \
    --server-cert $pki/hub/server.pem --server-key $pki/hub/server.key \
    --terminal-ca $pki/terminals/terminal-ca.pem --trust-anchors $pki/anchors.pem \
    --crl $pki/crl.pem --fixtures /usr/share/madoguchi-training/fixtures.json \
    --db hub.sqlite > hub.log 2>&1 &'
tries=100
until grep -q '^listening on' /srv/madoguchi-training/hub.log 2>/dev/null; do
  tries=$((tries - 1))
  [ "$tries" -gt 0 ] || { cat /srv/madoguchi-training/hub.log; fail "the training hub did not start"; }
  sleep 0.1
done
step "training hub started"

# 3. The key and the request.
sudo madoguchi-cli setup request --terminal-id desk-1 --institution-code 1312345678 --desk-group desk
[ "$(stat -c %a:%G /etc/madoguchi/terminal.key)" = 640:desk ] || fail "terminal.key's mode and group"
openssl req -in /etc/madoguchi/terminal.csr -noout -subject | tee -a "$out/csr-subject.txt"
grep -q 'C = JP, O = 1312345678, CN = desk-1' "$out/csr-subject.txt" || fail "the request's subject"

# 4. (training) The terminal CA issues the certificate.
printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n' > /tmp/client.ext
sudo openssl x509 -req -in /etc/madoguchi/terminal.csr \
  -CA /srv/madoguchi-training/pki/terminals/terminal-ca.pem \
  -CAkey /srv/madoguchi-training/pki/terminals/terminal-ca.key \
  -set_serial 0x5001 -days 365 -sha256 -extfile /tmp/client.ext -out /tmp/desk-1.pem

# 5. The certificate and the hub.
sudo madoguchi-cli setup install --certificate /tmp/desk-1.pem \
  --hub-url https://127.0.0.1:8443 \
  --hub-ca /srv/madoguchi-training/pki/hub/hub-ca.pem \
  --trust-anchors /srv/madoguchi-training/pki/anchors.pem \
  --identity-modes 'pin;visual' --desk-group desk
step "terminal enrolled"

# 6. The card reader: the virtual reader driver (installed with step 0,
# while the root could reach Debian's mirror). The root has no systemd:
# instead of `systemctl restart pcscd`, pcscd is started by hand, as root,
# the way its service would.
pcscd --foreground > "$out/pcscd.log" 2>&1 &
tries=100
until [ -S /run/pcscd/pcscd.comm ]; do
  tries=$((tries - 1)); [ "$tries" -gt 0 ] || fail "pcscd did not start"; sleep 0.1
done
madoguchi-cli readers | tee "$out/readers.txt"
step "pcscd runs with the virtual reader"

# 7. The check: every line must pass, the reader included.
sudo madoguchi-cli config check > "$out/config-check.txt" || { cat "$out/config-check.txt"; fail "config check"; }
cat "$out/config-check.txt"
runuser -u desk -- madoguchi-cli config check --json > "$out/config-check.json" \
  || fail "config check as the desk user"
grep -Eq '"passed" *: *true' "$out/config-check.json" || fail "config check as the desk user (JSON)"
! grep -q '^fail' "$out/config-check.txt" || fail "config check printed a fail line"
step "config check passes, as root and as the desk user"

# 8. The first administrator. The guide's command asks for the password on
# the terminal; this script has none and passes it on a file descriptor.
printf 'correct-horse-battery\n' > /tmp/password
chown desk /tmp/password
sudo -u desk sh -c 'madoguchi-cli user add admin --role administrator --password-fd 3 3</tmp/password'
sudo -u desk madoguchi-cli user list | tee "$out/users.txt" | grep -q '^admin ' || fail "user list"
step "the first administrator is there"

# 9. (training) The first visit: the infant's demo card on the virtual
# reader, PIN 1234, confirmed by the training hub.
sudo chmod -R o+rX /srv/madoguchi-training/pki
sudo -u desk madoguchi-vcard --profile /srv/madoguchi-training/pki/cards/infant.profile --port 35963 \
  > "$out/vcard.log" 2>&1 &
tries=300
until madoguchi-cli readers --json 2>/dev/null | grep -q '"card-present"'; do
  tries=$((tries - 1)); [ "$tries" -gt 0 ] || { cat "$out/vcard.log"; fail "the virtual card did not come to the reader"; }
  sleep 0.1
done
madoguchi-cli readers | tee -a "$out/readers.txt"
printf '1234\n' | sudo -u desk madoguchi-cli visit --pin-fd 0 > "$out/first-visit.txt" \
  || { cat "$out/first-visit.txt"; fail "the first visit"; }
cat "$out/first-visit.txt"
printf '1234\n' | sudo -u desk madoguchi-cli visit --pin-fd 0 --json > "$out/first-visit.json" \
  || fail "the first visit (JSON)"
grep -Eq '"state" *: *"confirmed"' "$out/first-visit.json" || fail "the visit was not confirmed by the hub"
step "the first visit is confirmed by the training hub"

# 9. The desk: set up, the app opens on the sign-in page.
app_shot sign-in
step "all steps of docs/install.md passed"
