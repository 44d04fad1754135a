/* test-store-plaintext.c — no personal data in the store's files in clear
 *
 * Stores realistic resident bundles (names, kana, dates of birth, subsidy
 * numbers) in the cache and the outbox, writes audit entries about them,
 * then scans the database and its WAL, byte by byte, for each of those
 * values and for the certificate serials.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-util.h"

typedef struct {
  const char *serial;
  const char *name;
  const char *family;
  const char *given;
  const char *kana;
  const char *birth;
  const char *birth_compact;
  const char *insurer;
  const char *recipient;
} Resident;

static const Resident residents[] = {
  { "0A1B2C3D4E5F6071", "山田 花子", "山田", "花子", "ヤマダ ハナコ", "2024-04-01", "20240401", "88136011", "9182736" },
  { "7F6E5D4C3B2A1908", "佐藤 一郎", "佐藤", "一郎", "サトウ イチロウ", "1957-11-03", "19571103", "54016027", "3141592" },
  { "1122334455667788", "Maria Suzuki", "Suzuki", "Maria", "スズキ マリア", "1990-02-28", "19900228", "81136244", "2718281" },
};

static char *
bundle_for (const Resident *r)
{
  return g_strdup_printf (
    "{\"basicFiveInfo\":{\"name\":\"%s\",\"nameKana\":\"%s\",\"birthDate\":\"%s\","
    "\"sex\":\"2\",\"address\":\"東京都千代田区霞が関一丁目\"},"
    "\"subsidies\":[{\"medicalSubsidyInsurerNumber\":\"%s\","
    "\"medicalSubsidyRecipientNumber\":\"%s\",\"certificationName\":\"乳幼児医療証\","
    "\"validFrom\":\"2026-04-01\",\"validTo\":\"2027-03-31\"}],"
    "\"questionnaire\":{\"bodyTemperature\":\"36.8\",\"guardian\":\"%s\"}}",
    r->name, r->kana, r->birth, r->insurer, r->recipient, r->name);
}

static void
scan_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return;
  g_test_message ("scanning %s (%zu bytes)", path, length);
  g_assert_cmpuint (length, >, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (residents); i++)
    {
      const Resident *r = &residents[i];
      const char *needles[] = { r->serial, r->name, r->family, r->given, r->kana, r->birth,
                                r->birth_compact, r->insurer, r->recipient, "basicFiveInfo",
                                "霞が関" };

      for (gsize j = 0; j < G_N_ELEMENTS (needles); j++)
        if (mado_test_contains (data, length, needles[j]))
          g_error ("%s contains “%s” in clear", path, needles[j]);
    }
}

static void
scan_all (const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);

  scan_file (db);
  scan_file (wal);
}

static void
test_no_plaintext (void)
{
  g_autofree char *dir = mado_test_make_dir ("mado-plain-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "cache.db", NULL);
  g_autofree char *key = g_build_filename (dir, "cache.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = mado_store_open (db, key, &error);
  static const guint8 fingerprint[32] = { 9, 9, 9 };
  g_autofree char *db_data = NULL;
  gsize db_len;

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (residents); i++)
    {
      g_autofree char *json = bundle_for (&residents[i]);
      g_autoptr(GBytes) bundle = g_bytes_new (json, strlen (json));
      g_autofree char *rk = mado_store_resident_key (store, "C=JP, O=JPKI, OU=JPKI for user authentication",
                                                     residents[i].serial);
      g_autofree char *idempotency_key = NULL;
      g_autoptr(MadoCacheEntry) entry = NULL;

      g_assert_true (mado_store_cache_put (store, rk, fingerprint, "\"3\"", bundle,
                                           g_get_real_time (), &error));
      g_assert_no_error (error);
      idempotency_key = mado_store_outbox_enqueue (store, "questionnaire", bundle, &error);
      g_assert_no_error (error);
      mado_store_audit_append (store, "reception-1", MADO_AUDIT_VIEW, rk, MADO_AUDIT_SUCCESS, NULL, &error);
      g_assert_no_error (error);
      /* the data is really there, just not in clear */
      entry = mado_store_cache_lookup (store, rk, fingerprint, &error);
      g_assert_no_error (error);
      g_assert_true (mado_test_contains (g_bytes_get_data (entry->bundle, NULL),
                                         g_bytes_get_size (entry->bundle), residents[i].name));
    }

  scan_all (db);            /* while open: the rows are in the WAL */
  g_clear_object (&store);  /* closing checkpoints them into the database */
  scan_all (db);
  g_assert_true (g_file_get_contents (db, &db_data, &db_len, NULL));
  g_assert_cmpuint (db_len, >, 8192);   /* the scan saw a real database */

  mado_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/plaintext/scan", test_no_plaintext);
  return g_test_run ();
}
