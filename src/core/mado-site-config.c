/* mado-site-config.c — the site configuration: hub, certificates, institution, terminal
 *
 * One key file per terminal, written by the administrator. Every key is
 * checked when it is loaded, so that a typo is a named error naming the key
 * and the file at start-up, not a strange failure at the first resident.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mado-site-config.h"
#include "hub/mado-hub-proof.h"

#define DEFAULT_CONNECT_TIMEOUT  5
#define DEFAULT_TOTAL_TIMEOUT   20
/* One call with its retries: a hub that drips is given up after this. */
#define DEFAULT_DEADLINE        25
#define DEFAULT_RETENTION_DAYS  90
#define MAX_RETENTION_DAYS    3650

G_DEFINE_QUARK (mado-site-config-error-quark, mado_site_config_error)

typedef struct {
  GKeyFile       *keys;
  const char     *path;
  char           *dir;
  MadoSiteConfig *config;
  GError        **error;
} Loader;

static gboolean key_error (Loader              *l,
                           MadoSiteConfigError  code,
                           const char          *group,
                           const char          *key,
                           const char          *format,
                           ...) G_GNUC_PRINTF (5, 6);

static gboolean
key_error (Loader              *l,
           MadoSiteConfigError  code,
           const char          *group,
           const char          *key,
           const char          *format,
           ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the site configuration file, its [group], the key, then what is wrong */
  g_set_error (l->error, MADO_SITE_CONFIG_ERROR, code,
               _("Site configuration %s, key “%s” in [%s]: %s"), l->path, key, group, why);
  return FALSE;
}

/**
 * mado_site_config_default_path:
 *
 * Returns: (transfer full): `$MADOGUCHI_SITE_CONFIG` when set, else the
 *   system-wide file under the configured sysconfdir; when that is not
 *   `/etc` and has no file, `/etc/madoguchi/site.conf` if that exists
 */
char *
mado_site_config_default_path (void)
{
  const char *env = g_getenv ("MADOGUCHI_SITE_CONFIG");
  g_autofree char *path = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  path = g_build_filename (SYSCONFDIR, "madoguchi", "site.conf", NULL);
  /* A build installed under /usr/local reads /usr/local/etc, but the
   * documentation and the packages use /etc: an administrator who followed
   * the documentation must not meet a "does not exist" naming another file. */
  if (!g_str_equal (SYSCONFDIR, "/etc") && !g_file_test (path, G_FILE_TEST_EXISTS) &&
      g_file_test (MADO_SITE_CONFIG_SYSTEM_PATH, G_FILE_TEST_EXISTS))
    return g_strdup (MADO_SITE_CONFIG_SYSTEM_PATH);
  return g_steal_pointer (&path);
}

