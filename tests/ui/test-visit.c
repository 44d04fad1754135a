/* test-visit.c — whole visits in the real window: virtual card, training hub, Xvfb
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (meson does this): card-env.sh -- run-ui-test.sh test-visit TRAINING-HUB
 * Each screen is saved under <build>/screenshots/visit-*.png.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-cues.h"
#include "mado-pin-page.h"
#include "mado-resident-view.h"
#include "mado-window.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

static const guint wrong_pin[] = { GDK_KEY_9, GDK_KEY_KP_9, GDK_KEY_9, GDK_KEY_KP_9, GDK_KEY_Return };
/* Top row and keypad mixed, with a correction: 1 2 5 ⌫ 3 4 ↵ is 1234. */
static const guint right_pin[] = { GDK_KEY_KP_1, GDK_KEY_2, GDK_KEY_5, GDK_KEY_BackSpace,
                                   GDK_KEY_KP_3, GDK_KEY_4, GDK_KEY_KP_Enter };
/* The desk stack's pages after the idle page. */
static const char *const visit_pages[] = { "reading", "pin", "visual", "consent", "working", "resident", "problem" };
static const guint share_all[] = { GDK_KEY_1, GDK_KEY_KP_2, GDK_KEY_3, GDK_KEY_Return };

static void
screenshot (GtkWindow  *window,
            const char *name)
{
  g_autofree char *path = NULL;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  path = mado_ui_test_save_png (GTK_WIDGET (window), name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static GtkWidget *
page (GtkWindow  *window,
      const char *name)
{
  return mado_window_get_page (MADO_WINDOW (window), name);
}

static const char *
named_text (GtkWidget  *root,
            const char *name)
{
  GtkWidget *widget = visit_env_find_named (root, name);

  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_text (GTK_LABEL (widget));
}

static gboolean
named_visible (GtkWidget  *root,
               const char *name)
{
  GtkWidget *widget = visit_env_find_named (root, name);

  g_assert_nonnull (widget);
  return gtk_widget_is_drawable (widget);
}

static gboolean
pin_refused (gpointer data)
{
  GtkWidget *pin_page = data;

  return named_visible (pin_page, "pin-wrong") &&
         mado_pin_page_get_entry_enabled (MADO_PIN_PAGE (pin_page));
}

/* PIN → consent → resident screen, for the card already on the reader. */
static void
type_pin_and_consent (GtkWindow *window)
{
  MadoWindow *desk = MADO_WINDOW (window);

  visit_env_wait_page (desk, "pin");
  visit_env_type (page (window, "pin"), right_pin, G_N_ELEMENTS (right_pin));
  visit_env_wait_page (desk, "consent");
  visit_env_type (page (window, "consent"), share_all, G_N_ELEMENTS (share_all));
  visit_env_wait_page (desk, "resident");
}

static void
end_visit (GtkWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "visit.end", NULL));
  visit_env_wait_page (MADO_WINDOW (window), "idle");
  visit_env_card_remove ();
}

/* 1: idle → infant card → a wrong PIN, then the right one → consent → the
 * resident screen with the fixture's subsidy numbers and the flagged
 * questionnaire item first. */
