/* test-site-config.c — the site configuration: every key checked, errors naming key and file
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "madoguchi-core.h"
#include "mado-test-util.h"

typedef struct {
  char *dir;
  char *conf;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = mado_test_make_dir ("mado-site-XXXXXX");
  mado_test_write_file (f->dir, "hub-ca.pem", "ca");
  mado_test_write_file (f->dir, "desk-1.pem", "cert");
  mado_test_write_file (f->dir, "desk-1.key", "key");
  mado_test_write_file (f->dir, "anchors.pem", "anchors");
  f->conf = g_build_filename (f->dir, "site.conf", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  mado_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->conf);
}

/* A good configuration with relative paths; @group/@key replaced by @value
 * (NULL removes the key). */
static char *
config_text (const char *group,
             const char *key,
             const char *value)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();

  g_key_file_set_string (keys, "hub", "url", "https://127.0.0.1:8443");
  g_key_file_set_string (keys, "hub", "ca", "hub-ca.pem");
  g_key_file_set_string (keys, "hub", "client-certificate", "desk-1.pem");
  g_key_file_set_string (keys, "hub", "client-key", "desk-1.key");
  g_key_file_set_string (keys, "hub", "connect-timeout-seconds", "5");
  g_key_file_set_string (keys, "hub", "total-timeout-seconds", "20");
  g_key_file_set_string (keys, "site", "institution-code", "1312345678");
  g_key_file_set_string (keys, "site", "terminal-id", "desk-1");
  g_key_file_set_string (keys, "site", "identity-modes", "pin;visual");
  g_key_file_set_string (keys, "card", "trust-anchors", "anchors.pem");
  g_key_file_set_string (keys, "card", "reader", "");
  g_key_file_set_string (keys, "cache", "retention-days", "90");
  if (group != NULL)
    {
      if (value == NULL)
        g_key_file_remove_key (keys, group, key, NULL);
      else
        g_key_file_set_string (keys, group, key, value);
    }
  return g_key_file_to_data (keys, NULL, NULL);
}

static void
test_good (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = config_text (NULL, NULL, NULL);
  g_autofree char *ca = g_build_filename (f->dir, "hub-ca.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;

  mado_test_write_file (f->dir, "site.conf", text);
  config = mado_site_config_load (f->conf, &error);
  g_assert_no_error (error);
  g_assert_true (config->has_hub);
  g_assert_cmpstr (config->hub_url, ==, "https://127.0.0.1:8443");
  g_assert_cmpstr (config->hub_ca, ==, ca);
  g_assert_cmpuint (config->connect_timeout_seconds, ==, 5);
  g_assert_cmpuint (config->total_timeout_seconds, ==, 20);
  /* A call with its retries ends within 25 s unless the site says otherwise. */
  g_assert_cmpuint (config->deadline_seconds, ==, 25);
  g_assert_cmpstr (config->institution_code, ==, "1312345678");
  g_assert_cmpstr (config->terminal_id, ==, "desk-1");
  g_assert_cmpint (config->identity_modes, ==, MADO_IDENTITY_MODE_PIN | MADO_IDENTITY_MODE_VISUAL);
  g_assert_null (config->reader);
  g_assert_cmpuint (config->retention_days, ==, 90);
}

static void
test_no_hub (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;
  g_autoptr(MadoHubClient) client = NULL;

  config = mado_site_config_load_data ("[site]\ninstitution-code=1312345678\nterminal-id=desk-1\n",
                                       f->conf, &error);
  g_assert_no_error (error);
  g_assert_false (config->has_hub);
  /* Without identity-modes, only the card's own proof. */
  g_assert_cmpint (config->identity_modes, ==, MADO_IDENTITY_MODE_PIN);
  client = mado_hub_client_new (config, &error);
  g_assert_null (client);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_NOT_CONFIGURED);
}

