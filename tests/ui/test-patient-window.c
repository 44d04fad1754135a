/* test-patient-window.c — the resident-facing window mirrors the desk's visit; of the resident, only their questions
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (meson does this): card-env.sh -- run-ui-test.sh test-patient-window TRAINING-HUB
 * Screens are saved under <build>/screenshots/patient-*.png.
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-consent-page.h"
#include "mado-cues.h"
#include "mado-patient-window.h"
#include "mado-pin-page.h"
#include "mado-window.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

/* What the training hub's fixture says about the infant: none of it may
 * ever be on the resident's screen — name, kana, numbers, subsidy, an
 * answer (37.6 ℃), the reason it needs attention. */
static const char *const resident_data[] = {
  "山田", "陽翔", "ヤマダ", "ハルト", "88138243", "5302146", "子ども医療費", "37.6", "37.5℃以上",
};

static void
screenshot (GtkWidget  *window,
            const char *name)
{
  g_autofree char *path = NULL;

  mado_ui_test_wait_for_frames (window, 2);
  path = mado_ui_test_save_png (window, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
set_patient_window (GtkWindow *window,
                    gboolean   on)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));

  g_settings_set_boolean (mado_application_get_settings (app), "patient-window", on);
}

static MadoPatientWindow *
patient (GtkWindow *window)
{
  GtkWindow *found = mado_window_get_patient_window (MADO_WINDOW (window));

  g_assert_nonnull (found);
  return MADO_PATIENT_WINDOW (found);
}

typedef struct {
  GtkWindow  *desk;
  const char *page;
} PatientWait;

static gboolean
patient_on_page (gpointer data)
{
  PatientWait *wait = data;

  return g_strcmp0 (mado_patient_window_get_visible_page (patient (wait->desk)), wait->page) == 0;
}

static void
wait_patient_page (GtkWindow  *desk,
                   const char *page)
{
  PatientWait wait = { desk, page };

  visit_env_wait (patient_on_page, &wait, page);
}

/* Every label (and check button label) on screen, walked from @root. */
static void
assert_no_resident_data (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = NULL;

      if (GTK_IS_LABEL (child))
        text = gtk_label_get_text (GTK_LABEL (child));
      for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (resident_data); i++)
        if (strstr (text, resident_data[i]) != NULL)
          g_error ("the patient window shows “%s” in “%s”", resident_data[i], text);
      assert_no_resident_data (child);
    }
}

static void
type_on_patient (MadoPatientWindow *window,
                 const guint       *keyvals,
                 gsize              n)
{
  for (gsize i = 0; i < n; i++)
    g_assert_true (mado_patient_window_handle_key (window, keyvals[i]));
}

/* Glyphs the fonts lack (tofu) in every label below @root, shown or not. */
static int
count_unknown_glyphs (GtkWidget *root)
{
  int unknown = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          int here = pango_layout_get_unknown_glyphs_count (gtk_label_get_layout (GTK_LABEL (child)));

          if (here > 0)
            g_test_message ("%d unknown glyphs in “%s”", here, gtk_label_get_text (GTK_LABEL (child)));
          unknown += here;
        }
      unknown += count_unknown_glyphs (child);
    }
  return unknown;
}

/* Han characters take the form of the label's language: Pango must know it. */
static void
assert_label_language (GtkLabel   *label,
                       const char *language)
{
  PangoAttrList *attributes = gtk_label_get_attributes (label);
  g_autoptr(PangoAttrIterator) iter = NULL;
  PangoAttrLanguage *found;

  g_assert_nonnull (attributes);
  iter = pango_attr_list_get_iterator (attributes);
  found = (PangoAttrLanguage *) pango_attr_iterator_get (iter, PANGO_ATTR_LANGUAGE);
  g_assert_nonnull (found);
  g_assert_true (found->value == pango_language_from_string (language));
}

/* The privacy rule's one exception (docs/patient-window.md): the questions
 * of the resident's own 予診票, in their language, on the done screen of a
 * confirmed visit while the card is on the reader. The first question in
 * each language the training fixture translates, and as written, with the
 * language Pango is told it is in. */
static const struct {
  const char *language;
  const char *first;
  const char *first_language;
} questions[] = {
  { "ja", "1. 今日の体温", "ja" }, { "en", "1. Your temperature today", "en" },
  { "zh_CN", "1. 今天的体温", "zh_CN" }, { "vi", "1. Nhiệt độ cơ thể hôm nay", "vi" },
  /* No Korean in the fixture: the question as written, in Japanese. */
  { "ko", "1. 今日の体温", "ja" },
};

