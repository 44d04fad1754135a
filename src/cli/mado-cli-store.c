/* mado-cli-store.c — `madoguchi-cli store check|recover`, and what the store commands share
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-cli.h"
#include "mado-cli-store.h"

#define DEFAULT_RETENTION_DAYS 90

/**
 * mado_cli_store_options_add:
 * @context: a command's option context
 * @options: where the values go
 *
 * Adds `--database PATH` and `--key-file PATH`; without them the site
 * configuration's [cache] database and key-file are used.
 */
void
mado_cli_store_options_add (GOptionContext      *context,
                            MadoCliStoreOptions *options)
{
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &options->database,
      N_("The store's database file (default: the site configuration's [cache] database)"), N_("PATH") },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &options->key_file,
      N_("The store's key file (default: the site configuration's [cache] key-file)"), N_("PATH") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
}

void
mado_cli_store_options_clear (MadoCliStoreOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->key_file, g_free);
}

/**
 * mado_cli_store_fail:
 * @command: the command, for the message
 * @error: a #MADO_STORE_ERROR, #MADO_STAFF_ERROR or another error
 *
 * Prints @error and picks the exit status: the store or staff error's, or that of
 * %MADO_STORE_ERROR_IO for an error of another domain.
 *
 * Returns: the exit status
 */
int
mado_cli_store_fail (const char   *command,
                     const GError *error)
{
  g_printerr ("madoguchi-cli %s: %s\n", command, error->message);
  if (error->domain == MADO_STORE_ERROR || error->domain == MADO_STAFF_ERROR)
    return mado_error_exit_status (error);
  return mado_error_code_exit_status (MADO_STORE_ERROR, MADO_STORE_ERROR_IO);
}

/* Returns 0, or the exit status when the store's location is unknown. */
static int
fill_from_site_config (const char           *command,
                       MadoCliStoreOptions  *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = mado_site_config_load (NULL, &error);

  if (config == NULL)
    {
      g_printerr ("madoguchi-cli %s: %s\n", command, error->message);
      g_printerr (_("Name the store with --database PATH --key-file PATH, or fix the site configuration.\n"));
      return error->domain == MADO_SITE_CONFIG_ERROR ? mado_error_exit_status (error)
                                                     : MADO_EXIT_STORE_CONFIG;
    }
  if (config->retention_days > 0)
    options->retention_days = config->retention_days;
  if (options->database == NULL)
    options->database = g_strdup (config->cache_database);
  if (options->key_file == NULL)
    options->key_file = g_strdup (config->cache_key_file);
  if (options->database == NULL || options->key_file == NULL)
    {
      g_printerr (_("madoguchi-cli %s: the site configuration %s names no [cache] database and key-file. Add them, or use --database PATH --key-file PATH.\n"),
                  command, config->path);
      return MADO_EXIT_STORE_CONFIG;
    }
  return 0;
}

/**
 * mado_cli_desk_open_store:
 * @command: the command, for messages
 * @desk: the desk whose store is opened
 * @options: the parsed options
 * @status: (out): the exit status when the store cannot be opened
 *
 * Returns: %TRUE when mado_desk_get_store() returns the open store
 */
gboolean
mado_cli_desk_open_store (const char          *command,
                          MadoDesk            *desk,
                          MadoCliStoreOptions *options,
                          int                 *status)
{
  g_autoptr(GError) error = NULL;

  if (options->retention_days == 0)
    options->retention_days = DEFAULT_RETENTION_DAYS;
  if ((options->database == NULL || options->key_file == NULL) &&
      (*status = fill_from_site_config (command, options)) != 0)
    return FALSE;
  mado_desk_set_store_location (desk, options->database, options->key_file);
  if (!mado_desk_open_store (desk, &error))
    {
      *status = mado_cli_store_fail (command, error);
      return FALSE;
    }
  mado_store_set_retention_days (mado_desk_get_store (desk), options->retention_days);
  return TRUE;
}

/**
 * mado_cli_store_open:
 * @command: the command, for messages
 * @options: the parsed options
 * @status: (out): the exit status when the store cannot be opened
 *
 * Returns: (transfer full) (nullable): the store
 */
MadoStore *
mado_cli_store_open (const char          *command,
                     MadoCliStoreOptions *options,
                     int                 *status)
{
  g_autoptr(MadoDesk) desk = mado_desk_new (NULL, NULL);

  if (!mado_cli_desk_open_store (command, desk, options, status))
    return NULL;
  return g_object_ref (mado_desk_get_store (desk));
}

