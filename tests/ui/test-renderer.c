/* test-renderer.c — the desk draws with cairo and never probes OpenGL
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-renderer.h"
#include "ui-test-util.h"

/* The environment mado_renderer_environ() makes of @before (NULL-terminated
 * NAME=VALUE strings) for GTK 4.@minor. */
static char **
environ_for (const char *const *before,
             guint               minor)
{
  return mado_renderer_environ (g_strdupv ((char **) before), minor);
}

static void
test_environ_default (void)
{
  const char *const before[] = { "LANG=ja_JP.UTF-8", NULL };
  g_auto(GStrv) gtk_4_8 = environ_for (before, 8);
  g_auto(GStrv) gtk_4_16 = environ_for (before, 16);

  g_assert_cmpstr (g_environ_getenv (gtk_4_8, "GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_environ_getenv (gtk_4_8, "GDK_DEBUG"), ==, "gl-disable");
  g_assert_null (g_environ_getenv (gtk_4_8, "GDK_DISABLE"));
  g_assert_cmpstr (g_environ_getenv (gtk_4_8, "LANG"), ==, "ja_JP.UTF-8");

  /* GTK 4.16 moved the switch to GDK_DISABLE and warns of unknown keys. */
  g_assert_cmpstr (g_environ_getenv (gtk_4_16, "GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_environ_getenv (gtk_4_16, "GDK_DISABLE"), ==, "gl");
  g_assert_null (g_environ_getenv (gtk_4_16, "GDK_DEBUG"));
}

static void
test_environ_keeps_other_keys (void)
{
  const char *const before[] = { "GDK_DEBUG=events", "GDK_DISABLE=vulkan", NULL };
  const char *const already[] = { "GSK_RENDERER=cairo", "GDK_DEBUG=events:GL-DISABLE", NULL };
  const char *const all[] = { "GDK_DEBUG=all", NULL };
  const char *const trailing[] = { "GDK_DEBUG=events: ;nograbs,", NULL };
  g_auto(GStrv) gtk_4_8 = environ_for (before, 8);
  g_auto(GStrv) gtk_4_16 = environ_for (before, 16);
  g_auto(GStrv) unchanged = environ_for (already, 8);
  g_auto(GStrv) with_all = environ_for (all, 8);
  g_auto(GStrv) with_trailing = environ_for (trailing, 8);

  g_assert_cmpstr (g_environ_getenv (gtk_4_8, "GDK_DEBUG"), ==, "events,gl-disable");
  g_assert_cmpstr (g_environ_getenv (gtk_4_16, "GDK_DISABLE"), ==, "vulkan,gl");
  g_assert_cmpstr (g_environ_getenv (gtk_4_16, "GDK_DEBUG"), ==, "events");
  g_assert_cmpstr (g_environ_getenv (unchanged, "GDK_DEBUG"), ==, "events:GL-DISABLE");
  /* "all" already holds gl-disable: a key after it would turn it off. */
  g_assert_cmpstr (g_environ_getenv (with_all, "GDK_DEBUG"), ==, "all");
  /* No empty key, which GDK would warn of at every start. */
  g_assert_cmpstr (g_environ_getenv (with_trailing, "GDK_DEBUG"), ==, "events,nograbs,gl-disable");
}

/* An administrator who names another renderer gets it, with OpenGL. */
static void
test_environ_administrator_choice (void)
{
  const char *const gl[] = { "GSK_RENDERER=gl", NULL };
  const char *const empty[] = { "GSK_RENDERER=", NULL };
  g_auto(GStrv) with_gl = environ_for (gl, 8);
  g_auto(GStrv) with_empty = environ_for (empty, 8);

  g_assert_cmpstr (g_environ_getenv (with_gl, "GSK_RENDERER"), ==, "gl");
  g_assert_null (g_environ_getenv (with_gl, "GDK_DEBUG"));
  g_assert_null (g_environ_getenv (with_gl, "GDK_DISABLE"));
  g_assert_cmpstr (g_environ_getenv (with_empty, "GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_environ_getenv (with_empty, "GDK_DEBUG"), ==, "gl-disable");
}

/* Whether this process has Mesa's driver or LLVM loaded. */
static gboolean
mesa_loaded (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "_dri.so") != NULL || strstr (maps, "libLLVM") != NULL;
}

/* In this process (mado_ui_test_init() chose as the desk's main() does,
 * with no GSK_RENDERER of the test environment's): the display opened
 * without probing OpenGL and the window draws with cairo. */
static void
check_window_renderer (GtkWindow *window,
                       gpointer   user_data)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GskRenderer *renderer;
  g_autoptr(GError) error = NULL;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 1);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, "GskCairoRenderer");
  g_assert_false (mesa_loaded ());
  g_assert_false (gdk_display_prepare_gl (display, &error));
  if (gtk_get_minor_version () < 16)
    g_assert_cmpstr (error->message, ==, g_dgettext ("gtk40", "GL support disabled via GDK_DEBUG"));
}

static void
test_window_renderer (void)
{
  g_assert_cmpint (mado_ui_test_run_app (check_window_renderer, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  /* run-ui-test.sh sets cairo for every UI test; here the choice is the
   * desk's own. */
  g_unsetenv ("GSK_RENDERER");
  mado_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/renderer/environ/default", test_environ_default);
  g_test_add_func ("/ui/renderer/environ/keeps-other-keys", test_environ_keeps_other_keys);
  g_test_add_func ("/ui/renderer/environ/administrator-choice", test_environ_administrator_choice);
  g_test_add_func ("/ui/renderer/window", test_window_renderer);

  return g_test_run ();
}
