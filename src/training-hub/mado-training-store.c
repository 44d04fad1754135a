/* mado-training-store.c — the training hub's SQLite store: accepted records and idempotency keys
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "mado-training-store.h"

struct _MadoTrainingStore
{
  GObject parent_instance;

  sqlite3 *db;
  /* Prepared once: every verification reads the resident's history, and
   * every record submitted looks up its key, then is inserted. */
  sqlite3_stmt *bodies;
  sqlite3_stmt *find;
  sqlite3_stmt *insert;
  gint64 commits;
};

G_DEFINE_FINAL_TYPE (MadoTrainingStore, mado_training_store, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* One row per accepted record; the idempotency key is unique per terminal
 * and kind, so that a second insert with the same key cannot happen even
 * if the check before it were wrong. That index leads with the key: keys
 * are random, so a lookup is decided on the first column at each step of
 * the descent, instead of comparing the terminal's fingerprint and the
 * kind, the same for every record of a terminal, at each step first.
 * record_id's index stays at its end: IDs are made in time order
 * (record_uuid()). */
static const char schema[] =
  "CREATE TABLE IF NOT EXISTS records ("
  "  record_id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  terminal TEXT NOT NULL,"
  "  idempotency_key TEXT NOT NULL,"
  "  body_sha256 TEXT NOT NULL,"
  "  resident_ref TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  received_at TEXT NOT NULL,"
  "  UNIQUE (idempotency_key, terminal, kind));"
  /* A resident's records in the order they came: what a verification's
   * bundle and a correction's check read (bodies_sql), without reading
   * every record the hub holds. */
  "CREATE INDEX IF NOT EXISTS records_by_resident"
  "  ON records (kind, resident_ref, received_at);";

/* Without a file, the records live in SQLite's memdb VFS rather than in a
 * ":memory:" database. A ":memory:" database keeps every page in its page
 * cache, and each commit walks that cache's whole hash table: a batch cost
 * in proportion to every record the hub held. Over memdb the page cache is
 * an ordinary one, bounded by cache_size; pages beyond it are copied back
 * from the memdb buffer when needed. Its rollback journal is in memory, so
 * a batch that is not committed is still rolled back. A name without a
 * leading '/' is private to this connection. */
static const char in_memory_uri[] = "file:madoguchi-training-records?vfs=memdb";

static const char find_sql[] =
  "SELECT body_sha256, record_id, received_at FROM records"
  " WHERE terminal = ?1 AND kind = ?2 AND idempotency_key = ?3";

static const char bodies_sql[] =
  "SELECT body FROM records WHERE kind = ?1 AND resident_ref = ?2"
  " ORDER BY received_at, rowid";

static void
mado_training_store_finalize (GObject *object)
{
  MadoTrainingStore *self = MADO_TRAINING_STORE (object);

  g_clear_pointer (&self->bodies, sqlite3_finalize);
  g_clear_pointer (&self->find, sqlite3_finalize);
  g_clear_pointer (&self->insert, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  G_OBJECT_CLASS (mado_training_store_parent_class)->finalize (object);
}

static void
mado_training_store_class_init (MadoTrainingStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_training_store_finalize;
}

static void
mado_training_store_init (MadoTrainingStore *self)
{
}

static int
count_commit (void *data)
{
  MadoTrainingStore *self = data;

  self->commits++;
  return 0;                 /* 0: let the commit go ahead */
}

/**
 * mado_training_store_new:
 * @path: (nullable): a database file, or %NULL for an in-memory database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the store
 */
MadoTrainingStore *
mado_training_store_new (const char  *path,
                         GError     **error)
{
  g_autoptr(MadoTrainingStore) self = g_object_new (MADO_TYPE_TRAINING_STORE, NULL);
  char *message = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (path ? 0 : SQLITE_OPEN_URI);

  if (sqlite3_open_v2 (path ? path : in_memory_uri, &self->db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot open the database %s: %s", path ? path : "in memory",
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  if (sqlite3_exec (self->db, path ? "PRAGMA journal_mode=WAL" : "PRAGMA journal_mode=MEMORY",
                    NULL, NULL, &message) != SQLITE_OK
      || sqlite3_exec (self->db, schema, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot prepare the database: %s", message);
      sqlite3_free (message);
      return NULL;
    }
  sqlite3_commit_hook (self->db, count_commit, self);
  return g_steal_pointer (&self);
}

static void
set_sql_error (MadoTrainingStore  *self,
               GError            **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: %s",
               sqlite3_errmsg (self->db));
}

/* @*stmt, prepared on first use and kept: a statement is compiled once,
 * not once per record. */
static sqlite3_stmt *
prepared (MadoTrainingStore  *self,
          sqlite3_stmt      **stmt,
          const char         *sql)
{
  if (*stmt == NULL && sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL) != SQLITE_OK)
    return NULL;
  return *stmt;
}

/* Ready for the next use, and no longer pointing at the caller's strings. */
static void
done_with (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Looks up an earlier submission with this key. */
static gboolean
find_previous (MadoTrainingStore  *self,
               const char         *kind,
               const char         *terminal,
               const char         *key,
               char              **out_sha,
               char              **out_record_id,
               char              **out_received_at)
{
  sqlite3_stmt *stmt = prepared (self, &self->find, find_sql);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, terminal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *out_sha = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *out_record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      *out_received_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  done_with (stmt);
  return found;
}

/* A UUID in time order (version 7, RFC 9562): the milliseconds since the
 * epoch, then the microseconds within the millisecond, then random bits.
 * A random UUID would put each new record's entry at a random place in
 * the record_id index, whose pages then cost a page-cache miss and a
 * journal copy per record once the index outgrows the cache; in time
 * order, each batch's entries go to the index's last page. */
static char *
record_uuid (void)
{
  gint64 us = g_get_real_time ();
  guint64 ms = (guint64) us / 1000;
  guint sub_ms = (guint) ((guint64) us % 1000) * 4096 / 1000;

  return g_strdup_printf ("%08x-%04x-7%03x-%04x-%04x%08x", (guint) (ms >> 16),
                          (guint) (ms & 0xffff), sub_ms, 0x8000 | g_random_int_range (0, 0x4000),
                          (guint) g_random_int_range (0, 0x10000), g_random_int ());
}

/**
 * mado_training_store_submit:
 * @self: the store
 * @kind: "vaccination" or "questionnaire"
 * @terminal: the submitting terminal's certificate fingerprint (keys are per terminal)
 * @idempotency_key: the request's Idempotency-Key
 * @resident_ref: the record's residentRef
 * @body: the request body exactly as received
 * @out_record_id: (out) (transfer full): the record's ID (the first one on a repeat)
 * @out_received_at: (out) (transfer full): when it was first received
 * @error: return location for a #GError (only with %MADO_STORE_RESULT_FAILED)
 *
 * Stores a record once per idempotency key. "Same body" means the same
 * bytes: a client retrying sends what it sent before.
 *
 * Returns: what happened
 */
MadoStoreResult
mado_training_store_submit (MadoTrainingStore  *self,
                            const char         *kind,
                            const char         *terminal,
                            const char         *idempotency_key,
                            const char         *resident_ref,
                            GBytes             *body,
                            char              **out_record_id,
                            char              **out_received_at,
                            GError            **error)
{
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  g_autofree char *previous_sha = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *received_at = NULL;
  sqlite3_stmt *stmt;
  int stepped;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *uuid = NULL;
  gsize body_len = 0;
  const char *body_data = g_bytes_get_data (body, &body_len);

  if (find_previous (self, kind, terminal, idempotency_key,
                     &previous_sha, &record_id, &received_at))
    {
      *out_record_id = g_steal_pointer (&record_id);
      *out_received_at = g_steal_pointer (&received_at);
      return g_str_equal (previous_sha, sha) ? MADO_STORE_RESULT_REPEATED
                                             : MADO_STORE_RESULT_KEY_REUSED;
    }

  now = g_date_time_new_now_utc ();
  received_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  uuid = record_uuid ();
  record_id = g_strdup_printf ("%s-%s", kind[0] == 'v' ? "vac" : "qst", uuid);
  stmt = prepared (self, &self->insert,
                   "INSERT INTO records (record_id, kind, terminal, idempotency_key,"
                   " body_sha256, resident_ref, body, received_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (stmt == NULL)
    {
      set_sql_error (self, error);
      return MADO_STORE_RESULT_FAILED;
    }
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, terminal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, idempotency_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, sha, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, resident_ref, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, body_data, (int) body_len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, received_at, -1, SQLITE_STATIC);
  stepped = sqlite3_step (stmt);
  if (stepped != SQLITE_DONE)
    set_sql_error (self, error);
  done_with (stmt);
  if (stepped != SQLITE_DONE)
    return MADO_STORE_RESULT_FAILED;
  *out_record_id = g_steal_pointer (&record_id);
  *out_received_at = g_steal_pointer (&received_at);
  return MADO_STORE_RESULT_STORED;
}

/**
 * mado_training_store_count:
 * @self: the store
 * @kind: (nullable): "vaccination", "questionnaire", or %NULL for all
 *
 * Returns: the number of accepted records, or -1 on a database error
 */
gint64
mado_training_store_count (MadoTrainingStore *self,
                           const char        *kind)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT COUNT(*) FROM records WHERE ?1 IS NULL OR kind = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * mado_training_store_count_distinct:
 * @self: the store
 *
 * Returns: the number of different bodies among the accepted records, or
 *   -1 on a database error
 */
gint64
mado_training_store_count_distinct (MadoTrainingStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT COUNT(DISTINCT body_sha256) FROM records",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * mado_training_store_bodies:
 * @self: the store
 * @kind: "vaccination" or "questionnaire"
 * @resident_ref: whose
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the accepted
 *   bodies, oldest first, or %NULL on a database error
 */
GPtrArray *
mado_training_store_bodies (MadoTrainingStore *self,
                            const char        *kind,
                            const char        *resident_ref)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepared (self, &self->bodies, bodies_sql);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, resident_ref, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bodies, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  done_with (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&bodies) : NULL;
}

/**
 * mado_training_store_bodies_sql:
 *
 * Returns: (transfer none): the query mado_training_store_bodies() runs
 *   (?1: the kind, ?2: the residentRef); the tests read its plan
 */
const char *
mado_training_store_bodies_sql (void)
{
  return bodies_sql;
}

/**
 * mado_training_store_find_sql:
 *
 * Returns: (transfer none): the query that looks a submission's key up
 *   (?1: the terminal, ?2: the kind, ?3: the key); the tests read its plan
 */
const char *
mado_training_store_find_sql (void)
{
  return find_sql;
}

/**
 * mado_training_store_begin:
 * @self: the store
 * @error: return location for a #GError
 *
 * Starts a transaction: the records submitted until
 * mado_training_store_end() are stored together, with one commit. A commit
 * per record would cost, besides the commit itself, a walk of the whole
 * page cache (bounded by cache_size; see in_memory_uri).
 *
 * Returns: %FALSE on a database error
 */
gboolean
mado_training_store_begin (MadoTrainingStore  *self,
                           GError            **error)
{
  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  set_sql_error (self, error);
  return FALSE;
}

/**
 * mado_training_store_end:
 * @self: the store
 * @commit: %TRUE to commit, %FALSE to roll back
 * @error: return location for a #GError
 *
 * Ends the transaction mado_training_store_begin() started. When the
 * commit fails the transaction is rolled back: none of its records is
 * stored, whatever the submissions answered.
 *
 * Returns: %FALSE when @commit was asked and did not happen
 */
gboolean
mado_training_store_end (MadoTrainingStore  *self,
                         gboolean            commit,
                         GError            **error)
{
  if (commit && sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  if (commit)
    set_sql_error (self, error);
  /* Nothing to roll back when SQLite ended the transaction itself. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return !commit;
}

/**
 * mado_training_store_cache_bytes:
 * @self: the store
 *
 * Returns: the bytes SQLite's page cache holds for the store: bounded by
 *   its cache_size, whatever the store holds
 */
gint64
mado_training_store_cache_bytes (MadoTrainingStore *self)
{
  int current = 0, highwater = 0;

  if (sqlite3_db_status (self->db, SQLITE_DBSTATUS_CACHE_USED, &current, &highwater, FALSE) != SQLITE_OK)
    return -1;
  return current;
}

/**
 * mado_training_store_count_commits:
 * @self: the store
 *
 * Returns: how many write transactions the store committed since it was
 *   opened, a statement outside a transaction counting as one
 */
gint64
mado_training_store_count_commits (MadoTrainingStore *self)
{
  return self->commits;
}