static void
test_environment (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = config_text (NULL, NULL, NULL);
  g_autofree char *before = g_strdup (g_getenv ("MADOGUCHI_SITE_CONFIG"));
  g_autofree char *chosen = NULL;
  g_autofree char *fallback = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;

  mado_test_write_file (f->dir, "site.conf", text);
  g_setenv ("MADOGUCHI_SITE_CONFIG", f->conf, TRUE);
  chosen = mado_site_config_default_path ();
  g_assert_cmpstr (chosen, ==, f->conf);
  config = mado_site_config_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (config->path, ==, f->conf);

  g_unsetenv ("MADOGUCHI_SITE_CONFIG");
  fallback = mado_site_config_default_path ();
  g_assert_cmpstr (fallback, ==, SYSCONFDIR "/madoguchi/site.conf");
  if (before != NULL)
    g_setenv ("MADOGUCHI_SITE_CONFIG", before, TRUE);
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = mado_site_config_load (f->conf, &error);

  g_assert_null (config);
  g_assert_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, f->conf));
}

typedef struct {
  const char          *name;
  const char          *group;
  const char          *key;
  const char          *value;
  MadoSiteConfigError  code;
} Bad;

static const Bad bad_cases[] = {
  { "url-http", "hub", "url", "http://127.0.0.1:8443", MADO_SITE_CONFIG_ERROR_INVALID_URL },
  { "url-ftp", "hub", "url", "ftp://hub", MADO_SITE_CONFIG_ERROR_INVALID_URL },
  { "url-garbage", "hub", "url", "not a url", MADO_SITE_CONFIG_ERROR_INVALID_URL },
  { "url-userinfo", "hub", "url", "https://user:pw@hub", MADO_SITE_CONFIG_ERROR_INVALID_URL },
  { "url-query", "hub", "url", "https://hub/?a=b", MADO_SITE_CONFIG_ERROR_INVALID_URL },
  { "url-v1", "hub", "url", "https://hub/v1", MADO_SITE_CONFIG_ERROR_INVALID_URL },
  { "url-missing", "hub", "url", NULL, MADO_SITE_CONFIG_ERROR_MISSING_KEY },
  { "ca-missing-file", "hub", "ca", "nope.pem", MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE },
  { "ca-missing", "hub", "ca", NULL, MADO_SITE_CONFIG_ERROR_MISSING_KEY },
  { "certificate-missing-file", "hub", "client-certificate", "/nonexistent/desk.pem",
    MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE },
  { "key-is-folder", "hub", "client-key", ".", MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE },
  { "connect-zero", "hub", "connect-timeout-seconds", "0", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT },
  { "connect-negative", "hub", "connect-timeout-seconds", "-5", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT },
  { "connect-words", "hub", "connect-timeout-seconds", "five", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT },
  { "connect-huge", "hub", "connect-timeout-seconds", "61", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT },
  { "total-huge", "hub", "total-timeout-seconds", "100000", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT },
  { "deadline-zero", "hub", "deadline-seconds", "0", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT },
  { "connect-over-total", "hub", "connect-timeout-seconds", "30", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT },
  { "institution-9", "site", "institution-code", "131234567", MADO_SITE_CONFIG_ERROR_INVALID_INSTITUTION_CODE },
  { "institution-11", "site", "institution-code", "13123456789", MADO_SITE_CONFIG_ERROR_INVALID_INSTITUTION_CODE },
  { "institution-fullwidth", "site", "institution-code", "１３１２３４５６７８",
    MADO_SITE_CONFIG_ERROR_INVALID_INSTITUTION_CODE },
  { "institution-missing", "site", "institution-code", NULL, MADO_SITE_CONFIG_ERROR_MISSING_KEY },
  { "terminal-space", "site", "terminal-id", "desk 1", MADO_SITE_CONFIG_ERROR_INVALID_TERMINAL_ID },
  { "terminal-long", "site", "terminal-id",
    "a1234567890123456789012345678901234567890123456789012345678901234",
    MADO_SITE_CONFIG_ERROR_INVALID_TERMINAL_ID },
  { "terminal-slash", "site", "terminal-id", "desk/1", MADO_SITE_CONFIG_ERROR_INVALID_TERMINAL_ID },
  { "modes-face", "site", "identity-modes", "pin;face", MADO_SITE_CONFIG_ERROR_INVALID_IDENTITY_MODES },
  { "modes-empty", "site", "identity-modes", ";", MADO_SITE_CONFIG_ERROR_INVALID_IDENTITY_MODES },
  { "anchors-missing-file", "card", "trust-anchors", "nope.pem", MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE },
  { "cache-folder-missing", "cache", "database", "/nonexistent/cache.db", MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE },
  { "retention-zero", "cache", "retention-days", "0", MADO_SITE_CONFIG_ERROR_INVALID_VALUE },
  { "idle-max-zero", "desk", "idle-lock-max-seconds", "0", MADO_SITE_CONFIG_ERROR_INVALID_VALUE },
  { "idle-max-huge", "desk", "idle-lock-max-seconds", "3601", MADO_SITE_CONFIG_ERROR_INVALID_VALUE },
  { "idle-max-words", "desk", "idle-lock-max-seconds", "five minutes", MADO_SITE_CONFIG_ERROR_INVALID_VALUE },
};

