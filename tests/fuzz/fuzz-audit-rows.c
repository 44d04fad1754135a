/* fuzz-audit-rows.c — audit rows someone wrote into the store by hand
 *
 * Whoever has the database file can put anything into the audit table and
 * its keyed head. The input is one row's fields and the head's value,
 * separated by 0x1F (seq, time, operator, action, resident key, outcome,
 * detail, previous hash, hash, head; a missing field is NULL). It replaces
 * or adds a row of a real store holding three entries, inside a savepoint
 * that is rolled back afterwards. Verification then names a problem or
 * finds the chain intact, never both; the export writes one valid JSON
 * line per entry whatever the bytes.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "madoguchi-core.h"
#include "store/mado-store-private.h"
#include "fuzz-target.h"

#define FIELDS 10

static MadoStore *store;
static char *store_dir;

static void
remove_store (void)
{
  const char *names[] = { "audit.db", "audit.db-wal", "audit.db-shm", "audit.key" };

  g_clear_object (&store);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (store_dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (store_dir);
}

static void
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *key = NULL;

  store_dir = g_dir_make_tmp ("fuzz-audit-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (store_dir, "audit.db", NULL);
  key = g_build_filename (store_dir, "audit.key", NULL);
  store = mado_store_open (db, key, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    g_assert (mado_store_audit_append (store, "system:fuzz", MADO_AUDIT_VIEW, "resident-1",
                                       MADO_AUDIT_SUCCESS, NULL, &error) > 0);
  /* The triggers stop only Madoguchi's own mistakes, not a person with the file. */
  g_assert (sqlite3_exec (mado_store_get_db (store),
                          "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete",
                          NULL, NULL, NULL) == SQLITE_OK);
  atexit (remove_store);
}

/* Binds the fields and writes them; FALSE when SQLite refuses the row. */
static gboolean
tamper (sqlite3 *db,
        char   **fields,
        guint    n)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO audit VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                      -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, n > 0 ? g_ascii_strtoll (fields[0], NULL, 10) : 1);
  for (guint i = 1; i < 9 && i < n; i++)
    sqlite3_bind_text (stmt, (int) i + 1, fields[i], -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok || n < FIELDS)
    return ok;
  sqlite3_prepare_v2 (db, "UPDATE meta SET value = ?1 WHERE name = 'audit-head'", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, fields[9], -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

static void
check_verify (void)
{
  MadoAuditVerdict verdict = { 0 };
  g_autoptr(GError) error = NULL;

  if (mado_store_audit_verify (store, &verdict, &error))
    {
      g_assert (error == NULL && verdict.problem == MADO_AUDIT_PROBLEM_NONE && verdict.bad_seq == 0);
      return;
    }
  g_assert (error != NULL && error->domain == MADO_STORE_ERROR);
  if (error->code == MADO_STORE_ERROR_AUDIT_BROKEN)
    g_assert (verdict.problem != MADO_AUDIT_PROBLEM_NONE && verdict.bad_seq >= 1);
}

static void
check_export (void)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 exported = -1;
  guint n;

  g_assert (mado_store_audit_export (store, NULL, NULL, out, &exported, &error));
  g_assert (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  lines = g_strsplit (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), "\n", -1);
  n = g_strv_length (lines);
  g_assert ((gint64) n == exported + 1 && lines[n - 1][0] == '\0');
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      g_assert (g_utf8_validate (lines[i], -1, NULL));
      g_assert (json_parser_load_from_data (parser, lines[i], -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) fields = g_strsplit (text, "\x1f", FIELDS);
  sqlite3 *db;

  if (store == NULL)
    open_store ();
  db = mado_store_get_db (store);
  g_assert (sqlite3_exec (db, "SAVEPOINT fuzz", NULL, NULL, NULL) == SQLITE_OK);
  if (tamper (db, fields, g_strv_length (fields)))
    {
      check_verify ();
      check_export ();
    }
  g_assert (sqlite3_exec (db, "ROLLBACK TO fuzz; RELEASE fuzz", NULL, NULL, NULL) == SQLITE_OK);
  return 0;
}
