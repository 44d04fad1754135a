/* mado-renderer.c — the desk draws with GTK's cairo renderer, without OpenGL
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desk's screens are text, forms and icons, which GTK's cairo renderer
 * draws in software on any machine; it is also the renderer every UI test
 * and benchmark of this project runs with. GTK 4.8 opens an X11 display by
 * probing OpenGL (EGL, then GLX) to choose its visual, whatever renderer
 * then draws: Mesa's driver and libLLVM are loaded and relocated, about
 * 100 ms of a 360 ms cold start under Xvfb's software GL (docs/performance.md),
 * and a process holding the card's session and the cache key gains a code
 * generator it has no use for. So unless the environment names another
 * renderer (an administrator's GSK_RENDERER=gl, say), the desk asks for
 * cairo and turns the probe off: GDK_DEBUG=gl-disable up to GTK 4.14,
 * GDK_DISABLE=gl from 4.16, which took the flag out of GDK_DEBUG.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "mado-renderer.h"

/* The first GTK 4 minor version that reads GDK_DISABLE. */
#define GTK_MINOR_WITH_GDK_DISABLE 16

/* GDK's lists separate their keys by any of ":;, \t"; "all" turns every
 * key on, and another key after it turns that one off again. */
static gboolean
list_contains (char       **keys,
               const char  *key)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_ascii_strcasecmp (keys[i], key) == 0 || g_ascii_strcasecmp (keys[i], "all") == 0)
      return TRUE;
  return FALSE;
}

/* @variable's list with @key added, rewritten without empty keys (GDK
 * warns of each on every start). */
static char **
add_to_list (char       **envp,
             const char  *variable,
             const char  *key)
{
  const char *list = g_environ_getenv (envp, variable);
  g_auto(GStrv) keys = g_strsplit_set (list != NULL ? list : "", ":;, \t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;
  g_autofree char *value = NULL;

  if (list_contains (keys, key))
    return envp;
  for (guint i = 0; keys[i] != NULL; i++)
    if (*keys[i] != '\0')
      g_strv_builder_add (builder, keys[i]);
  g_strv_builder_add (builder, key);
  kept = g_strv_builder_end (builder);
  value = g_strjoinv (",", kept);
  return g_environ_setenv (envp, variable, value, TRUE);
}

/**
 * mado_renderer_environ:
 * @envp: (transfer full): an environment, as g_get_environ() returns it
 * @gtk_minor_version: the minor version of the GTK 4 that will read it
 *
 * Returns: (transfer full): @envp with the desk's choice of renderer: cairo
 *   and no OpenGL, unless GSK_RENDERER names another renderer
 */
char **
mado_renderer_environ (char  **envp,
                       guint   gtk_minor_version)
{
  const char *renderer = g_environ_getenv (envp, "GSK_RENDERER");

  if (renderer != NULL && *renderer != '\0' && g_ascii_strcasecmp (renderer, "cairo") != 0)
    return envp;
  envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", TRUE);
  if (gtk_minor_version >= GTK_MINOR_WITH_GDK_DISABLE)
    return add_to_list (envp, "GDK_DISABLE", "gl");
  return add_to_list (envp, "GDK_DEBUG", "gl-disable");
}

/**
 * mado_renderer_choose:
 *
 * Sets the process's environment to mado_renderer_environ()'s choice. GTK
 * reads it when it opens the display, so this comes first in main(),
 * before GTK starts and before any thread does (g_setenv() is not
 * thread-safe).
 */
void
mado_renderer_choose (void)
{
  static const char *const variables[] = { "GSK_RENDERER", "GDK_DEBUG", "GDK_DISABLE" };
  g_auto(GStrv) before = g_get_environ ();
  g_auto(GStrv) after = mado_renderer_environ (g_get_environ (), gtk_get_minor_version ());

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_environ_getenv (after, variables[i]);

      if (value != NULL && g_strcmp0 (value, g_environ_getenv (before, variables[i])) != 0)
        g_setenv (variables[i], value, TRUE);
    }
}