#define QUESTIONS_HEADING "The questions you answered"

/* Any question, or the list's heading, anywhere in the window's widgets,
 * shown or hidden. */
static gboolean
shows_question (GtkWidget *root)
{
  if (visit_env_find_named (root, "patient-questionnaire-heading") != NULL)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (questions); i++)
    if (mado_ui_test_find_label (root, questions[i].first) != NULL)
      return TRUE;
  return FALSE;
}

/* Each language shows its own wording under a heading from the patient
 * catalogue; all sixteen questions are there, never an answer. */
static void
check_questions (MadoPatientWindow *resident)
{
  for (gsize i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      GtkLabel *first;
      GtkLabel *heading;

      mado_patient_window_set_language (resident, questions[i].language);
      first = mado_ui_test_find_label (GTK_WIDGET (resident), questions[i].first);
      if (first == NULL)
        g_error ("no “%s” in %s", questions[i].first, questions[i].language);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (first)));
      assert_label_language (first, questions[i].first_language);
      heading = GTK_LABEL (visit_env_find_named (GTK_WIDGET (resident), "patient-questionnaire-heading"));
      g_assert_nonnull (heading);
      g_assert_cmpstr (gtk_label_get_text (heading), ==,
                       mado_patient_text_get (questions[i].language, QUESTIONS_HEADING));
      if (!g_str_equal (questions[i].language, "en"))
        g_assert_cmpstr (gtk_label_get_text (heading), !=, QUESTIONS_HEADING);
      assert_label_language (heading, questions[i].language);
      assert_no_resident_data (GTK_WIDGET (resident));
    }
  mado_patient_window_set_language (resident, "en");
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (resident),
                                             "16. Do you have any questions about today's vaccination?"));
  screenshot (GTK_WIDGET (resident), "patient-done-questionnaire-en.png");
  mado_patient_window_set_language (resident, "ja");
}

static const int sizes[][2] = { { 1024, 600 }, { 1280, 800 } };

/* In every language and at both screen sizes: the words are the
 * catalogue's, no glyph is missing, and the window needs no more room than
 * the screen has (else the screen would cut it off). */
static void
check_every_language (MadoPatientWindow *resident,
                      const char        *page,
                      const char        *title_name,
                      const char        *title_msgid)
{
  const char *const *languages = mado_patient_text_languages ();

  for (gsize i = 0; languages[i] != NULL; i++)
    {
      GtkLabel *title = GTK_LABEL (visit_env_find_named (GTK_WIDGET (resident), title_name));

      mado_patient_window_set_language (resident, languages[i]);
      g_assert_cmpstr (mado_patient_window_get_language (resident), ==, languages[i]);
      g_assert_cmpstr (gtk_label_get_text (title), ==, mado_patient_text_get (languages[i], title_msgid));
      if (!g_str_equal (languages[i], "en"))
        g_assert_cmpstr (gtk_label_get_text (title), !=, title_msgid);
      assert_label_language (title, languages[i]);
      g_assert_cmpint (count_unknown_glyphs (GTK_WIDGET (resident)), ==, 0);
      for (gsize j = 0; j < G_N_ELEMENTS (sizes); j++)
        {
          g_autofree char *name = g_strdup_printf ("patient-%s-%s-%dx%d.png", page, languages[i],
                                                   sizes[j][0], sizes[j][1]);

          gtk_window_set_default_size (GTK_WINDOW (resident), sizes[j][0], sizes[j][1]);
          mado_ui_test_wait_for_frames (GTK_WIDGET (resident), 3);
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (resident)), <=, sizes[j][0]);
          g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (resident)), <=, sizes[j][1]);
          screenshot (GTK_WIDGET (resident), name);
        }
    }
  mado_patient_window_set_language (resident, "ja");
}

/* The cue went to GTK's media support with its generated sound. */
static void
check_cue_sound (MadoCue     cue,
                 const char *file_name)
{
  GtkMediaStream *stream = mado_cues_get_stream (cue);
  g_autofree char *base = NULL;
  const GError *error;

  g_assert_true (GTK_IS_MEDIA_FILE (stream));
  base = g_file_get_basename (gtk_media_file_get_file (GTK_MEDIA_FILE (stream)));
  g_assert_cmpstr (base, ==, file_name);
  error = gtk_media_stream_get_error (stream);
  g_test_message ("%s: %s", file_name, error != NULL ? error->message : "playing");
}

