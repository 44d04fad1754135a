#!/bin/sh
# Builds the Debian packages madoguchi and madoguchi-training from this tree
# (its tracked files, uncommitted edits included) in a scratch copy, with
# debhelper and meson (packaging/debian, linked as debian/), then runs
# lintian on them. Usage, as root on Debian 12:
#
#   sh packaging/build-debs.sh [OUTDIR]      # default OUTDIR: build-debs/
#
# Installs the build dependencies first (apt-get build-dep). The package
# build runs the test suite under xvfb-run; DEB_BUILD_OPTIONS=nocheck skips
# it (CI does, having run the same suite on the same tree just before).
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/build-debs}" && cd "${1:-$root/build-debs}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/madoguchi-debs.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  tools=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$root/packaging/debian12-packaging-packages.txt")
  # shellcheck disable=SC2086
  dpkg-query -W $tools >/dev/null 2>&1 || apt-get install -y -q --no-install-recommends $tools >/dev/null
  profiles=
  case " ${DEB_BUILD_OPTIONS:-} " in *" nocheck "*) profiles=-Pnocheck ;; esac
  apt-get build-dep -y -q --no-install-recommends $profiles "$root" >/dev/null
fi

mkdir "$work/madoguchi"
(cd "$root" && git ls-files -z | tar --null -T - -cf -) | tar -x -C "$work/madoguchi"
(cd "$work/madoguchi" && dpkg-buildpackage -b -us -uc ${DEB_BUILD_PROFILES:+-P"$DEB_BUILD_PROFILES"}) \
  > "$out/build.log" 2>&1 || { tail -n 40 "$out/build.log" >&2; exit 1; }
rm -f "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes
mv "$work"/*.deb "$work"/*.buildinfo "$work"/*.changes "$out/"
echo "build-debs: built $(cd "$out" && ls *.deb | tr '\n' ' ')in $out"

if command -v lintian >/dev/null; then
  lintian --fail-on error --suppress-tags-from-file /dev/null "$out"/*.changes | tee "$out/lintian.log"
  echo "build-debs: lintian reports no errors"
fi