static void
check_online_visit (GtkWindow *window,
                    gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);
  GtkWidget *pin_page;
  GtkWidget *resident;
  GtkWidget *first_row;
  guint wrong_cues = mado_cues_get_play_count (MADO_CUE_PIN_WRONG);
  g_autofree char *two_left = g_strdup_printf (ngettext ("%u try left before the card locks",
                                                         "%u tries left before the card locks", 2), 2);

  visit_env_sign_in (window);
  screenshot (window, "visit-1-idle.png");

  visit_env_card_insert ("infant");
  visit_env_wait_page (desk, "pin");
  pin_page = page (window, "pin");
  g_assert_true (mado_pin_page_get_entry_enabled (MADO_PIN_PAGE (pin_page)));
  g_assert_false (named_visible (pin_page, "pin-last-try"));
  screenshot (window, "visit-2-pin-entry.png");

  /* Wrong PIN: back to the entry with the card's new count, nothing re-sent. */
  visit_env_type (pin_page, wrong_pin, G_N_ELEMENTS (wrong_pin));
  visit_env_wait (pin_refused, pin_page, "the wrong-PIN message");
  g_assert_cmpstr (mado_window_get_visible_page (desk), ==, "pin");
  g_assert_cmpuint (mado_pin_page_get_length (MADO_PIN_PAGE (pin_page)), ==, 0);
  g_assert_cmpstr (named_text (pin_page, "pin-tries"), ==, two_left);
  g_assert_cmpuint (mado_cues_get_play_count (MADO_CUE_PIN_WRONG), ==, wrong_cues + 1);
  screenshot (window, "visit-3-pin-wrong.png");

  visit_env_type (pin_page, right_pin, G_N_ELEMENTS (right_pin));
  visit_env_wait_page (desk, "consent");
  screenshot (window, "visit-4-consent.png");
  /* Enter with nothing chosen does not go on. */
  visit_env_type (page (window, "consent"), (const guint[]) { GDK_KEY_Return }, 1);
  g_assert_cmpstr (mado_window_get_visible_page (desk), ==, "consent");
  g_assert_true (named_visible (page (window, "consent"), "consent-nothing-chosen"));

  visit_env_type (page (window, "consent"), share_all, G_N_ELEMENTS (share_all));
  visit_env_wait_page (desk, "resident");
  resident = page (window, "resident");
  g_assert_cmpstr (named_text (resident, "subsidy-insurer-0"), ==, "88138243");
  g_assert_cmpstr (named_text (resident, "subsidy-recipient-0"), ==, "5302146");
  first_row = visit_env_find_named (resident, "questionnaire-row-0");
  g_assert_nonnull (first_row);
  g_assert_nonnull (mado_ui_test_find_label (first_row, "今日の体温"));
  g_assert_false (gtk_widget_get_visible (mado_window_get_offline_banner (desk)));
  screenshot (window, "visit-5-resident-online.png");

  /* The card leaving does not take the screen away from the desk… */
  visit_env_card_remove ();
  g_assert_cmpstr (mado_window_get_visible_page (desk), ==, "resident");
  /* …Done (Escape) does, and nothing of the visit stays. */
  end_visit (window);
  g_assert_null (mado_visit_controller_get_session (mado_window_get_visit_controller (desk)));
}

/* 3: a blocked card is explained, with no PIN entry. */
static void
check_blocked_card (GtkWindow *window,
                    gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);
  GtkWidget *visual;
  g_autofree char *checker = NULL;

  visit_env_sign_in (window);
  visit_env_card_insert ("blocked");
  visit_env_wait_page (desk, "visual");
  visual = page (window, "visual");
  g_assert_true (named_visible (visual, "visual-pin-blocked"));
  g_assert_false (gtk_widget_get_mapped (page (window, "pin")));
  g_assert_null (visit_env_find_named (visual, "pin-entry"));
  /* The checker defaults to whoever is signed in. */
  checker = g_strdup_printf (_("Checked by: %s (signed in)"), "staff-007");
  g_assert_cmpstr (named_text (visual, "visual-checker"), ==, checker);
  screenshot (window, "visit-6-blocked-card.png");
  /* The face check confirmed by whoever is signed in leads to the
   * resident the training fixtures link to this card. */
  g_signal_emit_by_name (visit_env_find_named (visual, "visual-confirm"), "clicked");
  visit_env_wait_page (desk, "consent");
  visit_env_type (page (window, "consent"), share_all, G_N_ELEMENTS (share_all));
  visit_env_wait_page (desk, "resident");
  g_assert_cmpstr (named_text (page (window, "resident"), "resident-name"), ==, "渡辺 健");
  end_visit (window);
}

static gboolean
entry_enabled (gpointer data)
{
  return mado_pin_page_get_entry_enabled (MADO_PIN_PAGE (data));
}

