/* test-store-audit.c — the audit log: its chain, its format, export, every kind of tampering (mado-store-audit.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-store-private.h"
#include "mado-test-store.h"

static MadoStore *
store_with_audit (MadoTestStore *f,
                  int      entries)
{
  MadoStore *store = mado_test_store_open (f);

  for (int i = 1; i <= entries; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *resident = g_strdup_printf ("%064x", i);

      f->now = MADO_TEST_T0 + i * G_USEC_PER_SEC;
      g_assert_cmpint (mado_store_audit_append (store, "reception-1", MADO_AUDIT_VIEW, resident,
                                                MADO_AUDIT_SUCCESS, NULL, &error), ==, i);
      g_assert_no_error (error);
    }
  return store;
}

static void
test_audit_chain_intact (MadoTestStore *f,
                         gconstpointer  data)
{
  g_autoptr(MadoStore) store = store_with_audit (f, 5);
  g_autoptr(GError) error = NULL;
  MadoAuditVerdict verdict;

  g_assert_true (mado_store_audit_verify (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verdict.entries, ==, 5);
  g_assert_cmpint (verdict.problem, ==, MADO_AUDIT_PROBLEM_NONE);
  g_clear_object (&store);
  /* the append-only triggers stop a plain UPDATE */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET operator = 'x'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
    sqlite3_close (db);
  }
}

/* The documented canonical form, computed here independently. */
static char *
documented_hash (const char *seq, const char *time, const char *op, const char *action,
                 const char *resident, const char *outcome, const char *detail,
                 const char *prev)
{
  g_autoptr(GString) s = g_string_new ("madoguchi-audit-v1");
  const char *fields[] = { seq, time, op, action, resident, outcome, detail, prev };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] == NULL)
      g_string_append_c (s, 'N');
    else
      g_string_append_printf (s, "S%zu:%s", strlen (fields[i]), fields[i]);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, s->str, s->len);
}

