# tap.sh — a few helpers for TAP-speaking shell tests. Source it.
# SPDX-License-Identifier: GPL-3.0-or-later

tap_n=0
tap_failed=0

# ok CONDITION-EXIT-STATUS DESCRIPTION
tap_ok () {
  tap_n=$((tap_n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $tap_n - $2"
  else
    echo "not ok $tap_n - $2"
    tap_failed=$((tap_failed + 1))
  fi
}

# tap_expect_status EXPECTED DESCRIPTION COMMAND…  (output kept in $tap_out)
tap_expect_status () {
  expected=$1; shift
  description=$1; shift
  # Keep the caller's errexit setting: a failed check must print "not ok",
  # not end the script.
  case $- in *e*) errexit=1 ;; *) errexit=0 ;; esac
  set +e
  tap_out=$("$@" 2>&1)
  status=$?
  [ "$errexit" -eq 1 ] && set -e
  if [ "$status" -eq "$expected" ]; then
    tap_ok 0 "$description"
  else
    printf '%s\n' "$tap_out" | sed 's/^/# /'
    echo "# exit status $status, expected $expected"
    tap_ok 1 "$description"
  fi
}

# tap_expect_match PATTERN DESCRIPTION  (greps $tap_out)
tap_expect_match () {
  if printf '%s\n' "$tap_out" | grep -qE -- "$1"; then
    tap_ok 0 "$2"
  else
    printf '%s\n' "$tap_out" | sed 's/^/# /'
    tap_ok 1 "$2"
  fi
}

# received_sws — the status words opensc-tool printed, in order, one per line.
received_sws () {
  printf '%s\n' "$tap_out" | sed -n 's/^Received (SW1=0x\(..\), SW2=0x\(..\)).*/\1\2/p' | tr a-f A-F
}

# expect_sws DESCRIPTION EXPECTED… — compare with the last opensc-tool run.
expect_sws () {
  local description=$1 got
  shift
  got=$(received_sws | tr '\n' ' ')
  if [ "$got" = "$* " ]; then
    tap_ok 0 "$description"
  else
    echo "# got:      $got"
    echo "# expected: $* "
    tap_ok 1 "$description"
  fi
}

tap_done () {
  echo "1..$tap_n"
  [ "$tap_failed" -eq 0 ]
}
