/* test-handoff-section.c — the resident screen's hand-off: the QR code on screen and on the slip
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a bundle kept in tests/ui/data/ on the fixed day 2026-11-21 and
 * checks what a keyboard-wedge reader would type: zbarimg reads the QR code
 * back from the screenshot and from the printed slip (skipped without
 * zbarimg or pdftoppm). Screenshots: <build>/screenshots/handoff-*.png.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-resident-view.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

/* docs/orca.md's format, written out: the two subsidies valid on the day
 * (the third has ended, the fourth has not begun). */
#define EXPECTED_TEXT \
  "MADOGUCHI1;BIRTH=1968-03-03;CHECKED=2026-11-21T10:00+09:00" \
  ";PAYER=54016027;RECIPIENT=2304616;FROM=2026-04-01;TO=2027-03-31;CAP=10000" \
  ";PAYER=81137242;RECIPIENT=3810421;FROM=2025-12-01;TO=2026-12-03;CAP=1500"

static void
freshness_init (MadoReceptionFreshness *freshness,
                gboolean                offline)
{
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");

  memset (freshness, 0, sizeof *freshness);
  freshness->offline = offline;
  freshness->checked_at = g_date_time_new (jst, 2026, 11, 21, 10, 0, 0);
  freshness->confirmed_at = g_date_time_ref (freshness->checked_at);
  freshness->identity = MADO_IDENTITY_CHECK_PIN;
}

static void
freshness_clear (MadoReceptionFreshness *freshness)
{
  g_clear_pointer (&freshness->checked_at, g_date_time_unref);
  g_clear_pointer (&freshness->confirmed_at, g_date_time_unref);
}

/* zbarimg's reading of @png, or NULL (and a skip) without zbarimg. */
static char *
decode_qr (const char *png)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (g_find_program_in_path ("zbarimg") == NULL)
    {
      g_test_skip ("zbarimg (zbar-tools) is not installed");
      return NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) (const char * const []) { "zbarimg", "--quiet", "--raw", png, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strchomp (out);
  return g_steal_pointer (&out);
}

static GtkWidget *
named (MadoResidentView *view,
       const char       *name)
{
  GtkWidget *widget = mado_resident_view_find_named (view, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static GtkWidget *
show (GtkWindow *app_window,
      gboolean   offline)
{
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle ("resident-nanbyo.json",
                                                                   MADO_HUB_CONSENT_ALL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = mado_resident_view_new ();
  MadoReceptionFreshness freshness;
  GDate today;

  mado_ui_test_day (&today);
  freshness_init (&freshness, offline);
  gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (app_window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  mado_resident_view_show (MADO_RESIDENT_VIEW (view), bundle, &freshness, "1312345678", &today);
  freshness_clear (&freshness);
  gtk_window_present (GTK_WINDOW (window));
  visit_env_wait_resident (view);
  mado_ui_test_wait_for_frames (window, 3);
  return window;
}

static void
scroll_to_handoff (MadoResidentView *view,
                   GtkWidget        *window)
{
  GtkWidget *section = named (view, "handoff-section");
  GtkWidget *scroller = gtk_widget_get_ancestor (section, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t top;

  g_assert_true (gtk_widget_compute_point (section, scroller, &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            top.y);
  mado_ui_test_wait_for_frames (window, 3);
}

static void
screen_case (GtkWindow *app_window,
             gpointer   user_data)
{
  GtkWidget *window = show (app_window, FALSE);
  MadoResidentView *view = MADO_RESIDENT_VIEW (gtk_window_get_child (GTK_WINDOW (window)));
  g_autofree char *png = NULL;
  g_autofree char *read = NULL;

  g_assert_true (gtk_widget_get_sensitive (named (view, "handoff-send")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (named (view, "handoff-qr")), ==, EXPECTED_TEXT);
  scroll_to_handoff (view, window);
  png = mado_ui_test_save_png (window, "handoff-screen.png");
  read = decode_qr (png);
  if (read != NULL)
    g_assert_cmpstr (read, ==, EXPECTED_TEXT);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
offline_case (GtkWindow *app_window,
              gpointer   user_data)
{
  GtkWidget *window = show (app_window, TRUE);
  MadoResidentView *view = MADO_RESIDENT_VIEW (gtk_window_get_child (GTK_WINDOW (window)));
  GtkWidget *state = named (view, "handoff-state");

  /* Cached data is never sent to ORCA; the state says why. */
  g_assert_false (gtk_widget_get_sensitive (named (view, "handoff-send")));
  g_assert_true (gtk_widget_get_visible (state));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (state)), !=, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screen (void)
{
  g_assert_cmpint (mado_ui_test_run_app (screen_case, NULL), ==, 0);
}

static void
test_offline (void)
{
  g_assert_cmpint (mado_ui_test_run_app (offline_case, NULL), ==, 0);
}

static void
test_slip (void)
{
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle ("resident-nanbyo.json",
                                                                   MADO_HUB_CONSENT_ALL);
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  g_autoptr(GDateTime) checked = g_date_time_new (jst, 2026, 11, 21, 10, 0, 0);
  const char *build_root = g_getenv ("MADOGUCHI_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (build_root ? build_root : ".", "screenshots", NULL);
  g_autofree char *pdf = g_build_filename (dir, "handoff-slip.pdf", NULL);
  g_autofree char *stem = g_build_filename (dir, "handoff-slip", NULL);
  g_autofree char *png = g_strconcat (stem, ".png", NULL);
  g_autoptr(MadoHandoffSlip) slip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;
  int status;
  GDate today;

  mado_ui_test_day (&today);
  slip = mado_handoff_slip_new (bundle, &today, checked);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_unlink (pdf);
  g_assert_true (mado_handoff_slip_write_pdf (slip, pdf, TRUE, &error));
  g_assert_no_error (error);
  if (g_find_program_in_path ("pdftoppm") == NULL)
    {
      g_test_skip ("pdftoppm (poppler-utils) is not installed");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) (const char * const []) { "pdftoppm", "-png", "-r", "150",
                                                                      "-singlefile", pdf, stem, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  read = decode_qr (png);
  if (read != NULL)
    g_assert_cmpstr (read, ==, EXPECTED_TEXT);
}

int
main (int argc, char **argv)
{
  /* The QR text writes the check time in local time. */
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  mado_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/handoff/screen", test_screen);
  g_test_add_func ("/ui/handoff/offline", test_offline);
  g_test_add_func ("/ui/handoff/slip", test_slip);
  return g_test_run ();
}
