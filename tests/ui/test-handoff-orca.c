/* test-handoff-orca.c — 「レセコンへ送る」 in the window, against the ORCA double on loopback
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The resident screen shows a bundle kept in tests/ui/data/ on the fixed
 * day 2026-11-21; three ORCA patients share the resident's name and birth
 * date. The test clicks 「レセコンへ送る」, answers the dialogs as staff
 * would (which patient, the diff, ORCA's Ok/Ng question), and checks what
 * the double ends up holding and what the screen says; a 公費 registered
 * at another ORCA terminal between the diff and the lock must end as
 * orca-changed with nothing sent. Today's list then shows each hand-off's
 * state. Usage: test-handoff-orca ORCA-DOUBLE.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-resident-view.h"
#include "mado-today-window.h"
#include "mado-test-util.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

#define WAIT_SECONDS 20
#define TEST_DAY     "2026-11-21"

static const char patients_json[] =
  "{ \"patients\": ["
  "  { \"Patient_ID\": \"00003\", \"WholeName\": \"佐藤　恵子\", \"BirthDate\": \"1968-03-03\", \"Sex\": \"2\" },"
  "  { \"Patient_ID\": \"00013\", \"WholeName\": \"佐藤　恵子\", \"BirthDate\": \"1968-03-03\", \"Sex\": \"2\" },"
  "  { \"Patient_ID\": \"00023\", \"WholeName\": \"佐藤　恵子\", \"BirthDate\": \"1968-03-03\", \"Sex\": \"2\" }"
  "] }";

static char *scratch;
static GSubprocess *orca;
static guint orca_port;

/* --- the double -------------------------------------------------------------------- */

/* A test that aborts must not leave the double behind. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
orca_start (const char *binary)
{
  g_autofree char *patients = g_build_filename (scratch, "patients.json", NULL);
  g_autofree char *password = g_build_filename (scratch, "orca-password", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  mado_test_write_file (scratch, "patients.json", patients_json);
  mado_test_write_file (scratch, "orca-password", "desk-secret\n");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  orca = g_subprocess_launcher_spawn (launcher, &error, binary, "--listen", "127.0.0.1:0",
                                      "--user", "ormaster", "--password-file", password,
                                      "--patients", patients, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (orca));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  orca_port = (guint) g_ascii_strtoull (strrchr (line, ':') + 1, NULL, 10);
  g_assert_cmpuint (orca_port, >, 0);
}

/* A control request to the double; its JSON answer. */
static JsonObject *
orca_control (const char *method,
              const char *path_and_query)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/_double/%s", orca_port, path_and_query);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             (gssize) g_bytes_get_size (body), &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* "54016027:2304616@2026-11-21" per 公費 of @id, sorted; and whether it is locked. */
static char *
orca_holds (const char *id,
            gboolean   *locked)
{
  g_autofree char *query = g_strdup_printf ("patient?id=%s", id);
  g_autoptr(JsonObject) patient = orca_control ("GET", query);
  JsonArray *publics = json_object_get_array_member (patient, "PublicInsurance_Info");
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_free);

  *locked = json_object_get_boolean_member (patient, "locked");
  for (guint i = 0; i < json_array_get_length (publics); i++)
    {
      JsonObject *item = json_array_get_object_element (publics, i);

      g_ptr_array_add (held, g_strdup_printf ("%s:%s@%s",
                                              json_object_get_string_member (item, "PublicInsurer_Number"),
                                              json_object_get_string_member (item, "PublicInsuredPerson_Number"),
                                              json_object_get_string_member (item, "Certificate_CheckDate")));
    }
  g_ptr_array_sort (held, compare_strings);
  g_ptr_array_add (held, NULL);
  return g_strjoinv (" ", (char **) held->pdata);
}

/* The steps of patientmodv32 (01 lock, 02, 03, 99 unlock) that reached @id. */
static char *
orca_steps (const char *id)
{
  g_autoptr(JsonObject) log = orca_control ("GET", "log");
  JsonArray *calls = json_object_get_array_member (log, "calls");
  g_autoptr(GString) steps = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (calls); i++)
    {
      g_auto(GStrv) words = g_strsplit (json_array_get_string_element (calls, i), " ", -1);

      if (g_strv_length (words) == 4 && strcmp (words[2], id) == 0 && strcmp (words[1], "00") != 0)
        g_string_append_printf (steps, "%s%s", steps->len > 0 ? " " : "", words[1]);
    }
  return g_string_free (g_steal_pointer (&steps), FALSE);
}