/* A touch on one of the resident's buttons, as a pointer press delivers it. */
static void
touch (MadoPatientWindow *window,
       const char        *name)
{
  GtkWidget *button = visit_env_find_named (GTK_WIDGET (window), name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_focusable (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
check_patient_window (GtkWindow *window,
                      gpointer   user_data)
{
  MadoWindow *desk = MADO_WINDOW (window);
  MadoPinPage *pin_page = MADO_PIN_PAGE (mado_window_get_page (desk, "pin"));
  MadoConsentPage *consent_page = MADO_CONSENT_PAGE (mado_window_get_page (desk, "consent"));
  MadoPatientWindow *resident;
  guint card_cues = mado_cues_get_play_count (MADO_CUE_CARD_READ);
  guint confirmed_cues = mado_cues_get_play_count (MADO_CUE_CONFIRMED);

  visit_env_sign_in (window);
  g_assert_null (mado_window_get_patient_window (desk));
  set_patient_window (window, TRUE);
  resident = patient (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (resident)));
  g_assert_cmpstr (mado_patient_window_get_visible_page (resident), ==, "idle");

  visit_env_card_insert ("infant");
  visit_env_wait_page (desk, "pin");
  wait_patient_page (window, "pin");
  g_assert_cmpuint (mado_cues_get_play_count (MADO_CUE_CARD_READ), ==, card_cues + 1);
  check_every_language (resident, "pin", "patient-pin-title", "Please type your 4-digit PIN");
  /* One digit touched on the screen's keypad, one typed on the resident's
   * keyboard, one on the desk's: one PIN. */
  touch (resident, "patient-key-1");
  g_assert_cmpuint (mado_pin_page_get_length (pin_page), ==, 1);
  type_on_patient (resident, (const guint[]) { GDK_KEY_2 }, 1);
  g_assert_true (mado_pin_page_handle_key (pin_page, GDK_KEY_3));
  g_assert_cmpuint (mado_pin_page_get_length (pin_page), ==, 3);
  /* The keypad's delete takes a digit back, as Backspace does. */
  touch (resident, "patient-key-delete");
  g_assert_cmpuint (mado_pin_page_get_length (pin_page), ==, 2);
  touch (resident, "patient-key-3");
  g_assert_nonnull (mado_ui_test_find_label (GTK_WIDGET (resident), "● ● ● ○"));
  /* Before the identity is proved: no question either. */
  g_assert_false (shows_question (GTK_WIDGET (resident)));
  /* The resident cannot end the visit. */
  g_assert_true (mado_patient_window_handle_key (resident, GDK_KEY_Escape));
  g_assert_cmpstr (mado_window_get_visible_page (desk), ==, "pin");
  screenshot (GTK_WIDGET (resident), "patient-pin.png");
  g_assert_cmpuint (mado_pin_page_get_length (pin_page), ==, 3);
  touch (resident, "patient-key-4");
  touch (resident, "patient-key-ok");

  visit_env_wait_page (desk, "consent");
  wait_patient_page (window, "consent");
  check_every_language (resident, "consent", "patient-consent-title", "What may the clinic see today?");
  /* Nothing chosen: the resident is told, the visit does not go on. */
  type_on_patient (resident, (const guint[]) { GDK_KEY_Return }, 1);
  g_assert_cmpstr (mado_window_get_visible_page (desk), ==, "consent");
  g_assert_true (gtk_widget_is_drawable (visit_env_find_named (GTK_WIDGET (resident),
                                                               "patient-consent-nothing-chosen")));
  /* A choice here is the desk's choice too, and the other way round. */
  type_on_patient (resident, (const guint[]) { GDK_KEY_KP_1 }, 1);
  gtk_check_button_set_active (mado_consent_page_get_choice (consent_page,
                                                             MADO_HUB_CONSENT_VACCINATION), TRUE);
  g_assert_cmpint (mado_consent_page_get_consent (consent_page), ==,
                   MADO_HUB_CONSENT_SUBSIDY | MADO_HUB_CONSENT_VACCINATION);
  g_assert_true (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (visit_env_find_named (GTK_WIDGET (resident), "patient-consent-vaccination"))));
  screenshot (GTK_WIDGET (resident), "patient-consent.png");
  g_assert_false (shows_question (GTK_WIDGET (resident)));
  type_on_patient (resident, (const guint[]) { GDK_KEY_Return }, 1);

  /* The desk sees the resident's data; the resident is asked to take the card. */
  visit_env_wait_page (desk, "resident");
  wait_patient_page (window, "done");
  check_every_language (resident, "done", "patient-done-title", "Done. Please take your card.");
  g_assert_cmpuint (mado_cues_get_play_count (MADO_CUE_CONFIRMED), ==, confirmed_cues + 1);
  check_cue_sound (MADO_CUE_CARD_READ, "card-read.wav");
  check_cue_sound (MADO_CUE_CONFIRMED, "confirmed.wav");
  g_assert_nonnull (mado_ui_test_find_label (mado_window_get_page (desk, "resident"), "88138243"));
  assert_no_resident_data (GTK_WIDGET (resident));
  check_questions (resident);
  screenshot (GTK_WIDGET (resident), "patient-done.png");

  /* The visit ends at the desk with the card still on the reader: the
   * questions go with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "visit.end", NULL));
  visit_env_wait_page (desk, "idle");
  g_assert_false (shows_question (GTK_WIDGET (resident)));
  /* The next resident does not inherit this one's language. */
  mado_patient_window_set_language (resident, "vi");
  visit_env_card_remove ();
  wait_patient_page (window, "idle");
  g_assert_cmpstr (mado_patient_window_get_language (resident), ==, "ja");
  g_assert_false (shows_question (GTK_WIDGET (resident)));
  /* The next visit in the same window: nothing of the last resident's
   * questionnaire before this one has proved who they are. */
  visit_env_card_insert ("infant");
  visit_env_wait_page (desk, "pin");
  wait_patient_page (window, "pin");
  g_assert_false (shows_question (GTK_WIDGET (resident)));
  visit_env_card_remove ();
  wait_patient_page (window, "idle");

  set_patient_window (window, FALSE);
  g_assert_null (mado_window_get_patient_window (desk));
  set_patient_window (window, TRUE);
  g_assert_nonnull (mado_window_get_patient_window (desk));
  set_patient_window (window, FALSE);
  g_assert_null (mado_window_get_patient_window (desk));
}

/* Keys through the X server, as a keyboard types them: they reach whichever
 * window holds the X input focus, which is what this test is about. */
static gboolean
x_key (const char *keys)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "xdotool", "key", "--clearmodifiers", keys, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error))
    {
      g_test_message ("xdotool: %s", error->message);
      return FALSE;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return TRUE;
}

