/* mado-test-store.c — a store in a temporary folder with a clock the test sets, and raw SQL on its file
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mado-test-store.h"
#include "mado-test-util.h"

const guint8 mado_test_fingerprint_a[MADO_CACHE_FINGERPRINT_LEN] = { 0xa1, 0xa2, 0xa3 };
const guint8 mado_test_fingerprint_b[MADO_CACHE_FINGERPRINT_LEN] = { 0xb1, 0xb2, 0xb3 };

static gint64
fixture_clock (gpointer user_data)
{
  return ((MadoTestStore *) user_data)->now;
}

/**
 * mado_test_store_set_up:
 *
 * A GLib test fixture: a new folder for `cache.db` and `cache.key`, and the
 * clock at MADO_TEST_T0. Nothing is opened yet.
 */
void
mado_test_store_set_up (MadoTestStore *f,
                        gconstpointer  data)
{
  f->dir = mado_test_make_dir ("mado-store-XXXXXX");
  f->db = g_build_filename (f->dir, "cache.db", NULL);
  f->key = g_build_filename (f->dir, "cache.key", NULL);
  f->now = MADO_TEST_T0;
}

void
mado_test_store_tear_down (MadoTestStore *f,
                           gconstpointer  data)
{
  mado_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->key);
}

/**
 * mado_test_store_open:
 *
 * Returns: (transfer full): the fixture's store, opened (made if new) with
 *   the fixture's clock
 */
MadoStore *
mado_test_store_open (MadoTestStore *f)
{
  g_autoptr(GError) error = NULL;
  MadoStore *store = mado_store_open (f->db, f->key, &error);

  g_assert_no_error (error);
  mado_store_set_clock (store, fixture_clock, f);
  return store;
}

/**
 * mado_test_store_exec:
 *
 * Runs SQL on the file with a connection of its own, as an intruder would.
 */
void
mado_test_store_exec (MadoTestStore *f,
                      const char    *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/**
 * mado_test_store_count:
 *
 * Returns: the first column of the first row @sql gives, read with a
 *   connection of its own
 */
gint64
mado_test_store_count (MadoTestStore *f,
                       const char    *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/**
 * mado_test_store_put:
 *
 * Caches @text as @resident_key's bundle, with fingerprint A and ETag "v1".
 */
void
mado_test_store_put (MadoStore  *store,
                     const char *resident_key,
                     const char *text,
                     gint64      fetched_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bundle = g_bytes_new (text, strlen (text));

  g_assert_true (mado_store_cache_put (store, resident_key, mado_test_fingerprint_a, "\"v1\"",
                                       bundle, fetched_at, &error));
  g_assert_no_error (error);
}
