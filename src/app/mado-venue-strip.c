/* mado-venue-strip.c — the desk's venue strip: residents under observation, today's records
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a vaccination the resident waits 15 minutes (30 after a past
 * anaphylaxis or a first dose of some vaccines) before leaving. The desk
 * has moved on to the next resident by then, so the timers cannot live on
 * the resident screen: they live here, under the desk's pages, for as long
 * as the window lives, and never block anything. When a timer runs out the
 * row turns to a warning and the display rings once; staff release the
 * resident with the row's button.
 *
 * The strip offers its actions to the whole window as the `venue` group:
 * `venue.observe` ((ssu): resident key, label, minutes) and `venue.today`
 * (today's records), so the resident screen's buttons reach it without the
 * window knowing either of them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-today-window.h"
#include "mado-venue-strip.h"

typedef struct
{
  char      *key;
  gint64     ends_at;      /* monotonic µs */
  gboolean   over;
  GtkWidget *row;
  GtkLabel  *remaining;
} Observation;

struct _MadoVenueStrip
{
  AdwBin      parent_instance;

  GtkBox     *rows;
  GtkWidget  *empty_label;
  GPtrArray  *observations;   /* (element-type Observation) */
  guint       tick_id;
  guint       next_index;
};

G_DEFINE_FINAL_TYPE (MadoVenueStrip, mado_venue_strip, ADW_TYPE_BIN)

static void
observation_free (Observation *observation)
{
  g_free (observation->key);
  g_free (observation);
}

static Observation *
find_observation (MadoVenueStrip *self,
                  const char     *key,
                  guint          *index)
{
  for (guint i = 0; i < self->observations->len; i++)
    {
      Observation *observation = g_ptr_array_index (self->observations, i);

      if (g_strcmp0 (observation->key, key) == 0)
        {
          if (index != NULL)
            *index = i;
          return observation;
        }
    }
  return NULL;
}

/* "12:05 left", rounded up so the row never says 0:00 while time remains. */
static char *
format_remaining (gint64 remaining_us)
{
  gint64 seconds = (remaining_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  return g_strdup_printf (_("%d:%02d left"), (int) (seconds / 60), (int) (seconds % 60));
}

static void
update_row (MadoVenueStrip *self,
            Observation    *observation,
            gint64          now)
{
  gint64 remaining = observation->ends_at - now;
  g_autofree char *text = NULL;

  if (remaining > 0)
    {
      text = format_remaining (remaining);
      gtk_label_set_label (observation->remaining, text);
      return;
    }
  if (observation->over)
    return;
  observation->over = TRUE;
  gtk_label_set_label (observation->remaining, _("Time is up: check the resident, then release"));
  gtk_widget_add_css_class (observation->row, "observation-over");
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
update_visibility (MadoVenueStrip *self)
{
  gtk_widget_set_visible (self->empty_label, self->observations->len == 0);
}

static void
release_clicked_cb (GtkButton      *button,
                    MadoVenueStrip *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "mado-resident-key");

  mado_venue_strip_release (self, key);
}

static gboolean
tick_cb (gpointer user_data)
{
  MadoVenueStrip *self = MADO_VENUE_STRIP (user_data);

  mado_venue_strip_tick (self, g_get_monotonic_time ());
  if (self->observations->len > 0)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static GtkWidget *
row_new (MadoVenueStrip *self,
         Observation    *observation,
         const char     *label,
         guint           minutes)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = g_date_time_add_minutes (now, (int) minutes);
  g_autofree char *until_text = g_date_time_format (until, "%H:%M");
  g_autofree char *title = g_strdup_printf (_("%s · %u min, until %s"), label, minutes, until_text);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *remaining = gtk_label_new (NULL);
  GtkWidget *release = gtk_button_new_with_label (_("Release"));
  g_autofree char *release_name = g_strdup_printf (_("Release %s from observation"), label);
  g_autofree char *name = g_strdup_printf ("observation-%u", self->next_index);
  g_autofree char *remaining_name = g_strdup_printf ("observation-remaining-%u", self->next_index);

  self->next_index++;
  gtk_widget_set_name (row, name);
  gtk_widget_set_name (remaining, remaining_name);
  gtk_widget_add_css_class (row, "observation-row");
  gtk_widget_add_css_class (remaining, "observation-remaining");
  gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name ("alarm-symbolic"));
  gtk_box_append (GTK_BOX (row), title_label);
  gtk_box_append (GTK_BOX (row), remaining);
  gtk_widget_add_css_class (release, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (release), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  release_name, -1);
  g_object_set_data_full (G_OBJECT (release), "mado-resident-key",
                          g_strdup (observation->key), g_free);
  g_signal_connect (release, "clicked", G_CALLBACK (release_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), release);
  observation->remaining = GTK_LABEL (remaining);
  return row;
}

static void
observe_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  const char *key;
  const char *label;
  guint minutes;

  (void) action;
  g_variant_get (parameter, "(&s&su)", &key, &label, &minutes);
  if (*key == '\0' || minutes == 0 || minutes > 120)
    return;
  mado_venue_strip_observe (MADO_VENUE_STRIP (user_data), key, label, minutes,
                            g_get_monotonic_time ());
}

static void
today_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (user_data));

  (void) action;
  (void) parameter;
  if (GTK_IS_WINDOW (root))
    mado_today_window_present_for (GTK_WINDOW (root));
}

