#!/bin/sh
# madoguchi-cli's store commands: staff accounts, cache, outbox, audit
# verification after tampering with the sqlite3 CLI, a corrupt database and
# its recovery, key file permissions, exit statuses.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cli=$1
. "$(dirname "$0")/tap.sh"
export LC_ALL=C.UTF-8 LANGUAGE=
export MADOGUCHI_SITE_CONFIG=/nonexistent/site.conf

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/cache.db
key=$dir/cache.key
store="--database $db --key-file $key"

tap_expect_status 0 "user add reads the password from a descriptor" \
  sh -c "\"$cli\" user add admin-1 --role administrator --password-fd 3 $store 3<<PW
a long enough passphrase
PW"
tap_expect_match 'Added the administrator account admin-1' "account added"
tap_expect_status 0 "key file made owner-only" sh -c "[ \"\$(stat -c %a $key)\" = 600 ]"
tap_expect_status 53 "a 12-character password breaks the rules (exit 53)" \
  sh -c "printf 'twelve chars\n' | \"$cli\" user add rec-1 --role reception --password-fd 0 $store"
tap_expect_match 'at least 13 characters' "the rule is named"
tap_expect_status 50 "a second account with the same ID (exit 50)" \
  sh -c "printf 'another passphrase!\n' | \"$cli\" user add admin-1 --role doctor --password-fd 0 $store"
tap_expect_status 0 "user passwd" \
  sh -c "printf 'a new long passphrase\n' | \"$cli\" user passwd admin-1 --password-fd 0 $store"
tap_expect_status 0 "user add doctor" \
  sh -c "printf 'the doctor passphrase\n' | \"$cli\" user add doc-1 --role doctor --password-fd 0 $store"
tap_expect_status 0 "user disable" "$cli" user disable doc-1 $store
tap_expect_status 49 "user disable of an unknown ID (exit 49)" "$cli" user disable nobody $store
tap_expect_status 0 "user list --json" "$cli" user list --json $store
tap_expect_match '"id" : "doc-1"' "doctor listed"
tap_expect_match '"disabled" : true' "disabled flag listed"
tap_expect_status 2 "user add without --role is a usage error" "$cli" user add x $store
tap_expect_status 1 "the password never appears in the database" \
  grep -rqa 'passphrase' "$dir"

tap_expect_status 0 "cache stats" "$cli" cache stats $store
tap_expect_match '^Cached residents: 0$' "no residents cached"
tap_expect_status 0 "cache purge" "$cli" cache purge --retention-days 30 $store
tap_expect_match 'more than 30 days' "retention used"
tap_expect_status 0 "outbox list" "$cli" outbox list $store
tap_expect_match 'outbox is empty' "empty outbox"

tap_expect_status 0 "audit verify on an intact log" "$cli" audit verify $store
tap_expect_match 'intact: 5 entries' "five entries verified (the failed disable is not a change)"
today=$(date -u +%Y-%m-%d)
tap_expect_status 0 "audit export --from --to" "$cli" audit export --from "$today" --to "$today" $store
tap_expect_match '^\{"seq":1,' "JSON lines"
tap_expect_match '"action":"cache-purge"' "purge audited"
tap_expect_status 2 "audit export with a bad date" "$cli" audit export --from 2026/11/01 $store
tap_expect_status 0 "audit export of a range with nothing in it" "$cli" audit export --from 2001-01-01 --to 2001-01-31 $store
tap_expect_match 'Exported 0 audit entries' "empty range"

# Tampering with the sqlite3 CLI, as someone with the file would.
sqlite3 "$db" "DROP TRIGGER audit_no_update; UPDATE audit SET operator = 'someone-else' WHERE seq = 2"
tap_expect_status 54 "audit verify after an edit (exit 54)" "$cli" audit verify $store
tap_expect_match 'entry 2 was changed' "the edited entry is named"
tap_expect_status 54 "audit verify --json after an edit" "$cli" audit verify --json $store
tap_expect_match '"badSeq" : 2' "JSON names the entry"
tap_expect_match '"problem" : "edited"' "JSON names the problem"
sqlite3 "$db" "UPDATE audit SET operator = 'admin-1' WHERE seq = 2" 2>/dev/null || true
sqlite3 "$db" "UPDATE audit SET operator = 'system:$(id -un)' WHERE seq = 2"
tap_expect_status 0 "undoing the edit restores the chain" "$cli" audit verify $store
sqlite3 "$db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 4"
tap_expect_status 54 "audit verify after a deletion" "$cli" audit verify $store
tap_expect_match 'entry 4 is missing' "the deleted entry is named"

