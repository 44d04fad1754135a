/* test-kiosk.c — the site's idle-lock maximum: the clerk's preference cannot pass it
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site says `[desk] idle-lock-max-seconds=3`; the clerk has chosen an
 * hour. The preferences stop at the site's limit and say so, and a
 * signed-in desk left alone locks after seconds, not an hour.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-preferences-window.h"
#include "mado-window.h"
#include "mado-test-util.h"
#include "ui-test-util.h"

#define RIGHT_PASSWORD "correct-horse-battery"
#define SITE_MAX       3

static char *scratch;

/* The idle-lock spin button: the one whose lower bound is a minute. */
static GtkSpinButton *
find_idle_spin (GtkWidget *root)
{
  if (GTK_IS_SPIN_BUTTON (root) &&
      gtk_adjustment_get_step_increment (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (root))) == 1.0 &&
      gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (root))) == 1.0)
    return GTK_SPIN_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found = find_idle_spin (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
mentions (GtkWidget  *root,
          const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (mentions (child, needle))
      return TRUE;
  return FALSE;
}

static void
check_preferences_capped (MadoApplication *app)
{
  GtkWindow *preferences;
  GtkSpinButton *spin;
  g_autofree char *png = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = mado_ui_test_wait_for_toplevel (MADO_TYPE_PREFERENCES_WINDOW);
  spin = find_idle_spin (GTK_WIDGET (preferences));
  g_assert_nonnull (spin);
  /* The clerk tries an hour: the button stops at the site's limit. */
  gtk_spin_button_set_value (spin, 60);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), <=, 1.0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)), ==, 1.0);
  g_assert_true (mentions (GTK_WIDGET (preferences), "サイト設定"));
  mado_ui_test_wait_for_frames (GTK_WIDGET (preferences), 40);
  png = mado_ui_test_save_png (GTK_WIDGET (preferences), "preferences-kiosk.png");
  gtk_window_destroy (preferences);
}

static void
check_kiosk (GtkWindow *window,
             gpointer   user_data)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));
  gint64 started;

  mado_ui_test_wait_for_page (window, "sign-in");
  check_preferences_capped (app);

  /* Whatever is stored (an hour, written before the limit existed, or
   * by hand with gsettings), the desk locks by the site's limit. */
  g_settings_set_uint (mado_application_get_settings (app), "idle-lock-minutes", 60);
  mado_ui_test_sign_in (window, "alice", RIGHT_PASSWORD);
  g_assert_nonnull (mado_application_get_staff_session (app));
  mado_ui_test_wait_for_page (window, "idle");
  started = g_get_monotonic_time ();
  mado_ui_test_wait_for_page (window, "sign-in");
  g_test_message ("locked after %.1f s", (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  g_assert_null (mado_application_get_staff_session (app));
  g_assert_cmpstr (mado_application_get_locked_staff_id (app), ==, "alice");
}

static void
test_kiosk (void)
{
  g_autofree char *conf = mado_test_make_desk_site (scratch, "alice", RIGHT_PASSWORD, NULL);
  g_autofree char *text = NULL;
  g_autofree char *kiosk = NULL;

  g_assert_true (g_file_get_contents (conf, &text, NULL, NULL));
  kiosk = g_strdup_printf ("%s[desk]\nidle-lock-max-seconds=%d\n", text, SITE_MAX);
  mado_test_write_file (scratch, "site.conf", kiosk);
  g_setenv ("MADOGUCHI_SITE_CONFIG", conf, TRUE);
  g_assert_cmpint (mado_ui_test_run_app (check_kiosk, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  mado_ui_test_init (&argc, &argv);
  scratch = mado_test_make_dir ("mado-test-kiosk-XXXXXX");

  g_test_add_func ("/ui/kiosk/idle-lock-max", test_kiosk);

  status = g_test_run ();
  mado_test_remove_dir (scratch);
  g_free (scratch);
  return status;
}
