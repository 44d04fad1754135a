/* mado-recorded-doses.c — what this desk recorded today for the resident on screen, and how far it got
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub's history arrives with the bundle; a dose given a minute ago is
 * only in this desk's store until the outbox delivers it. This block of
 * the resident screen's history shows those records at once, each with
 * its delivery state ("recorded, sending" → "delivered", or "refused: why";
 * offline, that it will be sent later), and follows the desk's outbox.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-recorded-doses.h"
#include "mado-resident-sections.h"
#include "mado-venue-bar.h"
#include "mado-venue-records.h"

struct _MadoRecordedDoses
{
  AdwBin     parent_instance;

  char      *resident_ref;
  GtkBox    *rows;
  guint      len;
  gboolean   connected;
};

G_DEFINE_FINAL_TYPE (MadoRecordedDoses, mado_recorded_doses, ADW_TYPE_BIN)

static gboolean
hub_offline (MadoRecordedDoses *self)
{
  MadoDesk *desk = mado_venue_bar_get_desk (GTK_WIDGET (self));

  return desk != NULL && mado_hub_monitor_get_state (mado_desk_get_hub_monitor (desk)) == MADO_HUB_STATE_OFFLINE;
}

static const char *
state_icon (const MadoVenueRow *row)
{
  switch (row->state)
    {
    case MADO_DELIVERY_DELIVERED:
      return "emblem-ok-symbolic";
    case MADO_DELIVERY_REFUSED:
      return "dialog-error-symbolic";
    case MADO_DELIVERY_SENDING:
    default:
      return "mail-send-symbolic";
    }
}

static GtkWidget *
row_new (const MadoVenueRow *row,
         guint               index,
         gboolean            offline)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (row->at);
  g_autofree char *when = g_date_time_format (local, "%H:%M");
  g_autofree char *state = mado_venue_row_describe_state (row, offline);
  g_autofree char *what = g_strdup_printf ("%s %s · %s · %s", when,
                                           row->vaccine != NULL ? row->vaccine : "—",
                                           row->description, row->author != NULL ? row->author : "—");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = mado_resident_label_new (what, NULL);
  /* Its words are final when it is made: a wrapping label's minimum width
   * follows its first text (mado_resident_label_new()). */
  GtkWidget *state_label = mado_resident_label_new (row->corrected ? _("Entered in error") : state,
                                                    "recorded-state");
  g_autofree char *state_name = g_strdup_printf ("recorded-state-%u", index);
  g_autofree char *text_name = g_strdup_printf ("recorded-text-%u", index);

  mado_resident_set_named (box, "recorded", index);
  gtk_widget_set_name (state_label, state_name);
  gtk_widget_set_name (text, text_name);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (box, "recorded-row");
  gtk_widget_add_css_class (box, row->state == MADO_DELIVERY_REFUSED ? "error"
                                 : row->state == MADO_DELIVERY_DELIVERED ? "success" : "warning");
  if (row->corrected)
    gtk_widget_add_css_class (text, "entered-in-error");
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (state_icon (row)));
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), state_label);
  return box;
}

/**
 * mado_recorded_doses_refresh:
 *
 * Lists the resident's records of today again, with their states now.
 */
void
mado_recorded_doses_refresh (MadoRecordedDoses *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  MadoDesk *desk = mado_venue_bar_get_desk (GTK_WIDGET (self));
  gboolean offline;
  GtkWidget *child;

  g_return_if_fail (MADO_IS_RECORDED_DOSES (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL)
    gtk_box_remove (self->rows, child);
  /* No store (not configured, or still opening): nothing was recorded here. */
  if (desk == NULL || mado_desk_get_store (desk) == NULL)
    {
      self->len = 0;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  rows = mado_venue_records_list_today (GTK_WIDGET (self), self->resident_ref, &error);
  self->len = rows != NULL ? rows->len : 0;
  gtk_widget_set_visible (GTK_WIDGET (self), self->len > 0 || error != NULL);
  if (rows == NULL)
    {
      gtk_box_append (self->rows, mado_resident_note_new ("dialog-error-symbolic", error->message, "error"));
      return;
    }
  offline = hub_offline (self);
  gtk_box_append (self->rows, mado_resident_label_new (_("Recorded at this desk today"), "heading"));
  for (guint i = 0; i < rows->len; i++)
    gtk_box_append (self->rows, row_new (g_ptr_array_index (rows, i), i, offline));
}

/* The desk recounts its outbox after each delivery round and each save. */
static void
mado_recorded_doses_root (GtkWidget *widget)
{
  MadoRecordedDoses *self = MADO_RECORDED_DOSES (widget);
  MadoDesk *desk;

  GTK_WIDGET_CLASS (mado_recorded_doses_parent_class)->root (widget);
  desk = mado_venue_bar_get_desk (widget);
  if (desk != NULL && !self->connected)
    {
      self->connected = TRUE;
      g_signal_connect_object (desk, "notify::waiting-records",
                               G_CALLBACK (mado_recorded_doses_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (mado_desk_get_hub_monitor (desk), "notify::state",
                               G_CALLBACK (mado_recorded_doses_refresh), self, G_CONNECT_SWAPPED);
      /* No sender on a desk without a hub: the count still changes. */
      if (mado_desk_get_outbox_sender (desk) != NULL)
        g_signal_connect_object (mado_desk_get_outbox_sender (desk), "round-done",
                                 G_CALLBACK (mado_recorded_doses_refresh), self, G_CONNECT_SWAPPED);
    }
  mado_recorded_doses_refresh (self);
}

static void
mado_recorded_doses_finalize (GObject *object)
{
  MadoRecordedDoses *self = MADO_RECORDED_DOSES (object);

  g_free (self->resident_ref);
  G_OBJECT_CLASS (mado_recorded_doses_parent_class)->finalize (object);
}

static void
mado_recorded_doses_class_init (MadoRecordedDosesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mado_recorded_doses_finalize;
  widget_class->root = mado_recorded_doses_root;
}

static void
mado_recorded_doses_init (MadoRecordedDoses *self)
{
  self->rows = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->rows));
  gtk_widget_set_name (GTK_WIDGET (self), "recorded-doses");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * mado_recorded_doses_new:
 * @resident_ref: whose records
 *
 * Returns: (transfer floating): the block, hidden while there is nothing
 */
GtkWidget *
mado_recorded_doses_new (const char *resident_ref)
{
  MadoRecordedDoses *self = g_object_new (MADO_TYPE_RECORDED_DOSES, NULL);

  self->resident_ref = g_strdup (resident_ref);
  return GTK_WIDGET (self);
}

guint
mado_recorded_doses_get_len (MadoRecordedDoses *self)
{
  g_return_val_if_fail (MADO_IS_RECORDED_DOSES (self), 0);

  return self->len;
}
