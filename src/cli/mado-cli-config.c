/* mado-cli-config.c — `madoguchi-cli config check`: is this terminal set up?
 *
 * One line per check, with the fix under each failure or warning. The
 * exit status is 0 only when no check failed: scripts and the package's
 * install test rely on it.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "madoguchi-core.h"
#include "mado-cli.h"

static void
print_json (const char *path,
            GPtrArray  *checks)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  mado_cli_json_add_string (b, "configuration", path);
  json_builder_set_member_name (b, "passed");
  json_builder_add_boolean_value (b, mado_site_check_all_passed (checks));
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < checks->len; i++)
    {
      const MadoSiteCheck *check = g_ptr_array_index (checks, i);

      json_builder_begin_object (b);
      mado_cli_json_add_string (b, "name", check->name);
      mado_cli_json_add_string (b, "status", mado_site_check_status_to_string (check->status));
      mado_cli_json_add_string (b, "message", check->message);
      mado_cli_json_add_string (b, "fix", check->fix);
      mado_cli_json_add_string (b, "error", check->error_name);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  mado_cli_json_print (root);
}

static void
print_lines (GPtrArray *checks)
{
  for (guint i = 0; i < checks->len; i++)
    {
      const MadoSiteCheck *check = g_ptr_array_index (checks, i);
      const char *status = mado_site_check_status_to_string (check->status);

      /* The verdict stays the untranslated keyword: scripts read it. */
      g_print ("%-4s %-31s %s\n", status, check->name, check->message);
      if (check->fix != NULL && check->status != MADO_SITE_CHECK_PASS)
        g_print ("     %s %s\n", _("fix:"), check->fix);
    }
}

static int
config_check (int argc, char **argv)
{
  gboolean json = FALSE;
  gboolean no_hub = FALSE;
  gboolean no_reader = FALSE;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &path,
      N_("The site configuration (default: $MADOGUCHI_SITE_CONFIG, else the system one)"), N_("FILE") },
    { "no-hub", 0, 0, G_OPTION_ARG_NONE, &no_hub, N_("Do not ask the hub"), NULL },
    { "no-reader", 0, 0, G_OPTION_ARG_NONE, &no_reader, N_("Do not ask for card readers"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— check this terminal's set-up"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  MadoSiteCheckFlags flags = MADO_SITE_CHECK_FLAGS_NONE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mado_cli_usage_error ("config check", "%s", error->message);
  if (argc != 1)
    return mado_cli_usage_error ("config check", "%s", _("unexpected argument"));

  if (path == NULL)
    path = mado_site_config_default_path ();
  if (no_hub)
    flags |= MADO_SITE_CHECK_FLAGS_NO_HUB;
  if (no_reader)
    flags |= MADO_SITE_CHECK_FLAGS_NO_READER;
  checks = mado_site_check_run (path, flags, NULL);
  if (json)
    print_json (path, checks);
  else
    print_lines (checks);
  return mado_site_check_all_passed (checks) ? MADO_EXIT_OK : MADO_EXIT_INVALID;
}

int
mado_cli_config (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "check"))
    return config_check (argc - 1, argv + 1);
  return mado_cli_usage_error ("config", "%s", _("expected “check”"));
}
