/* test-demo-tray.c — the demo's card tray stays visible over the desk without a window manager
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (meson does this): run-ui-test.sh test-demo-tray DEMO-CONTROL
 *
 * Xvfb alone stacks the last window mapped on top. The tray starts first,
 * then a window as large as the screen (the desk, in the demo) is mapped:
 * the screen's own pixels, read back from the X server, must show the tray,
 * not the covering window's colour. The screen is saved as
 * <build>/screenshots/demo-tray.png.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <signal.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>

#include "ui-test-util.h"

#define WAIT_SECONDS 20

static const char *demo_control;

/* The mapped window whose _NET_WM_PID is @pid (GTK sets it on its
 * toplevels and on its hidden group leader), or None. */
static Window
find_of_pid (Display *display,
             Window   window,
             gulong   pid)
{
  Atom wm_pid = XInternAtom (display, "_NET_WM_PID", False);
  Window root, parent, *children = NULL, found = None;
  unsigned int n = 0;
  Atom type;
  int format;
  unsigned long n_items, after;
  unsigned char *data = NULL;

  if (XGetWindowProperty (display, window, wm_pid, 0, 1, False, XA_CARDINAL, &type, &format,
                          &n_items, &after, &data) == Success && data != NULL)
    {
      XWindowAttributes attributes;
      gboolean match = n_items == 1 && format == 32 && *(unsigned long *) data == pid
                       && XGetWindowAttributes (display, window, &attributes)
                       && attributes.map_state == IsViewable;

      XFree (data);
      if (match)
        return window;
    }
  if (!XQueryTree (display, window, &root, &parent, &children, &n))
    return None;
  for (unsigned int i = 0; i < n && found == None; i++)
    found = find_of_pid (display, children[i], pid);
  if (children != NULL)
    XFree (children);
  return found;
}

static void
spin (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

static Window
wait_for_tray (Display *display,
               gulong   pid)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  Window tray = None;

  while (g_get_monotonic_time () < deadline)
    {
      tray = find_of_pid (display, DefaultRootWindow (display), pid);
      if (tray != None)
        return tray;
      spin (50);
    }
  g_error ("the demo tray's window did not appear");
}

/* How much of @tray's area on the screen shows the covering colour
 * (pure magenta), from 0 to 1. */
static double
covered_share (Display *display,
               Window   tray,
               XImage **screen)
{
  XWindowAttributes attributes;
  Window child;
  int x, y;
  guint covered = 0, total = 0;

  g_assert_true (XGetWindowAttributes (display, tray, &attributes));
  XTranslateCoordinates (display, tray, DefaultRootWindow (display), 0, 0, &x, &y, &child);
  *screen = XGetImage (display, DefaultRootWindow (display), 0, 0,
                       DisplayWidth (display, DefaultScreen (display)),
                       DisplayHeight (display, DefaultScreen (display)), AllPlanes, ZPixmap);
  g_assert_nonnull (*screen);
  for (int j = MAX (y, 0); j < MIN (y + attributes.height, (*screen)->height); j += 2)
    for (int i = MAX (x, 0); i < MIN (x + attributes.width, (*screen)->width); i += 2)
      {
        unsigned long pixel = XGetPixel (*screen, i, j);

        total++;
        if ((pixel & 0xffffff) == 0xff00ff)
          covered++;
      }
  g_assert_cmpuint (total, >, 1000);
  return (double) covered / total;
}

static void
save_screen (XImage *screen)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MADOGUCHI_BUILD_ROOT") != NULL
                                             ? g_getenv ("MADOGUCHI_BUILD_ROOT") : ".",
                                           "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, "demo-tray.png", NULL);
  cairo_surface_t *png = cairo_image_surface_create (CAIRO_FORMAT_RGB24, screen->width, screen->height);
  guint32 *data;
  int stride;

  cairo_surface_flush (png);
  data = (guint32 *) cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png) / 4;
  for (int j = 0; j < screen->height; j++)
    for (int i = 0; i < screen->width; i++)
      data[j * stride + i] = (guint32) (XGetPixel (screen, i, j) & 0xffffff);
  cairo_surface_mark_dirty (png);
  g_mkdir_with_parents (dir, 0755);
  g_assert_cmpint (cairo_surface_write_to_png (png, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (png);
  g_test_message ("screen saved as %s", path);
}

static void
test_tray_over_desk (void)
{
  const char *argv[] = { demo_control, "--vcard", "/bin/false", "--pki", "/nonexistent",
                         "--port", "35963", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) tray_process = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  Display *display = XOpenDisplay (NULL);
  GtkWidget *desk;
  Window tray;
  XImage *screen = NULL;
  double share = 1.0;
  gint64 deadline;

  g_assert_nonnull (display);
  tray_process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  tray = wait_for_tray (display, g_ascii_strtoull (g_subprocess_get_identifier (tray_process), NULL, 10));
  spin (300);

  /* The desk, mapped after the tray, as large as the screen. */
  gtk_css_provider_load_from_data (css, "window.covering { background: #ff00ff; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  desk = gtk_window_new ();
  gtk_widget_add_css_class (desk, "covering");
  gtk_window_set_decorated (GTK_WINDOW (desk), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (desk), DisplayWidth (display, DefaultScreen (display)),
                               DisplayHeight (display, DefaultScreen (display)));
  gtk_window_present (GTK_WINDOW (desk));
  mado_ui_test_wait_for_frames (desk, 3);

  /* The tray answers the cover within a moment. */
  deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  do
    {
      spin (100);
      XSync (display, False);
      if (screen != NULL)
        XDestroyImage (screen);
      screen = NULL;
      share = covered_share (display, tray, &screen);
    }
  while (share > 0.01 && g_get_monotonic_time () < deadline);
  save_screen (screen);
  XDestroyImage (screen);
  g_assert_cmpfloat (share, <=, 0.01);

  g_subprocess_send_signal (tray_process, SIGTERM);
  g_subprocess_wait (tray_process, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (desk));
  XCloseDisplay (display);
}

int
main (int argc, char **argv)
{
  mado_ui_test_init (&argc, &argv);
  if (argc < 2)
    {
      g_printerr ("usage: %s DEMO-CONTROL\n", argv[0]);
      return 2;
    }
  demo_control = argv[1];
  gtk_init ();
  g_test_add_func ("/ui/demo-tray/over-desk", test_tray_over_desk);
  return g_test_run ();
}
