/* test-store.c — the offline store: migrations, keys, encryption, cache, outbox, audit, staff
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "madoguchi-core.h"
#include "mado-store-private.h"

#define DAY_US (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
/* 2026-11-21T00:00:00Z */
#define T0 (G_GINT64_CONSTANT (1795219200) * G_USEC_PER_SEC)

typedef struct {
  char  *dir;
  char  *db;
  char  *key;
  gint64 now;
} Fixture;

static gint64
fixture_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("mado-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->db = g_build_filename (f->dir, "cache.db", NULL);
  f->key = g_build_filename (f->dir, "cache.key", NULL);
  f->now = T0;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->key);
}

static MadoStore *
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  MadoStore *store = mado_store_open (f->db, f->key, &error);

  g_assert_no_error (error);
  mado_store_set_clock (store, fixture_clock, f);
  return store;
}

/* Runs SQL on the file with a connection of its own, as an intruder would. */
static void
raw_exec (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
raw_count (Fixture    *f,
           const char *sql)
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

static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static const guint8 fingerprint_a[32] = { 0xa1, 0xa2, 0xa3 };
static const guint8 fingerprint_b[32] = { 0xb1, 0xb2, 0xb3 };

static void
put (MadoStore  *store,
     const char *resident_key,
     const char *text,
     gint64      fetched_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bundle = g_bytes_new (text, strlen (text));

  g_assert_true (mado_store_cache_put (store, resident_key, fingerprint_a, "\"v1\"", bundle,
                                       fetched_at, &error));
  g_assert_no_error (error);
}

/* --- migrations ---------------------------------------------------------- */

static void
test_migrations_fresh (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autofree char *journal = NULL;

  g_assert_cmpint (mado_store_get_schema_version (store), ==, 3);
  g_clear_object (&store);
  g_assert_cmpint (raw_count (f, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND"
                                 " name IN ('meta', 'cache', 'outbox', 'audit', 'staff')"), ==, 5);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), ==, 2);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
}

static void
test_migrations_upgrade (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) old = mado_store_open_at_version (f->db, f->key, 1, &error);
  g_autoptr(MadoStore) store = NULL;

  g_assert_no_error (error);
  put (old, "r1", "kept across the upgrade", T0);
  g_clear_object (&old);
  g_assert_cmpint (raw_count (f, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM sqlite_master WHERE name = 'cache_by_fetched'"), ==, 0);

  store = open_store (f);
  g_assert_cmpint (mado_store_get_schema_version (store), ==, 3);
  g_clear_object (&store);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM sqlite_master WHERE name = 'cache_by_fetched'"), ==, 1);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM cache"), ==, 1);
}

static void
test_migrations_too_new (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  raw_exec (f, "PRAGMA user_version = 99");
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
test_file_created_private (Fixture       *f,
                           gconstpointer  data)
{
  mode_t old_umask = umask (022);
  g_autoptr(MadoStore) store = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  chmod_found_loose = 0;
  store = open_store (f);
  umask (old_umask);
  put (store, "r1", "{}", T0);
  g_assert_cmpint (chmod_found_loose, ==, 0);   /* never readable by others, not even briefly */
  g_assert_cmpuint (file_mode (f->db), ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));   /* open: the WAL is in use */
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
}

static void
test_file_existing_loose (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  g_clear_object (&store);
  g_assert_cmpint (fchmodat (AT_FDCWD, f->db, 0644, 0), ==, 0);
  store = open_store (f);
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

/* --- key file ------------------------------------------------------------ */

static void
test_key_created_private (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  GStatBuf st;

  g_assert_cmpint (g_stat (f->key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_key_permissions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  const int modes[] = { 0640, 0604, 0660, 0644 };

  g_clear_object (&store);
  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_chmod (f->key, modes[i]), ==, 0);
      store = mado_store_open (f->db, f->key, &error);
      g_assert_null (store);
      g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_INSECURE);
      g_assert_nonnull (strstr (error->message, "chmod 600"));
    }
  g_assert_cmpint (g_chmod (f->key, 0400), ==, 0);
  store = open_store (f);
  g_assert_nonnull (store);
}

