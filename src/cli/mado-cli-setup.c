/* mado-cli-setup.c — `madoguchi-cli setup`: enrol this terminal with its hub
 *
 * Two steps, because a person at the hub operator signs in between:
 * `setup request` makes the terminal's key (0600, never leaves the machine)
 * and a certificate request naming the terminal and the institution, and
 * writes the [site] group; `setup install` takes the issued certificate and
 * the hub's CA, checks the certificate against the key, copies both beside
 * the site configuration and writes the [hub], [card] and [cache] groups.
 * The file is checked with the same loader the desk uses before it replaces
 * the old one. Values come from options, or are asked for on a terminal.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "madoguchi-core.h"
#include "mado-cli.h"

#define KEY_NAME          "terminal.key"
#define REQUEST_NAME      "terminal.csr"
#define CERTIFICATE_NAME  "terminal.pem"
#define HUB_CA_NAME       "hub-ca.pem"
#define ANCHORS_NAME      "trust-anchors.pem"
#define DEFAULT_CACHE_DIR "/var/lib/madoguchi"

typedef struct {
  char      *config;
  char      *dir;
  char      *terminal_id;
  char      *institution_code;
  char      *certificate;
  char      *hub_url;
  char      *hub_ca;
  char      *trust_anchors;
  char      *identity_modes;
  char      *cache_dir;
  char      *desk_group;
  GKeyFile  *keys;
} Setup;

static void
setup_clear (Setup *s)
{
  g_free (s->config);
  g_free (s->dir);
  g_free (s->terminal_id);
  g_free (s->institution_code);
  g_free (s->certificate);
  g_free (s->hub_url);
  g_free (s->hub_ca);
  g_free (s->trust_anchors);
  g_free (s->identity_modes);
  g_free (s->cache_dir);
  g_free (s->desk_group);
  g_clear_pointer (&s->keys, g_key_file_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Setup, setup_clear)

static int
fail (const char *command,
      GError     *error)
{
  return mado_cli_fail (command, error, FALSE);
}

/* The existing site configuration's keys, comments kept; empty when new. */
static void
open_setup (Setup *s)
{
  if (s->config == NULL)
    s->config = mado_site_config_default_path ();
  s->dir = g_path_get_dirname (s->config);
  s->keys = g_key_file_new ();
  g_key_file_load_from_file (s->keys, s->config, G_KEY_FILE_KEEP_COMMENTS, NULL);
}

/* Fills *value from the existing file, else asks on a terminal. */
static gboolean
need (Setup       *s,
      char       **value,
      const char  *group,
      const char  *key,
      const char  *option)
{
  char line[512];

  if (*value == NULL)
    *value = g_key_file_get_string (s->keys, group, key, NULL);
  if (*value != NULL && **value != '\0')
    return TRUE;
  g_clear_pointer (value, g_free);
  if (!isatty (STDIN_FILENO))
    return FALSE;
  /* Translators: the site configuration's key, then the option that gives it */
  g_print (_("%s (%s): "), key, option);
  if (fgets (line, sizeof line, stdin) == NULL)
    return FALSE;
  *value = g_strstrip (g_strdup (line));
  return **value != '\0';
}

static gboolean
make_folder (const char  *dir,
             int          mode,
             GError     **error)
{
  if (g_mkdir_with_parents (dir, mode) == 0)
    return TRUE;
  g_set_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_WRITE_FAILED,
               _("The folder %s cannot be made: %s"), dir, g_strerror (errno));
  return FALSE;
}

