/* mado-cli-venue.c — what madoguchi-cli's judge, record and correct share: options, staff sign-in, output
 *
 * A recording command signs the staff member in first (their password from
 * --password-fd), so a wrong password costs the resident no PIN try, then
 * reads the card as `visit` does (online, or from the offline cache) and
 * hands the bundle to the core's recorder, which decides who may do what.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-cli.h"
#include "mado-cli-venue.h"

/**
 * mado_cli_venue_options_init:
 * @with_card: also the card and identity options (judge, record)
 *
 * Initialises @options and adds them to @context.
 */
void
mado_cli_venue_options_init (MadoCliVenueOptions *options,
                             GOptionContext      *context,
                             gboolean             with_card)
{
  GOptionEntry entries[] = {
    { "staff", 0, 0, G_OPTION_ARG_STRING, &options->staff.staff_id,
      N_("The staff account that signs the record"), N_("ID") },
    { "password-fd", 0, 0, G_OPTION_ARG_INT, &options->staff.password_fd,
      N_("Read the staff password from file descriptor N (one line) instead of the terminal"), N_("N") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("staff", _("Staff options:"),
                                            _("Show the staff options"), NULL, NULL);

  memset (options, 0, sizeof *options);
  options->staff.password_fd = -1;
  mado_cli_visit_options_init (&options->visit);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
  if (with_card)
    mado_cli_visit_options_add (context, &options->visit);
  mado_cli_store_options_add (context, &options->store);
}

void
mado_cli_venue_options_clear (MadoCliVenueOptions *options)
{
  mado_cli_visit_options_clear (&options->visit);
  mado_cli_store_options_clear (&options->store);
  g_clear_pointer (&options->staff.staff_id, g_free);
}

/**
 * mado_cli_venue_sign_in:
 * @status: (out): the exit status when it failed (already reported)
 *
 * Returns: (transfer full) (nullable): the signed-in staff member
 */
MadoStaffSession *
mado_cli_venue_sign_in (const char          *command,
                        MadoStore           *store,
                        MadoCliVenueOptions *options,
                        int                 *status)
{
  g_autoptr(GError) error = NULL;
  MadoStaffSession *session;
  char *password;

  if (options->staff.staff_id == NULL)
    return *status = mado_cli_usage_error (command, "%s", _("--staff ID is required")), NULL;
  password = mado_cli_user_read_password (command, options->staff.password_fd, FALSE);
  if (password == NULL)
    return *status = mado_error_code_exit_status (MADO_STORE_ERROR, MADO_STORE_ERROR_AUTH_FAILED), NULL;
  session = mado_store_staff_sign_in (store, options->staff.staff_id, password, 0,
                                      g_get_monotonic_time (), &error);
  mado_cli_user_free_password (password);
  if (session == NULL)
    *status = mado_cli_fail (command, error, options->visit.json);
  return session;
}

/**
 * mado_cli_venue_print_node:
 *
 * Prints a record as JSON.
 */
void
mado_cli_venue_print_node (JsonNode *node)
{
  mado_cli_json_print (node);
}

/**
 * mado_cli_venue_add_findings:
 * @node: a JSON object
 * @findings: (nullable) (element-type MadoCheckFinding): the checks' findings
 *
 * Adds `findings`: [{check, blocks, message}] to @node.
 */
void
mado_cli_venue_add_findings (JsonNode  *node,
                             GPtrArray *findings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const MadoCheckFinding *f = g_ptr_array_index (findings, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "check", mado_check_to_string (f->check));
      json_object_set_boolean_member (object, "blocks", f->blocks);
      json_object_set_string_member (object, "message", f->message);
      json_array_add_object_element (array, object);
    }
  json_object_set_array_member (json_node_get_object (node), "findings", array);
}

/**
 * mado_cli_venue_print_findings:
 * @findings: (nullable) (element-type MadoCheckFinding): the checks' findings
 *
 * Prints each finding on stderr, with the --override that lets it through.
 */
void
mado_cli_venue_print_findings (GPtrArray *findings)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const MadoCheckFinding *f = g_ptr_array_index (findings, i);

      if (f->blocks)
        g_printerr (_("  %s: %s (no override)\n"), mado_check_to_string (f->check), f->message);
      else
        g_printerr (_("  %s: %s (--override %s)\n"), mado_check_to_string (f->check), f->message,
                    mado_check_to_string (f->check));
    }
}
