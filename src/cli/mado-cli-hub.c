/* mado-cli-hub.c — `madoguchi-cli hub status`: can this terminal reach its hub?
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "madoguchi-core.h"
#include "mado-cli.h"
#include "mado-cli-flow.h"

static int
print_status (MadoHubClient       *hub,
              const MadoHubStatus *status,
              const GError        *error,
              gboolean             json)
{
  g_autofree char *time = status != NULL && status->time != NULL
                          ? g_date_time_format_iso8601 (status->time) : NULL;
  const char *state = status != NULL ? "online"
                    : g_error_matches (error, MADO_HUB_ERROR, MADO_HUB_ERROR_NOT_CONFIGURED)
                    ? "not-configured"
                    : mado_error_means_offline (error) ? "offline" : "failed";

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      mado_cli_json_add_string (b, "state", state);
      mado_cli_json_add_string (b, "url", hub != NULL ? mado_hub_client_get_url (hub) : NULL);
      if (status != NULL)
        {
          mado_cli_json_add_string (b, "hubName", status->hub_name);
          mado_cli_json_add_string (b, "apiVersion", status->api_version);
          mado_cli_json_add_string (b, "time", time);
        }
      if (error != NULL)
        mado_cli_json_add_error (b, error);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      mado_cli_json_print (root);
    }
  else if (status != NULL)
    {
      g_print (_("Hub: online (%s)\n"), mado_hub_client_get_url (hub));
      g_print (_("  Name:        %s\n"), status->hub_name);
      g_print (_("  API version: %s\n"), status->api_version);
      if (time != NULL)
        g_print (_("  Hub time:    %s\n"), time);
    }
  else
    {
      if (g_str_equal (state, "offline"))
        g_print (_("Hub: offline (%s)\n"), mado_hub_client_get_url (hub));
      g_printerr ("madoguchi-cli hub status: %s\n", error->message);
    }
  return error != NULL ? mado_error_exit_status (error) : MADO_EXIT_OK;
}

static int
hub_status (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— ask the hub whether it answers"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoDesk) desk = NULL;
  MadoHubClient *hub;
  g_autoptr(MadoHubStatus) status = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mado_cli_usage_error ("hub status", "%s", error->message);
  if (argc != 1)
    return mado_cli_usage_error ("hub status", "%s", _("unexpected argument"));

  desk = mado_cli_desk (&error);
  if (desk == NULL)
    return mado_cli_fail ("hub status", error, json);
  hub = mado_desk_get_hub_client (desk);
  if (hub == NULL)
    mado_error_set (&error, MADO_HUB_ERROR, MADO_HUB_ERROR_NOT_CONFIGURED);
  else
    status = mado_hub_client_get_status (hub, NULL, &error);
  return print_status (hub, status, error, json);
}

int
mado_cli_hub (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "status"))
    return hub_status (argc - 1, argv + 1);
  return mado_cli_usage_error ("hub", "%s", _("expected “status”"));
}
