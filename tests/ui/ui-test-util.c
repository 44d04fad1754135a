/* ui-test-util.c — helpers for tests that drive the real window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-renderer.h"
#include "mado-window.h"
#include "mado-test-util.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

#define UI_TEST_TIMEOUT_SECONDS 60
#define UI_TEST_WAIT_SECONDS    15

/* The UI speaks Japanese first; tests read the Japanese strings unless they
 * choose otherwise before calling this. */
void
mado_ui_test_init (int    *argc,
                   char ***argv)
{
  if (g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", "ja", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", FALSE);
  /* The application's own choice of renderer, as its main() makes it. */
  mado_renderer_choose ();
  mado_i18n_init ();
  g_test_init (argc, argv, NULL);
}

static void
frame_cb (GdkFrameClock *clock,
          guint         *frames_left)
{
  if (*frames_left > 0)
    (*frames_left)--;
}

/**
 * mado_ui_test_wait_for_frames:
 *
 * Returns once the widget's window has painted @n_frames more frames, so
 * what a test inspects or saves is what the screen shows.
 */
void
mado_ui_test_wait_for_frames (GtkWidget *widget,
                              guint      n_frames)
{
  GdkFrameClock *clock;
  gulong handler;
  guint frames_left = n_frames;
  gint64 deadline = g_get_monotonic_time ()
                    + (gint64) UI_TEST_TIMEOUT_SECONDS * mado_test_timeout_scale () * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s to be mapped", G_OBJECT_TYPE_NAME (widget));
      g_main_context_iteration (NULL, TRUE);
    }

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_cb), &frames_left);
  while (frames_left > 0)
    {
      gtk_widget_queue_draw (widget);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %u frames", n_frames);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, handler);
}

/**
 * mado_ui_test_save_png:
 * @name: file name without folder, e.g. "idle.png"
 *
 * Renders @widget as the screen shows it into
 * `<build>/screenshots/<name>`; returns that path.
 */
