/* main.c — madoguchi-training-hub: the hub API on loopback for tests, demos and staff training
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-serve.h"
#include "mado-training-hub.h"
#include "mado-training-terminal-database.h"

static MadoServeOptions serve_options;
static char *opt_terminal_ca = NULL;
static char *opt_trust_anchors = NULL;
static char *opt_crl = NULL;
static char *opt_fixtures = NULL;
static char *opt_db = NULL;
static gboolean opt_faults = FALSE;
static char *opt_fault = NULL;
static int opt_challenge_lifetime = 60;

static const GOptionEntry entries[] = {
  { "listen", 0, 0, G_OPTION_ARG_STRING, &serve_options.listen, N_("Address to listen on (port 0: any free port)"), "127.0.0.1:PORT" },
  { "server-cert", 0, 0, G_OPTION_ARG_FILENAME, &serve_options.server_cert, N_("The hub’s certificate (PEM)"), "FILE" },
  { "server-key", 0, 0, G_OPTION_ARG_FILENAME, &serve_options.server_key, N_("The hub’s private key (PEM)"), "FILE" },
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

static MadoTrainingHub *
build_hub (const MadoServeOptions  *options,
           GError                 **error)
{
  g_autoptr(MadoTrainingFixtures) fixtures = NULL;
  g_autoptr(MadoTrainingVerifier) verifier = NULL;
  g_autoptr(MadoTrainingStore) store = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
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
  certificate = mado_serve_load_certificate (options, error);
  if (certificate == NULL)
    return NULL;
  database = mado_training_terminal_database_new (verifier);
  hub = mado_training_hub_new (fixtures, verifier, store, certificate, database,
                               opt_faults || opt_fault != NULL, (guint) opt_challenge_lifetime);
  mado_training_hub_set_standing_fault (hub, opt_fault);
  return hub;
}

/* The hub lives as long as the process serves. */
static MadoTrainingHub *hub;

static guint
start (const MadoServeOptions  *options,
       GError                 **error)
{
  hub = build_hub (options, error);
  return hub != NULL ? mado_training_hub_listen (hub, options->listen, error) : 0;
}

static gboolean
complete (void)
{
  return opt_terminal_ca && opt_trust_anchors && opt_fixtures && opt_challenge_lifetime >= 1;
}

static void
report (const GError *error)
{
  g_printerr (_("The training hub cannot start: %s\n"), error->message);
}

static void
free_options (void)
{
  g_clear_pointer (&opt_terminal_ca, g_free);
  g_clear_pointer (&opt_trust_anchors, g_free);
  g_clear_pointer (&opt_crl, g_free);
  g_clear_pointer (&opt_fixtures, g_free);
  g_clear_pointer (&opt_db, g_free);
  g_clear_pointer (&opt_fault, g_free);
  g_clear_object (&hub);
}

int
main (int   argc,
      char *argv[])
{
  const MadoServe serve = {
    &serve_options, entries,
    N_("Serve the Madoguchi hub API on loopback for tests, demos and training."), TRUE, complete,
    N_("--listen, --server-cert, --server-key, --terminal-ca, --trust-anchors and --fixtures are required."),
    start, report, free_options,
  };

  return mado_serve_main (&serve, argc, argv);
}