/* 4: one try left: staff acknowledge the warning before the entry takes digits. */
static void
check_last_try (GtkWindow *window,
                gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);
  GtkWidget *pin_page;
  GtkWidget *acknowledge;

  visit_env_sign_in (window);
  visit_env_card_insert ("onetry");
  visit_env_wait_page (desk, "pin");
  pin_page = page (window, "pin");
  g_assert_true (named_visible (pin_page, "pin-last-try"));
  g_assert_false (mado_pin_page_get_entry_enabled (MADO_PIN_PAGE (pin_page)));
  g_assert_false (mado_pin_page_handle_key (MADO_PIN_PAGE (pin_page), GDK_KEY_1));
  g_assert_cmpuint (mado_pin_page_get_length (MADO_PIN_PAGE (pin_page)), ==, 0);
  acknowledge = visit_env_find_named (pin_page, "pin-acknowledge");
  g_assert_true (gtk_widget_has_focus (acknowledge));
  screenshot (window, "visit-7-last-try-warning.png");

  g_assert_true (gtk_widget_activate (acknowledge));
  visit_env_wait (entry_enabled, pin_page, "the PIN entry to be enabled");
  g_assert_false (named_visible (pin_page, "pin-last-try"));
  g_assert_true (gtk_widget_has_focus (visit_env_find_named (pin_page, "pin-entry")));
  visit_env_type (pin_page, right_pin, G_N_ELEMENTS (right_pin));
  visit_env_wait_page (desk, "consent");
  visit_env_type (page (window, "consent"), share_all, G_N_ELEMENTS (share_all));
  /* The training fixtures give this card a resident: the last try succeeds. */
  visit_env_wait_page (desk, "resident");
  g_assert_cmpstr (named_text (page (window, "resident"), "resident-name"), ==, "小林 さくら");
  screenshot (window, "visit-8-last-try-resident.png");
  end_visit (window);
}

static void
page_seen_cb (MadoWindow *desk,
              GParamSpec *pspec,
              GString    *seen)
{
  g_string_append_printf (seen, "%s ", mado_window_get_visible_page (desk));
}

/* 5: a revoked card is refused at the card read, before any PIN entry,
 * with what the resident should do instead of "place the card again". */
static void
check_revoked_card (GtkWindow *window,
                    gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);
  g_autoptr(GString) seen = g_string_new (NULL);
  gulong handler;

  visit_env_sign_in (window);
  handler = g_signal_connect (desk, "notify::visible-page", G_CALLBACK (page_seen_cb), seen);
  visit_env_card_insert ("revoked");
  visit_env_wait_page (desk, "problem");
  g_signal_handler_disconnect (desk, handler);
  g_assert_null (strstr (seen->str, "pin"));
  g_assert_nonnull (mado_ui_test_find_label (page (window, "problem"),
                                             _("This card cannot be used today")));
  g_assert_null (mado_ui_test_find_label (
    page (window, "problem"),
    _("Do what the message says, press Done, then place the card again.")));
  screenshot (window, "visit-11-revoked-card.png");
  end_visit (window);
}

static gboolean
idle_says_card (gpointer data)
{
  return mado_ui_test_find_label (data, _("A card is on the reader")) != NULL;
}

static gboolean
idle_says_no_card (gpointer data)
{
  return mado_ui_test_find_label (data, _("Place the My Number Card on the reader")) != NULL;
}

/* 6: Done with the card still on the reader: the idle page agrees with
 * the status bar and reads the card again; a lock over a resident's
 * screen closes it and says so after the next sign-in. */
static void
check_card_left_on_reader (GtkWindow *window,
                           gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));
  GtkWidget *idle = page (window, "idle");
  const char *locked = _("The desk was locked, so the last resident's screen was closed: "
                         "nobody else may see it.");
  const char *description;

  visit_env_sign_in (window);
  visit_env_card_insert ("infant");
  type_pin_and_consent (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "visit.end", NULL));
  visit_env_wait_page (desk, "idle");
  visit_env_wait (idle_says_card, idle, "the idle page to name the card on the reader");
  g_assert_null (mado_ui_test_find_label (idle, _("Place the My Number Card on the reader")));
  g_assert_true (named_visible (idle, "idle-read-again"));
  screenshot (window, "visit-12-card-left-on-reader.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "visit.read-again", NULL));
  type_pin_and_consent (window);
  mado_application_set_staff_session (app, NULL);
  visit_env_sign_in (window);
  g_assert_cmpstr (mado_window_get_visible_page (desk), ==, "idle");
  description = adw_status_page_get_description (ADW_STATUS_PAGE (idle));
  g_assert_nonnull (strstr (description, locked));
  screenshot (window, "visit-13-closed-by-lock.png");
  visit_env_card_remove ();
  visit_env_wait (idle_says_no_card, idle, "the idle page to ask for a card");
}