char *
mado_ui_test_save_png (GtkWidget  *widget,
                       const char *name)
{
  const char *build_root = g_getenv ("MADOGUCHI_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (build_root ? build_root : ".", "screenshots", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

/**
 * mado_ui_test_find_label:
 *
 * Returns: (nullable) (transfer none): the first label below @root whose text is @text
 */
GtkLabel *
mado_ui_test_find_label (GtkWidget  *root,
                         const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = mado_ui_test_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * mado_ui_test_find_named:
 *
 * Returns: (nullable) (transfer none): @root or the first widget below it
 *   whose name (gtk_widget_set_name()) is @name
 */
GtkWidget *
mado_ui_test_find_named (GtkWidget  *root,
                         const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mado_ui_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

typedef struct {
  GType      type;
  GtkWindow *window;
} ToplevelWait;

static gboolean
toplevel_shown (gpointer data)
{
  ToplevelWait *wait = data;

  wait->window = find_toplevel (wait->type);
  return wait->window != NULL;
}

/**
 * mado_ui_test_wait_for_toplevel:
 *
 * Returns: (transfer none): the first visible window of @type (a dialog,
 *   the preferences…) once it has painted
 */
GtkWindow *
mado_ui_test_wait_for_toplevel (GType type)
{
  ToplevelWait wait = { type, NULL };

  mado_test_wait_until (toplevel_shown, &wait, UI_TEST_WAIT_SECONDS, g_type_name (type));
  mado_ui_test_wait_for_frames (GTK_WIDGET (wait.window), 3);
  return wait.window;
}

/**
 * mado_ui_test_find_widget:
 *
 * Returns: (nullable) (transfer none): the first widget of @type at or
 *   below @root, depth first
 */
GtkWidget *
mado_ui_test_find_widget (GtkWidget *root,
                          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mado_ui_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * mado_ui_test_wait_for_page:
 * @window: a #MadoWindow
 * @page: what mado_window_get_visible_page() should say
 */
void
mado_ui_test_wait_for_page (GtkWindow  *window,
                            const char *page)
{
  gint64 deadline = g_get_monotonic_time ()
                    + (gint64) UI_TEST_WAIT_SECONDS * mado_test_timeout_scale () * G_USEC_PER_SEC;

  while (g_strcmp0 (mado_window_get_visible_page (MADO_WINDOW (window)), page) != 0)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the window shows “%s”, not “%s”",
                 mado_window_get_visible_page (MADO_WINDOW (window)), page);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
}

/**
 * mado_ui_test_sign_in:
 *
 * Types into the sign-in page's entries and presses Enter in the password;
 * returns once the page has the answer.
 *
 * Returns: (transfer none): the sign-in page
 */
MadoSignInPage *
mado_ui_test_sign_in (GtkWindow  *window,
                      const char *staff_id,
                      const char *password)
{
  GtkWidget *page = mado_ui_test_find_widget (GTK_WIDGET (window), MADO_TYPE_SIGN_IN_PAGE);
  GtkWidget *id_entry, *password_entry;

  g_assert_nonnull (page);
  id_entry = mado_ui_test_find_widget (page, GTK_TYPE_ENTRY);
  password_entry = mado_ui_test_find_widget (page, GTK_TYPE_PASSWORD_ENTRY);
  g_assert_nonnull (id_entry);
  g_assert_nonnull (password_entry);
  gtk_editable_set_text (GTK_EDITABLE (id_entry), staff_id);
  gtk_editable_set_text (GTK_EDITABLE (password_entry), password);
  g_signal_emit_by_name (password_entry, "activate");
  /* The password never stays in the entry, right or wrong. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_entry)), ==, "");
  /* The check runs off the main thread; the page takes input again when
   * it has the answer. */
  while (!gtk_editable_get_editable (GTK_EDITABLE (password_entry)))
    g_main_context_iteration (NULL, TRUE);
  return MADO_SIGN_IN_PAGE (page);
}

/**
 * mado_ui_test_load_bundle:
 * @file: a bundle in tests/ui/data/
 *
 * Returns: (transfer full): the bundle as the hub codec decodes it
 */
MadoResidentBundle *
mado_ui_test_load_bundle (const char     *file,
                          MadoHubConsent  consent)
{
  g_autofree char *relative = g_build_filename ("tests", "ui", "data", file, NULL);
  gsize length;
  g_autofree char *data = mado_test_read_source_file (relative, &length);
  g_autoptr(GError) error = NULL;
  MadoResidentBundle *bundle;

  bundle = mado_bundle_decode (data, length, consent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  return bundle;
}

typedef struct {
  MadoUiTestFunc func;
  gpointer       user_data;
  gboolean       ran;
} RunData;

static gboolean
timeout_cb (gpointer data)
{
  g_error ("UI test did not finish within %u s", GPOINTER_TO_UINT (data));
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             RunData      *run)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_nonnull (window);
  /* Hold the application while the test spins the main loop itself. */
  g_application_hold (app);
  run->func (window, run->user_data);
  run->ran = TRUE;
  g_application_release (app);
  g_application_quit (app);
}

/**
 * mado_ui_test_run_app:
 *
 * Starts the real application, waits for its window, runs @func on it and
 * quits. Returns the application's exit status.
 */
int
mado_ui_test_run_app (MadoUiTestFunc func,
                      gpointer       user_data)
{
  g_autoptr(MadoApplication) app = mado_application_new ();
  RunData run = { func, user_data, FALSE };
  guint limit = UI_TEST_TIMEOUT_SECONDS * 2 * mado_test_timeout_scale ();
  guint timeout_id;
  int status;

  timeout_id = g_timeout_add_seconds (limit, timeout_cb, GUINT_TO_POINTER (limit));
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &run);
  status = g_application_run (G_APPLICATION (app), 0, NULL);
  g_source_remove (timeout_id);
  g_assert_true (run.ran);
  return status;
}

/* Each visit test gets a fresh application. Its reader monitor is stopped
 * afterwards, or an old window would start visits of its own. (The window
 * is not destroyed: MadoSignInPage's dispose unparents its AdwBin child
 * twice under GTK 4.8 — reported to its owner.) */
static void
run_visit_and_close (GtkWindow *window,
                     gpointer   user_data)
{
  MadoUiTestFunc func = (MadoUiTestFunc) user_data;
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));

  func (window, NULL);
  mado_reader_monitor_stop (mado_application_get_reader_monitor (app));
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
}

/**
 * mado_ui_test_run_visit:
 * @data: the #MadoUiTestFunc to run, as g_test_add_data_func() passes it
 *
 * Runs @data in a fresh application whose reader monitor stops afterwards.
 */
void
mado_ui_test_run_visit (gconstpointer data)
{
  g_assert_cmpint (mado_ui_test_run_app (run_visit_and_close, (gpointer) data), ==, 0);
}

/**
 * mado_ui_test_visit_setup:
 * @argc: the count after mado_ui_test_init()
 * @argv: the arguments: the program, then the training hub's binary
 *
 * Starts the training hub for a visit test (visit_env_setup()).
 *
 * Returns: -1 to go on, else the status to exit with (2: usage, 77: skipped)
 */
int
mado_ui_test_visit_setup (int    argc,
                          char **argv)
{
  if (argc < 2)
    {
      g_printerr ("usage: %s TRAINING-HUB\n", argv[0]);
      return 2;
    }
  if (!visit_env_setup (argv[1]))
    {
      g_printerr ("skipped: not inside tests/integration/card-env.sh\n");
      return 77;
    }
  return -1;
}

/**
 * mado_ui_test_day:
 * @today: (out caller-allocates): the fixed day of the resident-screen
 *   tests, 2026-11-21, for which the bundles' verdicts are known
 */
void
mado_ui_test_day (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 21, G_DATE_NOVEMBER, 2026);
}
