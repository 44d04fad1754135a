/* test-diagnostics.c — the support report: what it says, and what it must never say
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-util.h"

#define ATR "3BE000FF8131FE4514"

typedef struct {
  char           *dir;
  MadoSiteConfig *config;
  MadoStore      *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *conf = NULL;

  f->dir = g_dir_make_tmp ("mado-diagnostics-XXXXXX", &error);
  g_assert_no_error (error);
  /* The configuration checks that the files it names exist; their
   * content is not read here. */
  mado_test_write_file (f->dir, "hub-ca.pem", "x");
  mado_test_write_file (f->dir, "desk-1.pem", "x");
  mado_test_write_file (f->dir, "desk-1.key", "SECRET-PRIVATE-KEY");
  mado_test_write_file (f->dir, "anchors.pem", "x");
  text = g_strdup_printf ("[hub]\nurl=https://hub.example:8443\nca=hub-ca.pem\n"
                          "client-certificate=desk-1.pem\nclient-key=desk-1.key\n"
                          "[site]\ninstitution-code=1312345678\nterminal-id=desk-7\n"
                          "identity-modes=pin;visual\n"
                          "[card]\ntrust-anchors=anchors.pem\n"
                          "[cache]\ndatabase=%s/cache.db\nkey-file=%s/cache.key\n"
                          "retention-days=30\n", f->dir, f->dir);
  conf = g_build_filename (f->dir, "site.conf", NULL);
  f->config = mado_site_config_load_data (text, conf, &error);
  g_assert_no_error (error);
  f->store = mado_store_open (f->config->cache_database, f->config->cache_key_file, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *names[] = { "hub-ca.pem", "desk-1.pem", "desk-1.key", "anchors.pem",
                          "cache.db", "cache.db-wal", "cache.db-shm", "cache.key" };

  g_clear_object (&f->store);
  g_clear_pointer (&f->config, mado_site_config_free);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);

      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
}

static char *
enqueue (MadoStore *store)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"name\":\"山田 陽翔\"}", strlen ("{\"name\":\"山田 陽翔\"}"));
  g_autoptr(GError) error = NULL;
  char *key = mado_store_outbox_enqueue (store, "vaccination-record", body, &error);

  g_assert_no_error (error);
  return key;
}

static void
assert_contains (const char *report,
                 const char *line)
{
  if (strstr (report, line) == NULL)
    g_error ("the report lacks “%s”:\n%s", line, report);
}