/* --- the window ---------------------------------------------------------------------- */

/* The desk's site with an [orca] group pointed at the double. */
static void
make_site (void)
{
  g_autofree char *conf = mado_test_make_desk_site (scratch, NULL, NULL, NULL);
  g_autofree char *text = NULL;
  g_autofree char *orca_group = g_strdup_printf ("[orca]\nurl=http://127.0.0.1:%u\nallow-plain-http=true\n"
                                                 "user=ormaster\npassword-file=%s/orca-password\n"
                                                 "timeout-seconds=5\n", orca_port, scratch);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (conf, &text, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *joined = g_strconcat (text, orca_group, NULL);

    mado_test_write_file (scratch, "site.conf", joined);
  }
  g_setenv ("MADOGUCHI_SITE_CONFIG", conf, TRUE);
}

static gboolean
store_settled (gpointer data)
{
  return mado_desk_get_store_state (data) != MADO_DESK_STORE_OPENING;
}

/* The store is open, as after staff signed in: every hand-off is audited there. */
static MadoDesk *
open_desk (GtkWindow *app_window)
{
  MadoDesk *desk = mado_application_get_desk (MADO_APPLICATION (gtk_window_get_application (app_window)));
  g_autoptr(GError) error = NULL;

  mado_test_wait_until (store_settled, desk, WAIT_SECONDS, "the store");
  g_assert_true (mado_desk_open_store (desk, &error));
  g_assert_no_error (error);
  return desk;
}

