/* test-venue-visit.c — a whole vaccination visit by keyboard: card, PIN, consent, judgement, scan, dose
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (meson does this): card-env.sh -- run-ui-test.sh test-venue-visit TRAINING-HUB
 * The keys are the ones staff press: mnemonics (Alt+letter) reach the
 * widgets through gtk_widget_mnemonic_activate(), Enter through
 * gtk_widget_activate(), Ctrl+Enter through the dialog's action, and the
 * barcode scanner "types" its element string into the focused field.
 * Each new screen is saved under <build>/screenshots/venue-*.png.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-doctor-section.h"
#include "mado-record-dialog.h"
#include "mado-recorded-doses.h"
#include "mado-today-window.h"
#include "mado-venue-strip.h"
#include "mado-window.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

static const guint right_pin[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4, GDK_KEY_Return };
static const guint share_all[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_Return };

/* The training B型肝炎 product, raw as a scanner sends it: the symbology
 * prefix, then the lot (variable length) ended by FNC1 (ASCII 29). */
#define GOOD_SCAN    "]C1" "0104912345000019" "10HB2612A" "\x1d" "17281231"
#define EXPIRED_SCAN "(01)04912345000019(17)240131(10)OLD0124"
#define GOOD_LOT     "HB2612A"

static void
screenshot (GtkWindow  *window,
            const char *name)
{
  g_autofree char *path = NULL;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  path = mado_ui_test_save_png (GTK_WIDGET (window), name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Brings @widget to the top of its scrolled window, for the screenshot. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)));
  graphene_point_t top;

  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            top.y - 48);
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = visit_env_find_named (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static void
sign_in_as (GtkWindow     *window,
            const char    *staff_id,
            const char    *display_name,
            MadoStaffRole  role)
{
  g_autoptr(MadoStaffSession) staff = mado_staff_session_new (staff_id, role, 3600, g_get_real_time ());

  mado_staff_session_set_display_name (staff, display_name);
  mado_application_set_staff_session (MADO_APPLICATION (gtk_window_get_application (window)), staff);
}

static void
card_pin_consent (GtkWindow *window)
{
  MadoWindow *desk = MADO_WINDOW (window);

  visit_env_card_insert ("infant");
  visit_env_wait_page (desk, "pin");
  visit_env_type (mado_window_get_page (desk, "pin"), right_pin, G_N_ELEMENTS (right_pin));
  visit_env_wait_page (desk, "consent");
  visit_env_type (mado_window_get_page (desk, "consent"), share_all, G_N_ELEMENTS (share_all));
  visit_env_wait_page (desk, "resident");
}

/* Alt+letter: the mnemonic's widget is activated (a button clicks a moment later). */
static void
press_mnemonic (GtkWidget *widget)
{
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_mnemonic_activate (widget, FALSE));
}

