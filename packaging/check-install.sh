#!/bin/sh
# check-install.sh — the Debian packages on a clean Debian 12 root: builds
# them (packaging/build-debs.sh, tests skipped: the caller has just run the
# suite on the same tree), makes a minimal root with mmdebstrap, installs
# both packages with apt (which pulls their dependencies), then follows
# docs/install.md inside it: madoguchi-cli --version, setup request, the
# training PKI's terminal CA signing the request, setup install, config
# check against the training hub (the card reader left out: the root has
# no pcscd running), the first administrator, and the installed app started
# from its menu entry's command under Xvfb, on the sign-in page.
#
# Usage, as root on Debian 12: sh packaging/check-install.sh [DEBS-DIR]
#   (with DEBS-DIR, the .deb files there are used instead of building them)
# Ends with "check-install: passed" and the seconds each stage took.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/madoguchi-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
stage () {
  echo "check-install: $1 ($(( $(date +%s) - start )) s)"
}

if [ $# -ge 1 ]; then
  debs=$(cd "$1" && pwd)
else
  debs=$work/debs
  DEB_BUILD_OPTIONS=nocheck DEB_BUILD_PROFILES=nocheck sh "$root/packaging/build-debs.sh" "$debs"
fi
stage "packages built"
mkdir "$work/in"
cp "$debs"/madoguchi_*.deb "$debs"/madoguchi-training_*.deb "$work/in/"
cp "$root/packaging/check-install-inside.sh" "$work/in/"

# Everything inside runs in mmdebstrap's hooks: apt, /proc and /dev are set
# up there, and nothing of the root outlives the run.
mmdebstrap --variant=apt --quiet --format=null \
  --include=ca-certificates,passwd,openssl,xvfb,xauth,dbus \
  --customize-hook="copy-in $work/in /tmp" \
  --customize-hook='chroot "$1" sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/in/madoguchi_*.deb /tmp/in/madoguchi-training_*.deb > /tmp/in/apt.log 2>&1 || { tail -n 30 /tmp/in/apt.log; exit 1; }"' \
  --customize-hook='chroot "$1" sh /tmp/in/check-install-inside.sh' \
  --customize-hook="sync-out /tmp/in/out $work/out" \
  bookworm /dev/null
stage "installed and checked in a clean Debian 12 root"
if [ -n "${MADOGUCHI_SHOTS:-}" ]; then
  mkdir -p "$MADOGUCHI_SHOTS" && cp "$work"/out/*.png "$MADOGUCHI_SHOTS/" 2>/dev/null || true
fi
echo "check-install: passed in $(( $(date +%s) - start )) s"
