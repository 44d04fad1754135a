/* test-staff.c — sign-in, idle lock, preferences and the diagnostics window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-diagnostics-window.h"
#include "mado-preferences-window.h"
#include "mado-sign-in-page.h"
#include "mado-visual-check-page.h"
#include "mado-window.h"
#include "mado-test-util.h"
#include "ui-test-util.h"

#define RIGHT_PASSWORD "correct-horse-battery"

static char *scratch;

static MadoApplication *
app_of (GtkWindow *window)
{
  return MADO_APPLICATION (gtk_window_get_application (window));
}

static void
check_sign_in (GtkWindow *window,
               gpointer   user_data)
{
  MadoApplication *app = app_of (window);
  MadoSignInPage *page;
  MadoStaffSession *session;
  g_autofree char *png = NULL;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (mado_window_get_visible_page (MADO_WINDOW (window)), ==, "sign-in");

  page = mado_ui_test_sign_in (window, "alice", "not-the-password");
  g_assert_cmpstr (mado_sign_in_page_get_error_text (page), ==,
                   _("The staff ID or the password is wrong. Type them again."));
  g_assert_null (mado_application_get_staff_session (app));
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (mado_window_get_visible_page (MADO_WINDOW (window)), ==, "sign-in");
  png = mado_ui_test_save_png (GTK_WIDGET (window), "sign-in.png");

  mado_ui_test_sign_in (window, "alice", RIGHT_PASSWORD);
  session = mado_application_get_staff_session (app);
  g_assert_nonnull (session);
  g_assert_cmpstr (mado_staff_session_get_staff_id (session), ==, "alice");
  mado_ui_test_wait_for_page (window, "idle");
  g_assert_null (mado_sign_in_page_get_error_text (page));

  /* Signing out empties the page: no ID prefilled after a sign-out. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-out", NULL);
  mado_ui_test_wait_for_page (window, "sign-in");
  g_assert_null (mado_application_get_locked_staff_id (app));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mado_ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_ENTRY))),
                   ==, "alice");
}

static void
check_disabled (GtkWindow *window,
                gpointer   user_data)
{
  MadoSignInPage *page;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  page = mado_ui_test_sign_in (window, "bob", RIGHT_PASSWORD);
  g_assert_cmpstr (mado_sign_in_page_get_error_text (page), ==,
                   _("This staff account is disabled. Ask the administrator."));
  g_assert_null (mado_application_get_staff_session (app_of (window)));
  g_assert_cmpstr (mado_window_get_visible_page (MADO_WINDOW (window)), ==, "sign-in");
}

static gboolean
audit_has (MadoStore  *store,
           const char *needle)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gint64 exported = 0;
  g_autofree char *text = NULL;

  g_assert_true (mado_store_audit_export (store, NULL, NULL, out, &exported, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  return strstr (text, needle) != NULL;
}

static void
check_idle_lock (GtkWindow *window,
                 gpointer   user_data)
{
  MadoApplication *app = app_of (window);
  GtkWidget *page;
  GtkWidget *note;
  g_autofree char *png = NULL;
  gint64 started;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  mado_application_set_idle_lock_seconds (app, 2);
  page = GTK_WIDGET (mado_ui_test_sign_in (window, "alice", RIGHT_PASSWORD));
  g_assert_nonnull (mado_application_get_staff_session (app));
  mado_ui_test_wait_for_page (window, "idle");
  started = g_get_monotonic_time ();

  mado_ui_test_wait_for_page (window, "sign-in");
  /* Not before the idle time, and not much after. */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 1 * G_USEC_PER_SEC);
  g_assert_null (mado_application_get_staff_session (app));
  g_assert_cmpstr (mado_application_get_locked_staff_id (app), ==, "alice");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mado_ui_test_find_widget (page, GTK_TYPE_ENTRY))), ==, "alice");
  note = GTK_WIDGET (mado_ui_test_find_label (page, _("The desk was locked. Type your password to continue. "
                                                        "If a resident was typing their PIN, ask them to start again.")));
  g_assert_nonnull (note);
  g_assert_true (gtk_widget_get_mapped (note));
  g_assert_true (gtk_widget_has_focus (mado_ui_test_find_widget (page, GTK_TYPE_PASSWORD_ENTRY)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         mado_ui_test_find_widget (page, GTK_TYPE_PASSWORD_ENTRY)));
  g_assert_true (audit_has (mado_application_get_store (app), "sign-out"));
  png = mado_ui_test_save_png (GTK_WIDGET (window), "locked.png");

  /* Ctrl+L's action locks at once too. */
  mado_ui_test_sign_in (window, "alice", RIGHT_PASSWORD);
  mado_ui_test_wait_for_page (window, "idle");
  g_assert_null (mado_application_get_locked_staff_id (app));
  mado_application_set_idle_lock_seconds (app, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  mado_ui_test_wait_for_page (window, "sign-in");
  g_assert_cmpstr (mado_application_get_locked_staff_id (app), ==, "alice");
}