/* What a keyboard-wedge scanner does: the characters, then Enter. */
static void
scan (GtkWidget  *dialog,
      const char *element_string)
{
  GtkWidget *field = named (dialog, "record-scan");

  gtk_editable_set_text (GTK_EDITABLE (field), element_string);
  /* Enter in a GtkText emits its activate signal. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (field)), "activate");
}

static const char *
text_of (GtkWidget  *root,
         const char *name)
{
  GtkWidget *widget = named (root, name);

  return GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                               : gtk_editable_get_text (GTK_EDITABLE (widget));
}

static gboolean
judgement_signed (gpointer data)
{
  return !mado_doctor_section_get_editable (MADO_DOCTOR_SECTION (data)) &&
         gtk_widget_is_drawable (visit_env_find_named (data, "doctor-signed"));
}

/* Reception sees the doctor's section and cannot fill it in, nor record a dose. */
static void
reception_cannot_sign (GtkWindow *window)
{
  GtkWidget *resident = mado_window_get_page (MADO_WINDOW (window), "resident");
  GtkWidget *section = named (resident, "doctor-section");

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_false (mado_doctor_section_get_editable (MADO_DOCTOR_SECTION (section)));
  g_assert_false (mado_doctor_section_sign (MADO_DOCTOR_SECTION (section)));
  g_assert_false (gtk_widget_is_drawable (named (section, "doctor-sign")));
  g_assert_false (gtk_widget_is_sensitive (named (resident, "venue-record")));
}

static void
doctor_signs (GtkWindow *window)
{
  GtkWidget *resident = mado_window_get_page (MADO_WINDOW (window), "resident");
  GtkWidget *section = named (resident, "doctor-section");

  /* Reception saw it read-only; the doctor's sign-in makes it a form. */
  g_assert_true (mado_doctor_section_get_editable (MADO_DOCTOR_SECTION (section)));
  press_mnemonic (named (section, "doctor-decision-0"));        /* Alt+V 接種する */
  press_mnemonic (named (section, "doctor-explained"));         /* Alt+E 説明 */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (section, "doctor-explained"))));
  gtk_widget_grab_focus (named (section, "doctor-sign"));
  scroll_to (section);
  screenshot (window, "venue-1-doctor-section.png");
  press_mnemonic (named (section, "doctor-sign"));              /* Alt+S */
  visit_env_wait (judgement_signed, section, "the judgement to be signed");
  g_assert_nonnull (strstr (text_of (section, "doctor-signed"), "佐藤 健一"));
  screenshot (window, "venue-2-judgement-signed.png");
}

static GtkWidget *
open_record_dialog (GtkWindow *window)
{
  GtkWidget *resident = mado_window_get_page (MADO_WINDOW (window), "resident");

  press_mnemonic (named (resident, "venue-record"));            /* Alt+R */
  return GTK_WIDGET (mado_ui_test_wait_for_toplevel (MADO_TYPE_RECORD_DIALOG));
}

static gint64 records_before[2];

static gboolean
hub_counted (gpointer data)
{
  return visit_env_records_count ("vaccinations") == records_before[0] + 1;
}

/* An expired lot is refused whatever staff tick; the good one is saved. */
static void
nurse_records (GtkWindow *window)
{
  GtkWidget *dialog = open_record_dialog (window);
  MadoRecordDialog *record = MADO_RECORD_DIALOG (dialog);

  mado_ui_test_wait_for_frames (dialog, 2);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (named (dialog, "record-scan"))))));
  /* The performer is whoever is signed in, not a field anyone types. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (named (dialog, "record-performer"))), ==, "田中 由美");

  scan (dialog, EXPIRED_SCAN);
  g_assert_cmpstr (text_of (dialog, "record-lot"), ==, "OLD0124");
  g_assert_false (mado_record_dialog_save (record));
  g_assert_nonnull (visit_env_find_named (dialog, "record-finding-lot-expired"));
  g_assert_null (visit_env_find_named (visit_env_find_named (dialog, "record-finding-lot-expired"), "record-override"));
  screenshot (GTK_WINDOW (dialog), "venue-3-expired-lot.png");

  scan (dialog, GOOD_SCAN);
  g_assert_cmpstr (text_of (dialog, "record-lot"), ==, GOOD_LOT);
  g_assert_cmpstr (text_of (dialog, "record-expiry"), ==, "2028-12-31");
  g_assert_cmpstr (text_of (dialog, "record-volume"), ==, "0.25");
  /* The expired lot's refusal does not stay on screen beside the good lot. */
  g_assert_null (visit_env_find_named (dialog, "record-finding-lot-expired"));
  g_assert_false (gtk_widget_get_visible (named (dialog, "record-error")));
  screenshot (GTK_WINDOW (dialog), "venue-4-record-scanned.png");
  g_assert_true (gtk_widget_activate_action (dialog, "record.save", NULL));   /* Ctrl+Enter */
}