static gboolean
desk_left_pin (gpointer data)
{
  return g_strcmp0 (mado_window_get_visible_page (MADO_WINDOW (data)), "pin") != 0;
}

/* Locked: the desk's pages are gone. The visit environment has no staff
 * account, so the window falls back to the administrator's page rather
 * than a sign-in that could not succeed. */
static gboolean
desk_locked (gpointer data)
{
  const char *page = mado_window_get_visible_page (MADO_WINDOW (data));

  return g_strcmp0 (page, "sign-in") == 0 || g_strcmp0 (page, "setup") == 0;
}

/* The resident's window opens beside the desk without taking the keyboard:
 * the desk's Escape and Ctrl+L still reach the desk. */
static void
check_desk_keeps_focus (GtkWindow *window)
{
  MadoWindow *desk = MADO_WINDOW (window);
  MadoPatientWindow *resident;

  set_patient_window (window, TRUE);
  resident = patient (window);
  mado_ui_test_wait_for_frames (GTK_WIDGET (resident), 3);
  visit_env_card_insert ("infant");
  visit_env_wait_page (desk, "pin");
  wait_patient_page (window, "pin");
  mado_ui_test_wait_for_frames (GTK_WIDGET (resident), 2);
  g_assert_false (gtk_window_is_active (GTK_WINDOW (resident)));
  if (!x_key ("Escape"))
    {
      g_test_skip ("xdotool is not installed");
      visit_env_card_remove ();
      return;
    }
  visit_env_wait (desk_left_pin, desk, "Escape on the desk ends the visit");
  g_assert_true (x_key ("ctrl+l"));
  visit_env_wait (desk_locked, desk, "Ctrl+L on the desk locks it");
  visit_env_card_remove ();
  set_patient_window (window, FALSE);
}

static void
run_and_close (GtkWindow *window,
               gpointer   user_data)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));

  check_patient_window (window, NULL);
  check_desk_keeps_focus (window);
  mado_reader_monitor_stop (mado_application_get_reader_monitor (app));
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
}

static void
run (void)
{
  g_assert_cmpint (mado_ui_test_run_app (run_and_close, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  mado_ui_test_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: test-patient-window TRAINING-HUB\n");
      return 2;
    }
  if (!visit_env_setup (argv[1]))
    {
      g_printerr ("skipped: not inside tests/integration/card-env.sh\n");
      return 77;
    }

  g_test_add_func ("/ui/patient-window/mirror", run);

  status = g_test_run ();
  visit_env_teardown ();
  return status;
}
