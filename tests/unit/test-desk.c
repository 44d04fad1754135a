/* test-desk.c — the desk: built from a site configuration, one store for every caller
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-store-private.h"
#include "mado-test-util.h"

#define PASSWORD "a long enough passphrase"

typedef struct {
  char *dir;
  char *conf;
  char *database;
} Fixture;

/* A configuration with a hub (its TLS files need only exist here: no
 * exchange is made) and a store in @database_dir. */
static void
write_config (Fixture    *f,
              const char *database_dir)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *text = NULL;

  f->database = g_build_filename (database_dir, "cache.db", NULL);
  g_key_file_set_string (keys, "hub", "url", "https://127.0.0.1:9");
  g_key_file_set_string (keys, "hub", "ca", "hub-ca.pem");
  g_key_file_set_string (keys, "hub", "client-certificate", "desk-1.pem");
  g_key_file_set_string (keys, "hub", "client-key", "desk-1.key");
  g_key_file_set_string (keys, "site", "institution-code", "1312345678");
  g_key_file_set_string (keys, "site", "terminal-id", "desk-1");
  g_key_file_set_string (keys, "site", "identity-modes", "pin;visual");
  g_key_file_set_string (keys, "cache", "database", f->database);
  g_key_file_set_string (keys, "cache", "key-file", "cache.key");
  g_key_file_set_string (keys, "cache", "retention-days", "30");
  text = g_key_file_to_data (keys, NULL, NULL);
  mado_test_write_file (f->dir, "site.conf", text);
  f->conf = g_build_filename (f->dir, "site.conf", NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = mado_test_make_dir ("mado-desk-XXXXXX");
  mado_test_write_file (f->dir, "hub-ca.pem", "ca");
  mado_test_write_file (f->dir, "desk-1.pem", "cert");
  mado_test_write_file (f->dir, "desk-1.key", "key");
  write_config (f, f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mado_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->conf);
  g_free (f->database);
}

