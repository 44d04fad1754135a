/* main.c — madoguchi-orca-double: ORCA's API on loopback for tests, demos and training
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "mado-orca-double.h"

static char *opt_listen = NULL;
static char *opt_user = NULL;
static char *opt_password_file = NULL;
static char *opt_patients = NULL;

static const GOptionEntry entries[] = {
  { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen, N_("Address to listen on (port 0: any free port)"), "127.0.0.1:PORT" },
  { "user", 0, 0, G_OPTION_ARG_STRING, &opt_user, N_("The ORCA user the desk must send"), "USER" },
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_password_file, N_("File with the password the desk must send"), "FILE" },
  { "patients", 0, 0, G_OPTION_ARG_FILENAME, &opt_patients, N_("Patients and their 公費 (JSON)"), "FILE" },
  { NULL }
};

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static void
free_options (void)
{
  g_clear_pointer (&opt_listen, g_free);
  g_clear_pointer (&opt_user, g_free);
  g_clear_pointer (&opt_password_file, g_free);
  g_clear_pointer (&opt_patients, g_free);
}

static MadoOrcaDouble *
build_double (GError **error)
{
  g_autofree char *password = NULL;
  g_autoptr(GHashTable) patients = NULL;

  if (!g_file_get_contents (opt_password_file, &password, NULL, error))
    return NULL;
  password[strcspn (password, "\r\n")] = '\0';
  patients = mado_orca_double_fixtures_load (opt_patients, error);
  if (patients == NULL)
    return NULL;
  return mado_orca_double_new (opt_user, password, patients);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoOrcaDouble) orca = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint port;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MADOGUCHI_LOCALEDIR") ? g_getenv ("MADOGUCHI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Serve a test double of ORCA’s API on loopback for tests, demos and training."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !opt_listen || !opt_user || !opt_password_file || !opt_patients)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : _("--listen, --user, --password-file and --patients are required."));
      free_options ();
      return 2;
    }
  orca = build_double (&error);
  port = orca != NULL ? mado_orca_double_listen (orca, opt_listen, &error) : 0;
  if (port == 0)
    {
      g_printerr (_("The ORCA double cannot start: %s\n"), error->message);
      free_options ();
      return 1;
    }
  printf ("listening on http://127.0.0.1:%u\n", port);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  free_options ();
  return 0;
}