/* How many of this desk's rows on the resident screen name the lot and say @state. */
static guint
count_doses_in_state (GtkWidget  *resident,
                      const char *state)
{
  guint n = 0;

  for (guint i = 0;; i++)
    {
      g_autofree char *text_name = g_strdup_printf ("recorded-text-%u", i);
      g_autofree char *state_name = g_strdup_printf ("recorded-state-%u", i);

      if (visit_env_find_named (resident, text_name) == NULL)
        return n;
      n += strstr (text_of (resident, text_name), GOOD_LOT) != NULL &&
           g_strcmp0 (text_of (resident, state_name), state) == 0;
    }
}

static gboolean
dose_delivered (gpointer data)
{
  return count_doses_in_state (data, _("Delivered")) == 1;
}

static gboolean
lot_in_history (gpointer data)
{
  return mado_ui_test_find_label (data, GOOD_LOT) != NULL;
}

/* The end-of-day report: one dose of the lot, one judgement, in both formats. */
static void
check_report (MadoTodayWindow *today)
{
  g_autofree char *dir = g_dir_make_tmp ("venue-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "report.csv", NULL);
  g_autofree char *pdf_text = NULL;
  g_autofree char *csv_text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mado_today_window_save_report (today, pdf, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (mado_today_window_save_report (today, csv, FALSE, &error));
  g_assert_true (g_file_get_contents (pdf, &pdf_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_nonnull (strstr (csv_text, GOOD_LOT));
  g_unlink (pdf);
  g_unlink (csv);
  g_rmdir (dir);
}

static void
check_venue_visit (GtkWindow *window,
                   gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);
  GtkWidget *resident;
  MadoVenueStrip *strip;
  MadoTodayWindow *today;

  records_before[0] = visit_env_records_count ("vaccinations");
  records_before[1] = visit_env_records_count ("questionnaires");
  sign_in_as (window, "staff-007", "受付 花子", MADO_STAFF_ROLE_RECEPTION);
  card_pin_consent (window);
  reception_cannot_sign (window);
  sign_in_as (window, "doc-01", "佐藤 健一", MADO_STAFF_ROLE_DOCTOR);
  doctor_signs (window);

  sign_in_as (window, "nurse-01", "田中 由美", MADO_STAFF_ROLE_NURSE);
  nurse_records (window);
  resident = mado_window_get_page (desk, "resident");
  visit_env_wait (hub_counted, NULL, "the hub to count the dose");
  visit_env_wait (dose_delivered, resident, "the dose to show as delivered");
  g_assert_cmpint (visit_env_records_count ("vaccinations"), ==, records_before[0] + 1);
  g_assert_cmpint (visit_env_records_count ("questionnaires"), ==, records_before[1] + 1);
  strip = MADO_VENUE_STRIP (named (GTK_WIDGET (window), "venue-strip"));
  g_assert_cmpuint (mado_venue_strip_get_n_observed (strip), ==, 1);
  scroll_to (named (resident, "recorded-doses"));
  screenshot (window, "venue-5-resident-recorded.png");

  today = mado_today_window_present_for (window);
  mado_ui_test_wait_for_frames (GTK_WIDGET (today), 2);
  g_assert_cmpuint (mado_today_window_get_n_visible (today), ==, 2);
  screenshot (GTK_WINDOW (today), "venue-6-today.png");
  check_report (today);
  gtk_window_close (GTK_WINDOW (today));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "visit.end", NULL));
  visit_env_card_remove ();
}

/* The next visit's bundle holds the dose the hub accepted. */
static void
check_next_bundle (GtkWindow *window,
                   gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);

  sign_in_as (window, "nurse-01", "田中 由美", MADO_STAFF_ROLE_NURSE);
  card_pin_consent (window);
  visit_env_wait (lot_in_history, mado_window_get_page (desk, "resident"), "the dose in the hub's history");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "visit.end", NULL));
  visit_env_card_remove ();
}

static gboolean
said_later (gpointer data)
{
  return count_doses_in_state (data, _("Recorded; will be sent when the hub is reachable")) == 1;
}

