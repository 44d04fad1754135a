/* mado-cli-sync.c — `madoguchi-cli sync`: deliver the outbox to the hub now
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "madoguchi-core.h"
#include "mado-cli.h"
#include "mado-cli-flow.h"
#include "mado-cli-store.h"

static void
print_run (const MadoOutboxRun *run,
           gboolean             json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "delivered");
      json_builder_add_int_value (b, run->delivered);
      json_builder_set_member_name (b, "failed");
      json_builder_add_int_value (b, run->retried + run->rejected);
      json_builder_set_member_name (b, "retried");
      json_builder_add_int_value (b, run->retried);
      json_builder_set_member_name (b, "rejected");
      json_builder_add_int_value (b, run->rejected);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      mado_cli_json_print (root);
      return;
    }
  g_print (_("Delivered: %u\n"), run->delivered);
  g_print (_("Failed: %u (%u to retry later, %u rejected by the hub)\n"),
           run->retried + run->rejected, run->retried, run->rejected);
}

static int
run_sync (MadoCliStoreOptions *store_options,
          gboolean             json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoDesk) desk = NULL;
  MadoOutboxRun run = { 0 };
  int status = MADO_EXIT_OK;

  desk = mado_cli_desk (&error);
  if (desk == NULL)
    return mado_cli_fail ("sync", error, json);
  if (mado_desk_get_hub_client (desk) == NULL)
    {
      mado_error_set (&error, MADO_HUB_ERROR, MADO_HUB_ERROR_NOT_CONFIGURED);
      return mado_cli_fail ("sync", error, json);
    }
  if (!mado_cli_desk_open_store ("sync", desk, store_options, &status))
    return status;
  /* Staff asked for it now: backoffs do not hold records back. */
  if (!mado_outbox_sender_deliver (mado_desk_get_outbox_sender (desk), TRUE, &run, NULL, &error))
    return mado_cli_fail ("sync", error, json);
  print_run (&run, json);
  return MADO_EXIT_OK;
}

int
mado_cli_sync (int argc, char **argv)
{
  MadoCliStoreOptions store_options = { 0 };
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— deliver the records waiting in the outbox to the hub now"));
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_store_options_add (context, &store_options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("sync", "%s", error->message);
  else if (argc != 1)
    status = mado_cli_usage_error ("sync", "%s", _("unexpected argument"));
  else
    status = run_sync (&store_options, json);
  mado_cli_store_options_clear (&store_options);
  return status;
}
