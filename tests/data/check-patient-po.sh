#!/bin/sh
# The resident's screen speaks eight languages: po/patient/LINGUAS lists the
# seven besides English, every file that marks P_() strings is in
# po/patient/POTFILES.in (sorted), and every catalogue translates every
# string the sources mark today (a fresh xgettext run, so a new string
# fails here until it is translated), with no fuzzy entry and format
# strings that agree.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$1
cd "$root"
status=0
expected="fil ja ko ne pt_BR vi zh_CN"
linguas=$(grep -v '^#' po/patient/LINGUAS | tr -s ' \n' ' ' | sed 's/ $//')
[ "$linguas" = "$expected" ] || { echo "po/patient/LINGUAS is \"$linguas\", not \"$expected\""; status=1; }

listed=$(grep -v '^#' po/patient/POTFILES.in | grep -v '^$')
[ "$listed" = "$(echo "$listed" | LC_ALL=C sort)" ] || { echo "po/patient/POTFILES.in is not sorted"; status=1; }
marked=$(grep -rlE '\bP_\(' src --include='*.c' | grep -v 'mado-patient-text\.c$' | LC_ALL=C sort || true)
for f in $marked; do
  echo "$listed" | grep -qx "$f" || { echo "not in po/patient/POTFILES.in: $f"; status=1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
xgettext --from-code=UTF-8 --keyword=P_ -o "$tmp/patient.pot" $listed
count=$(grep -c '^msgid "' "$tmp/patient.pot")
echo "$((count - 1)) strings on the resident's screen"
for lang in $expected; do
  po=po/patient/$lang.po
  [ -f "$po" ] || { echo "$po is missing"; status=1; continue; }
  if ! LC_ALL=C msgfmt --check -o /dev/null "$po"; then status=1; fi
  # msgcmp counts an untranslated or fuzzy entry as missing.
  if ! LC_ALL=C msgcmp "$po" "$tmp/patient.pot"; then
    echo "$po does not translate every string"; status=1
  fi
  case "$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)" in
    *untranslated*|*fuzzy*) echo "$po is incomplete"; status=1 ;;
  esac
done
exit $status