/**
 * mado_cli_store_open_read_only:
 * @command: the command, for messages
 * @options: the parsed options
 * @status: (out): the exit status when the store cannot be opened
 *
 * For commands that only read: the file must already be a Madoguchi store,
 * and nothing about it is changed (mado_store_open_read_only()).
 *
 * Returns: (transfer full) (nullable): the store
 */
MadoStore *
mado_cli_store_open_read_only (const char          *command,
                               MadoCliStoreOptions *options,
                               int                 *status)
{
  g_autoptr(GError) error = NULL;
  MadoStore *store;

  if ((options->database == NULL || options->key_file == NULL) &&
      (*status = fill_from_site_config (command, options)) != 0)
    return NULL;
  store = mado_store_open_read_only (options->database, options->key_file, &error);
  if (store == NULL)
    *status = mado_cli_store_fail (command, error);
  return store;
}

/**
 * mado_cli_operator:
 *
 * Returns: (transfer full): the operator the CLI's audit entries carry:
 *   `system:` and the Unix user name
 */
char *
mado_cli_operator (void)
{
  return g_strconcat (MADO_STAFF_OPERATOR_SYSTEM_PREFIX, g_get_user_name (), NULL);
}

/**
 * mado_cli_format_time:
 * @us: µs since the epoch, UTC
 *
 * Returns: (transfer full): RFC 3339 in UTC, to the second; "-" for 0
 */
char *
mado_cli_format_time (gint64 us)
{
  g_autoptr(GDateTime) time = NULL;

  if (us == 0)
    return g_strdup ("-");
  time = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static int
store_recover (MadoCliStoreOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *operator_id = mado_cli_operator ();
  g_autofree char *detail = NULL;
  guint carried = 0;
  int status = 0;

  if ((options->database == NULL || options->key_file == NULL) &&
      (status = fill_from_site_config ("store recover", options)) != 0)
    return status;
  store = mado_store_recover (options->database, options->key_file, &moved, &carried, &error);
  if (store == NULL)
    return mado_cli_store_fail ("store recover", error);
  if (g_file_test (moved, G_FILE_TEST_EXISTS))
    g_print (_("The damaged store was moved to %s (kept, not deleted).\n"), moved);
  g_print (_("A new store is ready at %s.\n"), options->database);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%u record that had not reached the hub was carried over: “outbox list” shows it and “sync” sends it.\n",
                        "%u records that had not reached the hub were carried over: “outbox list” shows them and “sync” sends them.\n",
                        carried), carried);
  detail = g_strdup_printf ("store recovered; previous file moved aside; %u undelivered records carried over",
                            carried);
  mado_store_audit_append (store, operator_id, MADO_AUDIT_CACHE_PURGE, NULL, MADO_AUDIT_SUCCESS,
                           detail, NULL);
  return MADO_EXIT_OK;
}

/* Read-only from start to end: the check changes nothing, and says so. */
static int
store_check (MadoCliStoreOptions *options)
{
  g_autoptr(GError) error = NULL;
  int status = MADO_EXIT_OK;
  g_autoptr(MadoStore) store = mado_cli_store_open_read_only ("store check", options, &status);

  if (store == NULL)
    {
      g_printerr (_("The store was only read: nothing was changed, moved or deleted.\n"));
      return status;
    }
  if (!mado_store_check_integrity (store, &error))
    {
      status = mado_cli_store_fail ("store check", error);
      g_printerr (_("The store was only read: nothing was changed, moved or deleted.\n"));
      return status;
    }
  g_print (_("The store %s is sound (schema %d). It was only read: nothing was changed.\n"),
           options->database, mado_store_get_schema_version (store));
  return MADO_EXIT_OK;
}

int
mado_cli_store (int argc, char **argv)
{
  MadoCliStoreOptions options = { 0, };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("check|recover — check the offline store, or move a damaged one aside"));
  g_autoptr(GError) error = NULL;
  int status;

  mado_cli_store_options_add (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("store", "%s", error->message);
  else if (argc == 2 && g_str_equal (argv[1], "recover"))
    status = store_recover (&options);
  else if (argc == 2 && g_str_equal (argv[1], "check"))
    status = store_check (&options);
  else
    status = mado_cli_usage_error ("store", "%s", _("expected “check” or “recover”"));
  mado_cli_store_options_clear (&options);
  return status;
}