/* The last row naming the lot in today's records, or NULL. */
static GtkWidget *
last_dose_row (GtkWidget *today)
{
  GtkWidget *last = NULL;
  GtkWidget *row;

  for (guint i = 0;; i++)
    {
      g_autofree char *name = g_strdup_printf ("today-row-%u", i);

      if ((row = visit_env_find_named (today, name)) == NULL)
        return last;
      if (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), GOOD_LOT) != NULL)
        last = row;
    }
}

/* Today's records: the dose just given is marked entered in error, with a reason. */
static void
correct_last_dose (GtkWindow *window)
{
  MadoTodayWindow *today;
  GtkWidget *row;
  GtkWindow *question;
  guint n_rows;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "venue.today", NULL));   /* Ctrl+T */
  today = MADO_TODAY_WINDOW (mado_ui_test_wait_for_toplevel (MADO_TYPE_TODAY_WINDOW));
  mado_ui_test_wait_for_frames (GTK_WIDGET (today), 2);
  n_rows = mado_today_window_get_n_visible (today);
  row = last_dose_row (GTK_WIDGET (today));
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  question = mado_today_window_ask_correction (today);                                   /* Alt+E */
  g_assert_nonnull (question);
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (question), "correction-reason")),
                         "同じ接種を二重に記録した");
  screenshot (question, "venue-9-correction.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "correct");
  /* The dose stays, marked; the correction is a record of its own. */
  g_assert_cmpuint (mado_today_window_get_n_visible (today), ==, n_rows + 1);
  row = last_dose_row (GTK_WIDGET (today));
  g_assert_nonnull (mado_ui_test_find_label (row, _("Entered in error")));
  screenshot (GTK_WINDOW (today), "venue-10-today-corrected.png");
  gtk_window_close (GTK_WINDOW (today));
}

/* Offline: the same dose again needs an explicit override with a reason,
 * and the screen says the record waits for the hub. */
static void
check_offline_override (GtkWindow *window,
                        gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);
  GtkWidget *dialog;
  GtkWidget *finding;

  visit_env_stop_hub ();
  sign_in_as (window, "nurse-01", "田中 由美", MADO_STAFF_ROLE_NURSE);
  card_pin_consent (window);
  dialog = open_record_dialog (window);
  scan (dialog, GOOD_SCAN);
  g_assert_false (mado_record_dialog_save (MADO_RECORD_DIALOG (dialog)));
  finding = named (dialog, "record-finding-dose-already-given");
  press_mnemonic (named (finding, "record-override"));
  g_assert_false (mado_record_dialog_save (MADO_RECORD_DIALOG (dialog)));  /* no reason yet */
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "record-override-reason")), "母子手帳で前回分の記載誤りを確認");
  screenshot (GTK_WINDOW (dialog), "venue-7-override.png");
  g_assert_true (mado_record_dialog_save (MADO_RECORD_DIALOG (dialog)));
  visit_env_wait (said_later, mado_window_get_page (desk, "resident"), "the offline note");
  scroll_to (named (mado_window_get_page (desk, "resident"), "recorded-doses"));
  screenshot (window, "venue-8-recorded-offline.png");
  correct_last_dose (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "visit.end", NULL));
  visit_env_card_remove ();
}

int
main (int argc, char **argv)
{
  int status;

  mado_ui_test_init (&argc, &argv);
  status = mado_ui_test_visit_setup (argc, argv);
  if (status >= 0)
    return status;

  /* In this order: the records build up, and the last one stops the hub. */
  g_test_add_data_func ("/ui/venue/visit", check_venue_visit, mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/venue/next-bundle", check_next_bundle, mado_ui_test_run_visit);
  g_test_add_data_func ("/ui/venue/offline-override", check_offline_override, mado_ui_test_run_visit);
  status = g_test_run ();
  visit_env_teardown ();
  return status;
}
