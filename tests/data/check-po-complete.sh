#!/bin/sh
# A catalogue is complete when msgfmt finds no untranslated or fuzzy message
# and the format strings agree with the source.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
po=$1
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) echo "$po is incomplete"; exit 1 ;;
esac
exit 0
