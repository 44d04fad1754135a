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
# Then lintian, blhc (hardening flags on every compile and link line), and
# desktop-file-validate and appstreamcli on the files the package installs;
# any finding stops it.
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
  if ! dpkg-query -W $tools >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $tools >/dev/null
  fi
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

# Hardening: every compile and link line of the build log carries
# dpkg-buildflags' hardening flags (blhc prints the lines that do not).
if command -v blhc >/dev/null; then
  blhc --debian --bindnow "$out/build.log" | tee "$out/blhc.log"
  [ ! -s "$out/blhc.log" ] || { echo "build-debs: blhc found unhardened build lines" >&2; exit 1; }
  echo "build-debs: blhc finds every compile and link line hardened"
fi

# The desktop entry and the AppStream metainfo as installed by the package.
if command -v desktop-file-validate >/dev/null && command -v appstreamcli >/dev/null; then
  dpkg-deb -x "$(ls "$out"/madoguchi_*.deb)" "$work/unpacked"
  desktop-file-validate "$work"/unpacked/usr/share/applications/*.desktop
  appstreamcli validate --no-net --explain "$work"/unpacked/usr/share/metainfo/*.metainfo.xml
  echo "build-debs: the installed desktop entry and metainfo pass their validators"
fi