/* The window gets the `venue` actions once the strip is inside it. */
static void
mado_venue_strip_root (GtkWidget *widget)
{
  static const GActionEntry entries[] = {
    { .name = "observe", .activate = observe_action_cb, .parameter_type = "(ssu)" },
    { .name = "today", .activate = today_action_cb },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  GTK_WIDGET_CLASS (mado_venue_strip_parent_class)->root (widget);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), widget);
  gtk_widget_insert_action_group (GTK_WIDGET (gtk_widget_get_root (widget)), "venue", G_ACTION_GROUP (group));
}

/* The application's accelerator, once the window has its application. */
static void
mado_venue_strip_map (GtkWidget *widget)
{
  static const char *today_accels[] = { "<Control>t", NULL };
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  GTK_WIDGET_CLASS (mado_venue_strip_parent_class)->map (widget);
  if (application != NULL)
    gtk_application_set_accels_for_action (application, "venue.today", today_accels);
}

static void
mado_venue_strip_dispose (GObject *object)
{
  MadoVenueStrip *self = MADO_VENUE_STRIP (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  G_OBJECT_CLASS (mado_venue_strip_parent_class)->dispose (object);
}

static void
mado_venue_strip_finalize (GObject *object)
{
  MadoVenueStrip *self = MADO_VENUE_STRIP (object);

  g_ptr_array_unref (self->observations);
  G_OBJECT_CLASS (mado_venue_strip_parent_class)->finalize (object);
}

static void
mado_venue_strip_class_init (MadoVenueStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_venue_strip_dispose;
  object_class->finalize = mado_venue_strip_finalize;
  widget_class->root = mado_venue_strip_root;
  widget_class->map = mado_venue_strip_map;
  gtk_widget_class_set_css_name (widget_class, "venuestrip");
}

static void
mado_venue_strip_init (MadoVenueStrip *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (_("Observation after vaccination:"));
  GtkWidget *today = gtk_button_new_with_mnemonic (_("_Today's Records"));

  self->observations = g_ptr_array_new_with_free_func ((GDestroyNotify) observation_free);
  self->rows = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18));
  self->empty_label = gtk_label_new (_("nobody"));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_hexpand (GTK_WIDGET (self->rows), TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->rows), "observation-list");
  gtk_widget_set_name (today, "venue-today");
  gtk_widget_set_tooltip_text (today, _("Today's vaccination records and the end-of-day report (Ctrl+T)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (today), "venue.today");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (self->rows, self->empty_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->rows));
  gtk_box_append (GTK_BOX (box), today);
  gtk_widget_add_css_class (box, "venue-strip");
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
mado_venue_strip_new (void)
{
  return g_object_new (MADO_TYPE_VENUE_STRIP, NULL);
}

/**
 * mado_venue_strip_observe:
 * @resident_key: who (the bundle's resident reference); a second call for
 *   the same resident restarts their timer
 * @label: what the row shows (the resident's name, or a neutral word for a
 *   not-disclosed resident)
 * @minutes: how long (15 or 30)
 * @now: g_get_monotonic_time() now
 */
void
mado_venue_strip_observe (MadoVenueStrip *self,
                          const char     *resident_key,
                          const char     *label,
                          guint           minutes,
                          gint64          now)
{
  Observation *observation;

  g_return_if_fail (MADO_IS_VENUE_STRIP (self));
  g_return_if_fail (resident_key != NULL && label != NULL);

  mado_venue_strip_release (self, resident_key);
  observation = g_new0 (Observation, 1);
  observation->key = g_strdup (resident_key);
  observation->ends_at = now + (gint64) minutes * 60 * G_USEC_PER_SEC;
  observation->row = row_new (self, observation, label, minutes);
  g_ptr_array_add (self->observations, observation);
  gtk_box_append (self->rows, observation->row);
  update_row (self, observation, now);
  update_visibility (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

/**
 * mado_venue_strip_release:
 *
 * Ends @resident_key's observation.
 *
 * Returns: %TRUE if they were under observation
 */
gboolean
mado_venue_strip_release (MadoVenueStrip *self,
                          const char     *resident_key)
{
  Observation *observation;
  guint index;

  g_return_val_if_fail (MADO_IS_VENUE_STRIP (self), FALSE);

  observation = find_observation (self, resident_key, &index);
  if (observation == NULL)
    return FALSE;
  gtk_box_remove (self->rows, observation->row);
  g_ptr_array_remove_index (self->observations, index);
  update_visibility (self);
  return TRUE;
}

/**
 * mado_venue_strip_tick:
 * @now: g_get_monotonic_time() now
 *
 * Brings every row up to @now (the strip calls it each second).
 */
void
mado_venue_strip_tick (MadoVenueStrip *self,
                       gint64          now)
{
  g_return_if_fail (MADO_IS_VENUE_STRIP (self));

  for (guint i = 0; i < self->observations->len; i++)
    update_row (self, g_ptr_array_index (self->observations, i), now);
}

guint
mado_venue_strip_get_n_observed (MadoVenueStrip *self)
{
  g_return_val_if_fail (MADO_IS_VENUE_STRIP (self), 0);

  return self->observations->len;
}

/**
 * mado_venue_strip_get_remaining:
 *
 * Returns: µs left for @resident_key (0 or less once over), or -1 if they
 *   are not under observation
 */
gint64
mado_venue_strip_get_remaining (MadoVenueStrip *self,
                                const char     *resident_key,
                                gint64          now)
{
  Observation *observation;

  g_return_val_if_fail (MADO_IS_VENUE_STRIP (self), -1);

  observation = find_observation (self, resident_key, NULL);
  if (observation == NULL)
    return -1;
  return MAX (observation->ends_at - now, 0);
}
