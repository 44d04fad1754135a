# cli-lib.sh — run madoguchi-cli under a TAP shell test and check what it says. Source it
# after tap.sh, with $cli (the program) and $scratch (a folder of the test's own) set.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later

# How long one command may take: a hang fails instead of stalling the suite.
cli_timeout=${cli_timeout:-30}

# pin DIGITS — what the next command reads as the PIN (fd 3).
pin () {
  printf '%s\n' "$1" > "$scratch/pin"
}

# cli_run ARGS… — runs the CLI with $scratch/pin on fd 3; stdout in $out,
# stderr in $err, exit status in $status.
cli_run () {
  out=$(timeout "$cli_timeout" "$cli" "$@" 2>"$scratch/stderr" 3<"$scratch/pin")
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