static void
test_key_invalid_and_missing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  g_assert_cmpint (g_unlink (f->key), ==, 0);
  store = mado_store_open (f->db, f->key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_MISSING);
  g_assert_false (g_file_test (f->key, G_FILE_TEST_EXISTS));   /* not silently replaced */
  g_clear_error (&error);

  g_assert_true (g_file_set_contents_full (f->key, "not a key\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  store = mado_store_open (f->db, f->key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_INVALID);
}

static void
test_key_wrong (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *other_key = g_build_filename (f->dir, "other.key", NULL);
  g_autoptr(MadoStore) other = mado_store_open (other_db, other_key, &error);

  g_assert_no_error (error);
  put (store, "r1", "secret", T0);
  g_clear_object (&store);
  store = mado_store_open (f->db, other_key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_WRONG_KEY);
}

/* --- cache --------------------------------------------------------------- */

static void
test_cache_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(GBytes) proof = g_bytes_new_static ("signature", 9);
  const char *json = "{\"basicFiveInfo\":{\"name\":\"山田 花子\"}}";

  put (store, "r1", json, T0);
  entry = mado_store_cache_lookup (store, "r1", fingerprint_a, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (entry->bundle, NULL), g_bytes_get_size (entry->bundle),
                   json, strlen (json));
  g_assert_cmpstr (entry->etag, ==, "\"v1\"");
  g_assert_cmpmem (entry->fingerprint, 32, fingerprint_a, 32);
  g_assert_cmpint (entry->confirmation, ==, MADO_CACHE_CONFIRMED_HUB);
  g_assert_cmpint (entry->fetched_at, ==, T0);
  g_assert_null (entry->proof);
  g_clear_pointer (&entry, mado_cache_entry_free);

  /* an offline confirmation keeps the bundle and its fetch time */
  g_assert_true (mado_store_cache_confirm_local (store, "r1", fingerprint_a, proof,
                                                 T0 + DAY_US, &error));
  g_assert_no_error (error);
  entry = mado_store_cache_lookup (store, "r1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (entry->confirmation, ==, MADO_CACHE_CONFIRMED_LOCAL_PROOF);
  g_assert_cmpint (entry->confirmed_at, ==, T0 + DAY_US);
  g_assert_cmpint (entry->fetched_at, ==, T0);
  g_assert_cmpmem (g_bytes_get_data (entry->proof, NULL), g_bytes_get_size (entry->proof),
                   "signature", 9);
  g_assert_cmpmem (g_bytes_get_data (entry->bundle, NULL), g_bytes_get_size (entry->bundle),
                   json, strlen (json));
  g_clear_pointer (&entry, mado_cache_entry_free);

  /* a certificate with the same issuer and serial but another fingerprint */
  entry = mado_store_cache_lookup (store, "r1", fingerprint_b, &error);
  g_assert_null (entry);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  entry = mado_store_cache_lookup (store, "nobody", NULL, &error);
  g_assert_null (entry);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
}

static void
test_cache_resident_key (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *other_key = g_build_filename (f->dir, "other.key", NULL);
  g_autoptr(MadoStore) other = mado_store_open (other_db, other_key, NULL);
  const char *issuer = "C=JP, O=JPKI, OU=JPKI for user authentication";
  g_autofree char *k1 = mado_store_resident_key (store, issuer, "1001");
  g_autofree char *k1_again = mado_store_resident_key (store, issuer, "1001");
  g_autofree char *k2 = mado_store_resident_key (store, issuer, "1002");
  g_autofree char *k_split = mado_store_resident_key (store, "C=JP, O=JPKI, OU=JPKI for user authentication1", "001");
  g_autofree char *k_other = mado_store_resident_key (other, issuer, "1001");

  g_assert_cmpuint (strlen (k1), ==, 64);
  for (const char *p = k1; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
  g_assert_cmpstr (k1, ==, k1_again);
  g_assert_cmpstr (k1, !=, k2);
  g_assert_cmpstr (k1, !=, k_split);
  g_assert_cmpstr (k1, !=, k_other);   /* keyed: another store key, another value */
  g_assert_null (strstr (k1, "1001"));
}

static void
test_cache_tampered (Fixture       *f,
                     gconstpointer  data)
{
  struct {
    const char *what;
    const char *sql;
    const char *victim;
  } cases[] = {
    { "ciphertext byte flipped",
      "UPDATE cache SET sealed = CAST(substr(sealed, 1, 20) || CASE WHEN substr(sealed, 21, 1) = x'00'"
      " THEN x'01' ELSE x'00' END || substr(sealed, 22) AS BLOB) WHERE resident_key = 'r1'", "r1" },
    { "tag cut off", "UPDATE cache SET sealed = substr(sealed, 1, length(sealed) - 1)"
      " WHERE resident_key = 'r1'", "r1" },
    { "too short", "UPDATE cache SET sealed = x'0102' WHERE resident_key = 'r1'", "r1" },
    { "rows swapped",
      "UPDATE cache SET sealed = (SELECT sealed FROM cache WHERE resident_key = 'r2')"
      " WHERE resident_key = 'r1'", "r1" },
    { "fetch date moved", "UPDATE cache SET fetched_at = fetched_at + 86400000000"
      " WHERE resident_key = 'r2'", "r2" },
    { "confirmation changed", "UPDATE cache SET confirmation = 'local-proof'"
      " WHERE resident_key = 'r2'", "r2" },
    { "row renamed", "UPDATE cache SET resident_key = 'r3' WHERE resident_key = 'r2'", "r3" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoStore) store = open_store (f);
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoCacheEntry) entry = NULL;

      g_test_message ("%s", cases[i].what);
      put (store, "r1", "{\"name\":\"one\"}", T0);
      put (store, "r2", "{\"name\":\"two\"}", T0);
      g_clear_object (&store);
      raw_exec (f, cases[i].sql);
      store = open_store (f);
      entry = mado_store_cache_lookup (store, cases[i].victim, NULL, &error);
      g_assert_null (entry);
      g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_TAMPERED);
      raw_exec (f, "DELETE FROM cache");
    }
}

