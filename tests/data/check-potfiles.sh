#!/bin/sh
# Every file that marks strings for translation is listed in po/POTFILES.in,
# and every listed file exists.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$1
cd "$root"
status=0
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | LC_ALL=C sort)
marked=$( { grep -rlE '\b(_|N_|C_|NC_|g_dngettext|ngettext)\(' src --include='*.c' || true;
            grep -rl 'translatable="yes"' ui --include='*.ui' || true; } | LC_ALL=C sort -u)
for f in $marked; do
  echo "$listed" | grep -qx "$f" || { echo "not in po/POTFILES.in: $f"; status=1; }
done
for f in $listed; do
  [ -f "$f" ] || { echo "listed in po/POTFILES.in but missing: $f"; status=1; }
done
[ "$listed" = "$(grep -v '^#' po/POTFILES.in | grep -v '^$')" ] || { echo "po/POTFILES.in is not sorted"; status=1; }
exit $status
