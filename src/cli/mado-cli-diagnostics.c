/* mado-cli-diagnostics.c — `madoguchi-cli diagnostics`: the support report
 *
 * The same report as the desk's Diagnostics dialog, from the same desk
 * object. The CLI has no running hub monitor, so it asks the hub once to
 * fill one; it never creates a store that is not there.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "madoguchi-core.h"
#include "card/mado-pcsc-context.h"
#include "mado-cli.h"
#include "mado-cli-flow.h"

/* The CLI never creates a store that is not there. */
static void
open_existing_store (MadoDesk *desk)
{
  const MadoSiteConfig *config = mado_desk_get_site_config (desk);
  g_autoptr(GError) error = NULL;

  if (config == NULL || mado_desk_get_store_state (desk) != MADO_DESK_STORE_CLOSED ||
      !g_file_test (config->cache_database, G_FILE_TEST_EXISTS))
    return;
  /* A store that fails to open is the desk's setup error, in the report. */
  if (!mado_desk_open_store (desk, &error))
    g_debug ("diagnostics: store: %s", error->message);
}

/* The CLI has no running hub monitor: one question to the hub fills it. */
static void
probe_hub (MadoDesk *desk)
{
  MadoHubClient *client = mado_desk_get_hub_client (desk);
  g_autoptr(MadoHubStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  if (client == NULL)
    return;
  status = mado_hub_client_get_status (client, NULL, &error);
  if (status == NULL)
    g_debug ("diagnostics: hub status: %s", error->message);
}

int
mado_cli_diagnostics (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— print a report for support"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) setup_error = NULL;
  g_autoptr(GError) reader_error = NULL;
  g_autoptr(MadoDesk) desk = NULL;
  MadoSiteConfig *config;
  g_autoptr(GPtrArray) readers = NULL;
  g_autofree char *path = mado_site_config_default_path ();
  g_autofree char *report = NULL;
  MadoDiagnosticsInput input = { 0 };

  g_option_context_set_summary (context, _("Prints versions, card readers, the hub's state, the "
                                           "configuration and the outbox's counts. It holds no "
                                           "secrets and no personal data."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mado_cli_usage_error ("diagnostics", "%s", error->message);
  if (argc != 1)
    return mado_cli_usage_error ("diagnostics", "%s", _("unexpected argument"));

  config = mado_site_config_load (path, &setup_error);
  desk = mado_desk_new (config, setup_error);
  open_existing_store (desk);
  probe_hub (desk);
  readers = mado_pcsc_context_dup_reader_infos (&reader_error);
  if (readers == NULL)
    g_debug ("diagnostics: readers: %s", reader_error->message);

  input.program = "madoguchi-cli";
  input.site_config = mado_desk_get_site_config (desk);
  input.site_config_path = path;
  input.setup_error = mado_desk_get_setup_error (desk);
  input.readers = readers;
  input.hub_monitor = mado_desk_get_hub_monitor (desk);
  input.store = mado_desk_get_store (desk);
  report = mado_diagnostics_report (&input);
  g_print ("%s", report);
  return MADO_EXIT_OK;
}
