/* mado-venue-bar.c — the resident screen's vaccination actions
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buttons beside Done on the resident screen: record the vaccination
 * given, start the observation timer. The bar asks its window for the
 * visit's bundle and the signed-in member of staff when a button is
 * pressed, so the window does not have to feed it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-application.h"
#include "mado-record-dialog.h"
#include "mado-venue-bar.h"
#include "mado-window.h"

struct _MadoVenueBar
{
  AdwBin     parent_instance;

  GtkWidget *record_button;
  gboolean   connected;
};

G_DEFINE_FINAL_TYPE (MadoVenueBar, mado_venue_bar, ADW_TYPE_BIN)

static MadoWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return MADO_IS_WINDOW (root) ? MADO_WINDOW (root) : NULL;
}

/**
 * mado_venue_bar_get_bundle:
 * @widget: any widget inside the desk's window
 *
 * Returns: (nullable) (transfer none): the bundle of the visit on screen
 */
const MadoResidentBundle *
mado_venue_bar_get_bundle (GtkWidget *widget)
{
  MadoWindow *window = window_of (widget);
  MadoReceptionSession *session;

  if (window == NULL)
    return NULL;
  session = mado_visit_controller_get_session (mado_window_get_visit_controller (window));
  return session != NULL ? mado_reception_session_get_bundle (session) : NULL;
}

static MadoApplication *
application_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                                     : NULL;

  return MADO_IS_APPLICATION (application) ? MADO_APPLICATION (application) : NULL;
}

/**
 * mado_venue_bar_get_staff_session:
 * @widget: any widget inside one of the application's windows
 *
 * Returns: (nullable) (transfer none): who is signed in
 */
MadoStaffSession *
mado_venue_bar_get_staff_session (GtkWidget *widget)
{
  MadoApplication *application = application_of (widget);

  return application != NULL ? mado_application_get_staff_session (application) : NULL;
}

/**
 * mado_venue_bar_get_desk:
 * @widget: any widget inside one of the application's windows
 *
 * Returns: (nullable) (transfer none): the application's desk
 */
MadoDesk *
mado_venue_bar_get_desk (GtkWidget *widget)
{
  MadoApplication *application = application_of (widget);

  return application != NULL ? mado_application_get_desk (application) : NULL;
}

static void
observe (GtkWidget *widget,
         guint      minutes)
{
  const MadoResidentBundle *bundle = mado_venue_bar_get_bundle (widget);
  const char *label;

  if (bundle == NULL || bundle->resident_ref == NULL)
    return;
  /* The strip stays on screen for the next resident: a protected
   * resident's name is not left there for them to read. */
  label = bundle->is_not_disclosed || bundle->basic_info.name == NULL
          ? _("Protected resident") : bundle->basic_info.name;
  gtk_widget_activate_action (widget, "venue.observe", "(ssu)",
                              bundle->resident_ref, label, minutes);
}

static void
observe_15_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  observe (widget, 15);
}

static void
observe_30_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  observe (widget, 30);
}

/* Saved: the resident waits 15 minutes before leaving (30 is one press away). */
static void
record_saved_cb (MadoVenueBar *self)
{
  observe (GTK_WIDGET (self), 15);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  const MadoResidentBundle *bundle = mado_venue_bar_get_bundle (widget);
  MadoRecordDialog *dialog;

  if (!GTK_IS_WINDOW (root) || bundle == NULL)
    return;
  dialog = mado_record_dialog_present (GTK_WINDOW (root), bundle);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (record_saved_cb), widget, G_CONNECT_SWAPPED);
}

/* Only a doctor or a nurse records a dose: the record carries their name. */
static void
staff_changed_cb (MadoVenueBar *self)
{
  MadoStaffSession *staff = mado_venue_bar_get_staff_session (GTK_WIDGET (self));
  gboolean may_record = staff != NULL && mado_staff_role_can_record (mado_staff_session_get_role (staff));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "venue-bar.record", may_record);
  gtk_widget_set_tooltip_text (self->record_button,
                               may_record ? _("Record the vaccination given (Alt+R)")
                                          : _("Only a doctor or a nurse can record a vaccination"));
}

/* On map, not root: the window has no application yet while its template is built. */
static void
mado_venue_bar_map (GtkWidget *widget)
{
  MadoVenueBar *self = MADO_VENUE_BAR (widget);
  MadoApplication *application;

  GTK_WIDGET_CLASS (mado_venue_bar_parent_class)->map (widget);
  application = application_of (widget);
  if (application != NULL && !self->connected)
    {
      self->connected = TRUE;
      g_signal_connect_object (application, "notify::staff-session",
                               G_CALLBACK (staff_changed_cb), self, G_CONNECT_SWAPPED);
    }
  staff_changed_cb (self);
}

static GtkWidget *
button_new (const char *label,
            const char *action,
            const char *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_name (button, name);
  return button;
}

static void
mado_venue_bar_class_init (MadoVenueBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = mado_venue_bar_map;
  gtk_widget_class_install_action (widget_class, "venue-bar.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "venue-bar.observe-15", NULL, observe_15_action);
  gtk_widget_class_install_action (widget_class, "venue-bar.observe-30", NULL, observe_30_action);
}

static void
mado_venue_bar_init (MadoVenueBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->record_button = button_new (_("_Record Vaccination…"), "venue-bar.record", "venue-record");
  gtk_widget_add_css_class (self->record_button, "suggested-action");
  gtk_box_append (GTK_BOX (box), self->record_button);
  gtk_box_append (GTK_BOX (box), button_new (_("Observe 1_5 min"), "venue-bar.observe-15",
                                             "venue-observe-15"));
  gtk_box_append (GTK_BOX (box), button_new (_("Observe _30 min"), "venue-bar.observe-30",
                                             "venue-observe-30"));
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
mado_venue_bar_new (void)
{
  return g_object_new (MADO_TYPE_VENUE_BAR, NULL);
}
