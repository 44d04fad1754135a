/* mado-record-dialog.c — record the vaccination given: vaccine, dose, lot from a scan, site, time
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opened from the resident screen. The scan field has the focus: a USB
 * scanner in keyboard-wedge mode types the package's GS1 element string
 * and Enter into it, and the lot and expiry fill in from it. Every field
 * can be typed by hand as well.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-record-dialog.h"

struct _MadoRecordDialog
{
  AdwWindow       parent_instance;

  AdwComboRow    *vaccine_row;
  GtkSpinButton  *dose_spin;
  AdwEntryRow    *scan_row;
  GtkLabel       *scan_result;
  AdwEntryRow    *lot_row;
  AdwEntryRow    *expiry_row;
  AdwEntryRow    *volume_row;
  AdwComboRow    *route_row;
  AdwComboRow    *site_row;
  AdwEntryRow    *time_row;
  AdwActionRow   *performer_row;
  GtkBox         *checks_box;
  GtkWidget      *save_button;
};

G_DEFINE_FINAL_TYPE (MadoRecordDialog, mado_record_dialog, ADW_TYPE_WINDOW)

/* A row with a mnemonic title, named for tests, added to @group. */
static GtkWidget *
add_row (AdwPreferencesGroup *group,
         GtkWidget           *row,
         const char          *title,
         const char          *name)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  return row;
}

#define entry_row_new(group, title, name) \
  ADW_ENTRY_ROW (add_row ((group), adw_entry_row_new (), (title), (name)))
#define combo_row_new(group, title, name) \
  ADW_COMBO_ROW (add_row ((group), adw_combo_row_new (), (title), (name)))

static GtkWidget *
vaccine_group_new (MadoRecordDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *dose_row = adw_action_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Vaccine"));
  self->vaccine_row = combo_row_new (ADW_PREFERENCES_GROUP (group), _("_Vaccine"), "record-vaccine");
  self->dose_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 10, 1));
  gtk_widget_set_name (GTK_WIDGET (self->dose_spin), "record-dose");
  gtk_widget_set_valign (GTK_WIDGET (self->dose_spin), GTK_ALIGN_CENTER);
  add_row (ADW_PREFERENCES_GROUP (group), dose_row, _("_Dose number"), "record-dose-row");
  adw_action_row_add_suffix (ADW_ACTION_ROW (dose_row), GTK_WIDGET (self->dose_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (dose_row), GTK_WIDGET (self->dose_spin));
  return group;
}

static GtkWidget *
lot_group_new (MadoRecordDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Lot"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Scan the barcode on the vaccine's package, or type the lot and expiry."));
  self->scan_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("_Scan (GS1 barcode)"), "record-scan");
  self->scan_result = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->scan_result), "record-scan-result");
  gtk_label_set_wrap (self->scan_result, TRUE);
  gtk_label_set_xalign (self->scan_result, 0.0f);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_result), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->scan_result));
  self->lot_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("_Lot number"), "record-lot");
  self->expiry_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("E_xpiry (YYYY-MM-DD)"), "record-expiry");
  return group;
}

static GtkWidget *
how_group_new (MadoRecordDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Given"));
  self->volume_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("Vol_ume (mL)"), "record-volume");
  self->route_row = combo_row_new (ADW_PREFERENCES_GROUP (group), _("R_oute"), "record-route");
  self->site_row = combo_row_new (ADW_PREFERENCES_GROUP (group), _("S_ite"), "record-site");
  self->time_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("_Time (HH:MM)"), "record-time");
  self->performer_row = ADW_ACTION_ROW (add_row (ADW_PREFERENCES_GROUP (group), adw_action_row_new (),
                                                  _("Performer"), "record-performer"));
  return group;
}

static GtkWidget *
buttons_new (MadoRecordDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->save_button = gtk_button_new_with_mnemonic (_("_Save Record"));
  gtk_widget_set_name (self->save_button, "record-save");
  gtk_widget_set_name (cancel, "record-cancel");
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "record.save");
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_box_append (GTK_BOX (box), self->save_button);
  return box;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  (void) widget;
}

static void
mado_record_dialog_class_init (MadoRecordDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "record.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "record.save", NULL);
}

static void
mado_record_dialog_init (MadoRecordDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_window_set_title (GTK_WINDOW (self), _("Record the Vaccination Given"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 760);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  self->checks_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_name (GTK_WIDGET (self->checks_box), "record-checks");
  g_object_set (body, "margin-top", 18, "margin-bottom", 18, "margin-start", 18, "margin-end", 18, NULL);
  gtk_box_append (GTK_BOX (body), vaccine_group_new (self));
  gtk_box_append (GTK_BOX (body), lot_group_new (self));
  gtk_box_append (GTK_BOX (body), how_group_new (self));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->checks_box));
  gtk_box_append (GTK_BOX (body), buttons_new (self));
  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (content), scroller);
  adw_window_set_content (ADW_WINDOW (self), content);
}

/**
 * mado_record_dialog_present:
 * @parent: the desk's window, on the resident screen
 *
 * Returns: (transfer none): the dialog, shown, the scan field focused
 */
MadoRecordDialog *
mado_record_dialog_present (GtkWindow *parent)
{
  MadoRecordDialog *self = g_object_new (MADO_TYPE_RECORD_DIALOG,
                                         "application", gtk_window_get_application (parent),
                                         "transient-for", parent,
                                         NULL);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_row));
  return self;
}
