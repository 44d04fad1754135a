/* test-store.c — the store file: migrations, file modes, corruption and recovery (mado-store.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "madoguchi-core.h"
#include "mado-store-private.h"
#include "mado-test-store.h"

/* --- migrations ---------------------------------------------------------- */

static void
test_migrations_fresh (MadoTestStore *f,
                       gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);

  g_assert_cmpint (mado_store_get_schema_version (store), ==, MADO_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  g_assert_cmpint (mado_test_store_count (f, "PRAGMA user_version"), ==, MADO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND"
                                             " name IN ('meta', 'cache', 'outbox', 'audit', 'staff')"), ==, 5);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), ==, 2);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
}

static void
test_migrations_upgrade (MadoTestStore *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) old = mado_store_open_at_version (f->db, f->key, 1, &error);
  g_autoptr(MadoStore) store = NULL;

  g_assert_no_error (error);
  mado_test_store_put (old, "r1", "kept across the upgrade", MADO_TEST_T0);
  g_clear_object (&old);
  g_assert_cmpint (mado_test_store_count (f, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM sqlite_master WHERE name = 'cache_by_fetched'"), ==, 0);

  store = mado_test_store_open (f);
  g_assert_cmpint (mado_store_get_schema_version (store), ==, MADO_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM sqlite_master WHERE name = 'cache_by_fetched'"), ==, 1);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM cache"), ==, 1);
}

static void
test_migrations_too_new (MadoTestStore *f,
                         gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  mado_test_store_exec (f, "PRAGMA user_version = 99");
  store = mado_store_open (f->db, f->key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "Update Madoguchi"));
}

/* --- file modes ----------------------------------------------------------- */

/* Every chmod() the store makes goes through here (g_chmod is chmod on
 * Unix, and the core is linked statically), so the test sees the mode a
 * file had in the instant before it was narrowed: a file SQLite created
 * under the umask and chmod fixed afterwards shows up as loose here. */
static int chmod_found_loose;

int
chmod (const char *path,
       mode_t      mode)
{
  struct stat st;

  if (stat (path, &st) == 0 && (st.st_mode & 0077) != 0)
    chmod_found_loose++;
  return fchmodat (AT_FDCWD, path, mode, 0);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_file_created_private (MadoTestStore *f,
                           gconstpointer  data)
{
  mode_t old_umask = umask (022);
  g_autoptr(MadoStore) store = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  chmod_found_loose = 0;
  store = mado_test_store_open (f);
  umask (old_umask);
  mado_test_store_put (store, "r1", "{}", MADO_TEST_T0);
  g_assert_cmpint (chmod_found_loose, ==, 0);   /* never readable by others, not even briefly */
  g_assert_cmpuint (file_mode (f->db), ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));   /* open: the WAL is in use */
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
}

static void
test_file_existing_loose (MadoTestStore *f,
                          gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  g_clear_object (&store);
  g_assert_cmpint (fchmodat (AT_FDCWD, f->db, 0644, 0), ==, 0);
  store = mado_test_store_open (f);
  g_assert_cmpuint (file_mode (f->db), ==, 0600);
  g_clear_object (&store);

  /* a dangling symlink where a new store would go: not followed, nothing made at its target */
  g_assert_cmpint (g_unlink (f->db), ==, 0);
  g_assert_cmpint (g_unlink (f->key), ==, 0);
  target = g_build_filename (f->dir, "elsewhere.db", NULL);
  g_assert_cmpint (symlink (target, f->db), ==, 0);
  store = mado_store_open (f->db, f->key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_IO);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

/* --- corruption ---------------------------------------------------------- */

static void
test_corrupt_and_recover (MadoTestStore *f,
                          gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *original = NULL;
  g_autofree char *kept = NULL;
  gsize original_len, kept_len;
  const char garbage[] = "this is not an SQLite database, just garbage bytes ..........";

  mado_test_store_put (store, "r1", "{}", MADO_TEST_T0);
  g_clear_object (&store);
  g_assert_true (g_file_set_contents (f->db, garbage, sizeof garbage, NULL));
  g_assert_true (g_file_get_contents (f->db, &original, &original_len, NULL));

  store = mado_store_open (f->db, f->key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "madoguchi-cli store recover"));
  g_clear_error (&error);

  store = mado_store_recover (f->db, f->key, &moved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_str_has_prefix (moved, f->db));
  g_assert_true (g_regex_match_simple ("\\.corrupt-[0-9]{8}T[0-9]{6}Z$", moved, 0, 0));
  g_assert_true (g_file_get_contents (moved, &kept, &kept_len, NULL));
  g_assert_cmpmem (kept, kept_len, original, original_len);
  g_assert_cmpint (mado_store_get_schema_version (store), ==, MADO_STORE_SCHEMA_VERSION);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  MADO_TEST_STORE_ADD ("migrations/fresh", test_migrations_fresh);
  MADO_TEST_STORE_ADD ("migrations/upgrade", test_migrations_upgrade);
  MADO_TEST_STORE_ADD ("migrations/too-new", test_migrations_too_new);
  MADO_TEST_STORE_ADD ("file/created-private", test_file_created_private);
  MADO_TEST_STORE_ADD ("file/existing-loose", test_file_existing_loose);
  MADO_TEST_STORE_ADD ("corrupt/recover", test_corrupt_and_recover);

  return g_test_run ();
}
