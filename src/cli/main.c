/* main.c — madoguchi-cli: Madoguchi's flows without a window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-cli.h"

static const MadoCliCommand commands[] = {
  { "check-number", "NUMBER [RECIPIENT] [--json]",
    N_("Check a 公費負担者番号 and, optionally, its 受給者番号"), mado_cli_check_number },
};

static void
print_help (void)
{
  g_print (_("Usage: madoguchi-cli COMMAND [OPTIONS…]\n\n"));
  g_print (_("Commands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %s %s\n      %s\n", commands[i].name, commands[i].synopsis,
             _(commands[i].summary));
  g_print ("\n");
  g_print (_("Options:\n"));
  g_print (_("  --version   Print the version and exit\n"));
  g_print (_("  --help      Print this help and exit\n\n"));
  g_print (_("Run “madoguchi-cli COMMAND --help” for a command's options. Exit statuses are listed in docs/cli.md.\n"));
}

int
main (int argc, char **argv)
{
  mado_i18n_init ();

  if (argc < 2)
    {
      print_help ();
      return MADO_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("madoguchi-cli %s\n", PACKAGE_VERSION);
      return MADO_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help ();
      return MADO_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  return mado_cli_usage_error (argv[1], "%s", _("unknown command"));
}
