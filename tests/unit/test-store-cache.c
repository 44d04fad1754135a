/* test-store-cache.c — the cache of resident bundles: sealing, tampering, retention, purge (mado-store-cache.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-store.h"

static void
test_cache_round_trip (MadoTestStore *f,
                       gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(GBytes) proof = g_bytes_new_static ("signature", 9);
  const char *json = "{\"basicFiveInfo\":{\"name\":\"山田 花子\"}}";

  mado_test_store_put (store, "r1", json, MADO_TEST_T0);
  entry = mado_store_cache_lookup (store, "r1", mado_test_fingerprint_a, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (entry->bundle, NULL), g_bytes_get_size (entry->bundle),
                   json, strlen (json));
  g_assert_cmpstr (entry->etag, ==, "\"v1\"");
  g_assert_cmpmem (entry->fingerprint, 32, mado_test_fingerprint_a, 32);
  g_assert_cmpint (entry->confirmation, ==, MADO_CACHE_CONFIRMED_HUB);
  g_assert_cmpint (entry->fetched_at, ==, MADO_TEST_T0);
  g_assert_null (entry->proof);
  g_clear_pointer (&entry, mado_cache_entry_free);

  /* an offline confirmation keeps the bundle and its fetch time */
  g_assert_true (mado_store_cache_confirm_local (store, "r1", mado_test_fingerprint_a, proof,
                                                 MADO_TEST_T0 + MADO_TEST_DAY_US, &error));
  g_assert_no_error (error);
  entry = mado_store_cache_lookup (store, "r1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (entry->confirmation, ==, MADO_CACHE_CONFIRMED_LOCAL_PROOF);
  g_assert_cmpint (entry->confirmed_at, ==, MADO_TEST_T0 + MADO_TEST_DAY_US);
  g_assert_cmpint (entry->fetched_at, ==, MADO_TEST_T0);
  g_assert_cmpmem (g_bytes_get_data (entry->proof, NULL), g_bytes_get_size (entry->proof),
                   "signature", 9);
  g_assert_cmpmem (g_bytes_get_data (entry->bundle, NULL), g_bytes_get_size (entry->bundle),
                   json, strlen (json));
  g_clear_pointer (&entry, mado_cache_entry_free);

  /* a certificate with the same issuer and serial but another fingerprint */
  entry = mado_store_cache_lookup (store, "r1", mado_test_fingerprint_b, &error);
  g_assert_null (entry);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  entry = mado_store_cache_lookup (store, "nobody", NULL, &error);
  g_assert_null (entry);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
}

static void
test_cache_tampered (MadoTestStore *f,
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
      g_autoptr(MadoStore) store = mado_test_store_open (f);
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoCacheEntry) entry = NULL;

      g_test_message ("%s", cases[i].what);
      mado_test_store_put (store, "r1", "{\"name\":\"one\"}", MADO_TEST_T0);
      mado_test_store_put (store, "r2", "{\"name\":\"two\"}", MADO_TEST_T0);
      g_clear_object (&store);
      mado_test_store_exec (f, cases[i].sql);
      store = mado_test_store_open (f);
      entry = mado_store_cache_lookup (store, cases[i].victim, NULL, &error);
      g_assert_null (entry);
      g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_TAMPERED);
      mado_test_store_exec (f, "DELETE FROM cache");
    }
}

static void
test_cache_retention_on_lookup (MadoTestStore *f,
                                gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(GBytes) proof = g_bytes_new_static ("sig", 3);

  mado_test_store_put (store, "old", "{}", MADO_TEST_T0 - 31 * MADO_TEST_DAY_US);
  mado_test_store_put (store, "edge", "{}", MADO_TEST_T0 - 30 * MADO_TEST_DAY_US);
  mado_test_store_put (store, "new", "{}", MADO_TEST_T0 - 1 * MADO_TEST_DAY_US);

  /* no retention set: kept forever */
  g_assert_cmpuint (mado_store_get_retention_days (store), ==, 0);
  entry = mado_store_cache_lookup (store, "old", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entry, mado_cache_entry_free);

  mado_store_set_retention_days (store, 30);
  g_assert_cmpuint (mado_store_get_retention_days (store), ==, 30);
  entry = mado_store_cache_lookup (store, "old", mado_test_fingerprint_a, &error);
  g_assert_null (entry);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "retention"));
  g_clear_error (&error);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM cache WHERE resident_key = 'old'"), ==, 0);

  entry = mado_store_cache_lookup (store, "edge", mado_test_fingerprint_a, &error);   /* exactly 30 days */
  g_assert_no_error (error);
  g_assert_cmpint (entry->fetched_at, ==, MADO_TEST_T0 - 30 * MADO_TEST_DAY_US);
  g_clear_pointer (&entry, mado_cache_entry_free);

  /* a local confirmation does not extend it: retention counts from the hub */
  g_assert_true (mado_store_cache_confirm_local (store, "edge", mado_test_fingerprint_a, proof, MADO_TEST_T0, &error));
  g_assert_no_error (error);
  f->now = MADO_TEST_T0 + 1;
  g_assert_false (mado_store_cache_confirm_local (store, "edge", mado_test_fingerprint_a, proof, f->now, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM cache"), ==, 1);

  entry = mado_store_cache_lookup (store, "new", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entry, mado_cache_entry_free);

  /* back to keeping forever */
  mado_store_set_retention_days (store, 0);
  f->now = MADO_TEST_T0 + 400 * MADO_TEST_DAY_US;
  entry = mado_store_cache_lookup (store, "new", NULL, &error);
  g_assert_no_error (error);
}

static void
test_cache_purge (MadoTestStore *f,
                  gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoCacheEntry) entry = NULL;
  MadoCacheStats stats;

  mado_test_store_put (store, "old", "{}", MADO_TEST_T0 - 91 * MADO_TEST_DAY_US);
  mado_test_store_put (store, "edge", "{}", MADO_TEST_T0 - 90 * MADO_TEST_DAY_US);
  mado_test_store_put (store, "new", "{}", MADO_TEST_T0 - 89 * MADO_TEST_DAY_US);
  g_assert_true (mado_store_cache_stats (store, &stats, &error));
  g_assert_cmpint (stats.entries, ==, 3);
  g_assert_cmpint (stats.oldest_fetched_at, ==, MADO_TEST_T0 - 91 * MADO_TEST_DAY_US);

  g_assert_cmpint (mado_store_cache_purge (store, MADO_TEST_T0, 90, &error), ==, 1);
  g_assert_no_error (error);
  entry = mado_store_cache_lookup (store, "old", NULL, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  entry = mado_store_cache_lookup (store, "edge", NULL, &error);   /* exactly 90 days: kept */
  g_assert_no_error (error);
  g_clear_pointer (&entry, mado_cache_entry_free);

  g_assert_cmpint (mado_store_cache_purge (store, MADO_TEST_T0 + 2 * MADO_TEST_DAY_US, 90, &error), ==, 2);
  g_assert_true (mado_store_cache_stats (store, &stats, &error));
  g_assert_cmpint (stats.entries, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  MADO_TEST_STORE_ADD ("cache/round-trip", test_cache_round_trip);
  MADO_TEST_STORE_ADD ("cache/tampered", test_cache_tampered);
  MADO_TEST_STORE_ADD ("cache/purge", test_cache_purge);
  MADO_TEST_STORE_ADD ("cache/retention-on-lookup", test_cache_retention_on_lookup);

  return g_test_run ();
}
