/* test-idle-screen.c — the window opens on the idle screen, in Japanese
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-window.h"
#include "ui-test-util.h"

static void
check_idle_screen (GtkWindow *window,
                   gpointer   user_data)
{
  const char *prompt = _("Place the My Number Card on the reader");
  GtkWidget *idle_page;
  GtkLabel *title;
  MadoReaderMonitor *monitor;
  g_autofree char *png = NULL;
  g_autoptr(MadoStaffSession) staff =
    mado_staff_session_new ("staff-001", MADO_STAFF_ROLE_RECEPTION, 3600, g_get_real_time ());

  g_assert_true (MADO_IS_WINDOW (window));
  /* Without a site configuration the window opens on the administrator's
   * page; the desk (and its idle page) shows once a member of staff signed in. */
  g_assert_cmpstr (mado_window_get_visible_page (MADO_WINDOW (window)), ==, "setup");
  mado_application_set_staff_session (MADO_APPLICATION (gtk_window_get_application (window)),
                                      staff);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);

  /* The prompt is translated… */
  g_assert_cmpstr (prompt, ==, "マイナンバーカードを置いてください");
  idle_page = mado_window_get_idle_page (MADO_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (idle_page));
  g_assert_true (gtk_widget_get_child_visible (idle_page));

  /* …shown on the idle page… */
  title = mado_ui_test_find_label (idle_page, prompt);
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (title)));

  /* …and drawn with real glyphs, not boxes: a font covers every character. */
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (gtk_label_get_layout (title)), ==, 0);

  /* The reader indicator follows the core monitor: it says what the
   * monitor says now. */
  monitor = mado_application_get_reader_monitor (MADO_APPLICATION (gtk_window_get_application (window)));
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (window),
                                             mado_reader_state_describe (mado_reader_monitor_get_state (monitor))));

  png = mado_ui_test_save_png (GTK_WIDGET (window), "idle.png");
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
}

static void
test_idle_screen (void)
{
  g_assert_cmpint (mado_ui_test_run_app (check_idle_screen, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  mado_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/idle-screen", test_idle_screen);

  return g_test_run ();
}
