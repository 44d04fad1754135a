/* mado-cli-correct.c — `madoguchi-cli correct`: mark a recorded vaccination entered-in-error, by a new record
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-cli.h"
#include "mado-cli-venue.h"

static int
run_correct (MadoCliVenueOptions *options,
             const char          *record_id,
             const char          *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(MadoStaffSession) staff = NULL;
  g_autoptr(MadoCorrection) c = mado_correction_new ();
  g_autofree char *id = NULL;
  int status = MADO_EXIT_OK;

  store = mado_cli_store_open ("correct", &options->store, &status);
  if (store == NULL)
    return status;
  staff = mado_cli_venue_sign_in ("correct", store, options, &status);
  if (staff == NULL)
    return status;
  c->corrects_record_id = g_strdup (record_id);
  c->reason = g_strdup (reason);
  id = mado_venue_recorder_correct (store, staff, c, &error);
  if (id == NULL)
    return mado_cli_fail ("correct", error, options->visit.json);
  if (options->visit.json)
    {
      g_autoptr(JsonNode) node = mado_record_encode_correction (c);

      json_object_set_string_member (json_node_get_object (node), "delivery",
                                     mado_delivery_to_string (MADO_DELIVERY_SENDING));
      mado_cli_venue_print_node (node);
    }
  else
    g_print (_("Recorded correction %s: %s is entered in error (recorded, sending).\n"), id, record_id);
  return MADO_EXIT_OK;
}

int
mado_cli_correct (int argc, char **argv)
{
  MadoCliVenueOptions options;
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why the record was entered in error"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.visit.json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("RECORD-ID — mark a vaccination entered in error (a new record; nothing is edited)"));
  g_autoptr(GError) error = NULL;
  int status;

  mado_cli_venue_options_init (&options, context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("correct", "%s", error->message);
  else if (argc != 2)
    status = mado_cli_usage_error ("correct", "%s", _("expected the ID of the record to correct"));
  else if (reason == NULL)
    status = mado_cli_usage_error ("correct", "%s", _("--reason TEXT is required"));
  else
    status = run_correct (&options, argv[1], reason);
  mado_cli_venue_options_clear (&options);
  return status;
}