static void
test_cache_retention_on_lookup (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(GBytes) proof = g_bytes_new_static ("sig", 3);

  put (store, "old", "{}", T0 - 31 * DAY_US);
  put (store, "edge", "{}", T0 - 30 * DAY_US);
  put (store, "new", "{}", T0 - 1 * DAY_US);

  /* no retention set: kept forever */
  g_assert_cmpuint (mado_store_get_retention_days (store), ==, 0);
  entry = mado_store_cache_lookup (store, "old", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entry, mado_cache_entry_free);

  mado_store_set_retention_days (store, 30);
  g_assert_cmpuint (mado_store_get_retention_days (store), ==, 30);
  entry = mado_store_cache_lookup (store, "old", fingerprint_a, &error);
  g_assert_null (entry);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "retention"));
  g_clear_error (&error);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM cache WHERE resident_key = 'old'"), ==, 0);

  entry = mado_store_cache_lookup (store, "edge", fingerprint_a, &error);   /* exactly 30 days */
  g_assert_no_error (error);
  g_assert_cmpint (entry->fetched_at, ==, T0 - 30 * DAY_US);
  g_clear_pointer (&entry, mado_cache_entry_free);

  /* a local confirmation does not extend it: retention counts from the hub */
  g_assert_true (mado_store_cache_confirm_local (store, "edge", fingerprint_a, proof, T0, &error));
  g_assert_no_error (error);
  f->now = T0 + 1;
  g_assert_false (mado_store_cache_confirm_local (store, "edge", fingerprint_a, proof, f->now, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM cache"), ==, 1);

  entry = mado_store_cache_lookup (store, "new", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entry, mado_cache_entry_free);

  /* back to keeping forever */
  mado_store_set_retention_days (store, 0);
  f->now = T0 + 400 * DAY_US;
  entry = mado_store_cache_lookup (store, "new", NULL, &error);
  g_assert_no_error (error);
}

static void
test_cache_purge (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoCacheEntry) entry = NULL;
  MadoCacheStats stats;

  put (store, "old", "{}", T0 - 91 * DAY_US);
  put (store, "edge", "{}", T0 - 90 * DAY_US);
  put (store, "new", "{}", T0 - 89 * DAY_US);
  g_assert_true (mado_store_cache_stats (store, &stats, &error));
  g_assert_cmpint (stats.entries, ==, 3);
  g_assert_cmpint (stats.oldest_fetched_at, ==, T0 - 91 * DAY_US);

  g_assert_cmpint (mado_store_cache_purge (store, T0, 90, &error), ==, 1);
  g_assert_no_error (error);
  entry = mado_store_cache_lookup (store, "old", NULL, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  entry = mado_store_cache_lookup (store, "edge", NULL, &error);   /* exactly 90 days: kept */
  g_assert_no_error (error);
  g_clear_pointer (&entry, mado_cache_entry_free);

  g_assert_cmpint (mado_store_cache_purge (store, T0 + 2 * DAY_US, 90, &error), ==, 2);
  g_assert_true (mado_store_cache_stats (store, &stats, &error));
  g_assert_cmpint (stats.entries, ==, 0);
}

/* --- corruption ---------------------------------------------------------- */

static void
test_corrupt_and_recover (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *original = NULL;
  g_autofree char *kept = NULL;
  gsize original_len, kept_len;
  const char garbage[] = "this is not an SQLite database, just garbage bytes ..........";

  put (store, "r1", "{}", T0);
  g_clear_object (&store);
  g_assert_true (g_file_set_contents (f->db, garbage, sizeof garbage, NULL));
  g_assert_true (g_file_get_contents (f->db, &original, &original_len, NULL));

  store = mado_store_open (f->db, f->key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "madoguchi-cli store recover"));
  g_clear_error (&error);

  store = mado_store_recover (f->db, f->key, &moved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_str_has_prefix (moved, f->db));
  g_assert_true (g_regex_match_simple ("\\.corrupt-[0-9]{8}T[0-9]{6}Z$", moved, 0, 0));
  g_assert_true (g_file_get_contents (moved, &kept, &kept_len, NULL));
  g_assert_cmpmem (kept, kept_len, original, original_len);
  g_assert_cmpint (mado_store_get_schema_version (store), ==, 3);
}

/* --- outbox -------------------------------------------------------------- */

