/* mado-cli-visit.c — `madoguchi-cli visit`: the whole desk session headless, with the offline store
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

int
mado_cli_visit (int argc, char **argv)
{
  MadoCliVisitOptions options;
  MadoCliStoreOptions store_options = { 0 };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— one visit: card, identity, consent, hub or offline cache"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  int status = MADO_EXIT_OK;

  mado_cli_visit_options_init (&options);
  mado_cli_visit_options_add (context, &options);
  mado_cli_store_options_add (context, &store_options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("visit", "%s", error->message);
  else if (argc != 1)
    status = mado_cli_usage_error ("visit", "%s", _("unexpected argument"));
  else if ((store = mado_cli_store_open ("visit", &store_options, &status)) != NULL)
    status = mado_cli_run_visit ("visit", &options, store);

  mado_cli_visit_options_clear (&options);
  mado_cli_store_options_clear (&store_options);
  return status;
}
