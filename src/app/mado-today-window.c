/* mado-today-window.c — today's vaccination records at the desk, and the end-of-day report
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window per desk window: what this desk recorded today, each with its
 * delivery state, filtered by words and by state; and the report the venue
 * reconciles its claim with (per vaccine and lot), saved as PDF or CSV
 * where the clerk chooses.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-today-window.h"

struct _MadoTodayWindow
{
  AdwWindow       parent_instance;

  GtkSearchEntry *filter_entry;
  GtkDropDown    *state_dropdown;
  GtkListBox     *list;
  GtkLabel       *summary_label;
};

G_DEFINE_FINAL_TYPE (MadoTodayWindow, mado_today_window, ADW_TYPE_WINDOW)

static GtkWidget *
header_new (MadoTodayWindow *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *pdf = gtk_button_new_with_mnemonic (_("Save Report as _PDF…"));
  GtkWidget *csv = gtk_button_new_with_mnemonic (_("Save Report as _CSV…"));

  gtk_widget_set_name (pdf, "today-save-pdf");
  gtk_widget_set_name (csv, "today-save-csv");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pdf), "today.save-pdf");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (csv), "today.save-csv");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), pdf);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), csv);
  (void) self;
  return header;
}

static GtkWidget *
filters_new (MadoTodayWindow *self)
{
  static const char * const states[] = {
    N_("All states"), N_("Sending"), N_("Delivered"), N_("Refused"), NULL,
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Filter:"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; states[i] != NULL; i++)
    gtk_string_list_append (names, _(states[i]));
  self->filter_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  self->state_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_widget_set_name (GTK_WIDGET (self->filter_entry), "today-filter");
  gtk_widget_set_name (GTK_WIDGET (self->state_dropdown), "today-state");
  gtk_widget_set_hexpand (GTK_WIDGET (self->filter_entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->filter_entry));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->filter_entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->state_dropdown));
  return box;
}

static void
mado_today_window_class_init (MadoTodayWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mado_today_window_init (MadoTodayWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Today's Vaccination Records"));
  gtk_window_set_default_size (GTK_WINDOW (self), 980, 640);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->list), "today-list");
  gtk_widget_set_name (GTK_WIDGET (self->summary_label), "today-summary");
  gtk_label_set_xalign (self->summary_label, 0.0f);
  gtk_list_box_set_placeholder (self->list, gtk_label_new (_("Nothing was recorded at this desk today.")));
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), header_new (self));
  g_object_set (body, "margin-start", 18, "margin-end", 18, "margin-bottom", 18, NULL);
  gtk_box_append (GTK_BOX (body), filters_new (self));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->summary_label));
  gtk_box_append (GTK_BOX (body), scroller);
  gtk_box_append (GTK_BOX (content), body);
  adw_window_set_content (ADW_WINDOW (self), content);
}

/**
 * mado_today_window_present_for:
 * @parent: the desk's window
 *
 * Shows @parent's window of today's records, making it on first use.
 *
 * Returns: (transfer none): the window
 */
MadoTodayWindow *
mado_today_window_present_for (GtkWindow *parent)
{
  MadoTodayWindow *self = g_object_get_data (G_OBJECT (parent), "mado-today-window");

  if (self == NULL)
    {
      self = g_object_new (MADO_TYPE_TODAY_WINDOW,
                           "application", gtk_window_get_application (parent),
                           "transient-for", parent,
                           "hide-on-close", TRUE,
                           NULL);
      g_object_set_data_full (G_OBJECT (parent), "mado-today-window", self,
                              (GDestroyNotify) gtk_window_destroy);
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
