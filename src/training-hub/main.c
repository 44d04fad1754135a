/* main.c — madoguchi-training-hub: the hub API on loopback for tests, demos and staff training
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "mado-training-hub.h"

static char *opt_listen = NULL;
static char *opt_server_cert = NULL;
static char *opt_server_key = NULL;
static char *opt_terminal_ca = NULL;
static char *opt_trust_anchors = NULL;
static char *opt_crl = NULL;
static char *opt_fixtures = NULL;
static char *opt_db = NULL;
static gboolean opt_faults = FALSE;
static char *opt_fault = NULL;
static int opt_challenge_lifetime = 60;

static const GOptionEntry entries[] = {
  { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen, N_("Address to listen on (port 0: any free port)"), "127.0.0.1:PORT" },
  { "server-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_server_cert, N_("The hub’s certificate (PEM)"), "FILE" },
  { "server-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_server_key, N_("The hub’s private key (PEM)"), "FILE" },
  { "terminal-ca", 0, 0, G_OPTION_ARG_FILENAME, &opt_terminal_ca, N_("CA that terminal certificates must chain to (PEM)"), "FILE" },
  { "trust-anchors", 0, 0, G_OPTION_ARG_FILENAME, &opt_trust_anchors, N_("Card CA roots (PEM)"), "FILE" },
  { "crl", 0, 0, G_OPTION_ARG_FILENAME, &opt_crl, N_("Card certificate revocation list (PEM)"), "FILE" },
  { "fixtures", 0, 0, G_OPTION_ARG_FILENAME, &opt_fixtures, N_("Residents and terminals (JSON)"), "FILE" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Record database (default: in memory)"), "FILE" },
  { "enable-faults", 0, 0, G_OPTION_ARG_NONE, &opt_faults, N_("Honour the X-Training-Fault request header"), NULL },
  { "fault", 0, 0, G_OPTION_ARG_STRING, &opt_fault, N_("Inject this X-Training-Fault into every request that carries none (implies --enable-faults)"), "FAULT" },
  { "challenge-lifetime", 0, 0, G_OPTION_ARG_INT, &opt_challenge_lifetime, N_("Challenge lifetime in seconds (training only; the API says 60)"), "SECONDS" },
  { NULL }
};

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static MadoTrainingHub *
build_hub (GError **error)
{
  g_autoptr(MadoTrainingFixtures) fixtures = NULL;
  g_autoptr(MadoTrainingVerifier) verifier = NULL;
  g_autoptr(MadoTrainingStore) store = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *terminal_ca = NULL;
  MadoTrainingHub *hub;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                                           (GDateMonth) g_date_time_get_month (now),
                                           (GDateYear) g_date_time_get_year (now));

  fixtures = mado_training_fixtures_new_from_file (opt_fixtures, today, error);
  if (fixtures == NULL)
    return NULL;
  verifier = mado_training_verifier_new (opt_terminal_ca, opt_trust_anchors, opt_crl, error);
  if (verifier == NULL)
    return NULL;
  store = mado_training_store_new (opt_db, error);
  if (store == NULL)
    return NULL;
  certificate = g_tls_certificate_new_from_files (opt_server_cert, opt_server_key, error);
  if (certificate == NULL)
    return NULL;
  /* GTlsFileDatabase insists on an absolute path. */
  terminal_ca = g_canonicalize_filename (opt_terminal_ca, NULL);
  database = g_tls_file_database_new (terminal_ca, error);
  if (database == NULL)
    return NULL;
  hub = mado_training_hub_new (fixtures, verifier, store, certificate, database,
                               opt_faults || opt_fault != NULL, (guint) opt_challenge_lifetime);
  mado_training_hub_set_standing_fault (hub, opt_fault);
  return hub;
}

static void
free_options (void)
{
  g_clear_pointer (&opt_listen, g_free);
  g_clear_pointer (&opt_server_cert, g_free);
  g_clear_pointer (&opt_server_key, g_free);
  g_clear_pointer (&opt_terminal_ca, g_free);
  g_clear_pointer (&opt_trust_anchors, g_free);
  g_clear_pointer (&opt_crl, g_free);
  g_clear_pointer (&opt_fixtures, g_free);
  g_clear_pointer (&opt_db, g_free);
  g_clear_pointer (&opt_fault, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTrainingHub) hub = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint port;

  /* TLS 1.2 or newer only. GnuTLS (glib-networking's backend on Debian)
   * reads this before the first TLS connection is made. */
  g_setenv ("G_TLS_GNUTLS_PRIORITY", "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2", TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MADOGUCHI_LOCALEDIR") ? g_getenv ("MADOGUCHI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Serve the Madoguchi hub API on loopback for tests, demos and training."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      free_options ();
      return 2;
    }
  if (!opt_listen || !opt_server_cert || !opt_server_key || !opt_terminal_ca
      || !opt_trust_anchors || !opt_fixtures || opt_challenge_lifetime < 1)
    {
      g_printerr ("%s\n", _("--listen, --server-cert, --server-key, --terminal-ca, --trust-anchors and --fixtures are required."));
      free_options ();
      return 2;
    }

  hub = build_hub (&error);
  port = hub ? mado_training_hub_listen (hub, opt_listen, &error) : 0;
  if (port == 0)
    {
      g_printerr (_("The training hub cannot start: %s\n"), error->message);
      free_options ();
      return 1;
    }
  printf ("listening on https://127.0.0.1:%u\n", port);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  free_options ();
  return 0;
}
