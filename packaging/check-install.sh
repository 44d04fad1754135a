#!/bin/sh
# check-install.sh — the Debian packages on a clean Debian 12 root: builds
# them (packaging/build-debs.sh, tests skipped: the caller has just run the
# suite on the same tree), makes a minimal root with mmdebstrap, installs
# both packages with apt (which pulls their dependencies), then follows
# docs/install.md inside it (packaging/check-install-inside.sh): the
# installed app's first-run page, madoguchi-cli --version, setup request,
# the training PKI's terminal CA signing the request, setup install, the
# virtual reader under a pcscd of the root's own, config check against the
# training hub, the first administrator, the first visit with the virtual
# card, and the app started from its menu entry's command under Xvfb.
#
# Usage, as root on Debian 12: sh packaging/check-install.sh [DEBS-DIR]
#   (with DEBS-DIR, the .deb files there are used instead of building them)
# Screenshots, config check's output and the logs are copied to
# $MADOGUCHI_INSTALL_OUT (default build-debs/check-install/).
# Ends with "check-install: passed" and the seconds each stage took.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
results=${MADOGUCHI_INSTALL_OUT:-$root/build-debs/check-install}
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
  stage "packages built"
fi
mkdir "$work/in"
cp "$debs"/madoguchi_*.deb "$debs"/madoguchi-training_*.deb "$work/in/"
cp "$root/packaging/check-install-inside.sh" "$work/in/"

# The checks run in their own network namespace (a loopback of their own:
# the training hub's port 8443 and vpcd's 35963 are the documented ones,
# whatever the host runs) and PID namespace with its own /proc (everything
# started inside dies with the script, and nothing outside can be touched).
cat > "$work/hook.sh" <<'EOH'
set -u
ip link set lo up
mount -t proc proc "$1/proc"
mkdir -p "$1/tmp/in/out"
cp "$1/tmp/in/apt.log" "$1/tmp/in/out/"
chroot "$1" sh /tmp/in/check-install-inside.sh > "$1/tmp/in/out/inside.log" 2>&1
echo $? > "$1/tmp/in/out/status"
EOH

# What needs Debian's mirror runs first, with the guide's commands: step 0
# (both packages and pcscd) and step 6's virtual reader driver.
cat > "$work/in/apt.sh" <<'EOA'
set -eu
export DEBIAN_FRONTEND=noninteractive
cd /tmp/in
sudo -E apt-get install -y -q ./madoguchi_*.deb ./madoguchi-training_*.deb pcscd
sudo -E apt-get install -y -q vsmartcard-vpcd
EOA

# The root has what a Debian 12 desktop has that the packages do not pull in
# themselves: apt's default of installing recommended packages (mmdebstrap's
# own is not to), the host name in /etc/hosts, sudo for the guide's commands
# as they stand; and, for the screenshots, xwd, xwininfo and netpbm. Nothing
# of the root outlives the run.
mmdebstrap --variant=apt --quiet --format=null \
  --include=ca-certificates,passwd,sudo,xvfb,xauth,dbus,x11-apps,x11-utils,netpbm \
  --customize-hook="copy-in $work/in /tmp" \
  --customize-hook='echo "Apt::Install-Recommends \"true\";" > "$1/etc/apt/apt.conf.d/01debian-default"' \
  --customize-hook='echo "127.0.1.1 $(hostname)" >> "$1/etc/hosts"' \
  --customize-hook='chroot "$1" sh /tmp/in/apt.sh > "$1/tmp/in/apt.log" 2>&1 || { tail -n 30 "$1/tmp/in/apt.log"; exit 1; }' \
  --customize-hook="unshare --net --pid --mount --fork --kill-child sh $work/hook.sh \"\$1\"" \
  --customize-hook="sync-out /tmp/in/out $work/out" \
  bookworm /dev/null
mkdir -p "$results"
cp "$work"/out/* "$results/"
grep -E '^(Setting up|[0-9]+ upgraded)' "$results/apt.log" | tail -n 3
cat "$results/inside.log"
if [ "$(cat "$results/status")" != 0 ]; then
  echo "check-install: failed inside the root (logs in $results)" >&2
  exit 1
fi
stage "installed and checked in a clean Debian 12 root"
echo "check-install: results in $results: $(cd "$results" && ls | tr '\n' ' ')"
echo "check-install: passed in $(( $(date +%s) - start )) s"