static void
test_outbox_transitions (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"lotNumber\":\"AB123\"}", 21);
  g_autoptr(GBytes) read_back = NULL;
  g_autoptr(MadoOutboxRecord) record = NULL;
  g_autofree char *key = mado_store_outbox_enqueue (store, "vaccination-record", body, &error);
  g_autofree char *key2 = mado_store_outbox_enqueue (store, "questionnaire", body, &error);

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (key));
  g_assert_cmpstr (key, !=, key2);

  record = mado_store_outbox_get (store, key, &read_back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_PENDING);
  g_assert_cmpint (record->attempts, ==, 0);
  g_assert_cmpint (record->next_attempt_at, ==, T0);
  g_assert_cmpstr (record->kind, ==, "vaccination-record");
  g_assert_true (g_bytes_equal (read_back, body));
  g_clear_pointer (&record, mado_outbox_record_free);
  g_clear_pointer (&read_back, g_bytes_unref);

  /* retryable failures back off: 30 s, then 60 s */
  g_assert_true (mado_store_outbox_mark_failed (store, key, FALSE, "hub offline", T0, &error));
  record = mado_store_outbox_get (store, key, NULL, &error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_PENDING);
  g_assert_cmpint (record->attempts, ==, 1);
  g_assert_cmpstr (record->last_error, ==, "hub offline");
  g_assert_cmpint (record->next_attempt_at, ==, T0 + 30 * G_USEC_PER_SEC);
  g_clear_pointer (&record, mado_outbox_record_free);
  g_assert_true (mado_store_outbox_mark_failed (store, key, FALSE, "timeout", T0 + 31 * G_USEC_PER_SEC, &error));
  record = mado_store_outbox_get (store, key, NULL, &error);
  g_assert_cmpint (record->attempts, ==, 2);
  g_assert_cmpint (record->next_attempt_at, ==, T0 + 91 * G_USEC_PER_SEC);
  g_clear_pointer (&record, mado_outbox_record_free);

  /* delivered: settled, body erased, no way back */
  g_assert_true (mado_store_outbox_mark_delivered (store, key, T0 + 100, &error));
  g_assert_no_error (error);
  record = mado_store_outbox_get (store, key, &read_back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_DELIVERED);
  g_assert_cmpint (record->attempts, ==, 3);
  g_assert_cmpint (record->delivered_at, ==, T0 + 100);
  g_assert_null (read_back);
  g_assert_null (record->last_error);
  g_clear_pointer (&record, mado_outbox_record_free);
  g_assert_cmpint (raw_count (f, "SELECT length(sealed) FROM outbox WHERE state = 'delivered'"), ==, 0);
  g_assert_false (mado_store_outbox_mark_failed (store, key, FALSE, "late", T0, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mado_store_outbox_mark_delivered (store, key, T0, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* permanent failure: rejected, body kept for the administrator */
  g_assert_true (mado_store_outbox_mark_failed (store, key2, TRUE, "refused: 422", T0, &error));
  record = mado_store_outbox_get (store, key2, &read_back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_REJECTED);
  g_assert_true (g_bytes_equal (read_back, body));
  g_clear_pointer (&record, mado_outbox_record_free);

  g_assert_cmpint (mado_store_outbox_backoff (1), ==, 30 * G_USEC_PER_SEC);
  g_assert_cmpint (mado_store_outbox_backoff (3), ==, 120 * G_USEC_PER_SEC);
  g_assert_cmpint (mado_store_outbox_backoff (30), ==, G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
}

typedef struct {
  GPtrArray        *seen;      /* keys, in delivery order */
  MadoOutboxResult  result;
} FakeHub;

static MadoOutboxResult
fake_deliver (const char  *kind,
              const char  *idempotency_key,
              GBytes      *body,
              char       **error_message,
              gpointer     user_data)
{
  FakeHub *hub = user_data;

  g_ptr_array_add (hub->seen, g_strdup (idempotency_key));
  if (hub->result != MADO_OUTBOX_RESULT_OK)
    *error_message = g_strdup ("hub unavailable");
  return hub->result;
}

static void
test_outbox_deliver_loop (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = NULL;
  FakeHub hub = { seen, MADO_OUTBOX_RESULT_RETRY };
  g_autofree char *a = mado_store_outbox_enqueue (store, "questionnaire", body, NULL);
  g_autofree char *b = mado_store_outbox_enqueue (store, "vaccination-record", body, NULL);
  MadoOutboxRun run;

  g_assert_true (mado_store_outbox_deliver_due (store, T0, 0, fake_deliver, &hub, &run, &error));
  g_assert_cmpuint (run.retried, ==, 2);
  g_assert_cmpuint (seen->len, ==, 2);
  /* not due again until the backoff has passed */
  g_assert_true (mado_store_outbox_deliver_due (store, T0 + 29 * G_USEC_PER_SEC, 0, fake_deliver, &hub, &run, &error));
  g_assert_cmpuint (run.retried + run.delivered, ==, 0);
  hub.result = MADO_OUTBOX_RESULT_OK;
  g_assert_true (mado_store_outbox_deliver_due (store, T0 + 30 * G_USEC_PER_SEC, 0, fake_deliver, &hub, &run, &error));
  g_assert_cmpuint (run.delivered, ==, 2);
  /* the retry reused the keys made at enqueue time, oldest first */
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, a);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, b);
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, a);
  g_assert_cmpstr (g_ptr_array_index (seen, 3), ==, b);
  /* nothing more to send */
  g_assert_true (mado_store_outbox_deliver_due (store, T0 + DAY_US, 0, fake_deliver, &hub, &run, &error));
  g_assert_cmpuint (seen->len, ==, 4);
  list = mado_store_outbox_list (store, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = mado_store_outbox_list (store, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 2);
}

static void
test_outbox_tampered_body (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MadoOutboxRecord) record = NULL;
  FakeHub hub = { seen, MADO_OUTBOX_RESULT_OK };
  g_autofree char *a = mado_store_outbox_enqueue (store, "questionnaire", body, NULL);
  g_autofree char *b = mado_store_outbox_enqueue (store, "questionnaire", body, NULL);
  MadoOutboxRun run;

  g_clear_object (&store);
  raw_exec (f, "UPDATE outbox SET kind = 'vaccination-record' WHERE id = 1");
  store = open_store (f);
  g_assert_true (mado_store_outbox_deliver_due (store, T0, 0, fake_deliver, &hub, &run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (run.rejected, ==, 1);
  g_assert_cmpuint (run.delivered, ==, 1);
  g_assert_cmpuint (seen->len, ==, 1);       /* the altered record was never sent */
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, b);
  record = mado_store_outbox_get (store, a, NULL, &error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_REJECTED);
}

/* --- audit --------------------------------------------------------------- */

static MadoStore *
store_with_audit (Fixture *f,
                  int      entries)
{
  MadoStore *store = open_store (f);

  for (int i = 1; i <= entries; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *resident = g_strdup_printf ("%064x", i);

      f->now = T0 + i * G_USEC_PER_SEC;
      g_assert_cmpint (mado_store_audit_append (store, "reception-1", MADO_AUDIT_VIEW, resident,
                                                MADO_AUDIT_SUCCESS, NULL, &error), ==, i);
      g_assert_no_error (error);
    }
  return store;
}

static void
test_audit_chain_intact (Fixture       *f,
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
test_audit_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *expected1 = NULL;
  g_autofree char *expected2 = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 count = 0;

  f->now = T0 + 1234567;
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
test_audit_export_range (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GDateTime) from = g_date_time_new_utc (2026, 11, 22, 0, 0, 0);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2026, 11, 23, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  gint64 count = 0;

  for (int day = 0; day < 4; day++)
    {
      f->now = T0 + day * DAY_US + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
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
test_audit_tampering (Fixture       *f,
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
      raw_exec (f, sql);
      store = open_store (f);
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
test_audit_wiped (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  MadoAuditVerdict verdict;

  /* a new store: an empty log with a signed head */
  g_assert_true (mado_store_audit_verify (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verdict.entries, ==, 0);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM meta WHERE name = 'audit-head'"
                                 " AND value LIKE '0:0000%'"), ==, 1);
  g_clear_object (&store);

  store = store_with_audit (f, 3);
  g_clear_object (&store);
  raw_exec (f, "DROP TRIGGER audit_no_delete; DELETE FROM audit;"
               " DELETE FROM meta WHERE name = 'audit-head'");
  store = open_store (f);
  g_assert_false (mado_store_audit_verify (store, &verdict, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_assert_cmpint (verdict.problem, ==, MADO_AUDIT_PROBLEM_HEAD_MISSING);
  g_assert_cmpstr (mado_audit_problem_to_string (verdict.problem), ==, "head-missing");
  g_assert_cmpint (verdict.entries, ==, 0);
  g_clear_error (&error);

  /* reopening does not bless the wiped log with a new head */
  g_clear_object (&store);
  store = open_store (f);
  g_assert_false (mado_store_audit_verify (store, &verdict, &error));
  g_assert_cmpint (verdict.problem, ==, MADO_AUDIT_PROBLEM_HEAD_MISSING);
}

static void
test_audit_head_migration (Fixture       *f,
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
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM meta WHERE name = 'audit-head'"), ==, 0);

  /* …but not with a key that is not the store's */
  other = mado_store_open (other_db, other_key, &error);
  g_assert_no_error (error);
  g_clear_object (&other);
  store = mado_store_open (f->db, other_key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_WRONG_KEY);
  g_clear_error (&error);
  g_assert_cmpint (raw_count (f, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM meta WHERE name = 'audit-head'"), ==, 0);

  store = open_store (f);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM meta WHERE name = 'audit-head'"), ==, 1);
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
  g_assert_cmpint (mado_store_get_schema_version (store), ==, 3);
  g_assert_true (mado_store_audit_verify (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verdict.entries, ==, 1);
}

static void
test_audit_appended_with_valid_hash (Fixture       *f,
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
  raw_exec (f, sql);
  store = open_store (f);
  g_assert_false (mado_store_audit_verify (store, &verdict, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN);
  g_assert_cmpint (verdict.problem, ==, MADO_AUDIT_PROBLEM_APPENDED);
  g_assert_cmpint (verdict.bad_seq, ==, 4);
  g_assert_cmpint (verdict.entries, ==, 4);
}

/* --- staff --------------------------------------------------------------- */

/* Encodes a hash with OpenSSL's own scrypt, not the code under test. */
static char *
openssl_encoded (const char *password,
                 guint       log_n,
                 guint       r,
                 guint       p)
{
  static const guint8 salt[16] = "madoguchi-salt-1";
  guint8 hash[32];
  g_autofree char *salt64 = g_base64_encode (salt, sizeof salt);
  g_autofree char *hash64 = NULL;

  g_assert_cmpint (EVP_PBE_scrypt (password, strlen (password), salt, sizeof salt,
                                   G_GUINT64_CONSTANT (1) << log_n, r, p,
                                   G_GUINT64_CONSTANT (512) << 20, hash, sizeof hash), ==, 1);
  hash64 = g_base64_encode (hash, sizeof hash);
  return g_strdup_printf ("$scrypt$ln=%u,r=%u,p=%u$%s$%s", log_n, r, p, salt64, hash64);
}

static void
set_hash_row (Fixture    *f,
              const char *staff_id,
              const char *encoded)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE staff SET password_hash = '%s'"
                                          " WHERE staff_id = '%s'", encoded, staff_id);

  raw_exec (f, sql);
}

static void
test_staff_scrypt_known_answer (void)
{
  /* RFC 7914 §12: scrypt("password", "NaCl", N=1024, r=8, p=16, 64 bytes) */
  static const char encoded[] =
    "$scrypt$ln=10,r=8,p=16$TmFDbA==$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWIurzDZLiKjiG/xCSedmDDaxyevuUqD7m2DYMvfosw"
    "GQA==";

  g_autofree char *openssl = openssl_encoded ("pleaseletmein", 15, 8, 1);

  /* The RFC's vector is right but its parameters (N=2^10, p=16) are not
   * ones Madoguchi writes, so it is refused; OpenSSL's own scrypt with the
   * parameters it does write is the known answer instead. */
  g_assert_false (mado_store_staff_verify_password ("password", encoded));
  g_assert_false (mado_store_staff_password_hash_is_usable (encoded));
  g_assert_true (mado_store_staff_password_hash_is_usable (openssl));
  g_assert_true (mado_store_staff_verify_password ("pleaseletmein", openssl));
  g_assert_false (mado_store_staff_verify_password ("pleaseletmeiN", openssl));
  g_assert_false (mado_store_staff_verify_password ("password", "$scrypt$ln=15,r=8,p=1$TmFDbA==$AAAA"));
  g_assert_false (mado_store_staff_verify_password ("password", "$bcrypt$whatever"));
  g_assert_false (mado_store_staff_verify_password ("password", ""));
}

static void
test_staff_hash (void)
{
  const char *password = "correct horse battery";
  g_autofree char *h1 = mado_store_staff_hash_password (password);
  g_autofree char *h2 = mado_store_staff_hash_password (password);

  g_assert_true (g_str_has_prefix (h1, "$scrypt$ln=15,r=8,p=1$"));
  g_assert_cmpstr (h1, !=, h2);   /* a new salt each time */
  g_assert_null (strstr (h1, password));
  g_assert_true (mado_store_staff_verify_password (password, h1));
  g_assert_true (mado_store_staff_verify_password (password, h2));
  g_assert_false (mado_store_staff_verify_password ("correct horse batterY", h1));
  g_assert_false (mado_store_staff_verify_password ("", h1));
}

static void
test_staff_password_rules (void)
{
  struct { const char *password; gboolean second_factor; gboolean ok; } cases[] = {
    { "123456789012", FALSE, FALSE },
    { "1234567890123", FALSE, TRUE },
    { "やまだはなこのぱすわーど", FALSE, FALSE },   /* 12 characters, 36 bytes */
    { "やまだはなこのぱすわーどだ", FALSE, TRUE },  /* 13 characters */
    { "1234567", TRUE, FALSE },
    { "12345678", TRUE, TRUE },
    { "", FALSE, FALSE },
    { "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2", FALSE, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = mado_store_staff_check_password_rules (cases[i].password, cases[i].second_factor, &error);

      g_test_message ("case %zu", i);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_PASSWORD_RULES);
    }
}

static void
test_staff_hash_parameters (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStaffSession) session = NULL;
  const char *password = "a long enough passphrase";
  g_autofree char *ceiling = openssl_encoded (password, 17, 8, 1);
  g_autofree char *written = openssl_encoded (password, 15, 8, 1);
  /* the hash part is the right one for ln=15; only the parameters differ */
  const char *tail = strchr (written + strlen ("$scrypt$"), '$');
  const char *const refused[] = {
    "ln=22,r=32,p=16", "ln=18,r=8,p=1", "ln=14,r=8,p=1", "ln=15,r=16,p=1",
    "ln=15,r=8,p=2", "ln=15,r=8,p=1x", "ln=+15,r=8,p=1", "ln=15,r=4,p=1",
  };

  g_assert_true (mado_store_staff_add (store, "rec-1", MADO_STAFF_ROLE_RECEPTION, password,
                                       "admin", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *edited = g_strdup_printf ("$scrypt$%s%s", refused[i], tail);
      gint64 started;

      set_hash_row (f, "rec-1", edited);
      store = open_store (f);
      started = g_get_monotonic_time ();
      session = mado_store_staff_sign_in (store, "rec-1", password, 300, 1000, &error);
      g_assert_null (session);
      g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_PASSWORD_RESET_REQUIRED);
      g_assert_nonnull (strstr (error->message, "madoguchi-cli user passwd rec-1"));
      g_assert_cmpstr (mado_store_error_to_string (error->code), ==, "password-reset-required");
      g_assert_cmpint (g_get_monotonic_time () - started, <, 20 * G_USEC_PER_SEC);
      g_assert_false (mado_store_staff_password_hash_is_usable (edited));
      g_clear_error (&error);
      g_clear_object (&store);
    }
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM audit WHERE action = 'sign-in'"
                                 " AND outcome = 'failure' AND detail = 'password-hash-unusable'"),
                   ==, G_N_ELEMENTS (refused));

  /* what this version writes, and the ceiling a later one may raise it to */
  set_hash_row (f, "rec-1", written);
  store = open_store (f);
  session = mado_store_staff_sign_in (store, "rec-1", password, 300, 1000, &error);
  g_assert_no_error (error);
  g_clear_object (&session);
  g_clear_object (&store);
  set_hash_row (f, "rec-1", ceiling);
  store = open_store (f);
  session = mado_store_staff_sign_in (store, "rec-1", password, 300, 1000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_clear_object (&session);
  session = mado_store_staff_sign_in (store, "rec-1", "a long enough passphrasE", 300, 1000, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  g_clear_object (&store);

  /* the administrator's reset makes the account usable again */
  set_hash_row (f, "rec-1", "$scrypt$ln=22,r=32,p=16$AAAA$AAAA");
  store = open_store (f);
  g_assert_true (mado_store_staff_set_password (store, "rec-1", "a new long passphrase", "admin", &error));
  g_assert_no_error (error);
  session = mado_store_staff_sign_in (store, "rec-1", "a new long passphrase", 300, 1000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
}

static void
test_staff_accounts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MadoStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStaffSession) session = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *file = NULL;
  gsize file_len;
  const char *password = "a long enough passphrase";

  g_assert_false (mado_store_staff_add (store, "rec-1", MADO_STAFF_ROLE_RECEPTION, "too short", "admin", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_PASSWORD_RULES);
  g_clear_error (&error);
  g_assert_true (mado_store_staff_add (store, "rec-1", MADO_STAFF_ROLE_RECEPTION, password, "admin", &error));
  g_assert_no_error (error);
  g_assert_false (mado_store_staff_add (store, "rec-1", MADO_STAFF_ROLE_DOCTOR, password, "admin", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (mado_store_staff_add (store, "bad id", MADO_STAFF_ROLE_DOCTOR, password, "admin", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  session = mado_store_staff_sign_in (store, "rec-1", password, 300, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mado_staff_session_get_staff_id (session), ==, "rec-1");
  g_assert_cmpint (mado_staff_session_get_role (session), ==, MADO_STAFF_ROLE_RECEPTION);
  g_assert_true (mado_store_staff_sign_out (store, session, &error));
  g_clear_object (&session);

  session = mado_store_staff_sign_in (store, "rec-1", "a long enough passphrasE", 300, 1000, &error);
  g_assert_null (session);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  session = mado_store_staff_sign_in (store, "nobody", password, 300, 1000, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  g_assert_true (mado_store_staff_set_password (store, "rec-1", "another long passphrase", "admin", &error));
  session = mado_store_staff_sign_in (store, "rec-1", password, 300, 1000, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  g_assert_true (mado_store_staff_disable (store, "rec-1", "admin", &error));
  session = mado_store_staff_sign_in (store, "rec-1", "another long passphrase", 300, 1000, &error);
  g_assert_null (session);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_ACCOUNT_DISABLED);
  g_clear_error (&error);
  g_assert_false (mado_store_staff_disable (store, "nobody", "admin", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  accounts = mado_store_staff_list (store, &error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_true (((MadoStaffAccount *) g_ptr_array_index (accounts, 0))->disabled);

  /* every attempt is in the audit log, in order, without the passwords */
  g_assert_true (mado_store_audit_verify (store, NULL, &error));
  g_assert_true (mado_store_audit_export (store, NULL, NULL, out, NULL, &error));
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  {
    const char *text = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    const char *expected[] = {
      "\"operator\":\"admin\",\"action\":\"account-change\"",
      "\"operator\":\"rec-1\",\"action\":\"sign-in\",\"resident\":null,\"outcome\":\"success\"",
      "\"operator\":\"rec-1\",\"action\":\"sign-out\"",
      "\"operator\":\"rec-1\",\"action\":\"sign-in\",\"resident\":null,\"outcome\":\"failure\",\"detail\":\"wrong-password\"",
      "\"operator\":\"unknown\",\"action\":\"sign-in\",\"resident\":null,\"outcome\":\"failure\",\"detail\":\"no-such-account\"",
      "\"operator\":\"admin\",\"action\":\"account-change\"",
      "\"operator\":\"rec-1\",\"action\":\"sign-in\",\"resident\":null,\"outcome\":\"failure\",\"detail\":\"wrong-password\"",
      "\"operator\":\"admin\",\"action\":\"account-change\"",
      "\"operator\":\"rec-1\",\"action\":\"sign-in\",\"resident\":null,\"outcome\":\"failure\",\"detail\":\"account-disabled\"",
    };

    g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected) + 1);
    for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_test_message ("line %zu: %s", i, lines[i]);
        g_assert_nonnull (strstr (lines[i], expected[i]));
      }
    g_assert_null (strstr (text, "passphrase"));
  }
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (f->db, &file, &file_len, NULL));
  g_assert_false (contains (file, file_len, "passphrase"));
}

static void
test_staff_idle_lock (void)
{
  const gint64 s = G_USEC_PER_SEC;
  g_autoptr(MadoStaffSession) session = mado_staff_session_new ("rec-1", MADO_STAFF_ROLE_RECEPTION, 60, 1000 * s);
  g_autoptr(MadoStaffSession) never = mado_staff_session_new ("rec-2", MADO_STAFF_ROLE_DOCTOR, 0, 0);

  g_assert_false (mado_staff_session_is_locked (session, 1000 * s));
  g_assert_false (mado_staff_session_is_locked (session, 1059 * s));
  mado_staff_session_touch (session, 1059 * s);
  g_assert_cmpint (mado_staff_session_get_last_activity (session), ==, 1059 * s);
  g_assert_false (mado_staff_session_is_locked (session, 1118 * s));
  g_assert_true (mado_staff_session_is_locked (session, 1119 * s));
  /* activity after the lock does not unlock */
  mado_staff_session_touch (session, 1120 * s);
  g_assert_true (mado_staff_session_is_locked (session, 1120 * s));
  g_assert_cmpint (mado_staff_session_get_last_activity (session), ==, 1059 * s);
  g_assert_false (mado_staff_session_is_locked (never, G_MAXINT64 / 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("migrations/fresh", test_migrations_fresh);
  ADD ("migrations/upgrade", test_migrations_upgrade);
  ADD ("migrations/too-new", test_migrations_too_new);
  ADD ("file/created-private", test_file_created_private);
  ADD ("file/existing-loose", test_file_existing_loose);
  ADD ("key/created-private", test_key_created_private);
  ADD ("key/permissions", test_key_permissions);
  ADD ("key/invalid-and-missing", test_key_invalid_and_missing);
  ADD ("key/wrong", test_key_wrong);
  ADD ("cache/round-trip", test_cache_round_trip);
  ADD ("cache/resident-key", test_cache_resident_key);
  ADD ("cache/tampered", test_cache_tampered);
  ADD ("cache/purge", test_cache_purge);
  ADD ("cache/retention-on-lookup", test_cache_retention_on_lookup);
  ADD ("corrupt/recover", test_corrupt_and_recover);
  ADD ("outbox/transitions", test_outbox_transitions);
  ADD ("outbox/deliver-loop", test_outbox_deliver_loop);
  ADD ("outbox/tampered-body", test_outbox_tampered_body);
  ADD ("audit/intact", test_audit_chain_intact);
  ADD ("audit/format", test_audit_format);
  ADD ("audit/export-range", test_audit_export_range);
  ADD ("audit/tampering", test_audit_tampering);
  ADD ("audit/appended", test_audit_appended_with_valid_hash);
  ADD ("audit/wiped", test_audit_wiped);
  ADD ("audit/head-migration", test_audit_head_migration);
  ADD ("staff/accounts", test_staff_accounts);
  ADD ("staff/hash-parameters", test_staff_hash_parameters);
#undef ADD
  g_test_add_func ("/store/staff/scrypt-known-answer", test_staff_scrypt_known_answer);
  g_test_add_func ("/store/staff/hash", test_staff_hash);
  g_test_add_func ("/store/staff/password-rules", test_staff_password_rules);
  g_test_add_func ("/store/staff/idle-lock", test_staff_idle_lock);

  return g_test_run ();
}
