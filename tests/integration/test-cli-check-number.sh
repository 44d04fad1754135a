#!/bin/sh
# madoguchi-cli check-number: verdicts, exit statuses, JSON, translations.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cli=$1
. "$(dirname "$0")/tap.sh"
export LC_ALL=C.UTF-8 LANGUAGE=

tap_expect_status 0 "54016027 is valid" "$cli" check-number 54016027
tap_expect_match 'Verdict: valid$' "verdict printed"
tap_expect_match '\(法別 54\)' "programme number printed"

tap_expect_status 1 "54016028 is invalid (check digit)" "$cli" check-number 54016028
tap_expect_match 'check digit' "check-digit error explained"

tap_expect_status 0 "83133007 passes with a warning" "$cli" check-number 83133007
tap_expect_match '^Warning: ' "municipal warning printed"

tap_expect_status 0 "JSON output" "$cli" check-number --json 83133007
tap_expect_match '"verdict" : "valid-with-warnings"' "JSON verdict"
tap_expect_match '"severity" : "warning"' "JSON issue severity"
tap_expect_match '"municipal" : true' "JSON municipal flag"

tap_expect_status 1 "national recipient with a bad check digit" "$cli" check-number 54016027 1234560
tap_expect_match '"?recipient' "recipient named"

tap_expect_status 2 "no number is a usage error" "$cli" check-number
tap_expect_status 2 "too many arguments is a usage error" "$cli" check-number 1 2 3
tap_expect_status 2 "unknown option is a usage error" "$cli" check-number --frobnicate 54016027
tap_expect_status 2 "unknown command is a usage error" "$cli" frobnicate
tap_expect_status 0 "--version" "$cli" --version
tap_expect_match '^madoguchi-cli [0-9]+\.[0-9]+' "version printed"

# Japanese is the primary language: with a Japanese catalogue the programme
# name and verdict come out in Japanese.
tap_expect_status 0 "Japanese output" env LANGUAGE=ja LC_ALL=C.UTF-8 "$cli" check-number 54016027
tap_expect_match '特定医療（指定難病）' "programme name in Japanese"
tap_expect_match '判定: 有効' "verdict in Japanese"

tap_expect_status 0 "Japanese output, unlisted municipal programme" env LANGUAGE=ja LC_ALL=C.UTF-8 "$cli" check-number 83133007
tap_expect_match '^制度: 地方単独事業（法別 83）$' "the programme number is named once"

tap_done