# Key file permissions.
chmod 644 "$key"
tap_expect_status 45 "a key file readable by others is refused (exit 45)" "$cli" cache stats $store
tap_expect_match 'chmod 600' "the message says how to fix it"
chmod 600 "$key"

# A corrupt database: refused with the recovery message, the original kept.
printf 'this is no longer an SQLite header, it was overwritten by garbage' |
  dd of="$db" bs=1 seek=0 conv=notrunc 2>/dev/null
sum=$(sha256sum "$db" | cut -d' ' -f1)
tap_expect_status 40 "a corrupt database is refused (exit 40)" "$cli" cache stats $store
tap_expect_match 'store recover' "the message names the recovery command"
tap_expect_status 0 "the damaged file is untouched" sh -c "[ \"\$(sha256sum $db | cut -d' ' -f1)\" = $sum ]"
tap_expect_status 0 "store recover" "$cli" store recover $store
tap_expect_match 'moved to .*cache\.db\.corrupt-[0-9]{8}T[0-9]{6}Z' "where it went is printed"
moved=$(ls "$dir"/cache.db.corrupt-* | grep -v -- '-wal$' | grep -v -- '-shm$' | head -n1)
tap_expect_status 0 "the moved file is the original, byte for byte" \
  sh -c "[ \"\$(sha256sum $moved | cut -d' ' -f1)\" = $sum ]"
tap_expect_status 0 "the new store works" "$cli" audit verify $store
tap_expect_status 0 "store check" "$cli" store check $store

# A page damaged inside the file (not the header) is caught by the check on open.
sqlite3 "$db" "CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT randomblob(200) FROM n; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
root=$(sqlite3 "$db" "SELECT rootpage FROM sqlite_master WHERE name = 'filler'")
page_size=$(sqlite3 "$db" "PRAGMA page_size")
# Zero the b-tree page header of the filler table's root page.
dd if=/dev/zero of="$db" bs=1 seek=$(( (root - 1) * page_size )) count=12 conv=notrunc 2>/dev/null
tap_expect_status 40 "a damaged page is refused (exit 40)" "$cli" cache stats $store

tap_expect_status 120 "no site configuration and no --database (the site configuration's not-found status)" "$cli" cache stats
printf '[site]\ninstitution-code=1312345678\nterminal-id=desk-1\nidentity-modes=pin\n' > "$dir/site.conf"
tap_expect_status 39 "a site configuration without [cache] (exit 39)" env MADOGUCHI_SITE_CONFIG="$dir/site.conf" "$cli" cache stats
tap_expect_match 'names no \[cache\]' "the message says what is missing"
printf '[site]\ninstitution-code=1312345678\nterminal-id=desk-1\nidentity-modes=pin\n[cache]\ndatabase=%s\nkey-file=%s\nretention-days=30\n' "$dir/site.db" "$dir/site.key" >> "$dir/site.conf.2"
tap_expect_status 0 "the site configuration's [cache] is used" env MADOGUCHI_SITE_CONFIG="$dir/site.conf.2" "$cli" cache stats
tap_expect_match 'Retention: 30 days' "its retention is used"
tap_expect_status 0 "the database was made where it says" test -f "$dir/site.db"
tap_expect_status 2 "unknown subcommand" "$cli" cache frobnicate $store

# --- Commands touch only Madoguchi stores, and read-only ones change nothing -----------------
ro=$dir/ro
mkdir "$ro"
rodb=$ro/cache.db rokey=$ro/cache.key
tap_expect_status 0 "a store for the read-only checks" "$cli" cache stats --database "$rodb" --key-file "$rokey"
# A WAL file left by another connection (persistent WAL), and a mode wider than 0600.
sqlite3 "$rodb" ".filectrl persist_wal 1" "SELECT count(*) FROM audit" >/dev/null
chmod 644 "$rodb"
before=$(sha256sum "$rodb" | cut -d' ' -f1)
tap_expect_status 0 "the sidecars are there before" test -e "$rodb-wal" -a -e "$rodb-shm"
tap_expect_status 0 "outbox list" "$cli" outbox list --database "$rodb" --key-file "$rokey"
tap_expect_status 0 "outbox list left the mode as it was (no chmod)" sh -c "[ \"\$(stat -c %a $rodb)\" = 644 ]"
tap_expect_status 0 "outbox list left the -wal and -shm files" test -e "$rodb-wal" -a -e "$rodb-shm"
tap_expect_status 0 "outbox list left the file byte for byte" \
  sh -c "[ \"\$(sha256sum $rodb | cut -d' ' -f1)\" = $before ]"