/* Sets *out to the stripped value; NULL when the key is absent or empty. */
static gboolean
get_value (Loader      *l,
           const char  *group,
           const char  *key,
           gboolean     required,
           char       **out)
{
  g_autofree char *value = g_key_file_get_value (l->keys, group, key, NULL);

  *out = NULL;
  if (value != NULL)
    g_strstrip (value);
  if (value == NULL || *value == '\0')
    {
      if (required)
        return key_error (l, MADO_SITE_CONFIG_ERROR_MISSING_KEY, group, key,
                          _("the key is required"));
      return TRUE;
    }
  *out = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
get_readable_file (Loader      *l,
                   const char  *group,
                   const char  *key,
                   gboolean     required,
                   char       **out)
{
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;

  if (!get_value (l, group, key, required, &value))
    return FALSE;
  if (value == NULL)
    return TRUE;
  path = g_path_is_absolute (value) ? g_strdup (value) : g_build_filename (l->dir, value, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return key_error (l, MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE, group, key,
                      _("the file %s does not exist"), path);
  if (g_access (path, R_OK) != 0)
    return key_error (l, MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE, group, key,
                      _("the file %s cannot be read: %s"), path, g_strerror (errno));
  *out = g_steal_pointer (&path);
  return TRUE;
}

/* For files the terminal creates itself: only their folder must exist. */
static gboolean
get_creatable_file (Loader      *l,
                    const char  *group,
                    const char  *key,
                    char       **out)
{
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;
  g_autofree char *parent = NULL;

  if (!get_value (l, group, key, FALSE, &value))
    return FALSE;
  if (value == NULL)
    return TRUE;
  path = g_path_is_absolute (value) ? g_strdup (value) : g_build_filename (l->dir, value, NULL);
  parent = g_path_get_dirname (path);
  if (!g_file_test (parent, G_FILE_TEST_IS_DIR))
    return key_error (l, MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE, group, key,
                      _("the folder %s does not exist"), parent);
  *out = g_steal_pointer (&path);
  return TRUE;
}

static gboolean
get_bounded (Loader              *l,
             const char          *group,
             const char          *key,
             MadoSiteConfigError  code,
             guint                fallback,
             guint                max,
             guint               *out)
{
  g_autofree char *value = NULL;
  guint64 number;

  if (!get_value (l, group, key, FALSE, &value))
    return FALSE;
  if (value == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (value, 10, 1, max, &number, NULL))
    return key_error (l, code, group, key, _("expected a whole number from 1 to %u"), max);
  *out = (guint) number;
  return TRUE;
}

static gboolean
load_url (Loader *l)
{
  g_autofree char *value = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *path;

  if (!get_value (l, "hub", "url", TRUE, &value))
    return FALSE;
  uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_URL, "hub", "url",
                      _("expected an https:// address"));
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_URL, "hub", "url",
                      _("expected https://host[:port][/path], without user, query or fragment"));
  path = g_uri_get_path (uri);
  if (g_str_has_suffix (value, "/"))
    value[strlen (value) - 1] = '\0';
  if (path != NULL && g_str_has_suffix (path, "/v1"))
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_URL, "hub", "url",
                      _("leave out the API version /v1; the terminal adds it"));
  l->config->hub_url = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
load_hub (Loader *l)
{
  MadoSiteConfig *c = l->config;

  if (!g_key_file_has_group (l->keys, "hub"))
    return TRUE;
  c->has_hub = TRUE;
  if (!load_url (l) ||
      !get_readable_file (l, "hub", "ca", TRUE, &c->hub_ca) ||
      !get_readable_file (l, "hub", "client-certificate", TRUE, &c->client_certificate) ||
      !get_readable_file (l, "hub", "client-key", TRUE, &c->client_key) ||
      !get_bounded (l, "hub", "connect-timeout-seconds", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT,
                    DEFAULT_CONNECT_TIMEOUT, MADO_SITE_CONFIG_MAX_CONNECT_TIMEOUT,
                    &c->connect_timeout_seconds) ||
      !get_bounded (l, "hub", "total-timeout-seconds", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT,
                    DEFAULT_TOTAL_TIMEOUT, MADO_SITE_CONFIG_MAX_TOTAL_TIMEOUT,
                    &c->total_timeout_seconds) ||
      !get_bounded (l, "hub", "deadline-seconds", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT,
                    DEFAULT_DEADLINE, MADO_SITE_CONFIG_MAX_TOTAL_TIMEOUT,
                    &c->deadline_seconds))
    return FALSE;
  if (c->connect_timeout_seconds > c->total_timeout_seconds)
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT, "hub", "connect-timeout-seconds",
                      _("longer than total-timeout-seconds"));
  return TRUE;
}

