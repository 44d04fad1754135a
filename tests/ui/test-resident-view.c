/* test-resident-view.c — the resident screen and the printed visit summary
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decodes bundles kept in tests/ui/data/ with the hub codec, shows them in a
 * window of the real application and checks what the desk sees. The day is
 * fixed (2026-11-21) so the verdicts are known in advance.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-resident-history.h"
#include "mado-resident-view.h"
#include "mado-visit-summary-print.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

#define INSTITUTION_CODE "1312345678"
#define TERMINAL_ID      "desk-1"

typedef struct {
  const char        *file;
  MadoHubConsent     consent;
  gboolean           offline;
  const char        *png;
  void             (*check) (MadoResidentView *view);
  const char        *scroll_to;     /* (nullable): a second screenshot from here */
  const char        *scrolled_png;
} Case;

static void
freshness_init (MadoReceptionFreshness *freshness,
                gboolean                offline)
{
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");

  memset (freshness, 0, sizeof *freshness);
  freshness->offline = offline;
  freshness->checked_at = g_date_time_new (jst, 2026, 11, 21, 10, 0, 0);
  freshness->confirmed_at = offline ? g_date_time_new (jst, 2026, 11, 19, 10, 30, 0)
                                    : g_date_time_ref (freshness->checked_at);
  freshness->age_seconds = g_date_time_difference (freshness->checked_at,
                                                   freshness->confirmed_at) / G_USEC_PER_SEC;
  freshness->identity = offline ? MADO_IDENTITY_CHECK_VISUAL_LOCAL : MADO_IDENTITY_CHECK_PIN;
  freshness->operator_id = offline ? g_strdup ("suzuki") : NULL;
}

static void
freshness_clear (MadoReceptionFreshness *freshness)
{
  g_clear_pointer (&freshness->checked_at, g_date_time_unref);
  g_clear_pointer (&freshness->confirmed_at, g_date_time_unref);
  g_clear_pointer (&freshness->operator_id, g_free);
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

/* The text of the first label at or below @widget. */
static const char *
label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = label_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static void
assert_label_contains (GtkWidget  *widget,
                       const char *needle)
{
  const char *text = label_text (widget);

  if (text == NULL || strstr (text, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, text ? text : "(no label)");
}

typedef struct {
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static char *
clipboard_text (GtkWidget *widget)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  return read.text;
}

static void
assert_copy_puts (MadoResidentView *view,
                  const char       *button_name,
                  const char       *expected)
{
  GtkWidget *button = named (view, button_name);
  g_autofree char *text = NULL;

  /* Something else on the clipboard first, so a no-op copy fails. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (button), "stale");
  g_signal_emit_by_name (button, "clicked");
  text = clipboard_text (button);
  g_assert_cmpstr (text, ==, expected);
}

/* ---- the cases --------------------------------------------------------- */

static void
assert_verdict (MadoResidentView *view,
                guint             index,
                const char       *words,
                const char       *css_class);

static void
check_infant (MadoResidentView *view)
{
  GtkWidget *first = named (view, "questionnaire-row-0");
  GtkWidget *second = named (view, "questionnaire-row-1");
  GtkWidget *warning = named (view, "vaccination-warning-0");

  g_assert_cmpstr (label_text (named (view, "resident-name")), ==, "山田 陽翔");
  /* The flagged answer comes first (third in the form), highlighted, with
   * its reason and answer. */
  assert_label_contains (first, "今日の体温");
  g_assert_true (gtk_widget_has_css_class (first, "attention-row"));
  g_assert_nonnull (mado_ui_test_find_label (first, "37.6℃"));
  g_assert_nonnull (strstr (gtk_widget_get_name (first), "row-0"));
  {
    g_autofree char *reason = g_strdup_printf (_("Needs the doctor's attention: %s"), "37.5℃以上");

    g_assert_nonnull (mado_ui_test_find_label (first, reason));
  }
  assert_label_contains (second, "説明書を読みましたか");
  g_assert_false (gtk_widget_has_css_class (second, "attention-row"));
  /* The doctor's section is there, left blank. */
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (view), "接種可否"));

  /* MR today, varicella on 2026-11-09: 12 days, not 27. */
  g_assert_true (gtk_widget_has_css_class (warning, "error"));
  assert_label_contains (warning, "27");
  assert_label_contains (warning, "2026-11-09");
  assert_label_contains (warning, "2026-12-07");
  g_assert_null (mado_resident_view_find_named (view, "vaccination-warning-1"));

  g_assert_cmpstr (label_text (named (view, "subsidy-insurer-0")), ==, "88138243");
  assert_verdict (view, 0, _("Valid today"), "success");
  g_assert_null (mado_resident_view_find_named (view, "maternal-child-not-shared"));
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (view), "首すわり良好"));
}

