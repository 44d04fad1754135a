/* test-diagnostics-window.c — the diagnostics window: live, translated, says where the logs are
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-diagnostics-window.h"
#include "mado-test-cert.h"
#include "mado-test-util.h"
#include "ui-test-util.h"

#define DAY (24 * 3600)

static char *scratch;

static const char *
row_subtitle (GtkWidget  *window,
              const char *name)
{
  GtkWidget *row = mado_ui_test_find_named (window, name);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static char *
view_text (GtkWidget  *window,
           const char *name)
{
  GtkWidget *view = mado_ui_test_find_named (window, name);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
has_non_ascii (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return TRUE;
  return FALSE;
}

/* Every row's title and subtitle, and every label outside the two text
 * views, is in the desk's language (Japanese). */
static void
assert_translated (GtkWidget *widget)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

      if (!has_non_ascii (title) || !has_non_ascii (subtitle))
        g_error ("not translated: “%s” / “%s”", title, subtitle);
    }
  else if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
           g_utf8_strlen (gtk_label_get_text (GTK_LABEL (widget)), -1) > 3 &&
           !has_non_ascii (gtk_label_get_text (GTK_LABEL (widget))))
    g_error ("not translated: “%s”", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_TEXT_VIEW (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_translated (child);
}

typedef struct {
  GtkWidget  *window;
  const char *marker;
} Wait;

static gboolean
log_shows (gpointer data)
{
  Wait *wait = data;
  g_autofree char *text = NULL;

  g_main_context_iteration (NULL, FALSE);
  text = view_text (wait->window, "diagnostics-log");
  return strstr (text, wait->marker) != NULL;
}

static void
check_window (GtkWindow *window,
              gpointer   user_data)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));
  GtkWindow *dialog;
  Wait wait;
  g_autofree char *png = NULL;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  g_action_group_activate_action (G_ACTION_GROUP (app), "diagnostics", NULL);
  dialog = mado_ui_test_wait_for_toplevel (MADO_TYPE_DIAGNOSTICS_WINDOW);
  mado_ui_test_wait_for_frames (GTK_WIDGET (dialog), 3);

  /* Where the logs are: the command with the identifier. */
  g_assert_nonnull (strstr (row_subtitle (GTK_WIDGET (dialog), "diagnostics-logs"),
                            "journalctl -t madoguchi"));
  /* The certificate's end, in the desk's calendar words. */
  g_assert_nonnull (strstr (row_subtitle (GTK_WIDGET (dialog), "diagnostics-certificate"),
                            "あと30日"));
  g_assert_nonnull (strstr (row_subtitle (GTK_WIDGET (dialog), "diagnostics-outbox"), "送信"));
  assert_translated (GTK_WIDGET (dialog));

  /* Live: a line logged now shows up without reopening the window. */
  mado_log_event (G_LOG_LEVEL_MESSAGE, "test", NULL, NULL, "marker-%u", g_random_int ());
  wait.window = GTK_WIDGET (dialog);
  {
    g_auto(GStrv) lines = mado_log_dup_recent ();
    const char *lastline = lines[g_strv_length (lines) - 1];

    wait.marker = strstr (lastline, "marker-");
    g_assert_nonnull (wait.marker);
    mado_test_wait_until (log_shows, &wait, 10, "the new log line");
  }
  mado_ui_test_wait_for_frames (GTK_WIDGET (dialog), 30);
  png = mado_ui_test_save_png (GTK_WIDGET (dialog), "diagnostics-live.png");
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (dialog);
}

static void
test_window (void)
{
  g_autofree char *conf = mado_test_cert_write_site (scratch, -DAY, 30 * DAY + 12 * 3600);

  g_setenv ("MADOGUCHI_SITE_CONFIG", conf, TRUE);
  g_assert_cmpint (mado_ui_test_run_app (check_window, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  mado_ui_test_init (&argc, &argv);
  /* As main() does in a desktop session; without a journal on this
   * machine the lines still reach standard error. */
  mado_log_init ("madoguchi", MADO_LOG_TARGET_JOURNAL);
  scratch = mado_test_make_dir ("mado-test-diagnostics-XXXXXX");

  g_test_add_func ("/ui/diagnostics/live", test_window);

  status = g_test_run ();
  mado_test_remove_dir (scratch);
  g_free (scratch);
  return status;
}
