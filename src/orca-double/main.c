/* main.c — madoguchi-orca-double: ORCA's API on loopback for tests, demos and training
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "mado-orca-double.h"
#include "mado-serve.h"

static MadoServeOptions serve_options;
static char *opt_user = NULL;
static char *opt_password_file = NULL;
static char *opt_patients = NULL;

static const GOptionEntry entries[] = {
  { "listen", 0, 0, G_OPTION_ARG_STRING, &serve_options.listen, N_("Address to listen on (port 0: any free port)"), "127.0.0.1:PORT" },
  { "server-cert", 0, 0, G_OPTION_ARG_FILENAME, &serve_options.server_cert, N_("Serve HTTPS with this certificate (PEM; default: plain HTTP)"), "FILE" },
  { "server-key", 0, 0, G_OPTION_ARG_FILENAME, &serve_options.server_key, N_("The certificate’s private key (PEM)"), "FILE" },
  { "user", 0, 0, G_OPTION_ARG_STRING, &opt_user, N_("The ORCA user the desk must send"), "USER" },
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_password_file, N_("File with the password the desk must send"), "FILE" },
  { "patients", 0, 0, G_OPTION_ARG_FILENAME, &opt_patients, N_("Patients and their 公費 (JSON)"), "FILE" },
  { NULL }
};

/* The double lives as long as the process serves. */
static MadoOrcaDouble *orca;

static MadoOrcaDouble *
build_double (const MadoServeOptions  *options,
              GError                 **error)
{
  g_autofree char *password = NULL;
  g_autoptr(GHashTable) patients = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(MadoOrcaDouble) built = NULL;

  if (!g_file_get_contents (opt_password_file, &password, NULL, error))
    return NULL;
  password[strcspn (password, "\r\n")] = '\0';
  patients = mado_orca_double_fixtures_load (opt_patients, error);
  if (patients == NULL)
    return NULL;
  if (options->server_cert != NULL &&
      (certificate = mado_serve_load_certificate (options, error)) == NULL)
    return NULL;
  built = mado_orca_double_new (opt_user, password, patients);
  mado_orca_double_set_certificate (built, certificate);
  return g_steal_pointer (&built);
}

static guint
start (const MadoServeOptions  *options,
       GError                 **error)
{
  orca = build_double (options, error);
  return orca != NULL ? mado_orca_double_listen (orca, options->listen, error) : 0;
}

static gboolean
complete (void)
{
  return opt_user && opt_password_file && opt_patients;
}

static void
report (const GError *error)
{
  g_printerr (_("The ORCA double cannot start: %s\n"), error->message);
}

static void
free_options (void)
{
  g_clear_pointer (&opt_user, g_free);
  g_clear_pointer (&opt_password_file, g_free);
  g_clear_pointer (&opt_patients, g_free);
  g_clear_pointer (&orca, mado_orca_double_free);
}

int
main (int   argc,
      char *argv[])
{
  const MadoServe serve = {
    &serve_options, entries,
    N_("Serve a test double of ORCA’s API on loopback for tests, demos and training."), FALSE, complete,
    N_("--listen, --user, --password-file and --patients are required."),
    start, report, free_options,
  };

  return mado_serve_main (&serve, argc, argv);
}