static gboolean
load_identity_modes (Loader *l)
{
  g_auto(GStrv) modes = NULL;
  gsize n = 0;

  if (!g_key_file_has_key (l->keys, "site", "identity-modes", NULL))
    {
      /* The safe default: only the card's own proof. */
      l->config->identity_modes = MADO_IDENTITY_MODE_PIN;
      return TRUE;
    }
  modes = g_key_file_get_string_list (l->keys, "site", "identity-modes", &n, NULL);
  for (gsize i = 0; modes != NULL && i < n; i++)
    {
      g_strstrip (modes[i]);
      if (strcmp (modes[i], "pin") == 0)
        l->config->identity_modes |= MADO_IDENTITY_MODE_PIN;
      else if (strcmp (modes[i], "visual") == 0)
        l->config->identity_modes |= MADO_IDENTITY_MODE_VISUAL;
      else if (modes[i][0] != '\0')
        return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_IDENTITY_MODES, "site",
                          "identity-modes", _("“%s” is not pin or visual"), modes[i]);
    }
  if (l->config->identity_modes == MADO_IDENTITY_MODE_NONE)
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_IDENTITY_MODES, "site",
                      "identity-modes", _("name at least one of pin and visual"));
  return TRUE;
}

static gboolean
load_site (Loader *l)
{
  MadoSiteConfig *c = l->config;

  if (!get_value (l, "site", "institution-code", TRUE, &c->institution_code) ||
      !get_value (l, "site", "terminal-id", TRUE, &c->terminal_id))
    return FALSE;
  if (!mado_hub_proof_is_institution_code (c->institution_code))
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_INSTITUTION_CODE, "site",
                      "institution-code", _("expected exactly 10 digits"));
  if (!mado_hub_proof_is_terminal_id (c->terminal_id))
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_TERMINAL_ID, "site", "terminal-id",
                      _("expected 1 to 64 letters, digits, dots, underscores or hyphens"));
  return load_identity_modes (l);
}

static gboolean
load_card_and_cache (Loader *l)
{
  MadoSiteConfig *c = l->config;

  return get_readable_file (l, "card", "trust-anchors", FALSE, &c->trust_anchors) &&
         get_value (l, "card", "reader", FALSE, &c->reader) &&
         get_creatable_file (l, "cache", "database", &c->cache_database) &&
         get_creatable_file (l, "cache", "key-file", &c->cache_key_file) &&
         get_bounded (l, "cache", "retention-days", MADO_SITE_CONFIG_ERROR_INVALID_VALUE,
                      DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, &c->retention_days);
}

/* The receipt computer: ORCA's API answers plain HTTP on its own port by
 * default, so http:// is accepted only when the administrator says so. */
static gboolean
load_orca_url (Loader *l)
{
  g_autofree char *value = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GUri) uri = NULL;
  gboolean http;

  if (!get_value (l, "orca", "url", TRUE, &value) ||
      !get_value (l, "orca", "allow-plain-http", FALSE, &plain))
    return FALSE;
  uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  http = uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0;
  if (uri == NULL || (!http && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_URL, "orca", "url",
                      _("expected https://host[:port][/path], without user, query or fragment"));
  if (plain != NULL && g_strcmp0 (plain, "true") != 0 && g_strcmp0 (plain, "false") != 0)
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_VALUE, "orca", "allow-plain-http",
                      _("expected true or false"));
  if (http && g_strcmp0 (plain, "true") != 0)
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_URL, "orca", "url",
                      _("http:// sends the ORCA password unencrypted; use https://, or set "
                        "allow-plain-http=true for a server on this network"));
  while (g_str_has_suffix (value, "/"))
    value[strlen (value) - 1] = '\0';
  l->config->orca_url = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
load_orca (Loader *l)
{
  MadoSiteConfig *c = l->config;

  if (!g_key_file_has_group (l->keys, "orca"))
    return TRUE;
  c->has_orca = TRUE;
  if (!load_orca_url (l) ||
      !get_value (l, "orca", "user", TRUE, &c->orca_user) ||
      !get_readable_file (l, "orca", "password-file", TRUE, &c->orca_password_file) ||
      !get_readable_file (l, "orca", "ca", FALSE, &c->orca_ca) ||
      !get_bounded (l, "orca", "timeout-seconds", MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT,
                    DEFAULT_TOTAL_TIMEOUT, MADO_SITE_CONFIG_MAX_TOTAL_TIMEOUT,
                    &c->orca_timeout_seconds))
    return FALSE;
  if (c->orca_ca != NULL && !g_str_has_prefix (c->orca_url, "https:"))
    return key_error (l, MADO_SITE_CONFIG_ERROR_INVALID_VALUE, "orca", "ca",
                      _("a CA is only used with an https:// address"));
  return TRUE;
}