static gboolean
hub_offline (gpointer data)
{
  MadoApplication *app = data;

  return mado_hub_monitor_get_state (mado_application_get_hub_monitor (app)) == MADO_HUB_STATE_OFFLINE;
}

/* 2: the same card again with the hub stopped: the cached answer, under the banner. */
static void
check_offline_visit (GtkWindow *window,
                     gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));
  const MadoReceptionFreshness *freshness;
  GtkWidget *banner;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *hhmm = NULL;
  const char *text;

  visit_env_sign_in (window);
  visit_env_card_insert ("infant");
  type_pin_and_consent (window);
  g_assert_false (gtk_widget_get_visible (mado_window_get_offline_banner (desk)));
  end_visit (window);

  visit_env_stop_hub ();
  visit_env_card_insert ("infant");
  type_pin_and_consent (window);
  freshness = mado_reception_session_get_freshness (
    mado_visit_controller_get_session (mado_window_get_visit_controller (desk)));
  g_assert_true (freshness->offline);
  g_assert_cmpint (freshness->identity, ==, MADO_IDENTITY_CHECK_PIN_LOCAL);
  banner = mado_window_get_offline_banner (desk);
  g_assert_true (gtk_widget_is_drawable (banner));
  text = named_text (banner, "offline-banner-label");
  local = g_date_time_to_local (freshness->confirmed_at);
  hhmm = g_date_time_format (local, "%H:%M");
  g_assert_nonnull (strstr (text, hhmm));
  g_assert_cmpstr (named_text (page (window, "resident"), "subsidy-insurer-0"), ==, "88138243");
  screenshot (window, "visit-9-resident-offline.png");

  end_visit (window);
  g_assert_false (gtk_widget_get_visible (banner));
  visit_env_wait (hub_offline, app, "the hub monitor to report offline");
  screenshot (window, "visit-10-idle-offline.png");
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
audit_text (MadoStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gint64 exported = 0;

  g_assert_true (mado_store_audit_export (store, NULL, NULL, out, &exported, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* The visit's paper saved where the clerk chose: owner-only, and audited
 * with who, whose and where, never what it says. */
static void
check_summary_saved (GtkWindow *window,
                     gpointer   user_data)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));
  MadoResidentView *view;
  g_autofree char *dir = g_dir_make_tmp ("summary-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "佐藤さん.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *entry = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  visit_env_sign_in (window);
  visit_env_card_insert ("infant");
  type_pin_and_consent (window);
  view = MADO_RESIDENT_VIEW (find_of_type (page (window, "resident"), MADO_TYPE_RESIDENT_VIEW));
  g_assert_nonnull (view);
  before = audit_text (mado_application_get_store (app));
  entry = g_strdup_printf ("visit summary saved in %s", dir);
  g_assert_null (strstr (before, entry));

  g_assert_true (mado_resident_view_save_summary (view, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  after = audit_text (mado_application_get_store (app));
  g_assert_nonnull (strstr (after, entry));
  g_assert_nonnull (strstr (after, "staff-007"));
  /* Whose, as the keyed tag: not the reference, the name or the numbers. */
  g_assert_null (strstr (after, "88138243"));
  g_assert_null (strstr (after, "佐藤さん"));
  g_assert_null (strstr (after, mado_reception_session_get_bundle (mado_visit_controller_get_session (
    mado_window_get_visit_controller (MADO_WINDOW (window))))->resident_ref));
  g_assert_null (strstr (after, named_text (page (window, "resident"), "resident-name")));

  g_unlink (path);
  g_rmdir (dir);
  end_visit (window);
}

/* The desk stack's own child, without mado_window_get_page(), which
 * builds the visit pages when asked for one. */
static GtkWidget *
built_page (GtkWindow  *window,
            const char *name)
{
  GtkWidget *stack = gtk_widget_get_parent (mado_window_get_idle_page (MADO_WINDOW (window)));

  return gtk_stack_get_child_by_name (GTK_STACK (stack), name);
}

static gboolean
pages_built (gpointer data)
{
  return built_page (data, "resident") != NULL;
}

/* Start-up: the window's first frame holds the idle page only; the visit
 * pages are built in the idle time after it, by nobody's asking, and a
 * visit then goes through them as ever. */
static void
check_pages_after_first_frame (GtkWindow *window,
                               gpointer   user_data)
{
  visit_env_sign_in (window);
  for (guint i = 0; i < G_N_ELEMENTS (visit_pages); i++)
    g_assert_null (built_page (window, visit_pages[i]));
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 1);
  visit_env_wait (pages_built, window, "the visit pages built after the first frame");
  for (guint i = 0; i < G_N_ELEMENTS (visit_pages); i++)
    g_assert_nonnull (built_page (window, visit_pages[i]));

  visit_env_card_insert ("infant");
  type_pin_and_consent (window);
  g_assert_cmpstr (named_text (page (window, "resident"), "subsidy-insurer-0"), ==, "88138243");
  end_visit (window);
}

static gboolean
store_ready (gpointer data)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (data));

  return mado_desk_get_store_state (mado_application_get_desk (app)) == MADO_DESK_STORE_READY;
}