/* The kiosk: the clerk's idle time, never past the site's maximum. */
static void
test_idle_lock_max (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *plain = config_text ("site", "terminal-id", "desk-1");
  g_autofree char *kiosk = config_text ("desk", "idle-lock-max-seconds", "120");
  g_autoptr(MadoSiteConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  config = mado_site_config_load_data (plain, f->conf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->idle_lock_max_seconds, ==, 0);
  g_assert_cmpuint (mado_site_config_idle_lock_seconds (config, 3600), ==, 3600);
  g_clear_pointer (&config, mado_site_config_free);

  config = mado_site_config_load_data (kiosk, f->conf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->idle_lock_max_seconds, ==, 120);
  g_assert_cmpuint (mado_site_config_idle_lock_seconds (config, 3600), ==, 120);
  g_assert_cmpuint (mado_site_config_idle_lock_seconds (config, 121), ==, 120);
  g_assert_cmpuint (mado_site_config_idle_lock_seconds (config, 60), ==, 60);
  g_assert_cmpuint (mado_site_config_idle_lock_seconds (NULL, 300), ==, 300);
}

static void
test_bad (Fixture       *f,
          gconstpointer  data)
{
  const Bad *bad = data;
  g_autofree char *text = config_text (bad->group, bad->key, bad->value);
  g_autofree char *quoted = g_strdup_printf ("“%s”", bad->key);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;

  mado_test_write_file (f->dir, "site.conf", text);
  config = mado_site_config_load (f->conf, &error);
  g_assert_null (config);
  g_assert_error (error, MADO_SITE_CONFIG_ERROR, (gint) bad->code);
  /* The message names the key and the file. */
  if (strstr (error->message, quoted) == NULL || strstr (error->message, f->conf) == NULL)
    g_error ("%s: message does not name %s and the file: %s", bad->name, quoted, error->message);
}

static void
test_not_a_key_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;

  config = mado_site_config_load_data ("this is not [ a key file", f->conf, &error);
  g_assert_null (config);
  g_assert_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_UNREADABLE);
  g_clear_error (&error);
  config = mado_site_config_load_data ("[hub]\nurl=https://hub\n", f->conf, &error);
  g_assert_null (config);
  g_assert_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_MISSING_KEY);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/site-config/good", Fixture, NULL, fixture_set_up, test_good, fixture_tear_down);
  g_test_add ("/site-config/idle-lock-max", Fixture, NULL, fixture_set_up, test_idle_lock_max,
              fixture_tear_down);
  g_test_add ("/site-config/no-hub", Fixture, NULL, fixture_set_up, test_no_hub, fixture_tear_down);
  g_test_add ("/site-config/environment", Fixture, NULL, fixture_set_up, test_environment,
              fixture_tear_down);
  g_test_add ("/site-config/missing-file", Fixture, NULL, fixture_set_up, test_missing_file,
              fixture_tear_down);
  g_test_add ("/site-config/not-a-key-file", Fixture, NULL, fixture_set_up, test_not_a_key_file,
              fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/site-config/bad/%s", bad_cases[i].name);

      g_test_add (path, Fixture, &bad_cases[i], fixture_set_up, test_bad, fixture_tear_down);
    }
  return g_test_run ();
}