static void
assert_verdict (MadoResidentView *view,
                guint             index,
                const char       *words,
                const char       *css_class)
{
  g_autofree char *name = g_strdup_printf ("subsidy-validity-%u", index);
  GtkWidget *label = named (view, name);

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, words);
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (label), css_class));
}

static void
check_nanbyo (MadoResidentView *view)
{
  g_autofree char *ending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Valid today; ends in %d day",
                                                          "Valid today; ends in %d days", 12), 12);
  g_autofree char *cap = g_strdup_printf (_("%s yen"), "10,000");
  g_autofree char *designated = g_strdup_printf (_("Yes: this institution (%s) is designated"),
                                                 INSTITUTION_CODE);
  g_autofree char *sex = g_strdup_printf (_("Sex: %s"), _("Female"));

  g_assert_cmpstr (label_text (named (view, "subsidy-insurer-0")), ==, "54016027");
  g_assert_cmpstr (label_text (named (view, "subsidy-recipient-0")), ==, "2304616");
  g_assert_cmpstr (label_text (named (view, "subsidy-recipient-3")), ==, "0045123");

  assert_verdict (view, 0, _("Valid today"), "success");
  assert_verdict (view, 1, ending, "warning");
  assert_verdict (view, 2, _("Expired"), "error");
  assert_verdict (view, 3, _("Not yet valid"), "warning");

  g_assert_nonnull (mado_ui_test_find_label (named (view, "subsidy-card-0"), cap));
  g_assert_nonnull (mado_ui_test_find_label (named (view, "subsidy-card-0"), designated));
  g_assert_nonnull (mado_ui_test_find_label (named (view, "subsidy-card-3"),
                                             _("Not limited: any institution may treat")));

  assert_copy_puts (view, "subsidy-copy-insurer-0", "54016027");
  assert_copy_puts (view, "subsidy-copy-recipient-0", "2304616");
  assert_copy_puts (view, "subsidy-copy-recipient-3", "0045123");

  /* Only subsidies were consented: the rest says so instead of vanishing. */
  named (view, "questionnaire-not-shared");
  named (view, "vaccination-not-shared");
  named (view, "maternal-child-not-shared");
  g_assert_null (mado_resident_view_find_named (view, "subsidy-not-shared"));
  g_assert_true (gtk_widget_has_css_class (named (view, "resident-freshness"), "success"));
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (view), "サトウ ケイコ"));
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (view), sex));
  g_assert_null (mado_resident_view_find_named (view, "resident-not-disclosed"));
}

static void
check_withheld (MadoResidentView *view)
{
  g_autofree char *sex = g_strdup_printf (_("Sex: %s"), _("Female"));

  named (view, "resident-not-disclosed");
  g_assert_cmpstr (label_text (named (view, "resident-name")), ==, "田中 由美");
  /* Only what reception needs: no kana, no sex, even though sent. */
  g_assert_null (mado_ui_test_find_label (GTK_WIDGET (view), "タナカ ユミ"));
  g_assert_null (mado_ui_test_find_label (GTK_WIDGET (view), sex));
  g_assert_cmpstr (label_text (named (view, "subsidy-insurer-0")), ==, "81136244");
}

