#!/bin/sh
# A full disk under the store: runs test-store-disk-full on a 2 MiB tmpfs
# mounted in a private mount namespace. Needs root and unshare; exits 77
# (skipped) when either is missing.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
program=$1

if [ "$(id -u)" -ne 0 ]; then
  echo "skipped: mounting a tmpfs needs root" >&2
  exit 77
fi
if ! command -v unshare >/dev/null 2>&1; then
  echo "skipped: unshare (util-linux) is not installed" >&2
  exit 77
fi
if ! unshare --mount true 2>/dev/null; then
  echo "skipped: cannot make a private mount namespace here" >&2
  exit 77
fi

dir=$(mktemp -d)
trap 'rmdir "$dir" 2>/dev/null || true' EXIT
status=0
unshare --mount sh -c '
  set -e
  mount --make-rprivate / 2>/dev/null || true
  if ! mount -t tmpfs -o size=2m,mode=0700 madoguchi-disk-full "$1"; then
    echo "skipped: cannot mount a tmpfs" >&2
    exit 77
  fi
  MADO_STORE_TMPFS=$1 exec "$2"
' sh "$dir" "$program" || status=$?
exit $status
