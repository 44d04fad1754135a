#!/bin/bash
# run-bench-card.sh — bench-card against the virtual card through a private pcscd.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-bench-card.sh BENCH-CARD [PROOFS=50] [MADOGUCHI-CLI]
# With MADOGUCHI-CLI, `card prove` is also timed against pkcs11-tool,
# process against process. When OpenSC's PKCS#11 module is installed (the
# opensc-pkcs11 package), the proof in the bench's own process is also timed
# against the same proof through that module loaded into it.
# Needs MADOGUCHI_BUILD_ROOT (the build folder: its virtual card and its test
# PKI, unless MADOGUCHI_VCARD / MADOGUCHI_TEST_PKI say otherwise). Re-runs
# itself inside tests/integration/card-env.sh; exit 77 when that cannot run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ]; then
  echo "usage: run-bench-card.sh BENCH-CARD [PROOFS] [MADOGUCHI-CLI]" >&2
  exit 2
fi
if [ -z "${MADOGUCHI_CARD_ENV_DIR:-}" ]; then
  exec "$here/../integration/card-env.sh" -- "$0" "$@"
fi
. "$MADOGUCHI_CARD_ENV_LIB"
pki=${MADOGUCHI_TEST_PKI:-$MADOGUCHI_BUILD_ROOT/tests/pki}
log=$MADOGUCHI_CARD_ENV_DIR/bench-card.log
vcard_start "${MADOGUCHI_VPCD_PORTS%% *}" "$pki/cards/infant.profile" --log "$log"
module=
for candidate in /usr/lib/*/pkcs11/opensc-pkcs11.so /usr/lib/*/opensc-pkcs11.so; do
  if [ -f "$candidate" ]; then module=$candidate; break; fi
done
"$1" --proofs "${2:-50}" --card-log "$log" ${3:+--cli "$3"} ${module:+--pkcs11-module "$module"}
