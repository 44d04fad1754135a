/* mado-cli.c — shared plumbing of madoguchi-cli's commands
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "madoguchi-core.h"
#include "mado-cli.h"
#include "mado-cli-json-writer.h"

int
mado_cli_usage_error (const char *command,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("madoguchi-cli %s: %s\n", command, message);
  g_printerr (_("Run “madoguchi-cli --help” for usage.\n"));
  return MADO_EXIT_USAGE;
}

/**
 * mado_cli_fail:
 *
 * Reports @error — as JSON on stdout with --json, else on stderr — and
 * returns its exit status.
 */
int
mado_cli_fail (const char   *command,
               const GError *error,
               gboolean      json)
{
  if (json)
    {
      g_autoptr(MadoCliJsonWriter) writer = mado_cli_json_writer_new ();

      mado_cli_json_writer_begin_object (writer);
      mado_cli_json_writer_add_error (writer, error);
      mado_cli_json_writer_end_object (writer);
      mado_cli_json_writer_print (writer);
    }
  else
    g_printerr ("madoguchi-cli %s: %s\n", command, error->message);
  return mado_error_exit_status (error);
}

/**
 * mado_cli_load_site_config:
 *
 * The site configuration named by MADOGUCHI_SITE_CONFIG, or the system one.
 * A missing system file is not an error: the commands then work from their
 * options alone.
 *
 * Returns: (transfer full) (nullable) (type MadoSiteConfig): the configuration
 */
gpointer
mado_cli_load_site_config (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *path = g_getenv ("MADOGUCHI_SITE_CONFIG");
  MadoSiteConfig *config = mado_site_config_load (path, &local_error);

  if (config != NULL)
    return config;
  if (path == NULL && g_error_matches (local_error, MADO_SITE_CONFIG_ERROR,
                                       MADO_SITE_CONFIG_ERROR_NOT_FOUND))
    return NULL;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * mado_cli_check_tries:
 * @tries_left: what the card reports before the PIN is sent
 * @last_try_confirmed: --last-try was given
 *
 * The desk shows the tries left before the resident types, and at one try
 * left staff must warn the resident first. Without a screen the count goes
 * to stderr, and the last try needs --last-try as the staff's confirmation.
 */
gboolean
mado_cli_check_tries (guint     tries_left,
                      gboolean  last_try_confirmed,
                      GError  **error)
{
  g_printerr (_("PIN tries left: %u\n"), tries_left);
  if (!mado_pin_tries_need_confirmation (tries_left) || last_try_confirmed)
    return TRUE;
  g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_LAST_TRY_UNCONFIRMED,
                       _("Only one PIN try is left: a wrong PIN locks the card until the city "
                         "office resets it. Nothing was sent. Tell the resident, then run the "
                         "command again with --last-try."));
  return FALSE;
}
