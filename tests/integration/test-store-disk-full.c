/* test-store-disk-full.c — a full disk: a named error, nothing lost, recovery
 *
 * Runs on a small tmpfs that test-store-disk-full.sh mounts in a private
 * mount namespace (MADO_STORE_TMPFS names it). A ballast file takes part of
 * the space; the store is filled until it reports DISK_FULL; everything
 * acknowledged before is still there; once the ballast is removed, every
 * kind of write succeeds again.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "madoguchi-core.h"

static const guint8 fingerprint[32] = { 7 };

static GBytes *
bundle (guint n)
{
  g_autofree char *filler = g_strnfill (3000, 'x');
  char *text = g_strdup_printf ("{\"n\":%u,\"filler\":\"%s\"}", n, filler);

  return g_bytes_new_take (text, strlen (text));
}

static char *
resident (guint n)
{
  return g_strdup_printf ("%064u", n);
}

static void
assert_all_there (MadoStore *store,
                  guint      stored,
                  GPtrArray *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  MadoAuditVerdict verdict;

  for (guint n = 0; n < stored; n++)
    {
      g_autofree char *rk = resident (n);
      g_autoptr(GBytes) expected = bundle (n);
      g_autoptr(MadoCacheEntry) entry = mado_store_cache_lookup (store, rk, fingerprint, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (entry->bundle, expected));
    }
  records = mado_store_outbox_list (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, keys->len);
  for (guint i = 0; i < keys->len; i++)
    g_assert_cmpstr (((MadoOutboxRecord *) g_ptr_array_index (records, i))->idempotency_key, ==,
                     g_ptr_array_index (keys, i));
  g_assert_true (mado_store_audit_verify (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_true (mado_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

static void
test_disk_full (void)
{
  const char *dir = g_getenv ("MADO_STORE_TMPFS");
  g_autofree char *db = NULL;
  g_autofree char *key = NULL;
  g_autofree char *ballast = NULL;
  g_autofree char *ballast_data = g_malloc0 (512 * 1024);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  guint stored = 0;

  if (dir == NULL)
    {
      g_test_skip ("MADO_STORE_TMPFS is not set: run through test-store-disk-full.sh");
      return;
    }
  db = g_build_filename (dir, "cache.db", NULL);
  key = g_build_filename (dir, "cache.key", NULL);
  ballast = g_build_filename (dir, "ballast", NULL);
  store = mado_store_open (db, key, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (ballast, ballast_data, 512 * 1024, &error));

  /* fill until the disk is full */
  for (;;)
    {
      g_autofree char *rk = resident (stored);
      g_autoptr(GBytes) b = bundle (stored);
      char *idempotency_key;

      if (!mado_store_cache_put (store, rk, fingerprint, NULL, b, g_get_real_time (), &error))
        break;
      idempotency_key = mado_store_outbox_enqueue (store, "questionnaire", b, &error);
      if (idempotency_key == NULL)
        break;
      g_ptr_array_add (keys, idempotency_key);
      if (mado_store_audit_append (store, "doctor-1", MADO_AUDIT_RECORD_WRITTEN, rk,
                                   MADO_AUDIT_SUCCESS, NULL, &error) == 0)
        break;
      stored++;
      g_assert_cmpuint (stored, <, 100000);
    }
  g_test_message ("disk full after %u residents: %s", stored, error->message);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "Free some disk space"));
  g_assert_cmpuint (stored, >, 10);
  g_clear_error (&error);

  /* A put of the resident that failed may or may not have landed (the
   * failure may have come at the outbox or audit step); count only what
   * was acknowledged in full. */
  assert_all_there (store, stored, keys);

  /* every kind of write keeps failing by name, and loses nothing */
  {
    g_autoptr(GBytes) big = bundle (999999);
    g_autofree char *rk = resident (999999);

    for (int i = 0; i < 3; i++)
      {
        if (mado_store_cache_put (store, rk, fingerprint, NULL, big, 0, &error))
          continue;
        g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_DISK_FULL);
        g_clear_error (&error);
      }
  }
  assert_all_there (store, stored, keys);

  /* space returns */
  g_assert_cmpint (g_unlink (ballast), ==, 0);
  for (guint n = stored; n < stored + 5; n++)
    {
      g_autofree char *rk = resident (n);
      g_autoptr(GBytes) b = bundle (n);
      char *idempotency_key;

      g_assert_true (mado_store_cache_put (store, rk, fingerprint, NULL, b, g_get_real_time (), &error));
      g_assert_no_error (error);
      idempotency_key = mado_store_outbox_enqueue (store, "questionnaire", b, &error);
      g_assert_no_error (error);
      g_ptr_array_add (keys, idempotency_key);
      g_assert_cmpint (mado_store_audit_append (store, "doctor-1", MADO_AUDIT_RECORD_WRITTEN, rk,
                                                MADO_AUDIT_SUCCESS, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  stored += 5;
  g_clear_object (&store);
  store = mado_store_open (db, key, &error);
  g_assert_no_error (error);
  assert_all_there (store, stored, keys);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/disk-full", test_disk_full);
  return g_test_run ();
}
