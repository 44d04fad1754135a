/* bench-ui-floor.c — the floor under the app's start-up: a bare libadwaita window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the milliseconds from just before adw_application_new() to the
 * after-paint of the first frame of one window holding one Japanese label,
 * in the same display, session bus, renderer and language as bench-ui. What
 * GTK, libadwaita, the display and the fonts cost before an application
 * does anything of its own: bench-ui runs it in fresh processes and prints
 * its median beside the reception app's first start. With --as-desk it
 * draws as the desk does (cairo, no OpenGL probe: mado-renderer.c), else
 * with GTK's defaults under the test environment's GSK_RENDERER=cairo.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "mado-renderer.h"

static gint64 created;

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  printf ("%.1f\n", (g_get_monotonic_time () - created) / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  gtk_window_destroy (window);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      gtk_label_new ("カードを置いてください"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;

  /* --as-desk: with the renderer the desk chooses (mado-renderer.c), not
   * GTK's default. Before the clock starts, as the desk's main() does it. */
  if (argc > 1 && g_strcmp0 (argv[1], "--as-desk") == 0)
    {
      mado_renderer_choose ();
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  created = g_get_monotonic_time ();
  app = adw_application_new ("io.github.madoguchi.Madoguchi.BenchFloor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
