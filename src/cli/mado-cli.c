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
#include "mado-cli-store.h"

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

void
mado_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
mado_cli_json_add_error (JsonBuilder  *builder,
                         const GError *error)
{
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, mado_error_name (error));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_set_member_name (builder, "exitStatus");
  json_builder_add_int_value (builder, mado_error_exit_status (error));
  json_builder_end_object (builder);
}

/* A string member, or null for NULL. */
void
mado_cli_json_add_string (JsonBuilder *builder,
                          const char  *name,
                          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
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
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      mado_cli_json_add_error (builder, error);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      mado_cli_print_json (root);
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