static MadoDesk *
load_desk (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  MadoDesk *desk = mado_desk_load (f->conf, &error);

  g_assert_no_error (error);
  g_assert_true (MADO_IS_DESK (desk));
  return desk;
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_builds_from_site_config (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(MadoDesk) desk = load_desk (f);
  g_autoptr(GError) error = NULL;
  const MadoSiteConfig *config = mado_desk_get_site_config (desk);

  g_assert_nonnull (config);
  g_assert_cmpstr (config->terminal_id, ==, "desk-1");
  g_assert_null (mado_desk_get_setup_error (desk));
  g_assert_true (MADO_IS_HUB_CLIENT (mado_desk_get_hub_client (desk)));
  g_assert_true (MADO_IS_HUB_MONITOR (mado_desk_get_hub_monitor (desk)));
  g_assert_true (MADO_IS_READER_MONITOR (mado_desk_get_reader_monitor (desk)));

  /* Nothing slow happens while building: the store waits to be opened. */
  g_assert_cmpint (mado_desk_get_store_state (desk), ==, MADO_DESK_STORE_CLOSED);
  g_assert_null (mado_desk_get_store (desk));
  g_assert_null (mado_desk_get_outbox_sender (desk));
  g_assert_false (g_file_test (f->database, G_FILE_TEST_EXISTS));

  g_assert_true (mado_desk_open_store (desk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_desk_get_store_state (desk), ==, MADO_DESK_STORE_READY);
  g_assert_true (MADO_IS_STORE (mado_desk_get_store (desk)));
  g_assert_true (g_file_test (f->database, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (mado_store_get_retention_days (mado_desk_get_store (desk)), ==, 30);
  /* Store and hub client both there: the outbox can be delivered. */
  g_assert_true (MADO_IS_OUTBOX_SENDER (mado_desk_get_outbox_sender (desk)));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_same_store_for_every_caller (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(MadoDesk) desk = load_desk (f);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GAsyncResult) meanwhile = NULL;
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(MadoStaffSession) session = NULL;
  g_autoptr(GError) error = NULL;
  MadoStore *store;
  guint state_notifications = 0;

  g_signal_connect (desk, "notify::store-state", G_CALLBACK (count_cb), &state_notifications);
  mado_desk_open_store_async (desk, NULL, async_result_cb, &opened);
  g_assert_cmpint (mado_desk_get_store_state (desk), ==, MADO_DESK_STORE_OPENING);
  /* A sign-in while the store opens waits for it instead of failing; so
   * does a second caller asking for the store meanwhile. */
  mado_desk_sign_in_async (desk, "rec-1", PASSWORD, 300, NULL, async_result_cb, &signed_in);
  mado_desk_open_store_async (desk, NULL, async_result_cb, &meanwhile);
  g_assert_true (mado_desk_open_store_finish (desk, wait_for (&opened), &error));
  g_assert_no_error (error);
  g_assert_true (mado_desk_open_store_finish (desk, wait_for (&meanwhile), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state_notifications, ==, 2);
  store = mado_desk_get_store (desk);
  g_assert_true (MADO_IS_STORE (store));
  g_assert_true (mado_desk_get_store (desk) == store);

  /* Nobody is set up yet: the waiting sign-in reached this store. */
  session = mado_desk_sign_in_finish (desk, wait_for (&signed_in), &error);
  g_assert_null (session);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUTH_FAILED);
  g_clear_error (&error);
  g_clear_object (&signed_in);

  /* An account added through the store the desk hands out signs in
   * through the desk: one store, not two connections with two caches. */
  g_assert_true (mado_store_staff_add (store, "rec-1", MADO_STAFF_ROLE_RECEPTION, PASSWORD,
                                       "system:test", &error));
  g_assert_no_error (error);
  mado_desk_sign_in_async (desk, "rec-1", PASSWORD, 300, NULL, async_result_cb, &signed_in);
  session = mado_desk_sign_in_finish (desk, wait_for (&signed_in), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mado_staff_session_get_staff_id (session), ==, "rec-1");

  /* Opening again is a no-op that keeps the same store. */
  mado_desk_open_store_async (desk, NULL, async_result_cb, &again);
  g_assert_true (mado_desk_open_store_finish (desk, wait_for (&again), &error));
  g_assert_true (mado_desk_get_store (desk) == store);
  g_assert_true (mado_desk_open_store (desk, &error));
  g_assert_true (mado_desk_get_store (desk) == store);
  g_assert_cmpuint (state_notifications, ==, 2);
}

static void
test_missing_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoDesk) desk = mado_desk_load ("/nonexistent/madoguchi/site.conf", &error);

  g_assert_null (desk);
  g_assert_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_NOT_FOUND);
  /* Staff must learn which file to install. */
  g_assert_nonnull (strstr (error->message, "/nonexistent/madoguchi/site.conf"));
}

static void
test_without_config (void)
{
  g_autoptr(GError) why = g_error_new_literal (MADO_SITE_CONFIG_ERROR,
                                               MADO_SITE_CONFIG_ERROR_NOT_FOUND, "no site.conf");
  g_autoptr(MadoDesk) desk = mado_desk_new (NULL, why);
  g_autoptr(GAsyncResult) signed_in = NULL;
  g_autoptr(MadoStaffSession) session = NULL;
  g_autoptr(GError) error = NULL;

  /* The readers are still watched, and staff are told what is missing. */
  g_assert_true (MADO_IS_READER_MONITOR (mado_desk_get_reader_monitor (desk)));
  g_assert_null (mado_desk_get_site_config (desk));
  g_assert_null (mado_desk_get_hub_client (desk));
  g_assert_error (mado_desk_get_setup_error (desk), MADO_SITE_CONFIG_ERROR,
                  MADO_SITE_CONFIG_ERROR_NOT_FOUND);
  g_assert_cmpint (mado_desk_get_store_state (desk), ==, MADO_DESK_STORE_NOT_CONFIGURED);
  g_assert_false (mado_desk_open_store (desk, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  mado_desk_sign_in_async (desk, "rec-1", PASSWORD, 300, NULL, async_result_cb, &signed_in);
  session = mado_desk_sign_in_finish (desk, wait_for (&signed_in), &error);
  g_assert_null (session);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no site.conf"));
}

static void
test_store_failure_is_a_setup_error (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(MadoDesk) desk = load_desk (f);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GError) error = NULL;
  guint notifications = 0;

  /* A database whose key file is gone: the store must not open. */
  mado_test_write_file (f->dir, "cache.db", "not a database, not at all, nowhere near one");
  g_signal_connect (desk, "notify::setup-error", G_CALLBACK (count_cb), &notifications);
  mado_desk_open_store_async (desk, NULL, async_result_cb, &opened);
  g_assert_false (mado_desk_open_store_finish (desk, wait_for (&opened), &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_MISSING);
  g_assert_cmpint (mado_desk_get_store_state (desk), ==, MADO_DESK_STORE_FAILED);
  g_assert_null (mado_desk_get_store (desk));
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_error (mado_desk_get_setup_error (desk), MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_MISSING);
}

/* The first page of @table in the open store, and the page size. */
static gint64
page_of (MadoStore  *store,
         const char *table,
         gint64     *page_size)
{
  sqlite3 *db = mado_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gint64 page;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
                                       " FROM sqlite_master WHERE name = ?", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  *page_size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  return page;
}

/* Overwrites one page with a pattern: the header and everything opening
 * the store reads stay intact, only PRAGMA quick_check finds the damage. */
static void
damage_page (const char *database,
             gint64      page,
             gint64      page_size)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (database, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, page * page_size);
  memset (contents + (page - 1) * page_size, 0x5a, page_size);
  g_assert_true (g_file_set_contents_full (database, contents, length,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
}

/* The running desk's start returns before the store is checked (the app
 * draws its idle page meanwhile), and a damaged file still reaches the desk
 * as the store's corrupt error, left as it was for "store recover". */
static void
test_start_checks_off_the_main_thread (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(MadoDesk) desk = load_desk (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *after = NULL;
  gsize damaged_len = 0, after_len = 0;
  gint64 page, page_size;

  g_assert_true (mado_desk_open_store (desk, &error));
  g_assert_no_error (error);
  /* The cache of resident bundles: opening reads nothing of it. */
  page = page_of (mado_desk_get_store (desk), "cache", &page_size);
  g_clear_object (&desk);
  damage_page (f->database, page, page_size);
  g_assert_true (g_file_get_contents (f->database, &damaged, &damaged_len, NULL));

  desk = load_desk (f);
  mado_desk_start (desk);
  g_assert_cmpint (mado_desk_get_store_state (desk), ==, MADO_DESK_STORE_OPENING);
  g_assert_null (mado_desk_get_setup_error (desk));
  while (mado_desk_get_store_state (desk) == MADO_DESK_STORE_OPENING)
    g_main_context_iteration (NULL, TRUE);
  mado_desk_stop (desk);

  g_assert_cmpint (mado_desk_get_store_state (desk), ==, MADO_DESK_STORE_FAILED);
  g_assert_null (mado_desk_get_store (desk));
  g_assert_error (mado_desk_get_setup_error (desk), MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT);
  g_assert_cmpstr (mado_error_name (mado_desk_get_setup_error (desk)), ==, "corrupt");
  /* Nothing lost: the file is as it was, for the administrator to recover. */
  g_assert_true (g_file_get_contents (f->database, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, damaged, damaged_len);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/desk/builds-from-site-config", Fixture, NULL,
              fixture_set_up, test_builds_from_site_config, fixture_tear_down);
  g_test_add ("/core/desk/same-store", Fixture, NULL,
              fixture_set_up, test_same_store_for_every_caller, fixture_tear_down);
  g_test_add_func ("/core/desk/missing-config", test_missing_config);
  g_test_add_func ("/core/desk/without-config", test_without_config);
  g_test_add ("/core/desk/store-failure", Fixture, NULL,
              fixture_set_up, test_store_failure_is_a_setup_error, fixture_tear_down);
  g_test_add ("/core/desk/start-checks-off-the-main-thread", Fixture, NULL,
              fixture_set_up, test_start_checks_off_the_main_thread, fixture_tear_down);

  return g_test_run ();
}