/* The kiosk: how long a signed-in desk may stay unused at most, whatever
 * the clerk chooses in Preferences. */
static gboolean
load_desk (Loader *l)
{
  return get_bounded (l, "desk", "idle-lock-max-seconds", MADO_SITE_CONFIG_ERROR_INVALID_VALUE,
                      0, MADO_SITE_CONFIG_MAX_IDLE_LOCK, &l->config->idle_lock_max_seconds);
}

/**
 * mado_site_config_load_data:
 * @data: the key file's text
 * @path: the file it is said to come from: named in errors, and relative
 *   paths in it are taken relative to its folder
 * @error: a #MadoSiteConfigError naming the key and the file
 *
 * Returns: (transfer full) (nullable): the checked configuration
 */
MadoSiteConfig *
mado_site_config_load_data (const char  *data,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(MadoSiteConfig) config = g_new0 (MadoSiteConfig, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  Loader l;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_key_file_load_from_data (keys, data, (gsize) -1, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_UNREADABLE,
                   _("Site configuration %s is not a valid key file: %s"),
                   path, local_error->message);
      return NULL;
    }
  dir = g_path_get_dirname (path);
  config->path = g_strdup (path);
  l = (Loader) { keys, path, dir, config, error };

  if (!g_key_file_has_group (keys, "site"))
    {
      g_set_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_MISSING_KEY,
                   _("Site configuration %s has no [site] group"), path);
      return NULL;
    }
  if (!load_site (&l) || !load_hub (&l) || !load_card_and_cache (&l) || !load_orca (&l) ||
      !load_desk (&l))
    return NULL;
  return g_steal_pointer (&config);
}

/**
 * mado_site_config_load:
 * @path: (nullable): the file, or %NULL for mado_site_config_default_path()
 * @error: a #MadoSiteConfigError naming the key and the file
 *
 * Returns: (transfer full) (nullable): the checked configuration
 */
MadoSiteConfig *
mado_site_config_load (const char  *path,
                       GError     **error)
{
  g_autofree char *chosen = path != NULL ? g_strdup (path) : mado_site_config_default_path ();
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (chosen, &data, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_NOT_FOUND,
                     _("Site configuration %s does not exist. An administrator sets the terminal up with “madoguchi-cli setup”."),
                     chosen);
      else
        g_set_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_UNREADABLE,
                     _("Site configuration %s cannot be read: %s"), chosen, local_error->message);
      return NULL;
    }
  return mado_site_config_load_data (data, chosen, error);
}

/**
 * mado_site_config_idle_lock_seconds:
 * @config: (nullable): the site configuration
 * @preferred_seconds: the idle time the clerk chose
 *
 * Returns: the idle time after which the desk locks: the clerk's choice,
 *   never longer than the site's `[desk] idle-lock-max-seconds`
 */
guint
mado_site_config_idle_lock_seconds (const MadoSiteConfig *config,
                                    guint                 preferred_seconds)
{
  if (config == NULL || config->idle_lock_max_seconds == 0)
    return preferred_seconds;
  return MIN (preferred_seconds, config->idle_lock_max_seconds);
}

void
mado_site_config_free (MadoSiteConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->path);
  g_free (config->hub_url);
  g_free (config->hub_ca);
  g_free (config->client_certificate);
  g_free (config->client_key);
  g_free (config->institution_code);
  g_free (config->terminal_id);
  g_free (config->trust_anchors);
  g_free (config->reader);
  g_free (config->cache_database);
  g_free (config->cache_key_file);
  g_free (config->orca_url);
  g_free (config->orca_user);
  g_free (config->orca_password_file);
  g_free (config->orca_ca);
  g_free (config);
}
