# cli-lib.sh — run madoguchi-cli under a TAP shell test and check what it says, and
# the set-up the tests that need the virtual card and the training hub share.
# Source it first, with $here (the tests' folder) set; the cli_ functions need
# $cli (the program) and $scratch (a folder of the test's own).
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later

# card_test_enter TOOL… -- ARGS… — outside card-env.sh, skips the test (TAP) when
# a TOOL is missing, else runs it again with ARGS inside card-env.sh (a private
# pcscd with the virtual card's reader) and exits with its status. Inside, returns.
card_test_enter () {
  [ -z "${MADOGUCHI_CARD_ENV_DIR:-}" ] || return 0
  while [ "$1" != -- ]; do
    if ! command -v "$1" >/dev/null; then
      echo "1..0 # SKIP $1 is not installed"
      exit 0
    fi
    shift
  done
  shift
  . "$here/card-env-lib.sh"
  card_env_tap "$0" "$@"
}

# card_test_setup — inside card-env.sh: TAP, the card helpers and what every such
# test uses: $pki, $scratch, $port (the virtual card's), C.UTF-8. Failures are
# counted by TAP, so errexit is off from here on.
card_test_setup () {
  . "$here/tap.sh"
  . "$MADOGUCHI_CARD_ENV_LIB"
  set +e
  export LC_ALL=C.UTF-8
  pki=$MADOGUCHI_TEST_PKI
  scratch=$MADOGUCHI_CARD_ENV_DIR
  port=$MADOGUCHI_VPCD_PORTS
}

# hub_launch [ARGS…] — $training_hub on a free loopback port, with the test PKI's
# certificates (the server's from $hub_server, default hub/server) and $fixtures
# (default: the shipped ones); ARGS go to the hub. Sets $hub_port.
hub_launch () {
  local server=${hub_server:-$pki/hub/server}
  # A restarted hub listens on a new port: never read the last one's line.
  : > "$scratch/hub.out"
  "$training_hub" --listen 127.0.0.1:0 --server-cert "$server.pem" --server-key "$server.key" \
    --terminal-ca "$pki/terminals/terminal-ca.pem" --trust-anchors "$pki/anchors.pem" \
    --crl "$pki/crl.pem" --fixtures "${fixtures:-$MADOGUCHI_SOURCE_ROOT/data/training-hub/fixtures.json}" \
    "$@" > "$scratch/hub.out" 2>>"$scratch/hub.err" &
  echo $! > "$scratch/hub.pid"
  _wait_for "the training hub" grep -q '^listening on https://127.0.0.1:' "$scratch/hub.out"
  hub_port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\).*|\1|p' "$scratch/hub.out")
}

hub_stop () {
  _stop_pid "$scratch/hub.pid"
}

# card NAME — the virtual card on $port as the test PKI's card NAME, its APDUs
# logged afresh to $log (default $scratch/vcard.log).
card () {
  local profile=$scratch/$1.profile
  sed -E "s#^(certificate|ca-certificate|key)=([^/])#\1=$pki/cards/\2#" \
    "$pki/cards/$1.profile" > "$profile"
  vcard_stop
  rm -f "${log:-$scratch/vcard.log}"
  vcard_start "$port" "$profile" --log "${log:-$scratch/vcard.log}"
}

# verify_sent — how many VERIFY commands with a 4-digit PIN the card has seen.
verify_sent () {
  grep -c ' ins=20 .* lc=04 ' "${log:-$scratch/vcard.log}" 2>/dev/null || true
}

# pin DIGITS — what the next command reads as the PIN (fd 3).
pin () {
  printf '%s\n' "$1" > "$scratch/pin"
}

# cli_run ARGS… — runs the CLI with $scratch/pin on fd 3; stdout in $out,
# stderr in $err, exit status in $status.
cli_run () {
  # How long one command may take: a hang fails instead of stalling the suite.
  out=$(timeout "${cli_timeout:-30}" "$cli" "$@" 2>"$scratch/stderr" 3<"$scratch/pin")
  status=$?
  err=$(cat "$scratch/stderr")
}

# expect EXPECTED-STATUS DESCRIPTION ARGS…
expect () {
  local expected=$1 description=$2
  shift 2
  cli_run "$@"
  if [ "$status" -ne "$expected" ]; then
    printf '%s\n%s\n' "$out" "$err" | sed 's/^/# /'
    echo "# exit status $status, expected $expected"
  fi
  [ "$status" -eq "$expected" ]; tap_ok $? "$description (exit $expected)"
}

# check DESCRIPTION JQ-FILTER [JQ-ARGS…] — the filter is true of $out;
# returns 1 when it is not.
check () {
  local description=$1 filter=$2
  shift 2
  if printf '%s' "$out" | jq -e "$@" "$filter" >/dev/null 2>&1; then
    tap_ok 0 "$description"
  else
    printf '%s\n' "$out" | sed 's/^/# /'
    echo "# jq filter false: $filter"
    tap_ok 1 "$description"
    return 1
  fi
}
