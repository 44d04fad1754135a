/* mado-cli-diagnostics.c — `madoguchi-cli diagnostics`: the support report
 *
 * The same report as the desk's Diagnostics dialog. The CLI has no running
 * hub monitor, so it asks the hub once to fill one; it never creates a
 * store that is not there.
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

static MadoStore *
open_existing_store (const MadoSiteConfig *config,
                     GError              **error)
{
  if (config == NULL || config->cache_database == NULL || config->cache_key_file == NULL)
    return NULL;
  if (!g_file_test (config->cache_database, G_FILE_TEST_EXISTS))
    return NULL;
  return mado_store_open (config->cache_database, config->cache_key_file, error);
}

static void
probe_hub (const MadoSiteConfig *config,
           MadoHubMonitor       *monitor)
{
  g_autoptr(MadoHubClient) client = NULL;
  g_autoptr(MadoHubStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  if (config == NULL)
    return;
  client = mado_hub_client_new (config, &error);
  if (client == NULL)
    {
      g_debug ("diagnostics: no hub client: %s", error->message);
      return;
    }
  mado_hub_client_set_monitor (client, monitor);
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
  g_autoptr(MadoSiteConfig) config = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(MadoHubMonitor) monitor = mado_hub_monitor_new ();
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
  if (config != NULL)
    store = open_existing_store (config, &setup_error);
  probe_hub (config, monitor);
  readers = mado_pcsc_dup_reader_infos (&reader_error);
  if (readers == NULL)
    g_debug ("diagnostics: readers: %s", reader_error->message);

  input.program = "madoguchi-cli";
  input.site_config = config;
  input.site_config_path = path;
  input.setup_error = setup_error;
  input.readers = readers;
  input.hub_monitor = monitor;
  input.store = store;
  report = mado_diagnostics_report (&input);
  g_print ("%s", report);
  return MADO_EXIT_OK;
}