static void
test_audit_format (MadoTestStore *f,
                   gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *expected1 = NULL;
  g_autofree char *expected2 = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 count = 0;

  f->now = MADO_TEST_T0 + 1234567;
  mado_store_audit_append (store, "doc-1", MADO_AUDIT_SIGN_IN, NULL, MADO_AUDIT_FAILURE, "wrong-password", &error);
  mado_store_audit_append (store, "doc-1", MADO_AUDIT_CARD_READ, "abc", MADO_AUDIT_SUCCESS, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mado_store_audit_export (store, NULL, NULL, out, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 2);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  text = g_strdup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  expected1 = documented_hash ("1", "2026-11-21T00:00:01.234567Z", "doc-1", "sign-in", NULL,
                               "failure", "wrong-password",
                               "0000000000000000000000000000000000000000000000000000000000000000");
  expected2 = documented_hash ("2", "2026-11-21T00:00:01.234567Z", "doc-1", "card-read", "abc",
                               "success", "", expected1);
  g_assert_nonnull (strstr (lines[0], "\"seq\":1"));
  g_assert_nonnull (strstr (lines[0], "\"time\":\"2026-11-21T00:00:01.234567Z\""));
  g_assert_nonnull (strstr (lines[0], "\"resident\":null"));
  g_assert_nonnull (strstr (lines[0], expected1));
  g_assert_nonnull (strstr (lines[1], expected2));
}

static void
test_audit_export_range (MadoTestStore *f,
                         gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GDateTime) from = g_date_time_new_utc (2026, 11, 22, 0, 0, 0);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2026, 11, 23, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  gint64 count = 0;

  for (int day = 0; day < 4; day++)
    {
      f->now = MADO_TEST_T0 + day * MADO_TEST_DAY_US + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
      mado_store_audit_append (store, "admin", MADO_AUDIT_EXPORT, NULL, MADO_AUDIT_SUCCESS, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (mado_store_audit_export (store, from, until, out, &count, &error));
  g_assert_cmpint (count, ==, 1);
}

typedef struct {
  const char       *what;
  const char       *sql;
  gint64            bad_seq;
  MadoAuditProblem  problem;
} Tampering;

static void
test_audit_tampering (MadoTestStore *f,
                      gconstpointer  data)
{
  const Tampering cases[] = {
    { "edit an operator", "UPDATE audit SET operator = 'someone-else' WHERE seq = 3",
      3, MADO_AUDIT_PROBLEM_EDITED },
    { "edit an outcome", "UPDATE audit SET outcome = 'failure' WHERE seq = 5",
      5, MADO_AUDIT_PROBLEM_EDITED },
    { "delete an entry", "DELETE FROM audit WHERE seq = 3", 3, MADO_AUDIT_PROBLEM_MISSING },
    { "delete the first entry", "DELETE FROM audit WHERE seq = 1", 1, MADO_AUDIT_PROBLEM_MISSING },
    { "delete the last entries", "DELETE FROM audit WHERE seq >= 5", 5, MADO_AUDIT_PROBLEM_TRUNCATED },
    { "delete and renumber",
      "DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq + 100 WHERE seq > 3;"
      " UPDATE audit SET seq = seq - 101 WHERE seq > 100", 3, MADO_AUDIT_PROBLEM_EDITED },
    { "insert an entry in the middle",
      "UPDATE audit SET seq = seq + 100 WHERE seq >= 4; UPDATE audit SET seq = seq - 99 WHERE seq > 100;"
      " INSERT INTO audit SELECT 4, time, 'intruder', action, resident_key, outcome, detail,"
      " hash, hash FROM audit WHERE seq = 3", 4, MADO_AUDIT_PROBLEM_EDITED },
    { "swap two entries",
      "CREATE TEMP TABLE t AS SELECT * FROM audit WHERE seq IN (2, 3);"
      " UPDATE audit SET (time, operator, action, resident_key, outcome, detail, prev_hash, hash) ="
      " (SELECT time, operator, action, resident_key, outcome, detail, prev_hash, hash FROM t"
      "  WHERE t.seq = 5 - audit.seq) WHERE seq IN (2, 3)", 2, MADO_AUDIT_PROBLEM_EDITED },
    { "swap the sequence numbers",
      "UPDATE audit SET seq = 100 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3;"
      " UPDATE audit SET seq = 3 WHERE seq = 100", 2, MADO_AUDIT_PROBLEM_EDITED },
    { "relink an edited entry",
      "UPDATE audit SET prev_hash = '00' WHERE seq = 4", 4, MADO_AUDIT_PROBLEM_EDITED },
    { "forge the head", "UPDATE meta SET value = '7:' || substr(value, 3) WHERE name = 'audit-head'",
      6, MADO_AUDIT_PROBLEM_HEAD_FORGED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoStore) store = store_with_audit (f, 6);
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *seq_text = NULL;
      MadoAuditVerdict verdict;

      g_test_message ("%s", cases[i].what);
      g_clear_object (&store);
      /* an intruder with the file drops the triggers first */
      sql = g_strdup_printf ("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; %s",
                             cases[i].sql);
      mado_test_store_exec (f, sql);
      store = mado_test_store_open (f);
      g_assert_false (mado_store_audit_verify (store, &verdict, &error));
      g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN);
      g_assert_cmpint (verdict.bad_seq, ==, cases[i].bad_seq);
      g_assert_cmpint (verdict.problem, ==, cases[i].problem);
      seq_text = g_strdup_printf (" %" G_GINT64_FORMAT, cases[i].bad_seq);
      g_assert_nonnull (strstr (error->message, seq_text));
      g_clear_object (&store);
      g_unlink (f->db);
      {
        g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
        g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

        g_unlink (wal);
        g_unlink (shm);
      }
      g_unlink (f->key);
    }
}

static void
test_audit_wiped (MadoTestStore *f,
                  gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  MadoAuditVerdict verdict;

  /* a new store: an empty log with a signed head */
  g_assert_true (mado_store_audit_verify (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verdict.entries, ==, 0);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM meta WHERE name = 'audit-head'"
                                             " AND value LIKE '0:0000%'"), ==, 1);
  g_clear_object (&store);

  store = store_with_audit (f, 3);
  g_clear_object (&store);
  mado_test_store_exec (f, "DROP TRIGGER audit_no_delete; DELETE FROM audit;"
                           " DELETE FROM meta WHERE name = 'audit-head'");
  store = mado_test_store_open (f);
  g_assert_false (mado_store_audit_verify (store, &verdict, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_assert_cmpint (verdict.problem, ==, MADO_AUDIT_PROBLEM_HEAD_MISSING);
  g_assert_cmpstr (mado_audit_problem_to_string (verdict.problem), ==, "head-missing");
  g_assert_cmpint (verdict.entries, ==, 0);
  g_clear_error (&error);

  /* reopening does not bless the wiped log with a new head */
  g_clear_object (&store);
  store = mado_test_store_open (f);
  g_assert_false (mado_store_audit_verify (store, &verdict, &error));
  g_assert_cmpint (verdict.problem, ==, MADO_AUDIT_PROBLEM_HEAD_MISSING);
}

static void
test_audit_head_migration (MadoTestStore *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = mado_store_open_at_version (f->db, f->key, 2, &error);
  g_autofree char *used_db = g_build_filename (f->dir, "used.db", NULL);
  g_autofree char *used_key = g_build_filename (f->dir, "used.key", NULL);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *other_key = g_build_filename (f->dir, "other.key", NULL);
  g_autoptr(MadoStore) other = NULL;
  MadoAuditVerdict verdict;

  /* an empty schema-2 store had no head; migration 3 signs one */
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM meta WHERE name = 'audit-head'"), ==, 0);

  /* …but not with a key that is not the store's */
  other = mado_store_open (other_db, other_key, &error);
  g_assert_no_error (error);
  g_clear_object (&other);
  store = mado_store_open (f->db, other_key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  g_assert_cmpint (mado_test_store_count (f, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM meta WHERE name = 'audit-head'"), ==, 0);

  store = mado_test_store_open (f);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM meta WHERE name = 'audit-head'"), ==, 1);
  g_assert_true (mado_store_audit_verify (store, &verdict, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* a used schema-2 store keeps its head and its entries, and verifies */
  store = mado_store_open_at_version (used_db, used_key, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mado_store_audit_append (store, "admin", MADO_AUDIT_VIEW, NULL,
                                            MADO_AUDIT_SUCCESS, NULL, &error), ==, 1);
  g_clear_object (&store);
  store = mado_store_open (used_db, used_key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mado_store_get_schema_version (store), ==, MADO_STORE_SCHEMA_VERSION);
  g_assert_true (mado_store_audit_verify (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verdict.entries, ==, 1);
}

static void
test_audit_appended_with_valid_hash (MadoTestStore *f,
                                     gconstpointer  data)
{
  g_autoptr(MadoStore) store = store_with_audit (f, 3);
  g_autoptr(GError) error = NULL;
  MadoAuditVerdict verdict;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT hash FROM audit WHERE seq = 3", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  prev = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  /* a perfectly chained entry, but not written by Madoguchi */
  hash = documented_hash ("4", "2026-11-21T00:00:04.000000Z", "intruder", "view", NULL,
                          "success", "", prev);
  sql = g_strdup_printf ("INSERT INTO audit VALUES (4, '2026-11-21T00:00:04.000000Z', 'intruder',"
                         " 'view', NULL, 'success', '', '%s', '%s')", prev, hash);
  mado_test_store_exec (f, sql);
  store = mado_test_store_open (f);
  g_assert_false (mado_store_audit_verify (store, &verdict, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN);
  g_assert_cmpint (verdict.problem, ==, MADO_AUDIT_PROBLEM_APPENDED);
  g_assert_cmpint (verdict.bad_seq, ==, 4);
  g_assert_cmpint (verdict.entries, ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  MADO_TEST_STORE_ADD ("audit/intact", test_audit_chain_intact);
  MADO_TEST_STORE_ADD ("audit/format", test_audit_format);
  MADO_TEST_STORE_ADD ("audit/export-range", test_audit_export_range);
  MADO_TEST_STORE_ADD ("audit/tampering", test_audit_tampering);
  MADO_TEST_STORE_ADD ("audit/appended", test_audit_appended_with_valid_hash);
  MADO_TEST_STORE_ADD ("audit/wiped", test_audit_wiped);
  MADO_TEST_STORE_ADD ("audit/head-migration", test_audit_head_migration);

  return g_test_run ();
}