static void
check_offline (MadoResidentView *view)
{
  GtkWidget *freshness = named (view, "resident-freshness");

  g_assert_true (gtk_widget_has_css_class (freshness, "warning"));
  assert_label_contains (freshness, "2026-11-19 10:30");
  assert_label_contains (freshness, "suzuki");
  /* Consented but empty: never "not eligible". */
  assert_label_contains (named (view, "subsidy-not-shared"),
                         _("No subsidy certificate came from the hub. Ask for the paper certificate."));
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (view), "血糖スクリーニング 正常"));
}

static guint
count_labels (GtkWidget *widget)
{
  guint n = GTK_IS_LABEL (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child);
  return n;
}

/* Opens an expander as the keyboard does: focus, then activate. */
static void
open_by_key (GtkWidget *expander)
{
  GtkWidget *title = gtk_widget_get_first_child (expander);

  g_assert_true (gtk_widget_get_focusable (title) || gtk_widget_get_focusable (expander));
  g_assert_true (gtk_widget_grab_focus (expander));
  g_assert_true (gtk_widget_activate (expander));
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
}

/* 60 vaccinations over twelve years and 20 questionnaires: the recent ones
 * are built, the rest wait closed until opened, so the screen is made of a
 * few hundred labels, not a thousand. */
static void
check_long_history (MadoResidentView *view)
{
  GtkWidget *older_questionnaires = named (view, "questionnaires-older");
  GtkWidget *year = named (view, "history-year-2019");
  guint labels = count_labels (GTK_WIDGET (view));
  g_autofree char *older_label = g_strdup_printf (ngettext ("%u earlier questionnaire",
                                                            "%u earlier questionnaires", 17), 17);

  g_test_message ("%u labels on the long-history screen", labels);
  g_assert_cmpuint (labels, <, 400);
  /* The latest questionnaire is open, with its doctor's section. */
  named (view, "questionnaire-row-0");
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (view), older_label));
  g_assert_false (mado_resident_history_expander_is_built (older_questionnaires));
  g_assert_null (mado_resident_view_find_named (view, "questionnaire-older-row-0"));
  g_assert_false (mado_resident_history_expander_is_built (year));
  g_assert_null (mado_resident_view_find_named (view, "history-year-2027"));
  /* This year and last year are tables already; 2024 and before are not. */
  g_assert_null (mado_resident_view_find_named (view, "history-year-2025"));
  named (view, "history-year-2024");
  named (view, "history-year-2015");

  open_by_key (year);
  g_assert_true (mado_resident_history_expander_is_built (year));
  g_assert_nonnull (mado_ui_test_find_label (year, "LH18DP"));
  open_by_key (older_questionnaires);
  named (view, "questionnaire-older-row-0");
  g_assert_cmpuint (count_labels (GTK_WIDGET (view)), >, labels + 17 * 16);
}

