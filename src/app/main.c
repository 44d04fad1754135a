/* main.c — madoguchi, the reception application
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-renderer.h"

int
main (int argc, char **argv)
{
  g_autoptr(MadoApplication) app = NULL;

  /* Before anything starts a thread or GTK opens the display. */
  mado_renderer_choose ();
  mado_i18n_init ();
  /* The desk's log: the journal in a desktop session or under systemd. */
  mado_log_init ("madoguchi", mado_log_choose_target (TRUE));

  app = mado_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