static GtkWidget *
find_text_scale_spin (GtkWidget *root)
{
  if (GTK_IS_SPIN_BUTTON (root) &&
      gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (root))) == 2.0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text_scale_spin (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_preferences (GtkWindow *window,
                   gpointer   user_data)
{
  MadoApplication *app = app_of (window);
  GtkWindow *preferences;
  GtkWidget *spin;
  GtkLabel *label;
  int before, after;
  g_autofree char *png = NULL;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  /* The sign-in page's description: body text, as most of the desk's. */
  label = mado_ui_test_find_label (GTK_WIDGET (window),
                                   _("Sign in with your staff ID and password to open the desk."));
  g_assert_nonnull (label);
  before = gtk_widget_get_height (GTK_WIDGET (label));
  g_assert_cmpint (before, >, 0);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = mado_ui_test_wait_for_toplevel (MADO_TYPE_PREFERENCES_WINDOW);
  spin = find_text_scale_spin (GTK_WIDGET (preferences));
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 1.0);
  /* Past the title's cross-fade. */
  mado_ui_test_wait_for_frames (GTK_WIDGET (preferences), 40);
  png = mado_ui_test_save_png (GTK_WIDGET (preferences), "preferences.png");

  /* The spin button writes the setting; the app applies it live. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1.5);
  g_assert_cmpfloat (g_settings_get_double (mado_application_get_settings (app), "text-scale"), ==, 1.5);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 3);
  after = gtk_widget_get_height (GTK_WIDGET (label));
  g_test_message ("label height %d → %d px at text scale 1.5", before, after);
  g_assert_cmpint (after * 100, >=, before * 130);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1.0);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (label)), ==, before);
  gtk_window_destroy (preferences);
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static void
check_diagnostics (GtkWindow *window,
                   gpointer   user_data)
{
  MadoApplication *app = app_of (window);
  GtkWindow *dialog;
  g_autofree char *report = NULL;
  g_autofree char *gtk_line = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *png = NULL;
  GdkClipboard *clipboard;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_action_group_activate_action (G_ACTION_GROUP (app), "diagnostics", NULL);
  dialog = mado_ui_test_wait_for_toplevel (MADO_TYPE_DIAGNOSTICS_WINDOW);
  /* A copy: the window rebuilds its report on a timer while it is open,
   * which frees the text it returned, and the clipboard is read below
   * with the main loop running. */
  report = g_strdup (mado_diagnostics_window_get_report (MADO_DIAGNOSTICS_WINDOW (dialog)));
  gtk_line = g_strdup_printf ("  GTK                    %u.%u.", GTK_MAJOR_VERSION, GTK_MINOR_VERSION);
  g_assert_nonnull (strstr (report, gtk_line));
  g_assert_nonnull (strstr (report, "  Terminal ID            desk-1\n"));
  g_assert_nonnull (strstr (report, "  State                  not-configured\n"));
  g_assert_nonnull (strstr (report, "  pending                0\n"));
  g_assert_null (strstr (report, RIGHT_PASSWORD));
  png = mado_ui_test_save_png (GTK_WIDGET (dialog), "diagnostics.png");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "diagnostics.copy", NULL);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, report);
  gtk_window_destroy (dialog);
}

/* ---- the visual check's checker: an account, never a typed name ------- */

typedef struct {
  GtkWidget *page;
  guint      submitted;
} Checker;

static void
checker_submitted_cb (GtkWidget *page,
                      Checker   *checker)
{
  checker->submitted++;
}

static gboolean
checker_answered (gpointer data)
{
  Checker *checker = data;

  return gtk_widget_get_visible (mado_ui_test_find_named (checker->page, "visual-error")) ||
         checker->submitted > 0;
}

/* Another staff member checks: their ID and password, then confirm. */
static void
check_as (Checker    *checker,
          const char *staff_id,
          const char *password)
{
  GtkWidget *password_entry;

  checker->submitted = 0;
  /* The entries are in the widget tree only while the expander is open. */
  gtk_expander_set_expanded (GTK_EXPANDER (mado_ui_test_find_named (checker->page, "visual-other")), TRUE);
  password_entry = mado_ui_test_find_named (checker->page, "visual-password");
  gtk_editable_set_text (GTK_EDITABLE (mado_ui_test_find_named (checker->page, "visual-operator")), staff_id);
  gtk_editable_set_text (GTK_EDITABLE (password_entry), password);
  g_signal_emit_by_name (password_entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_entry)), ==, "");
  mado_test_wait_until (checker_answered, checker, 15, "the checker's password check");
}

