/* mado-serve.c — what the loopback servers' main() share: options, TLS, the ready line, the loop
 *
 * madoguchi-training-hub and madoguchi-orca-double both parse their options,
 * set up TLS the same way (TLS 1.2 or newer; a certificate and key from PEM
 * files), print one ready line that the tests and the demo wait for —
 * `listening on https://127.0.0.1:PORT` (or http:// without a certificate)
 * — and serve until SIGTERM or SIGINT. The servers themselves differ only
 * in what they build.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "mado-serve.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static void
i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MADOGUCHI_LOCALEDIR") ? g_getenv ("MADOGUCHI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
clear (const MadoServe *serve)
{
  g_clear_pointer (&serve->options->listen, g_free);
  g_clear_pointer (&serve->options->server_cert, g_free);
  g_clear_pointer (&serve->options->server_key, g_free);
  serve->clear ();
}

/* 2 for a usage error (printed), else -1 to go on. */
static int
parse (const MadoServe  *serve,
       int              *argc,
       char           ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  const MadoServeOptions *o = serve->options;

  g_option_context_set_summary (context, _(serve->summary));
  g_option_context_add_main_entries (context, serve->entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (o->listen == NULL || (o->server_cert == NULL) != (o->server_key == NULL) ||
      (serve->needs_tls && o->server_cert == NULL) || !serve->complete ())
    {
      g_printerr ("%s\n", _(serve->required));
      return 2;
    }
  return -1;
}

/**
 * mado_serve_main:
 * @serve: the server
 *
 * Parses the options, builds and starts the server, prints the ready line
 * and serves until SIGTERM or SIGINT.
 *
 * Returns: the exit status: 0, 1 (cannot start: @serve's report says why)
 *   or 2 (usage)
 */
int
mado_serve_main (const MadoServe  *serve,
                 int               argc,
                 char            **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  int status;
  guint port;

  /* TLS 1.2 or newer only. GnuTLS (glib-networking's backend on Debian)
   * reads this before the first TLS connection is made. */
  g_setenv ("G_TLS_GNUTLS_PRIORITY", "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2", TRUE);
  i18n_init ();
  if ((status = parse (serve, &argc, &argv)) >= 0)
    {
      clear (serve);
      return status;
    }
  port = serve->start (serve->options, &error);
  if (port == 0)
    {
      serve->report (error);
      clear (serve);
      return 1;
    }
  printf ("listening on %s://127.0.0.1:%u\n", serve->options->server_cert != NULL ? "https" : "http", port);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  clear (serve);
  return 0;
}

/**
 * mado_serve_load_certificate:
 * @options: the parsed options, with --server-cert and --server-key
 * @error: why the files hold no certificate and key
 *
 * Returns: (transfer full) (nullable): the server's certificate with its key
 */
GTlsCertificate *
mado_serve_load_certificate (const MadoServeOptions  *options,
                             GError                 **error)
{
  return g_tls_certificate_new_from_files (options->server_cert, options->server_key, error);
}