/* Brings @name to the top of the window, as staff scrolling down would. */
static void
scroll_to (MadoResidentView *view,
           const char       *name)
{
  GtkWidget *target = named (view, name);
  GtkWidget *content = named (view, "resident-content");
  GtkWidget *scroller = gtk_widget_get_ancestor (target, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (target, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 60);
}

static const Case cases[] = {
  { "resident-infant.json",   MADO_HUB_CONSENT_ALL,     FALSE, "resident-infant.png",   check_infant,
    "questionnaire-row-0", "resident-infant-questionnaire.png" },
  { "resident-nanbyo.json",   MADO_HUB_CONSENT_SUBSIDY, FALSE, "resident-nanbyo.png",   check_nanbyo,
    "subsidy-card-2", "resident-nanbyo-expired.png" },
  { "resident-withheld.json", MADO_HUB_CONSENT_SUBSIDY, FALSE, "resident-withheld.png", check_withheld,
    NULL, NULL },
  { "resident-mother.json",   MADO_HUB_CONSENT_ALL,     TRUE,  "resident-offline.png",  check_offline,
    "subsidy-not-shared", "resident-offline-checkups.png" },
  { "resident-long-history.json", MADO_HUB_CONSENT_ALL, FALSE, "resident-long-history.png", check_long_history,
    "history-year-2024", "resident-long-history-years.png" },
};

static void
show_case (GtkWindow *app_window,
           gpointer   user_data)
{
  const Case *c = user_data;
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle (c->file, c->consent);
  MadoReceptionFreshness freshness;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = mado_resident_view_new ();
  g_autofree char *png = NULL;
  g_autofree char *scrolled = NULL;
  GDate today;

  mado_ui_test_day (&today);
  freshness_init (&freshness, c->offline);
  gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (app_window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  mado_resident_view_set_terminal_id (MADO_RESIDENT_VIEW (view), TERMINAL_ID);
  mado_resident_view_show (MADO_RESIDENT_VIEW (view), bundle, &freshness, INSTITUTION_CODE, &today);
  /* Nothing of the bundle may be needed after show(). */
  g_clear_pointer (&bundle, mado_resident_bundle_free);
  freshness_clear (&freshness);
  gtk_window_present (GTK_WINDOW (window));
  visit_env_wait_resident (view);
  mado_ui_test_wait_for_frames (window, 3);

  c->check (MADO_RESIDENT_VIEW (view));
  /* The checks press buttons (copy): the screenshot is of what they left. */
  mado_ui_test_wait_for_frames (window, 2);

  png = mado_ui_test_save_png (window, c->png);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  if (c->scroll_to != NULL)
    {
      scroll_to (MADO_RESIDENT_VIEW (view), c->scroll_to);
      mado_ui_test_wait_for_frames (window, 3);
      scrolled = mado_ui_test_save_png (window, c->scrolled_png);
      g_assert_true (g_file_test (scrolled, G_FILE_TEST_IS_REGULAR));
    }

  mado_resident_view_clear (MADO_RESIDENT_VIEW (view));
  g_assert_null (mado_resident_view_find_named (MADO_RESIDENT_VIEW (view), "resident-name"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_case (gconstpointer data)
{
  g_assert_cmpint (mado_ui_test_run_app (show_case, (gpointer) data), ==, 0);
}

/* ---- the top first ------------------------------------------------------ */

/* The first label under @root with a text longer than @chars characters. */
static GtkLabel *
first_label_over (GtkWidget *root,
                  glong      chars)
{
  if (GTK_IS_LABEL (root) && g_utf8_strlen (gtk_label_get_text (GTK_LABEL (root)), -1) > chars)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = first_label_over (child, chars);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The top (name, numbers) is in the first frame; every section below it
 * follows once the top has been painted, and the next resident stops what
 * was left of the last one's. Short texts never wrap; long ones do, never
 * narrower than a few characters. */
static void
show_top_first (GtkWindow *app_window,
                gpointer   user_data)
{
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle ("resident-long-history.json",
                                                                   MADO_HUB_CONSENT_ALL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = mado_resident_view_new ();
  MadoResidentView *resident = MADO_RESIDENT_VIEW (view);
  GtkWidget *content;
  GtkLabel *question;
  GDate today;

  mado_ui_test_day (&today);
  gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (app_window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  mado_ui_test_wait_for_frames (window, 2);

  mado_resident_view_show (resident, bundle, NULL, INSTITUTION_CODE, &today);
  g_assert_true (gtk_widget_is_visible (named (resident, "subsidy-insurer-0")));
  g_assert_false (gtk_widget_is_visible (named (resident, "questionnaire-row-0")));
  g_assert_false (mado_resident_view_is_complete (resident));

  visit_env_wait_resident (view);
  content = named (resident, "resident-content");
  for (GtkWidget *child = gtk_widget_get_first_child (content); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_assert_true (gtk_widget_get_visible (child));
  g_assert_true (gtk_widget_is_visible (named (resident, "questionnaire-row-0")));

  g_assert_false (gtk_label_get_wrap (GTK_LABEL (named (resident, "subsidy-insurer-0"))));
  question = first_label_over (content, 30);
  g_assert_nonnull (question);
  g_assert_true (gtk_label_get_wrap (question));
  g_assert_cmpint (gtk_label_get_width_chars (question), >, 0);

  mado_resident_view_show (resident, bundle, NULL, INSTITUTION_CODE, &today);
  g_assert_false (mado_resident_view_is_complete (resident));
  mado_resident_view_clear (resident);
  g_assert_true (mado_resident_view_is_complete (resident));
  g_assert_null (gtk_widget_get_first_child (content));
  mado_ui_test_wait_for_frames (window, 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_top_first (void)
{
  g_assert_cmpint (mado_ui_test_run_app (show_top_first, NULL), ==, 0);
}

/* ---- the printed summary, no window ------------------------------------ */

static char *
run_capture (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_summary_pdf (void)
{
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle ("resident-nanbyo.json", MADO_HUB_CONSENT_ALL);
  g_autoptr(MadoResidentBundle) infant = mado_ui_test_load_bundle ("resident-infant.json", MADO_HUB_CONSENT_ALL);
  g_autoptr(MadoVisitSummary) summary = NULL;
  g_autoptr(MadoVisitSummary) infant_summary = NULL;
  g_autoptr(GError) error = NULL;
  const char *build_root = g_getenv ("MADOGUCHI_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (build_root ? build_root : ".", "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, "resident-summary.pdf", NULL);
  g_autofree char *infant_path = g_build_filename (dir, "resident-summary-infant.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  MadoReceptionFreshness freshness;
  const char *pages;
  GDate today;

  mado_ui_test_day (&today);
  freshness_init (&freshness, FALSE);
  summary = mado_visit_summary_new (bundle, &freshness, INSTITUTION_CODE, TERMINAL_ID, &today);
  infant_summary = mado_visit_summary_new (infant, &freshness, INSTITUTION_CODE, TERMINAL_ID, &today);
  freshness_clear (&freshness);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_unlink (path);

  g_assert_true (mado_visit_summary_print_export_pdf (summary, path, &error));
  g_assert_no_error (error);
  g_assert_true (mado_visit_summary_print_export_pdf (infant_summary, infant_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  info = run_capture ((const char * const []) { "pdfinfo", path, NULL });
  pages = strstr (info, "\nPages:");
  g_assert_nonnull (pages);
  g_assert_cmpint (atoi (pages + strlen ("\nPages:")), ==, 1);
  text = run_capture ((const char * const []) { "pdftotext", "-layout", path, "-", NULL });
  g_assert_nonnull (strstr (text, "54016027"));
  g_assert_nonnull (strstr (text, "2304616"));
  g_assert_nonnull (strstr (text, "0045123"));
  g_assert_nonnull (strstr (text, "佐藤 恵子"));
  g_assert_nonnull (strstr (text, TERMINAL_ID));
  g_assert_nonnull (strstr (text, _("Expired")));
  g_clear_pointer (&text, g_free);
  text = run_capture ((const char * const []) { "pdftotext", infant_path, "-", NULL });
  g_assert_nonnull (strstr (text, "今日の体温"));
  g_assert_nonnull (strstr (text, "37.5℃以上"));
}

int
main (int argc, char **argv)
{
  /* The desk shows Japan time; so do the expected values. */
  g_setenv ("TZ", "JST-9", TRUE);
  mado_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/resident/summary-pdf", test_summary_pdf);
  g_test_add_data_func ("/ui/resident/infant", &cases[0], test_case);
  g_test_add_data_func ("/ui/resident/nanbyo", &cases[1], test_case);
  g_test_add_data_func ("/ui/resident/withheld", &cases[2], test_case);
  g_test_add_data_func ("/ui/resident/offline", &cases[3], test_case);
  g_test_add_data_func ("/ui/resident/long-history", &cases[4], test_case);
  g_test_add_func ("/ui/resident/top-first", test_top_first);

  return g_test_run ();
}
