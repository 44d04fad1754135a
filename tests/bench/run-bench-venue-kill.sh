#!/bin/bash
# run-bench-venue-kill.sh — SIGKILL madoguchi-cli while it records doses and
# delivers them, N times at random instants, then let it finish: no record
# lost, none doubled. Prints the figures; exits 1 when a record was lost or
# doubled.
#
# A dose whose `record` answered is known to be recorded; one killed first may
# or may not be. Either way every record the store holds must reach the hub
# exactly once, by its recordId, and every answered one must be among them.
#
# Copyright 2026 The Madoguchi authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-bench-venue-kill.sh MADOGUCHI-CLI TRAINING-HUB [KILLS=200]
# Needs MADOGUCHI_BUILD_ROOT, MADOGUCHI_SOURCE_ROOT, jq and sqlite3; exit 77
# where they or the private pcscd are missing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 2 ]; then
  echo "usage: run-bench-venue-kill.sh MADOGUCHI-CLI TRAINING-HUB [KILLS]" >&2
  exit 2
fi
for tool in jq sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed"; exit 77; }
done
if [ -z "${MADOGUCHI_CARD_ENV_DIR:-}" ]; then
  exec "$here/../integration/card-env.sh" -- "$0" "$@"
fi
. "$MADOGUCHI_CARD_ENV_LIB"
cli=$1
kills_wanted=${3:-200}
pki=${MADOGUCHI_TEST_PKI:-$MADOGUCHI_BUILD_ROOT/tests/pki}
dir=$MADOGUCHI_CARD_ENV_DIR
db=$dir/venue.db
key=$dir/venue.key

"$2" --listen 127.0.0.1:0 \
  --server-cert "$pki/hub/server.pem" --server-key "$pki/hub/server.key" \
  --terminal-ca "$pki/terminals/terminal-ca.pem" --trust-anchors "$pki/anchors.pem" \
  --crl "$pki/crl.pem" --fixtures "$MADOGUCHI_SOURCE_ROOT/data/training-hub/fixtures.json" \
  --db "$dir/hub.sqlite" > "$dir/hub.out" 2> "$dir/hub.err" &
hub_pid=$!
trap 'kill $hub_pid 2>/dev/null || true' EXIT
_wait_for "the training hub" grep -q '^listening on https://127.0.0.1:' "$dir/hub.out"
port=$(sed -n 's|^listening on https://127.0.0.1:\([0-9]*\).*|\1|p' "$dir/hub.out")
sed -e "s|@PORT@|$port|" -e "s|^database=.*|database=$db|" -e "s|^key-file=.*|key-file=$key|" \
  "$pki/site-desk-1.conf" > "$dir/site.conf"
export MADOGUCHI_SITE_CONFIG=$dir/site.conf
sed -E "s#^(certificate|ca-certificate|key)=([^/])#\1=$pki/cards/\2#" \
  "$pki/cards/infant.profile" > "$dir/infant.profile"
vcard_start "${MADOGUCHI_VPCD_PORTS%% *}" "$dir/infant.profile"

printf '%s\n' 1234 > "$dir/pin"
printf '%s\n' 'correct horse battery staple' > "$dir/password"
"$cli" user add kango --role nurse --name "看護 桜" --password-fd 4 4<"$dir/password" >/dev/null
"$cli" user add isha --role doctor --name "佐藤 健一" --password-fd 4 4<"$dir/password" >/dev/null
if ! "$cli" judge --staff isha --password-fd 4 --pin-fd 3 --decision vaccinate --explained \
     3<"$dir/pin" 4<"$dir/password" > "$dir/judge.out" 2>&1; then
  cat "$dir/judge.out" "$dir/hub.err" >&2
  exit 1
fi
expiry=$(date -d '+2 years' +%y%m%d)

# One dose: the same lot again and again, each an override of the dose
# already recorded (the checks run on this desk's own records).
record=(record --staff kango --password-fd 4 --pin-fd 3 --site left-thigh --json
        --gs1 "(01)04912345000019(17)${expiry}(10)KILL01"
        --override dose-already-given --override dose-interval --override-reason "kill test")

kills=0 runs=0 answered=0 start=$(date +%s.%N)
: > "$dir/answered"
# A record takes about 0.1-0.3 s on an idle machine and seconds under load:
# kill within the first 250 ms so most runs die somewhere inside it.
while [ "$kills" -lt "$kills_wanted" ] && [ "$runs" -lt $((kills_wanted * 10)) ]; do
  runs=$((runs + 1))
  if [ $((RANDOM % 3)) -eq 0 ]; then
    "$cli" sync > /dev/null 2>>"$dir/cli.err" &
  else
    # A simple command in the background: $! is the CLI itself.
    "$cli" "${record[@]}" 3<"$dir/pin" 4<"$dir/password" > "$dir/out.$runs" 2>>"$dir/cli.err" &
  fi
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 250)))"
  if kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; then
    kills=$((kills + 1))
  fi
  wait "$pid" 2>/dev/null || true
  if [ -s "$dir/out.$runs" ] && jq -e .recordId "$dir/out.$runs" >/dev/null 2>&1; then
    jq -r .recordId "$dir/out.$runs" >> "$dir/answered"
  fi
  rm -f "$dir/out.$runs"
done
end=$(date +%s.%N)

# Let the outbox drain: a record killed mid-send is sent again, same key.
for _ in 1 2 3; do "$cli" sync > /dev/null 2>>"$dir/cli.err"; done
"$cli" today --kind vaccination --json > "$dir/today.json"
local_ids=$(jq -r '.[].recordId' "$dir/today.json" | sort)
pending=$(jq '[.[] | select(.delivery != "delivered")] | length' "$dir/today.json")
hub_ids=$(sqlite3 "$dir/hub.sqlite" \
  "SELECT json_extract(body, '$.recordId') FROM records WHERE kind = 'vaccination'" | sort)
answered=$(sort -u "$dir/answered" | wc -l)
lost=$(comm -23 <(sort -u "$dir/answered") <(printf '%s\n' "$local_ids") | grep -c . || true)
doubled=$(printf '%s\n' "$hub_ids" | uniq -d | grep -c . || true)
missing=$(comm -23 <(printf '%s\n' "$local_ids") <(printf '%s\n' "$hub_ids" | sort -u) | grep -c . || true)
extra=$(comm -13 <(printf '%s\n' "$local_ids") <(printf '%s\n' "$hub_ids" | sort -u) | grep -c . || true)

printf 'runs %d, SIGKILLs %d, %.1f s\n' "$runs" "$kills" "$(echo "$end - $start" | bc)"
printf 'records answered %d, in the store %d, at the hub %d (distinct %d)\n' "$answered" \
  "$(printf '%s\n' "$local_ids" | grep -c .)" "$(printf '%s\n' "$hub_ids" | grep -c .)" \
  "$(printf '%s\n' "$hub_ids" | sort -u | grep -c .)"
printf 'lost (answered, not stored) %d, doubled at the hub %d, stored but not at the hub %d, at the hub but not stored %d, not delivered %d\n' \
  "$lost" "$doubled" "$missing" "$extra" "$pending"
"$cli" audit verify > /dev/null; audit=$?
printf 'audit chain: %s\n' "$([ $audit -eq 0 ] && echo intact || echo BROKEN)"
[ "$kills" -ge "$kills_wanted" ] && [ "$lost" -eq 0 ] && [ "$doubled" -eq 0 ] && [ "$missing" -eq 0 ] &&
  [ "$extra" -eq 0 ] && [ "$pending" -eq 0 ] && [ "$audit" -eq 0 ]