static MadoResidentView *
show_resident (GtkWindow *app_window)
{
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle ("resident-nanbyo.json",
                                                                   MADO_HUB_CONSENT_ALL);
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = mado_resident_view_new ();
  MadoReceptionFreshness freshness = { 0 };
  GDate today;

  open_desk (app_window);
  mado_ui_test_day (&today);
  freshness.checked_at = g_date_time_new (jst, 2026, 11, 21, 10, 0, 0);
  freshness.confirmed_at = g_date_time_ref (freshness.checked_at);
  freshness.identity = MADO_IDENTITY_CHECK_PIN;
  gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (app_window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  mado_resident_view_show (MADO_RESIDENT_VIEW (view), bundle, &freshness, "1312345678", &today);
  g_date_time_unref (freshness.checked_at);
  g_date_time_unref (freshness.confirmed_at);
  gtk_window_present (GTK_WINDOW (window));
  visit_env_wait_resident (view);
  mado_ui_test_wait_for_frames (window, 3);
  return MADO_RESIDENT_VIEW (view);
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

typedef struct {
  const char       *name;
  AdwMessageDialog *dialog;
} DialogWait;

static gboolean
dialog_shown (gpointer data)
{
  DialogWait *wait = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), wait->name) == 0)
        {
          wait->dialog = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* Waits for the dialog named @name, answers @response and closes it. */
static void
answer_dialog (const char *name,
               const char *response)
{
  DialogWait wait = { name, NULL };

  g_autoptr(AdwMessageDialog) dialog = NULL;

  mado_test_wait_until (dialog_shown, &wait, WAIT_SECONDS, name);
  dialog = g_object_ref (wait.dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The diff dialog's lines, joined by "|". */
static char *
diff_lines (void)
{
  DialogWait wait = { "handoff-diff", NULL };
  GtkWidget *list;
  g_autoptr(GString) text = g_string_new (NULL);

  mado_test_wait_until (dialog_shown, &wait, WAIT_SECONDS, "the diff");
  list = adw_message_dialog_get_extra_child (wait.dialog);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (text, "%s%s", text->len > 0 ? "|" : "", gtk_label_get_text (GTK_LABEL (child)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct {
  GtkWidget  *state;
  const char *css_class;
} StateWait;

static gboolean
state_settled (gpointer data)
{
  StateWait *wait = data;

  return gtk_widget_has_css_class (wait->state, wait->css_class);
}

/* Clicks 「レセコンへ送る」 and picks @patient among the three. */
static void
send_to (MadoResidentView *view,
         const char       *patient)
{
  g_autofree char *response = g_strconcat ("patient-", patient, NULL);

  g_assert_true (gtk_widget_get_sensitive (named (view, "handoff-send")));
  g_signal_emit_by_name (named (view, "handoff-send"), "clicked");
  answer_dialog ("handoff-choose", response);
}

/* The state line once it is settled in @css_class. */
static const char *
settled_state (MadoResidentView *view,
               const char       *css_class)
{
  StateWait wait = { named (view, "handoff-state"), css_class };

  mado_test_wait_until (state_settled, &wait, WAIT_SECONDS, css_class);
  return gtk_label_get_text (GTK_LABEL (wait.state));
}

static char *
yesterday (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -1);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
assert_orca (const char *id,
             const char *holds,
             const char *steps)
{
  gboolean locked = TRUE;
  g_autofree char *held = orca_holds (id, &locked);
  g_autofree char *reached = orca_steps (id);

  g_assert_cmpstr (held, ==, holds);
  g_assert_false (locked);
  g_assert_cmpstr (reached, ==, steps);
}

#define BOTH_CHECKED_ON_THE_DAY "54016027:2304616@" TEST_DAY " 81137242:3810421@" TEST_DAY

/* Three patients match: staff choose 00013, see the two additions, send. */
static void
choose_and_send (GtkWindow *app_window,
                 gpointer   user_data)
{
  MadoResidentView *view = show_resident (app_window);
  g_autofree char *lines = NULL;
  const char *state;

  send_to (view, "00013");
  lines = diff_lines ();
  /* The two subsidies valid on the day; the ended and the future one are not offered. */
  g_assert_nonnull (strstr (lines, "54016027 / 2304616"));
  g_assert_nonnull (strstr (lines, "81137242 / 3810421"));
  g_assert_null (strstr (lines, "52136025"));
  g_assert_null (strstr (lines, "80138019"));
  g_assert_nonnull (strchr (lines, '|'));
  g_assert_null (strchr (strchr (lines, '|') + 1, '|'));
  answer_dialog ("handoff-diff", "send");
  state = settled_state (view, "success");
  g_assert_nonnull (strstr (state, "000"));
  assert_orca ("00013", BOTH_CHECKED_ON_THE_DAY, "01 02 03");
  assert_orca ("00003", "", "");
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
}

/* ORCA asks (S20): the first commit registers nothing; Yes sends again answering Ok. */
static void
question_yes (GtkWindow *app_window,
              gpointer   user_data)
{
  MadoResidentView *view = show_resident (app_window);
  g_autoptr(JsonObject) queued = orca_control ("POST", "fault?name=question");

  send_to (view, "00003");
  g_free (diff_lines ());
  answer_dialog ("handoff-diff", "send");
  answer_dialog ("handoff-question", "yes");
  g_free (diff_lines ());
  answer_dialog ("handoff-diff", "send");
  g_assert_nonnull (strstr (settled_state (view, "success"), "000"));
  assert_orca ("00003", BOTH_CHECKED_ON_THE_DAY, "01 02 03 99 01 02 03");
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
}

static gboolean
text_is (gpointer data)
{
  const char **wanted = data;

  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (wanted[0])), wanted[1]) == 0;
}

/* No: nothing registered, ORCA unlocked, the screen says so. */
static void
question_no (GtkWindow *app_window,
             gpointer   user_data)
{
  MadoResidentView *view = show_resident (app_window);
  g_autoptr(JsonObject) queued = orca_control ("POST", "fault?name=question");
  const char *wanted[] = {
    (const char *) named (view, "handoff-state"),
    g_dgettext (GETTEXT_PACKAGE, "Not sent: ORCA’s question was answered No; nothing was registered."),
  };

  send_to (view, "00023");
  g_free (diff_lines ());
  answer_dialog ("handoff-diff", "send");
  answer_dialog ("handoff-question", "cancel");
  mado_test_wait_until (text_is, wanted, WAIT_SECONDS, "the state after No");
  assert_orca ("00023", "", "01 02 03 99");
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
}

/* Another ORCA terminal registers a certificate after the diff was shown:
 * under the lock the desk finds an update where staff saw an addition. */
static void
changed (GtkWindow *app_window,
         gpointer   user_data)
{
  MadoResidentView *view = show_resident (app_window);
  g_autoptr(JsonObject) queued = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *before = yesterday ();
  g_autofree char *holds = g_strdup_printf ("54016027:2304616@%s", before);
  const char *state;

  send_to (view, "00023");
  lines = diff_lines ();
  queued = orca_control ("POST", "fault?name=changed&payer=54016027&recipient=2304616");
  answer_dialog ("handoff-diff", "send");
  state = settled_state (view, "error");
  g_assert_nonnull (strstr (state, g_dgettext (GETTEXT_PACKAGE, "The patient’s subsidies in ORCA "
                                                                "changed since the comparison was shown.")));
  assert_orca ("00023", holds, "01 02 03 99 01 99");
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
}

/* Today's list: every hand-off above, newest first, with the state the audit log holds. */
static void
today_list (GtkWindow *app_window,
            gpointer   user_data)
{
  MadoDesk *desk = open_desk (app_window);
  static const char *const expected[] = {   /* oldest first */
    "00013 sent 000", "00003 not-sent orca-question", "00003 sent 000",
    "00023 not-sent orca-question", "00023 not-sent orca-changed",
  };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MadoTodayWindow *today;
  GtkWidget *list;
  guint shown = 0;

  entries = mado_orca_audit_list_day (mado_desk_get_store (desk), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < entries->len; i++)
    {
      const MadoOrcaAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *seen = g_strdup_printf ("%s %s %s", e->patient_id, mado_orca_audit_state_to_string (e->state),
                                               e->orca_result != NULL ? e->orca_result : e->error_name);

      g_assert_cmpstr (seen, ==, expected[i]);
    }
  today = mado_today_window_present_for (app_window);
  mado_ui_test_wait_for_frames (GTK_WIDGET (today), 3);
  list = mado_ui_test_find_named (GTK_WIDGET (today), "today-handoffs");
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_is_visible (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row), shown++)
    {
      const MadoOrcaAuditEntry *e = g_ptr_array_index (entries, entries->len - 1 - shown);
      g_autofree char *describe = mado_orca_audit_entry_describe (e);
      GtkWidget *state = mado_ui_test_find_named (row, "today-state");

      g_assert_nonnull (state);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (state)), ==, describe);
      g_assert_true (gtk_widget_has_css_class (state, e->state == MADO_ORCA_AUDIT_NOT_SENT ? "error" : "success"));
    }
  g_assert_cmpuint (shown, ==, entries->len);
  g_free (mado_ui_test_save_png (GTK_WIDGET (today), "handoff-today.png"));
  gtk_window_destroy (GTK_WINDOW (today));
}

static void
run (gconstpointer data)
{
  g_assert_cmpint (mado_ui_test_run_app ((MadoUiTestFunc) data, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  mado_ui_test_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: %s ORCA-DOUBLE\n", argv[0]);
      return 2;
    }
  scratch = mado_test_make_dir ("mado-test-handoff-orca-XXXXXX");
  orca_start (argv[1]);
  make_site ();

  /* In this order: each leaves ORCA and the audit log as the next expects. */
  g_test_add_data_func ("/ui/handoff-orca/choose-and-send", choose_and_send, run);
  g_test_add_data_func ("/ui/handoff-orca/question-yes", question_yes, run);
  g_test_add_data_func ("/ui/handoff-orca/question-no", question_no, run);
  g_test_add_data_func ("/ui/handoff-orca/changed", changed, run);
  g_test_add_data_func ("/ui/handoff-orca/today-list", today_list, run);
  status = g_test_run ();

  g_subprocess_send_signal (orca, SIGTERM);
  g_subprocess_wait (orca, NULL, NULL);
  g_clear_object (&orca);
  mado_test_remove_dir (scratch);
  g_free (scratch);
  return status;
}
