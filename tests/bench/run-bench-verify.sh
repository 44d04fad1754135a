#!/bin/bash
# run-bench-verify.sh — bench-verify with a virtual card behind a private pcscd
# and the training hub on loopback.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-bench-verify.sh BENCH-VERIFY TRAINING-HUB [VERIFICATIONS=100]
# Needs MADOGUCHI_BUILD_ROOT and MADOGUCHI_SOURCE_ROOT; exit 77 where the
# private pcscd cannot run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 2 ]; then
  echo "usage: run-bench-verify.sh BENCH-VERIFY TRAINING-HUB [VERIFICATIONS]" >&2
  exit 2
fi
if [ -z "${MADOGUCHI_CARD_ENV_DIR:-}" ]; then
  exec "$here/../integration/card-env.sh" -- "$0" "$@"
fi
. "$MADOGUCHI_CARD_ENV_LIB"
pki=${MADOGUCHI_TEST_PKI:-$MADOGUCHI_BUILD_ROOT/tests/pki}
dir=$MADOGUCHI_CARD_ENV_DIR

"$2" --listen 127.0.0.1:0 \
  --server-cert "$pki/hub/server.pem" --server-key "$pki/hub/server.key" \
  --terminal-ca "$pki/terminals/terminal-ca.pem" --trust-anchors "$pki/anchors.pem" \
  --crl "$pki/crl.pem" --fixtures "$MADOGUCHI_SOURCE_ROOT/data/training-hub/fixtures.json" \
  > "$dir/hub.out" 2> "$dir/hub.err" &
hub_pid=$!
trap 'kill $hub_pid 2>/dev/null || true' EXIT
_wait_for "the training hub" grep -q '^listening on https://127.0.0.1:' "$dir/hub.out"
port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\).*|\1|p' "$dir/hub.out")
sed -e "s|@PORT@|$port|" "$pki/site-desk-1.conf" > "$dir/site.conf"
export MADOGUCHI_SITE_CONFIG=$dir/site.conf

vcard_start "${MADOGUCHI_VPCD_PORTS%% *}" "$pki/cards/infant.profile"
"$1" "${3:-100}"