static void
check_visual_checker (GtkWindow *window,
                      gpointer   user_data)
{
  MadoApplication *app = app_of (window);
  GtkWidget *holder = gtk_window_new ();
  Checker checker = { mado_visual_check_page_new (), 0 };
  MadoVisualCheckPage *page = MADO_VISUAL_CHECK_PAGE (checker.page);
  g_autofree char *default_checker = g_strdup_printf (_("Checked by: %s (signed in)"), "staff-007");

  gtk_window_set_application (GTK_WINDOW (holder), GTK_APPLICATION (app));
  gtk_window_set_child (GTK_WINDOW (holder), checker.page);
  gtk_window_present (GTK_WINDOW (holder));
  mado_visual_check_page_set_desk (page, mado_application_get_desk (app));
  g_signal_connect (page, "submit", G_CALLBACK (checker_submitted_cb), &checker);

  /* A PIN visit left the page busy; the next face check waits for staff
   * and says so, not that it is recording. */
  mado_visual_check_page_set_busy (page, TRUE);
  mado_visual_check_page_prepare (page, FALSE, "staff-007");
  g_assert_nonnull (mado_ui_test_find_label (checker.page,
                                             _("Compare the resident's face with the card photo")));
  g_assert_null (mado_ui_test_find_label (checker.page,
                                          _("Waiting for the hub to open the identity check…")));

  /* By default, whoever is signed in. */
  g_assert_nonnull (mado_ui_test_find_label (checker.page, default_checker));
  g_signal_emit_by_name (mado_ui_test_find_named (checker.page, "visual-confirm"), "clicked");
  g_assert_cmpuint (checker.submitted, ==, 1);
  g_assert_cmpstr (mado_visual_check_page_get_operator_id (page), ==, "staff-007");

  /* No account, a disabled one, a wrong password: nothing is recorded. */
  mado_visual_check_page_prepare (page, FALSE, "staff-007");
  check_as (&checker, "yamada-doctor", RIGHT_PASSWORD);
  g_assert_cmpuint (checker.submitted, ==, 0);
  check_as (&checker, "bob", RIGHT_PASSWORD);
  g_assert_cmpuint (checker.submitted, ==, 0);
  check_as (&checker, "alice", "not-the-password");
  g_assert_cmpuint (checker.submitted, ==, 0);
  g_assert_null (mado_visual_check_page_get_operator_id (page));

  /* Alice with her own password: the check is hers. */
  check_as (&checker, "alice", RIGHT_PASSWORD);
  g_assert_cmpuint (checker.submitted, ==, 1);
  g_assert_cmpstr (mado_visual_check_page_get_operator_id (page), ==, "alice");
  gtk_window_destroy (GTK_WINDOW (holder));
}

static void
run (gconstpointer data)
{
  g_assert_cmpint (mado_ui_test_run_app ((MadoUiTestFunc) data, NULL), ==, 0);
}

static void
make_site (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conf = NULL;
  g_autoptr(MadoStore) store = NULL;

  scratch = mado_test_make_dir ("mado-test-staff-XXXXXX");
  conf = mado_test_make_desk_site (scratch, "alice", RIGHT_PASSWORD, &store);
  g_setenv ("MADOGUCHI_SITE_CONFIG", conf, TRUE);
  g_assert_true (mado_store_staff_add (store, "bob", MADO_STAFF_ROLE_RECEPTION, RIGHT_PASSWORD,
                                       "system:test", &error));
  g_assert_true (mado_store_staff_disable (store, "bob", "system:test", &error));
  g_assert_no_error (error);
}

static void
remove_site (void)
{
  mado_test_remove_dir (scratch);
  g_free (scratch);
}

int
main (int argc, char **argv)
{
  int status;

  mado_ui_test_init (&argc, &argv);
  make_site ();

  g_test_add_data_func ("/ui/staff/sign-in", check_sign_in, run);
  g_test_add_data_func ("/ui/staff/disabled", check_disabled, run);
  g_test_add_data_func ("/ui/staff/idle-lock", check_idle_lock, run);
  g_test_add_data_func ("/ui/staff/preferences", check_preferences, run);
  g_test_add_data_func ("/ui/staff/diagnostics", check_diagnostics, run);
  g_test_add_data_func ("/ui/staff/visual-checker", check_visual_checker, run);

  status = g_test_run ();
  remove_site ();
  return status;
}