tap_expect_status 0 "store check on a sound store" "$cli" store check --database "$rodb" --key-file "$rokey"
tap_expect_match 'only read: nothing was changed' "store check says it changed nothing"
tap_expect_status 0 "store check left the mode and the bytes" \
  sh -c "[ \"\$(stat -c %a $rodb)\" = 644 ] && [ \"\$(sha256sum $rodb | cut -d' ' -f1)\" = $before ]"
tap_expect_status 59 "store recover refuses a sound store (exit 59)" \
  "$cli" store recover --database "$rodb" --key-file "$rokey"
tap_expect_match 'passes the integrity check, so it was not moved' "the refusal says why"
tap_expect_status 0 "nothing was moved aside" sh -c "! ls $ro | grep -q corrupt"
tap_expect_status 0 "the sound store is still there, unchanged" \
  sh -c "[ \"\$(sha256sum $rodb | cut -d' ' -f1)\" = $before ]"

# Another program's database, named by mistake with this site's key.
other=$ro/other.db
sqlite3 "$other" "CREATE TABLE notes (text); INSERT INTO notes VALUES ('keep me')"
chmod 644 "$other"
other_sum=$(sha256sum "$other" | cut -d' ' -f1)
tap_expect_status 58 "a writing command refuses another program's database (exit 58)" \
  "$cli" cache stats --database "$other" --key-file "$rokey"
tap_expect_match 'is not a Madoguchi offline store' "the message says what the file is not"
tap_expect_status 58 "outbox list refuses it too" "$cli" outbox list --database "$other" --key-file "$rokey"
tap_expect_status 58 "store recover refuses it too" "$cli" store recover --database "$other" --key-file "$rokey"
tap_expect_status 0 "the other database: same bytes, same mode, no sidecars, not moved" \
  sh -c "[ \"\$(sha256sum $other | cut -d' ' -f1)\" = $other_sum ] && [ \"\$(stat -c %a $other)\" = 644 ] && [ ! -e $other-wal ] && ! ls $ro | grep -q 'other.db.corrupt'"
tap_expect_status 0 "its table is the only one" \
  sh -c "[ \"\$(sqlite3 $other 'SELECT group_concat(name) FROM sqlite_master')\" = notes ]"
tap_expect_status 49 "outbox list where there is no store yet creates none (exit 49)" \
  "$cli" outbox list --database "$ro/none.db" --key-file "$ro/none.key"
tap_expect_status 0 "no file was made" sh -c "[ ! -e $ro/none.db ] && [ ! -e $ro/none.key ]"

# --- Enabling an account again, changing a role, and the administrator kept ------------------
staff="--database $dir/staff.db --key-file $dir/staff.key"
printf 'a long enough passphrase\n' > "$dir/password"
"$cli" user add adm-1 --role administrator --password-fd 3 $staff 3<"$dir/password" >/dev/null
"$cli" user add rec-1 --role reception --password-fd 3 $staff 3<"$dir/password" >/dev/null
"$cli" user disable rec-1 $staff >/dev/null
tap_expect_status 0 "user enable" "$cli" user enable rec-1 $staff
tap_expect_match 'Enabled the account rec-1' "the account is named"
tap_expect_status 0 "user role" "$cli" user role rec-1 --role nurse $staff
tap_expect_status 0 "the account is enabled, with its new role" \
  sh -c "\"$cli\" user list --json $staff | tr -d ' \n' | grep -q '\"id\":\"rec-1\",\"role\":\"nurse\",\"name\":\"\",\"disabled\":false'"
tap_expect_status 183 "the last administrator cannot be demoted (exit 183)" \
  "$cli" user role adm-1 --role doctor $staff
tap_expect_match 'only enabled administrator' "the message says why"
tap_expect_status 183 "nor disabled (exit 183)" "$cli" user disable adm-1 $staff
tap_expect_status 2 "user role without --role is a usage error" "$cli" user role rec-1 $staff
tap_expect_status 2 "user role with an unknown role is a usage error" \
  "$cli" user role rec-1 --role superuser $staff
tap_expect_status 49 "user enable of an unknown ID (exit 49)" "$cli" user enable nobody $staff
tap_expect_status 0 "changes and refusals are audited with the operator" \
  sh -c "\"$cli\" audit export $staff | grep -c '\"operator\":\"system:[^\"]*\",\"action\":\"account-change\"' | grep -qx 7"
tap_expect_status 0 "the refusal names the rule" \
  sh -c "\"$cli\" audit export $staff | grep -q '\"outcome\":\"failure\",\"detail\":\"disable adm-1: last-administrator\"'"

tap_done