/* Lets the desk user's group read @path (mode @mode), owner unchanged. */
static gboolean
share_with_group (const char  *path,
                  const char  *group,
                  int          mode,
                  GError     **error)
{
  struct group *entry = getgrnam (group);

  if (entry == NULL || chown (path, (uid_t) -1, entry->gr_gid) != 0 || g_chmod (path, mode) != 0)
    {
      g_set_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_WRITE_FAILED,
                   _("%s cannot be given to the group “%s”: %s"), path, group,
                   entry == NULL ? _("no such group") : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Writes the key file through the desk's own loader first: a file the desk
 * would refuse never replaces a working one. */
static gboolean
write_config (Setup   *s,
              GError **error)
{
  g_autofree char *data = g_key_file_to_data (s->keys, NULL, NULL);
  g_autoptr(MadoSiteConfig) checked = mado_site_config_load_data (data, s->config, error);
  g_autoptr(GError) local_error = NULL;

  if (checked == NULL)
    return FALSE;
  if (!g_file_set_contents_full (s->config, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &local_error))
    {
      g_set_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_WRITE_FAILED,
                   "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ensure_key (Setup   *s,
            GError **error)
{
  g_autofree char *key = g_build_filename (s->dir, KEY_NAME, NULL);

  if (g_file_test (key, G_FILE_TEST_EXISTS))
    {
      /* A renewal keeps the key the hub operator may have pinned. */
      g_print (_("Using the existing key %s\n"), key);
      return TRUE;
    }
  if (!mado_terminal_cert_make_key (key, error))
    return FALSE;
  if (s->desk_group != NULL && !share_with_group (key, s->desk_group, 0640, error))
    return FALSE;
  g_print (_("Made the terminal's key %s\n"), key);
  return TRUE;
}

static int
run_request (Setup *s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_build_filename (s->dir, KEY_NAME, NULL);
  g_autofree char *request_path = g_build_filename (s->dir, REQUEST_NAME, NULL);
  g_autofree char *request = NULL;

  if (!need (s, &s->terminal_id, "site", "terminal-id", "--terminal-id") ||
      !need (s, &s->institution_code, "site", "institution-code", "--institution-code"))
    return mado_cli_usage_error ("setup request", "%s",
                                 _("give --terminal-id and --institution-code"));
  g_key_file_set_string (s->keys, "site", "institution-code", s->institution_code);
  g_key_file_set_string (s->keys, "site", "terminal-id", s->terminal_id);
  if (!make_folder (s->dir, 0755, &error) || !write_config (s, &error) ||
      !ensure_key (s, &error))
    return fail ("setup request", error);
  request = mado_terminal_cert_make_request (key, s->institution_code, s->terminal_id, &error);
  if (request == NULL)
    return fail ("setup request", error);
  if (!g_file_set_contents_full (request_path, request, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, &error))
    return fail ("setup request", error);
  g_print (_("Wrote the certificate request %s (CN=%s, O=%s)\n"), request_path,
           s->terminal_id, s->institution_code);
  g_print (_("Send it to the hub operator; install the certificate they issue with:\n"
             "  sudo madoguchi-cli setup install --certificate FILE --hub-url URL --hub-ca FILE\n"));
  return MADO_EXIT_OK;
}

/* Copies a PEM certificate file beside the configuration, after reading it. */
static char *
install_pem (Setup       *s,
             const char  *source,
             const char  *name,
             GError     **error)
{
  g_autofree char *target = g_build_filename (s->dir, name, NULL);
  g_autoptr(MadoTerminalCertDates) dates = mado_terminal_cert_read_dates (source, error);
  g_autofree char *data = NULL;
  gsize len = 0;

  if (dates == NULL || !g_file_get_contents (source, &data, &len, error) ||
      !g_file_set_contents_full (target, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, error))
    return NULL;
  g_print (_("Installed %s (%s)\n"), target, dates->subject);
  return g_steal_pointer (&target);
}

static gboolean
install_hub (Setup   *s,
             GError **error)
{
  g_autofree char *key = g_build_filename (s->dir, KEY_NAME, NULL);
  g_autofree char *certificate = NULL;
  g_autofree char *hub_ca = NULL;

  if (!mado_terminal_cert_key_matches (s->certificate, key, error))
    return FALSE;
  certificate = install_pem (s, s->certificate, CERTIFICATE_NAME, error);
  if (certificate == NULL)
    return FALSE;
  if (s->hub_ca != NULL && (hub_ca = install_pem (s, s->hub_ca, HUB_CA_NAME, error)) == NULL)
    return FALSE;
  g_key_file_set_string (s->keys, "hub", "url", s->hub_url);
  if (hub_ca != NULL)
    g_key_file_set_string (s->keys, "hub", "ca", hub_ca);
  g_key_file_set_string (s->keys, "hub", "client-certificate", certificate);
  g_key_file_set_string (s->keys, "hub", "client-key", key);
  return TRUE;
}

static gboolean
install_card_and_cache (Setup   *s,
                        GError **error)
{
  g_autofree char *anchors = NULL;
  g_autofree char *database = NULL;
  g_autofree char *cache_key = NULL;

  if (s->trust_anchors != NULL &&
      (anchors = install_pem (s, s->trust_anchors, ANCHORS_NAME, error)) == NULL)
    return FALSE;
  if (anchors != NULL)
    g_key_file_set_string (s->keys, "card", "trust-anchors", anchors);
  if (s->identity_modes != NULL)
    g_key_file_set_string (s->keys, "site", "identity-modes", s->identity_modes);
  if (s->cache_dir == NULL && g_key_file_has_key (s->keys, "cache", "database", NULL))
    return TRUE;
  if (s->cache_dir == NULL)
    s->cache_dir = g_strdup (DEFAULT_CACHE_DIR);
  if (!make_folder (s->cache_dir, 0700, error) ||
      (s->desk_group != NULL && !share_with_group (s->cache_dir, s->desk_group, 02770, error)))
    return FALSE;
  database = g_build_filename (s->cache_dir, "cache.db", NULL);
  cache_key = g_build_filename (s->cache_dir, "cache.key", NULL);
  g_key_file_set_string (s->keys, "cache", "database", database);
  g_key_file_set_string (s->keys, "cache", "key-file", cache_key);
  return TRUE;
}

static int
run_install (Setup *s)
{
  g_autoptr(GError) error = NULL;

  if (!g_key_file_has_group (s->keys, "site"))
    return mado_cli_usage_error ("setup install", "%s",
                                 _("run “madoguchi-cli setup request” first"));
  if (!need (s, &s->certificate, "hub", "client-certificate", "--certificate") ||
      !need (s, &s->hub_url, "hub", "url", "--hub-url"))
    return mado_cli_usage_error ("setup install", "%s", _("give --certificate and --hub-url"));
  if (s->hub_ca == NULL && !g_key_file_has_key (s->keys, "hub", "ca", NULL) &&
      !need (s, &s->hub_ca, "hub", "ca", "--hub-ca"))
    return mado_cli_usage_error ("setup install", "%s", _("give --hub-ca"));
  if (!install_hub (s, &error) || !install_card_and_cache (s, &error) ||
      !write_config (s, &error))
    return fail ("setup install", error);
  g_print (_("Wrote %s\nNow check it: madoguchi-cli config check\n"), s->config);
  return MADO_EXIT_OK;
}

static int
setup_command (const char *command,
               int         argc,
               char      **argv)
{
  g_auto(Setup) s = { 0 };
  GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &s.config, N_("The site configuration to write"), N_("FILE") },
    { "terminal-id", 0, 0, G_OPTION_ARG_STRING, &s.terminal_id, N_("This terminal's ID (the certificate's CN)"), N_("ID") },
    { "institution-code", 0, 0, G_OPTION_ARG_STRING, &s.institution_code, N_("The 10-digit institution code (医療機関コード)"), N_("CODE") },
    { "certificate", 0, 0, G_OPTION_ARG_FILENAME, &s.certificate, N_("The certificate the hub operator issued"), N_("FILE") },
    { "hub-url", 0, 0, G_OPTION_ARG_STRING, &s.hub_url, N_("The hub's https address"), N_("URL") },
    { "hub-ca", 0, 0, G_OPTION_ARG_FILENAME, &s.hub_ca, N_("The CA that signed the hub's certificate"), N_("FILE") },
    { "trust-anchors", 0, 0, G_OPTION_ARG_FILENAME, &s.trust_anchors, N_("J-LIS roots for checking cards offline"), N_("FILE") },
    { "identity-modes", 0, 0, G_OPTION_ARG_STRING, &s.identity_modes, N_("pin, visual or pin;visual"), N_("MODES") },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &s.cache_dir, N_("Where the offline cache lives (default /var/lib/madoguchi)"), N_("DIR") },
    { "desk-group", 0, 0, G_OPTION_ARG_STRING, &s.desk_group, N_("The desk user's group: may read the key and write the cache"), N_("GROUP") },
    { NULL }
  };
  g_autofree char *summary = g_strdup_printf ("— %s", command);
  g_autoptr(GOptionContext) context = g_option_context_new (summary);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("setup %s", command);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mado_cli_usage_error (name, "%s", error->message);
  if (argc != 1)
    return mado_cli_usage_error (name, "%s", _("unexpected argument"));
  open_setup (&s);
  return g_str_equal (command, "request") ? run_request (&s) : run_install (&s);
}

int
mado_cli_setup (int argc, char **argv)
{
  if (argc >= 2 && (g_str_equal (argv[1], "request") || g_str_equal (argv[1], "install")))
    return setup_command (argv[1], argc - 1, argv + 1);
  return mado_cli_usage_error ("setup", "%s", _("expected “request” or “install”"));
}
