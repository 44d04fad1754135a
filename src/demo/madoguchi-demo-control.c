/* madoguchi-demo-control.c — the demo's card drawer: place or remove a virtual card
 *
 * A small window for packaging/run-demo.sh. Each button puts one of the test
 * PKI's demo cards on the private vpcd reader by starting madoguchi-vcard
 * with its profile; pressing it again (or choosing another card) removes it
 * by stopping the process. One reader, so one card at a time.
 *
 * Without a window manager (Xvfb alone) nothing stacks windows: the desk,
 * started after the tray, would cover it. There the tray places itself at
 * the screen's right edge and raises itself whenever another window is
 * stacked above it. Under a window manager it leaves both to the manager.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <signal.h>

#include "mado-i18n.h"

#if defined (GDK_WINDOWING_X11) && MADO_DEMO_X11
#include <gdk/x11/gdkx.h>
#endif

/* Below the desk window's header bar, so its buttons stay reachable. */
#define TRAY_TOP 64

typedef struct {
  const char *profile;       /* cards/<profile>.profile in the PKI */
  const char *label;         /* the card's short name, as the demo's guide calls it */
  const char *what;          /* N_() what happens with it */
} DemoCard;

static const DemoCard cards[] = {
  { "infant",  "乳児 infant",    N_("A valid card: PIN 1234 shows the infant’s subsidies and vaccinations") },
  { "nanbyou", "難病 nanbyou",   N_("A designated intractable disease (特定医療) patient") },
  { "revoked", "失効 revoked",   N_("A revoked certificate: the hub refuses it") },
  { "blocked", "ロック blocked", N_("A blocked PIN: staff must send the resident to the municipal office") },
  { "onetry",  "残り1回 onetry", N_("One PIN try left: the desk warns before the last try") },
};

typedef struct {
  char           *vcard;
  char           *pki;
  char           *port;
  GSubprocess    *process;
  gint            current;        /* index in cards[], -1: no card */
  GtkToggleButton *buttons[G_N_ELEMENTS (cards)];
  GtkLabel       *status;
  gboolean        updating;
  gulong          raise_xid;      /* X11 without a window manager: the tray's window */
} Demo;

static void
stop_card (Demo *demo)
{
  if (demo->process == NULL)
    return;
  g_subprocess_send_signal (demo->process, SIGTERM);
  g_subprocess_wait (demo->process, NULL, NULL);
  g_clear_object (&demo->process);
  demo->current = -1;
}

static void
show_state (Demo *demo)
{
  demo->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    gtk_toggle_button_set_active (demo->buttons[i], (gint) i == demo->current);
  demo->updating = FALSE;
  if (demo->current < 0)
    gtk_label_set_label (demo->status, _("No card on the reader."));
  else
    {
      g_autofree char *text = g_strdup_printf (_("On the reader: %s"), cards[demo->current].label);

      gtk_label_set_label (demo->status, text);
    }
}

static gboolean
start_card (Demo  *demo,
            guint  index)
{
  g_autofree char *profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = g_strdup_printf ("%s/cards/%s.profile", demo->pki, cards[index].profile);
  demo->process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, demo->vcard,
                                    "--port", demo->port, "--profile", profile, NULL);
  if (demo->process == NULL)
    {
      g_warning ("cannot start %s: %s", demo->vcard, error->message);
      return FALSE;
    }
  demo->current = (gint) index;
  return TRUE;
}

static void
toggled_cb (GtkToggleButton *button,
            Demo            *demo)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "demo-card"));
  gboolean was_this = demo->current == (gint) index;

  if (demo->updating)
    return;
  stop_card (demo);
  if (!was_this)
    start_card (demo, index);
  show_state (demo);
}

#if defined (GDK_WINDOWING_X11) && MADO_DEMO_X11
/* Another window was mapped or raised above the tray (X lists the root's
 * children bottom to top): put the tray back on top. X sends no event for
 * that to this window, so it looks four times a second; without a window
 * manager nothing else moves windows. */
static gboolean
keep_on_top_cb (gpointer user_data)
{
  Demo *demo = user_data;
  Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  Window root, parent, *children = NULL;
  unsigned int n = 0;

  if (XQueryTree (xdisplay, DefaultRootWindow (xdisplay), &root, &parent, &children, &n))
    {
      if (n > 0 && children[n - 1] != demo->raise_xid)
        {
          XRaiseWindow (xdisplay, demo->raise_xid);
          XFlush (xdisplay);
        }
      if (children != NULL)
        XFree (children);
    }
  return G_SOURCE_CONTINUE;
}

static void
mapped_cb (GtkWidget *window,
           Demo      *demo)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkMonitor *monitor;
  Display *xdisplay;
  Window xid;
  XWindowAttributes attributes;
  GdkRectangle area;
  int scale;

  if (!GDK_IS_X11_DISPLAY (display) || surface == NULL
      || g_strcmp0 (gdk_x11_screen_get_window_manager_name (gdk_x11_display_get_screen (display)),
                    "unknown") != 0)
    return;
  monitor = gdk_display_get_monitor_at_surface (display, surface);
  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  scale = gdk_surface_get_scale_factor (surface);
  xdisplay = gdk_x11_display_get_xdisplay (display);
  xid = gdk_x11_surface_get_xid (surface);
  XGetWindowAttributes (xdisplay, xid, &attributes);
  XMoveWindow (xdisplay, xid, (area.x + area.width) * scale - attributes.width,
               (area.y + MIN (TRAY_TOP, MAX (0, area.height - attributes.height / scale))) * scale);
  demo->raise_xid = xid;
  keep_on_top_cb (demo);
  g_timeout_add (250, keep_on_top_cb, demo);
}
#endif

static void
activate_cb (GtkApplication *app,
             Demo           *demo)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *intro;

  gtk_window_set_title (GTK_WINDOW (window), _("Madoguchi Demo Cards"));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, -1);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  intro = gtk_label_new (_("Press a card to place it on the reader; press it again to take it off. "
                           "Every demo PIN is 1234."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (box), intro);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (cards[i].label);

      gtk_widget_set_tooltip_text (button, _(cards[i].what));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, cards[i].label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(cards[i].what),
                                      -1);
      g_object_set_data (G_OBJECT (button), "demo-card", GUINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (toggled_cb), demo);
      demo->buttons[i] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (box), button);
    }
  demo->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (demo->status));
  show_state (demo);

  gtk_window_set_child (GTK_WINDOW (window), box);
#if defined (GDK_WINDOWING_X11) && MADO_DEMO_X11
  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), demo);
#endif
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Demo demo = { .current = -1 };
  GOptionEntry entries[] = {
    { "vcard", 0, 0, G_OPTION_ARG_FILENAME, &demo.vcard, N_("The madoguchi-vcard program"), "FILE" },
    { "pki", 0, 0, G_OPTION_ARG_FILENAME, &demo.pki, N_("The demo PKI's folder"), "DIR" },
    { "port", 0, 0, G_OPTION_ARG_STRING, &demo.port, N_("The vpcd reader's port"), "PORT" },
    { NULL }
  };
  int status;

  mado_i18n_init ();
  context = g_option_context_new (_("— place demo cards on the virtual reader"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      demo.vcard == NULL || demo.pki == NULL || demo.port == NULL)
    {
      g_printerr ("madoguchi-demo-control: %s\n",
                  error != NULL ? error->message : _("--vcard, --pki and --port are required"));
      return 2;
    }

  app = gtk_application_new ("io.github.madoguchi.DemoControl", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &demo);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  stop_card (&demo);
  g_free (demo.vcard);
  g_free (demo.pki);
  g_free (demo.port);
  return status;
}
