/* test-training-store.c — the training hub's record store: what a resident's records cost to read
 *
 * The store's file is read through a second SQLite connection, the way
 * any tool would: the query that reads a resident's records must walk an
 * index, not every record the hub holds, and must not sort them.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mado-training-store.h"
#include "mado-test-util.h"

/* EXPLAIN QUERY PLAN's detail lines for @sql on the file at @path. */
static char *
query_plan (const char *path,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_test_message ("plan:\n%s", plan->str);
  return g_string_free (plan, FALSE);
}

static MadoStoreResult
submit (MadoTrainingStore *store,
        const char        *key,
        const char        *resident_ref,
        const char        *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *received_at = NULL;
  MadoStoreResult result = mado_training_store_submit (store, "vaccination", "terminal-1", key,
                                                       resident_ref, body, &record_id,
                                                       &received_at, &error);

  g_assert_no_error (error);
  return result;
}

/* @sql's plan on a fresh store's file. */
static char *
store_plan (const char *sql)
{
  g_autofree char *dir = g_dir_make_tmp ("mado-training-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "records.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTrainingStore) store = mado_training_store_new (path, &error);
  char *plan;

  g_assert_no_error (error);
  plan = query_plan (path, sql);
  g_clear_object (&store);
  mado_test_remove_dir (dir);
  return plan;
}

/* A verification's bundle and a correction's check read one resident's
 * records: by an index, in order, whatever else the hub holds. */
static void
test_bodies_query_plan (void)
{
  g_autofree char *plan = store_plan (mado_training_store_bodies_sql ());

  g_assert_nonnull (strstr (plan, "USING INDEX records_by_resident"));
  g_assert_null (strstr (plan, "SCAN"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
}

/* A submission's key is looked up by the unique index, the key its first
 * column: random keys decide each comparison of the descent at once,
 * instead of after the terminal's fingerprint and the kind. */
static void
test_find_query_plan (void)
{
  g_autofree char *plan = store_plan (mado_training_store_find_sql ());

  g_assert_nonnull (strstr (plan, "SEARCH records USING INDEX"));
  g_assert_nonnull (strstr (plan, "(idempotency_key=? AND terminal=? AND kind=?)"));
}

/* Record IDs are made in time order, so that the record_id index grows
 * at its end instead of at a random page per record. */
static void
test_record_ids_in_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTrainingStore) store = mado_training_store_new (NULL, &error);
  g_autofree char *previous = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      g_autofree char *text = g_strdup_printf ("{\"n\":%u}", i);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
      g_autofree char *record_id = NULL, *received_at = NULL;

      g_assert_cmpint (mado_training_store_submit (store, "vaccination", "terminal-1", key, "r-1",
                                                   body, &record_id, &received_at, &error),
                       ==, MADO_STORE_RESULT_STORED);
      g_assert_no_error (error);
      if (previous != NULL)
        g_assert_cmpstr (previous, <, record_id);
      g_free (previous);
      previous = g_steal_pointer (&record_id);
    }
}

/* The same reads give the resident's records, oldest first, and only
 * theirs; a key again is answered as a repeat or a reuse. */
static void
test_bodies_in_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTrainingStore) store = mado_training_store_new (NULL, &error);
  g_autoptr(GPtrArray) bodies = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (submit (store, "k1", "r-1", "{\"n\":1}"), ==, MADO_STORE_RESULT_STORED);
  g_assert_cmpint (submit (store, "k2", "r-2", "{\"n\":2}"), ==, MADO_STORE_RESULT_STORED);
  g_assert_cmpint (submit (store, "k3", "r-1", "{\"n\":3}"), ==, MADO_STORE_RESULT_STORED);
  g_assert_cmpint (submit (store, "k1", "r-1", "{\"n\":1}"), ==, MADO_STORE_RESULT_REPEATED);
  g_assert_cmpint (submit (store, "k3", "r-1", "{\"n\":4}"), ==, MADO_STORE_RESULT_KEY_REUSED);
  bodies = mado_training_store_bodies (store, "vaccination", "r-1");
  g_assert_nonnull (bodies);
  g_assert_cmpuint (bodies->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (bodies, 0), ==, "{\"n\":1}");
  g_assert_cmpstr (g_ptr_array_index (bodies, 1), ==, "{\"n\":3}");
  g_assert_cmpint (mado_training_store_count (store, NULL), ==, 3);
}

/* The store without a file keeps a page cache of its cache_size, not one
 * as large as what it holds: every commit walks the whole cache, so a
 * cache holding every record would make each batch cost in proportion to
 * the store. 4,000 records of 2 KiB are some 9 MiB of pages; the cache
 * stays near SQLite's default 2 MiB. A batch rolled back is not stored. */
static void
test_in_memory_cache_bounded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTrainingStore) store = mado_training_store_new (NULL, &error);
  g_autofree char *padding = g_strnfill (2048, 'x');

  g_assert_no_error (error);
  g_assert_true (mado_training_store_begin (store, &error));
  for (guint i = 0; i < 4000; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      g_autofree char *text = g_strdup_printf ("{\"n\":%u,\"p\":\"%s\"}", i, padding);

      g_assert_cmpint (submit (store, key, "r-1", text), ==, MADO_STORE_RESULT_STORED);
    }
  g_assert_true (mado_training_store_end (store, TRUE, &error));
  g_assert_no_error (error);
  g_test_message ("page cache: %" G_GINT64_FORMAT " bytes", mado_training_store_cache_bytes (store));
  g_assert_cmpint (mado_training_store_cache_bytes (store), >, 0);
  g_assert_cmpint (mado_training_store_cache_bytes (store), <, 4 * 1024 * 1024);

  g_assert_true (mado_training_store_begin (store, &error));
  g_assert_cmpint (submit (store, "k-late", "r-1", "{\"n\":-1}"), ==, MADO_STORE_RESULT_STORED);
  g_assert_true (mado_training_store_end (store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_training_store_count (store, NULL), ==, 4000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/training-store/bodies/query-plan", test_bodies_query_plan);
  g_test_add_func ("/training-store/bodies/in-order", test_bodies_in_order);
  g_test_add_func ("/training-store/find/query-plan", test_find_query_plan);
  g_test_add_func ("/training-store/record-ids/in-order", test_record_ids_in_order);
  g_test_add_func ("/training-store/in-memory/cache-bounded", test_in_memory_cache_bounded);
  return g_test_run ();
}
