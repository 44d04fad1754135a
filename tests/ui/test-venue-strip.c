/* test-venue-strip.c — observation timers on the desk, across residents
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-venue-strip.h"
#include "mado-window.h"
#include "mado-test-util.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

#define MINUTE (60 * G_USEC_PER_SEC)

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  GtkWidget *label = visit_env_find_named (root, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
observed_one (gpointer data)
{
  return mado_venue_strip_get_n_observed (MADO_VENUE_STRIP (data)) == 1;
}

static void
check_observation (GtkWindow *window,
                   gpointer   user_data)
{
  MadoVenueStrip *strip;
  GtkWidget *row;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *png = NULL;

  visit_env_sign_in (window);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  strip = MADO_VENUE_STRIP (visit_env_find_named (GTK_WIDGET (window), "venue-strip"));
  g_assert_nonnull (strip);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (strip)));
  g_assert_cmpuint (mado_venue_strip_get_n_observed (strip), ==, 0);
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (strip), "なし"));

  /* Through the window's action, as the resident screen's buttons start it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "venue.observe", "(ssu)",
                                             "r-1", "山田 はると", 15u));
  g_assert_cmpuint (mado_venue_strip_get_n_observed (strip), ==, 1);
  row = visit_env_find_named (GTK_WIDGET (strip), "observation-0");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_drawable (row));
  g_assert_cmpstr (label_text (row, "observation-remaining-0"), ==, "残り 15:00");

  /* Restarted with explicit times: rounded up, never 0:00 while time is left. */
  mado_venue_strip_observe (strip, "r-1", "山田 はると", 15, start);
  row = visit_env_find_named (GTK_WIDGET (strip), "observation-1");
  g_assert_null (visit_env_find_named (GTK_WIDGET (strip), "observation-0"));
  mado_venue_strip_tick (strip, start + 15 * MINUTE - G_USEC_PER_SEC / 2);
  g_assert_cmpstr (label_text (row, "observation-remaining-1"), ==, "残り 0:01");
  g_assert_false (gtk_widget_has_css_class (row, "observation-over"));
  mado_venue_strip_tick (strip, start + 15 * MINUTE);
  g_assert_true (gtk_widget_has_css_class (row, "observation-over"));
  g_assert_cmpint (mado_venue_strip_get_remaining (strip, "r-1", start + 16 * MINUTE), ==, 0);

  /* The next resident's visit does not take the timer away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "visit.end", NULL));
  mado_venue_strip_observe (strip, "r-2", "佐藤 みお", 30, start);
  g_assert_cmpuint (mado_venue_strip_get_n_observed (strip), ==, 2);
  g_assert_cmpint (mado_venue_strip_get_remaining (strip, "r-2", start + 10 * MINUTE), ==, 20 * MINUTE);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  png = mado_ui_test_save_png (GTK_WIDGET (window), "venue-observation.png");
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  /* Release by the row's button (a button's activation clicks it a moment later). */
  g_assert_true (gtk_widget_activate (gtk_widget_get_last_child (row)));
  mado_test_wait_until (observed_one, strip, 5, "the release to be clicked");
  g_assert_cmpint (mado_venue_strip_get_remaining (strip, "r-1", start), ==, -1);
  g_assert_true (mado_venue_strip_release (strip, "r-2"));
  g_assert_false (mado_venue_strip_release (strip, "r-2"));
  g_assert_true (gtk_widget_is_drawable (visit_env_find_named (GTK_WIDGET (strip), "observation-list")));
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (strip), "なし"));
}

static void
test_observation (void)
{
  g_assert_cmpint (mado_ui_test_run_app (check_observation, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  mado_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/venue/observation", test_observation);

  return g_test_run ();
}
