/* mado-store-schema.c — the store's schema: the SQL of each migration, in order
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-store-private.h"

/* Each migration runs in its own transaction together with the
 * user_version update, so a crash leaves the file at one version or the
 * next, never between. Never edit a released migration: add one. */
static const char *const migrations[] = {
  /* 1: the tables */
  "CREATE TABLE meta ("
  "  name  TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE cache ("
  "  resident_key TEXT PRIMARY KEY,"     /* HMAC-SHA-256(issuer, serial), hex */
  "  confirmation TEXT NOT NULL,"        /* 'hub' or 'local-proof' */
  "  fetched_at   INTEGER NOT NULL,"     /* µs since epoch: when the hub sent it */
  "  confirmed_at INTEGER NOT NULL,"     /* µs since epoch: last confirmation */
  "  sealed       BLOB NOT NULL"         /* nonce ‖ AES-256-GCM(record) ‖ tag */
  ") STRICT;"
  "CREATE TABLE outbox ("
  "  id              INTEGER PRIMARY KEY,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  kind            TEXT NOT NULL,"
  "  created_at      INTEGER NOT NULL,"
  "  state           TEXT NOT NULL DEFAULT 'pending',"   /* pending, delivered, rejected */
  "  attempts        INTEGER NOT NULL DEFAULT 0,"
  "  last_error      TEXT,"
  "  next_attempt_at INTEGER NOT NULL,"
  "  delivered_at    INTEGER,"
  "  sealed          BLOB NOT NULL"
  ") STRICT;"
  "CREATE TABLE audit ("
  "  seq          INTEGER PRIMARY KEY,"
  "  time         TEXT NOT NULL,"
  "  operator     TEXT NOT NULL,"
  "  action       TEXT NOT NULL,"
  "  resident_key TEXT,"
  "  outcome      TEXT NOT NULL,"
  "  detail       TEXT NOT NULL,"
  "  prev_hash    TEXT NOT NULL,"
  "  hash         TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE staff ("
  "  staff_id            TEXT PRIMARY KEY,"
  "  role                TEXT NOT NULL,"
  "  password_hash       TEXT NOT NULL,"
  "  disabled            INTEGER NOT NULL DEFAULT 0,"
  "  created_at          INTEGER NOT NULL,"
  "  password_changed_at INTEGER NOT NULL"
  ") STRICT;",

  /* 2: indexes for purge and delivery; the audit table append-only. The
   * triggers stop mistakes in code, not an attacker with the file: the hash
   * chain and the keyed head are what detect tampering. */
  "CREATE INDEX cache_by_fetched ON cache (fetched_at);"
  "CREATE INDEX outbox_by_due ON outbox (state, next_attempt_at);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;",

  /* 3: a keyed audit head for the empty log ("0 entries"), written by
   * mado_store_audit_write_genesis() (mado-store.c runs it after this
   * script), so that from now on a missing head means the log was wiped.
   * No table changes. */
  "",

  /* 4: the venue's records (judgements, vaccinations, corrections), each
   * written in the same transaction as its outbox entry, and kept after
   * delivery for today's list and the day's report; the name a staff
   * account's records carry. Vaccine, lot and dose are plain columns for
   * the report (they name no one); who the record is about is sealed, and
   * the resident is found by a keyed hash of the hub's reference. */
  "CREATE TABLE records ("
  "  record_id     TEXT PRIMARY KEY,"
  "  kind          TEXT NOT NULL,"      /* judgement, vaccination, correction */
  "  outcome       TEXT NOT NULL,"      /* vaccinated, examination-only, entered-in-error */
  "  resident_tag  TEXT NOT NULL,"      /* HMAC of the residentRef, hex */
  "  day           TEXT NOT NULL,"      /* local date, YYYY-MM-DD */
  "  recorded_at   INTEGER NOT NULL,"   /* µs since epoch, UTC */
  "  vaccine_code  TEXT,"
  "  vaccine_name  TEXT,"
  "  lot_number    TEXT,"
  "  dose_number   INTEGER,"
  "  staff_id      TEXT NOT NULL,"
  "  corrects      TEXT UNIQUE REFERENCES records (record_id),"
  "  outbox_key    TEXT NOT NULL UNIQUE,"
  "  sealed        BLOB NOT NULL"       /* nonce ‖ AES-256-GCM(local JSON) ‖ tag */
  ") STRICT;"
  "CREATE INDEX records_by_day ON records (day, recorded_at);"
  "CREATE INDEX records_by_resident ON records (resident_tag);"
  "ALTER TABLE staff ADD COLUMN display_name TEXT NOT NULL DEFAULT '';",

  /* 5: the pending records in delivery order, and only those: a round
   * reads the first due ones and stops, however many were delivered
   * before (mado_store_outbox_due_sql()). */
  ("CREATE INDEX outbox_pending_in_order ON outbox (state, id, next_attempt_at)"
   "  WHERE state = 'pending';"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MADO_STORE_SCHEMA_VERSION);

/**
 * mado_store_schema_migration:
 * @version: the schema version to migrate to, 1 to %MADO_STORE_SCHEMA_VERSION
 *
 * Returns: (transfer none): the SQL that takes the file from @version - 1
 *   to @version (empty where the migration is code only)
 */
const char *
mado_store_schema_migration (int version)
{
  g_assert (version >= 1 && version <= MADO_STORE_SCHEMA_VERSION);
  return migrations[version - 1];
}