static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  const char *extra[] = { "GTK", "4.8.3", "libadwaita", "1.2.2", NULL };
  g_autoptr(GPtrArray) readers = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_reader_info_free);
  g_autoptr(MadoHubMonitor) hub = mado_hub_monitor_new ();
  g_autoptr(GDateTime) since = g_date_time_new_utc (2026, 11, 21, 0, 5, 0);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 21, 1, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *key1 = enqueue (f->store);
  g_autofree char *key2 = enqueue (f->store);
  g_autofree char *key3 G_GNUC_UNUSED = enqueue (f->store);
  g_autofree char *key4 G_GNUC_UNUSED = enqueue (f->store);
  g_autofree char *key_text = NULL;
  g_autofree char *report = NULL;
  MadoDiagnosticsInput input = { 0 };

  g_assert_true (mado_store_outbox_mark_delivered (f->store, key1, 1, &error));
  g_assert_no_error (error);
  g_assert_true (mado_store_outbox_mark_failed (f->store, key2, TRUE, "bad", 1, &error));
  g_assert_no_error (error);
  g_ptr_array_add (readers, mado_reader_info_new ("Reader A 00 00", MADO_READER_STATE_CARD_PRESENT, ATR, 4));
  g_ptr_array_add (readers, mado_reader_info_new ("Reader B 00 01", MADO_READER_STATE_READER_EMPTY, NULL, 0));
  mado_hub_monitor_report_offline (hub, since);

  input.program = "madoguchi";
  input.extra_versions = extra;
  input.site_config = f->config;
  input.readers = readers;
  input.hub_monitor = hub;
  input.store = f->store;
  input.now = now;
  report = mado_diagnostics_report (&input);

  assert_contains (report, "Madoguchi diagnostics report, 2026-11-21T01:00:00Z\n");
  assert_contains (report, "  madoguchi              " PACKAGE_VERSION "\n");
  assert_contains (report, "  GTK                    4.8.3\n");
  assert_contains (report, "  libadwaita             1.2.2\n");
  assert_contains (report, "  SQLite                 " SQLITE_VERSION "\n");
  assert_contains (report, "  OpenSSL                OpenSSL 3.");
  assert_contains (report, "  libcurl                ");
  assert_contains (report, "  pcsc-lite (built)      1.9.9\n");
  assert_contains (report, "  Reader A 00 00\n    state card-present, ATR " ATR ", events 4\n");
  assert_contains (report, "  Reader B 00 01\n    state reader-empty, ATR -, events 0\n");
  assert_contains (report, "  URL                    https://hub.example:8443\n");
  assert_contains (report, "  State                  offline\n");
  assert_contains (report, "  Offline since          2026-11-21T00:05:00Z\n");
  assert_contains (report, "  Institution code       1312345678\n");
  assert_contains (report, "  Terminal ID            desk-7\n");
  assert_contains (report, "  Identity modes         pin;visual\n");
  assert_contains (report, "  Reader                 automatic\n");
  assert_contains (report, "  Cache retention        30 days\n");
  assert_contains (report, "  pending                2\n");
  assert_contains (report, "  delivered              1\n");
  assert_contains (report, "  rejected               1\n");

  /* No secrets, no personal data: neither the client key, nor the store's
   * key file, nor an outbox body. */
  g_assert_null (strstr (report, "SECRET-PRIVATE-KEY"));
  g_assert_null (strstr (report, "desk-1.key"));
  g_assert_true (g_file_get_contents (f->config->cache_key_file, &key_text, NULL, NULL));
  g_assert_null (strstr (report, g_strstrip (key_text) + strlen ("madoguchi-store-key-v1")));
  g_assert_null (strstr (report, "山田"));
  g_assert_true (g_str_has_suffix (report, "\n"));
}

static void
test_nothing (void)
{
  g_autoptr(GError) setup_error = g_error_new_literal (MADO_SITE_CONFIG_ERROR,
                                                       MADO_SITE_CONFIG_ERROR_NOT_FOUND,
                                                       "No site configuration at /etc/x.conf");
  g_autofree char *report = NULL;
  MadoDiagnosticsInput input = { 0 };

  input.site_config_path = "/etc/x.conf";
  input.setup_error = setup_error;
  report = mado_diagnostics_report (&input);

  assert_contains (report, "  Madoguchi              " PACKAGE_VERSION "\n");
  assert_contains (report, "Card readers\n  (no reader)\n");
  assert_contains (report, "  URL                    (none)\n");
  assert_contains (report, "  State                  unknown\n");
  assert_contains (report, "  Site configuration     /etc/x.conf\n");
  assert_contains (report, "  Setup problem          No site configuration at /etc/x.conf\n");
  assert_contains (report, "Outbox\n  (no store)\n");
  g_assert_null (strstr (report, "Institution code"));
  g_assert_null (strstr (report, "GTK"));
}

static void
test_no_hub (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config =
    mado_site_config_load_data ("[site]\ninstitution-code=1312345678\nterminal-id=desk-1\n",
                                "/nonexistent/site.conf", &error);
  g_autofree char *report = NULL;
  MadoDiagnosticsInput input = { 0 };

  g_assert_no_error (error);
  input.site_config = config;
  report = mado_diagnostics_report (&input);
  assert_contains (report, "  State                  not-configured\n");
  assert_contains (report, "  Identity modes         pin\n");
  assert_contains (report, "  Site configuration     /nonexistent/site.conf\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/diagnostics/full", Fixture, NULL, fixture_set_up, test_full, fixture_tear_down);
  g_test_add_func ("/diagnostics/nothing", test_nothing);
  g_test_add_func ("/diagnostics/no-hub", test_no_hub);
  return g_test_run ();
}