static gboolean
visit_reading (gpointer data)
{
  return g_strcmp0 (mado_window_get_visible_page (data), "idle") != 0;
}

/* A card read before the window painted anything (so before the idle
 * time that builds the visit pages): the card builds them, and the visit
 * reaches the resident screen. The window stays hidden until the card is
 * read, so that no first frame comes in between; the desk starts watching
 * the readers at its limit without a frame. */
static void
check_card_before_first_frame (GtkWindow *window,
                               gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  visit_env_sign_in (window);
  visit_env_wait (store_ready, window, "the store open");
  g_assert_null (built_page (window, "pin"));

  visit_env_card_insert ("infant");
  visit_env_wait (visit_reading, window, "the card read");
  g_assert_nonnull (built_page (window, "resident"));
  gtk_window_present (window);
  type_pin_and_consent (window);
  g_assert_cmpstr (named_text (page (window, "resident"), "subsidy-insurer-0"), ==, "88138243");
  g_assert_cmpstr (mado_window_get_visible_page (desk), ==, "resident");
  end_visit (window);
}

static gboolean
time_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static gboolean
readers_watched (gpointer data)
{
  return mado_reader_monitor_get_state (data) != MADO_READER_STATE_UNKNOWN;
}

/* The desk's readers, hub probe and store upkeep start after the window's
 * first frame, not with the application: while the window has painted
 * nothing (it is kept hidden, for less than the desk's limit) nobody
 * watches the readers, though the store is opening; once it paints, the
 * readers are watched and a visit goes through. */
static void
check_desk_after_first_frame (GtkWindow *window,
                              gpointer   user_data)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));
  MadoReaderMonitor *readers = mado_application_get_reader_monitor (app);
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  visit_env_sign_in (window);
  g_assert_cmpint (mado_desk_get_store_state (mado_application_get_desk (app)), !=, MADO_DESK_STORE_CLOSED);
  visit_env_wait (time_passed, &until, "300 ms");
  g_assert_cmpint (mado_reader_monitor_get_state (readers), ==, MADO_READER_STATE_UNKNOWN);

  gtk_window_present (window);
  visit_env_wait (readers_watched, readers, "the readers watched after the first frame");
  visit_env_card_insert ("infant");
  type_pin_and_consent (window);
  g_assert_cmpstr (named_text (page (window, "resident"), "subsidy-insurer-0"), ==, "88138243");
  end_visit (window);
}

int
main (int argc, char **argv)
{
  int status;

  mado_ui_test_init (&argc, &argv);
  status = mado_ui_test_visit_setup (argc, argv);
  if (status >= 0)
    return status;

  /* In this order: the offline visit stops the hub. */
  g_test_add_data_func ("/ui/visit/online", check_online_visit, mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/visit/blocked", check_blocked_card, mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/visit/last-try", check_last_try, mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/visit/revoked", check_revoked_card, mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/visit/card-left-on-reader", check_card_left_on_reader,
                        mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/visit/summary-saved", check_summary_saved, mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/visit/pages-after-first-frame", check_pages_after_first_frame,
                        mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/visit/card-before-first-frame", check_card_before_first_frame,
                        mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/visit/desk-after-first-frame", check_desk_after_first_frame,
                        mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/visit/offline", check_offline_visit, mado_ui_test_run_visit);

  status = g_test_run ();
  visit_env_teardown ();
  return status;
}
