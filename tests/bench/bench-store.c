/* bench-store.c — offline store figures: cache lookup at scale, bytes per resident, outbox rate
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-store [RESIDENTS=100000] [LOOKUPS=20000] [DIR]
 *
 * Fills a fresh store with RESIDENTS realistic bundles (about 1 KB of JSON
 * each) and prints: the time to fill it, the median and 99th percentile of
 * a cache lookup with decryption, bytes of database per cached resident,
 * the time to open the full store (the quick check included), and the
 * outbox enqueue rate with synchronous=FULL.
 *
 * The fill runs with synchronous=OFF (set through the private header):
 * one fsync per put would turn 100,000 puts into minutes of waiting on the
 * disk and measure the disk, not the store. The rate with the real
 * setting is measured separately on the first 1,000 puts and printed.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "madoguchi-core.h"
#include "mado-store-private.h"

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static GBytes *
realistic_bundle (guint n)
{
  char *text = g_strdup_printf (
    "{\"basicFiveInfo\":{\"name\":\"山田 花子%u\",\"nameKana\":\"ヤマダ ハナコ\","
    "\"birthDate\":\"2024-04-01\",\"sex\":\"2\",\"address\":\"東京都千代田区霞が関一丁目%u番\"},"
    "\"subsidies\":[{\"medicalSubsidyInsurerNumber\":\"88136011\","
    "\"medicalSubsidyRecipientNumber\":\"%07u\",\"certificationName\":\"乳幼児医療費助成\","
    "\"validFrom\":\"2026-04-01\",\"validTo\":\"2027-03-31\",\"incomeSegment\":\"1\","
    "\"isAlwaysReimbursement\":\"0\",\"additionalConditions\":\"\"}],"
    "\"vaccinations\":[{\"vaccineCode\":\"2019001\",\"occurrenceDate\":\"2024-06-01\",\"doseNumber\":1,\"lotNumber\":\"AB1234\"},"
    "{\"vaccineCode\":\"2019001\",\"occurrenceDate\":\"2024-07-01\",\"doseNumber\":2,\"lotNumber\":\"AB1299\"},"
    "{\"vaccineCode\":\"2029002\",\"occurrenceDate\":\"2024-08-01\",\"doseNumber\":1,\"lotNumber\":\"CD5678\"},"
    "{\"vaccineCode\":\"2039003\",\"occurrenceDate\":\"2025-04-02\",\"doseNumber\":1,\"lotNumber\":\"EF9012\"}],"
    "\"questionnaire\":{\"bodyTemperature\":\"36.8\",\"unwellToday\":false,\"illnessLastMonth\":false,"
    "\"convulsions\":false,\"allergy\":false,\"pastReaction\":false,\"transfusion\":false,"
    "\"explanationRead\":true,\"questions\":\"\"}}", n, n % 30, n);

  return g_bytes_new_take (text, strlen (text));
}

static char *
resident_key (MadoStore *store,
              guint      n)
{
  g_autofree char *serial = g_strdup_printf ("%016X", 0x1000000u + n);

  return mado_store_resident_key (store, "C=JP, O=JPKI, OU=JPKI for user authentication", serial);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static const guint8 fingerprint[32] = { 0x42 };

static void
put_or_die (MadoStore *store,
            guint      n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = resident_key (store, n);
  g_autoptr(GBytes) bundle = realistic_bundle (n);

  if (!mado_store_cache_put (store, key, fingerprint, "\"7\"", bundle, g_get_real_time (), &error))
    g_error ("put %u: %s", n, error->message);
}

int
main (int argc, char **argv)
{
  guint residents = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint lookups = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 20000;
  g_autofree char *dir = argc > 3 ? g_strdup (argv[3]) : g_dir_make_tmp ("mado-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *key = g_build_filename (dir, "bench.key", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), lookups);
  guint full_sample = MIN (residents, 1000);
  gint64 t0, t1;
  GRand *rand = g_rand_new_with_seed (42);

  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (key);
  store = mado_store_open (db, key, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  /* puts with the real setting (synchronous=FULL) */
  t0 = now_ns ();
  for (guint n = 0; n < full_sample; n++)
    put_or_die (store, n);
  t1 = now_ns ();
  printf ("cache put, synchronous=FULL: %.0f puts/s (%.0f µs each, %u puts)\n",
          full_sample / ((t1 - t0) / 1e9), (t1 - t0) / 1e3 / full_sample, full_sample);

  /* the rest with synchronous=OFF, to reach the size quickly */
  sqlite3_exec (mado_store_get_db (store), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
  t0 = now_ns ();
  for (guint n = full_sample; n < residents; n++)
    put_or_die (store, n);
  t1 = now_ns ();
  printf ("filled %u residents in %.1f s (%u with synchronous=OFF)\n", residents,
          (t1 - t0) / 1e9, residents - full_sample);
  sqlite3_exec (mado_store_get_db (store), "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  g_clear_object (&store);

  {
    g_autoptr(GBytes) sample = realistic_bundle (residents / 2);

    printf ("database: %.1f MB, %.0f bytes per cached resident (bundle %zu bytes of JSON)\n",
            file_size (db) / 1e6, (double) file_size (db) / residents, g_bytes_get_size (sample));
  }

  t0 = now_ns ();
  store = mado_store_open (db, key, &error);
  t1 = now_ns ();
  if (store == NULL)
    g_error ("%s", error->message);
  printf ("open with quick_check at %u residents: %.0f ms\n", residents, (t1 - t0) / 1e6);

  for (guint i = 0; i < lookups; i++)
    {
      g_autofree char *rk = resident_key (store, (guint) g_rand_int_range (rand, 0, (gint32) residents));
      g_autoptr(MadoCacheEntry) entry = NULL;
      gint64 start = now_ns (), elapsed;

      entry = mado_store_cache_lookup (store, rk, fingerprint, &error);
      elapsed = now_ns () - start;
      if (entry == NULL)
        g_error ("lookup: %s", error->message);
      g_array_append_val (times, elapsed);
    }
  g_array_sort (times, compare_gint64);
  printf ("cache lookup + decryption at %u residents (%u lookups): median %.1f µs, p99 %.1f µs\n",
          residents, lookups, g_array_index (times, gint64, lookups / 2) / 1e3,
          g_array_index (times, gint64, (gsize) (lookups * 0.99)) / 1e3);

  {
    guint count = 2000;
    g_autoptr(GBytes) body = realistic_bundle (1);

    t0 = now_ns ();
    for (guint i = 0; i < count; i++)
      {
        g_autofree char *k = mado_store_outbox_enqueue (store, "vaccination-record", body, &error);

        if (k == NULL)
          g_error ("enqueue: %s", error->message);
      }
    t1 = now_ns ();
    printf ("outbox enqueue, synchronous=FULL: %.0f records/s (%.0f µs each, %u records)\n",
            count / ((t1 - t0) / 1e9), (t1 - t0) / 1e3 / count, count);
  }

  g_clear_object (&store);
  g_rand_free (rand);
  if (argc <= 3)
    {
      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (key);
      g_rmdir (dir);
    }
  return 0;
}
