#!/bin/sh
# test-cli-front.sh — madoguchi-cli as two programs: the card commands in the
# small one, every other command through madoguchi-cli-desk beside it.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli-front.sh MADOGUCHI-CLI   (madoguchi-cli-desk in the same folder)
set -eu
cli=$1
. "$(dirname "$0")/tap.sh"
export LC_ALL=C.UTF-8 LANGUAGE=

# What the card commands load: none of the store's, the hub's, ORCA's or
# the window's libraries, and neither json-glib nor GIO, which would bring
# libmount, libselinux and libblkid to every proof (docs/cli.md). Everything
# loaded, not only what the program names itself: libmount and libselinux
# only ever come through GIO.
loaded=$(ldd "$cli")
for library in libsqlite3 libcurl libssl libsoup libgtk libadwaita libcairo libpango libqrencode \
               libjson-glib libgio libmount libselinux; do
  case $loaded in
    *"$library"*) tap_ok 1 "madoguchi-cli does not load $library" ;;
    *) tap_ok 0 "madoguchi-cli does not load $library" ;;
  esac
done
case $loaded in
  *libpcsclite*) tap_ok 0 "madoguchi-cli links pcsc-lite, for the card commands" ;;
  *) tap_ok 1 "madoguchi-cli links pcsc-lite, for the card commands" ;;
esac

tap_expect_status 0 "--version from the small program" "$cli" --version
tap_expect_match '^madoguchi-cli [0-9]+\.[0-9]+' "version printed"
tap_expect_status 0 "--help through madoguchi-cli-desk" "$cli" --help
tap_expect_match '^  outbox list' "the desk's commands listed"
tap_expect_status 2 "a desk command's usage error through madoguchi-cli-desk" "$cli" outbox frobnicate
tap_expect_match 'madoguchi-cli' "the error names madoguchi-cli"

# A copy without madoguchi-cli-desk beside it (a broken installation): the
# card commands still work, every other one exits 4 and says what to do.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$cli" "$scratch/madoguchi-cli"
tap_expect_status 0 "alone, check-number still works" "$scratch/madoguchi-cli" check-number 54016027
tap_expect_status 4 "alone, a desk command exits 4" "$scratch/madoguchi-cli" outbox list
tap_expect_match 'madoguchi-cli-desk' "the message names the missing program"
tap_expect_match 'Reinstall Madoguchi' "the message says what to do"
tap_expect_status 4 "alone, --help exits 4 too" "$scratch/madoguchi-cli" --help

tap_done
