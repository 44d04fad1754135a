/* mado-record-dialog.c — record the vaccination given: vaccine, dose, lot from a scan, site, time
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opened from the resident screen. The scan field has the focus: a USB
 * scanner in keyboard-wedge mode types the package's GS1 element string
 * and Enter into it, and the product, lot and expiry fill in from it.
 * Every field can be typed by hand as well. The vaccine is proposed from
 * today's 予診票 (else the due list), the dose number from the schedule,
 * volume and route from the product; staff confirm them.
 *
 * Saving runs the checks first. What they find is listed with its message;
 * an expired lot blocks, anything else needs its own tick ("overridden,
 * the doctor decided so") and is recorded with the override. Nothing is
 * saved while a finding stands.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "mado-record-dialog.h"
#include "mado-venue-bar.h"
#include "mado-venue-records.h"

struct _MadoRecordDialog
{
  AdwWindow           parent_instance;

  AdwComboRow        *vaccine_row;
  GtkSpinButton      *dose_spin;
  AdwEntryRow        *scan_row;
  GtkLabel           *scan_result;
  AdwEntryRow        *lot_row;
  AdwEntryRow        *expiry_row;
  AdwEntryRow        *volume_row;
  AdwComboRow        *route_row;
  AdwComboRow        *site_row;
  AdwEntryRow        *time_row;
  AdwActionRow       *performer_row;
  GtkBox             *checks_box;
  AdwEntryRow        *override_row;
  GtkLabel           *error_label;
  GtkWidget          *save_button;

  MadoResidentBundle *bundle;          /* a copy of the visit's, for the checks */
  char               *gtin;            /* the last scan's, while its product is chosen */
  GPtrArray          *override_checks; /* (element-type GtkCheckButton): one per finding */
  GPtrArray          *findings;        /* (element-type MadoCheckFinding) (nullable) */
};

G_DEFINE_FINAL_TYPE (MadoRecordDialog, mado_record_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static const char *
get_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static GtkStringList *
product_names (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  gsize n;
  const MadoVaccineProduct *products = mado_vaccine_products_list (&n);

  for (gsize i = 0; i < n; i++)
    gtk_string_list_append (names, products[i].display);
  return names;
}

static const MadoVaccineProduct *
chosen_product (MadoRecordDialog *self)
{
  gsize n;
  const MadoVaccineProduct *products = mado_vaccine_products_list (&n);
  guint index = adw_combo_row_get_selected (self->vaccine_row);

  return index < n ? &products[index] : NULL;
}

static void
select_product (MadoRecordDialog         *self,
                const MadoVaccineProduct *product)
{
  gsize n;
  const MadoVaccineProduct *products = mado_vaccine_products_list (&n);

  for (gsize i = 0; i < n; i++)
    if (&products[i] == product)
      adw_combo_row_set_selected (self->vaccine_row, (guint) i);
}

static void
set_volume (MadoRecordDialog *self,
            double            ml)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (text, sizeof text, "%.2g", ml);
  set_text (self->volume_row, text);
}

/* A new product: its defaults and the dose the schedule proposes. */
static void
product_changed_cb (MadoRecordDialog *self)
{
  const MadoVaccineProduct *product = chosen_product (self);

  if (product == NULL)
    return;
  if (self->gtin != NULL && g_strcmp0 (self->gtin, product->gtin) != 0)
    g_clear_pointer (&self->gtin, g_free);
  set_volume (self, product->dose_ml);
  adw_combo_row_set_selected (self->route_row, (guint) product->route);
  gtk_spin_button_set_value (self->dose_spin,
                             mado_venue_records_propose_dose (GTK_WIDGET (self), self->bundle, product));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (self->dose_spin), ADW_TYPE_ACTION_ROW)),
                               _("Proposed by the schedule; confirm or change it."));
}

static void
show_scan_result (MadoRecordDialog *self,
                  const char       *text,
                  gboolean          failed)
{
  gtk_label_set_label (self->scan_result, text);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_result), TRUE);
  if (failed)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->scan_result), "error");
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->scan_result), "error");
}

static void show_error (MadoRecordDialog *self, const char *message);

static void
forget_findings (MadoRecordDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checks_box))) != NULL)
    gtk_box_remove (self->checks_box, child);
  g_ptr_array_set_size (self->override_checks, 0);
  show_error (self, NULL);
}

/* Enter in the scan field: the scanner's string becomes product, lot, expiry. */
static void
scan_activated_cb (MadoRecordDialog *self)
{
  g_autofree char *text = g_strdup (get_text (self->scan_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *done = NULL;
  const MadoVaccineProduct *product;
  MadoGs1 scan;
  GDate today;

  set_text (self->scan_row, NULL);
  if (!mado_gs1_parse (text, -1, &scan, &error))
    {
      show_scan_result (self, error->message, TRUE);
      return;
    }
  /* A new package in hand: what the checks said of the last one no longer
   * applies (they run again on saving). */
  forget_findings (self);
  product = mado_vaccine_products_find_gtin (scan.gtin);
  expiry = mado_date_format (&scan.expiry);
  set_text (self->lot_row, scan.lot);
  set_text (self->expiry_row, expiry);
  if (product == NULL)
    {
      done = g_strdup_printf (_("Lot %s, expiry %s read; the product (GTIN %s) is not in this desk's table: choose the vaccine."),
                              scan.lot, expiry, scan.gtin);
      show_scan_result (self, done, TRUE);
      return;
    }
  select_product (self, product);
  g_free (self->gtin);
  self->gtin = g_strdup (scan.gtin);
  mado_date_today (&today);
  /* Said at once, not only when saving: the package is still in hand. */
  if (g_date_compare (&scan.expiry, &today) < 0)
    done = g_strdup_printf (_("Scanned: %s · lot %s · EXPIRED on %s: do not use this package."),
                            product->display, scan.lot, expiry);
  else
    done = g_strdup_printf (_("Scanned: %s · lot %s · expiry %s"), product->display, scan.lot, expiry);
  show_scan_result (self, done, g_date_compare (&scan.expiry, &today) < 0);
}

static GtkWidget *
vaccine_group_new (MadoRecordDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *dose_row = adw_action_row_new ();
  g_autoptr(GtkStringList) names = product_names ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Vaccine"));
  self->vaccine_row = combo_row_new (ADW_PREFERENCES_GROUP (group), _("_Vaccine"), "record-vaccine");
  adw_combo_row_set_model (self->vaccine_row, G_LIST_MODEL (names));
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
  self->scan_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("Sca_n (GS1 barcode)"), "record-scan");
  g_signal_connect_swapped (self->scan_row, "entry-activated", G_CALLBACK (scan_activated_cb), self);
  adw_entry_row_set_activates_default (self->scan_row, FALSE);
  self->scan_result = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->scan_result), "record-scan-result");
  gtk_label_set_wrap (self->scan_result, TRUE);
  gtk_label_set_xalign (self->scan_result, 0.0f);
  g_object_set (self->scan_result, "margin-top", 6, "margin-bottom", 6, "margin-start", 12,
                "margin-end", 12, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_result), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->scan_result));
  self->lot_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("_Lot number"), "record-lot");
  self->expiry_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("E_xpiry (YYYY-MM-DD)"), "record-expiry");
  return group;
}

static GtkStringList *
route_names (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (MadoVaccineRoute route = MADO_ROUTE_SUBCUTANEOUS; route <= MADO_ROUTE_PERCUTANEOUS; route++)
    gtk_string_list_append (names, mado_vaccine_route_label (route));
  return names;
}

static GtkStringList *
site_names (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  gsize n;
  const MadoVaccinationSite *sites = mado_vaccination_sites_list (&n);

  for (gsize i = 0; i < n; i++)
    gtk_string_list_append (names, sites[i].label);
  return names;
}

static GtkWidget *
how_group_new (MadoRecordDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) routes = route_names ();
  g_autoptr(GtkStringList) sites = site_names ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *hhmm = g_date_time_format (now, "%H:%M");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Given"));
  self->volume_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("Vol_ume (mL)"), "record-volume");
  self->route_row = combo_row_new (ADW_PREFERENCES_GROUP (group), _("R_oute"), "record-route");
  adw_combo_row_set_model (self->route_row, G_LIST_MODEL (routes));
  self->site_row = combo_row_new (ADW_PREFERENCES_GROUP (group), _("S_ite"), "record-site");
  adw_combo_row_set_model (self->site_row, G_LIST_MODEL (sites));
  self->time_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("_Time (HH:MM)"), "record-time");
  set_text (self->time_row, hhmm);
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
  gtk_widget_set_tooltip_text (self->save_button, _("Save the record (Ctrl+Enter)"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "record.save");
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_box_append (GTK_BOX (box), self->save_button);
  return box;
}

static GtkWidget *
checks_group_new (MadoRecordDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *group = adw_preferences_group_new ();

  self->checks_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_name (GTK_WIDGET (self->checks_box), "record-checks");
  self->override_row = entry_row_new (ADW_PREFERENCES_GROUP (group), _("Override _reason"), "record-override-reason");
  gtk_widget_set_visible (group, FALSE);
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->error_label), "record-error");
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->checks_box));
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  return box;
}

static void
show_error (MadoRecordDialog *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* "2026-11-21" (or 20261121) and "HH:MM" today; FALSE if not a date. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  g_autofree char *digits = g_strdelimit (g_strstrip (g_strdup (text)), "-/.", ' ');
  int y = 0, m = 0, d = 0;

  if (sscanf (digits, "%4d %2d %2d", &y, &m, &d) != 3 && sscanf (digits, "%4d%2d%2d", &y, &m, &d) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static GDateTime *
parse_time (const char *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int h = -1, m = -1;

  if (sscanf (text, "%2d:%2d", &h, &m) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
    return NULL;
  return g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now), h, m, 0);
}

/* The record as the fields say; NULL with a message on a field that is not understood. */
static MadoVaccination *
vaccination_from_fields (MadoRecordDialog  *self,
                         GError           **error)
{
  g_autoptr(MadoVaccination) vaccination = mado_vaccination_new ();
  const MadoVaccineProduct *product = chosen_product (self);
  gsize n_sites;
  const MadoVaccinationSite *sites = mado_vaccination_sites_list (&n_sites);
  guint site = adw_combo_row_get_selected (self->site_row);
  char *end = NULL;

  vaccination->resident_ref = g_strdup (self->bundle->resident_ref);
  vaccination->resident_name = g_strdup (self->bundle->basic_info.name);
  if (product != NULL)
    mado_vaccination_set_product (vaccination, product);
  vaccination->gtin = g_strdup (self->gtin);
  vaccination->questionnaire_id = g_strdup (mado_venue_records_questionnaire_for (self->bundle, product));
  vaccination->dose_number = (guint) gtk_spin_button_get_value_as_int (self->dose_spin);
  vaccination->lot_number = g_strstrip (g_strdup (get_text (self->lot_row)));
  if (*get_text (self->expiry_row) != '\0' && !parse_date (get_text (self->expiry_row), &vaccination->expiry))
    return g_set_error_literal (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_INVALID,
                                _("Write the expiry as year-month-day, for example 2027-03-31.")), NULL;
  vaccination->dose_ml = g_ascii_strtod (get_text (self->volume_row), &end);
  if (end == NULL || *g_strstrip (end) != '\0')
    vaccination->dose_ml = 0;
  vaccination->route = (MadoVaccineRoute) adw_combo_row_get_selected (self->route_row);
  vaccination->site = site < n_sites ? g_strdup (sites[site].code) : NULL;
  vaccination->occurred_at = parse_time (get_text (self->time_row));
  if (vaccination->occurred_at == NULL)
    return g_set_error_literal (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_INVALID,
                                _("Write the time as hours and minutes, for example 10:05.")), NULL;
  return g_steal_pointer (&vaccination);
}

static GtkWidget *
finding_row_new (const MadoCheckFinding *finding,
                 GtkWidget             **override_check)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *message = gtk_label_new (finding->message);
  g_autofree char *name = g_strdup_printf ("record-finding-%s", mado_check_to_string (finding->check));

  gtk_widget_set_name (row, name);
  gtk_widget_add_css_class (row, "record-finding");
  gtk_widget_add_css_class (row, finding->blocks ? "blocks" : "needs-override");
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0.0f);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_box_append (GTK_BOX (line), gtk_image_new_from_icon_name (finding->blocks ? "dialog-error-symbolic"
                                                                                  : "dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (line), message);
  gtk_box_append (GTK_BOX (row), line);
  *override_check = NULL;
  if (finding->blocks)
    gtk_box_append (GTK_BOX (row), gtk_label_new (_("This cannot be overridden: use a lot that has not expired.")));
  else
    {
      *override_check = gtk_check_button_new_with_label (_("Override: the doctor decided to vaccinate anyway"));
      gtk_widget_set_name (*override_check, "record-override");
      gtk_box_append (GTK_BOX (row), *override_check);
    }
  return row;
}

/* Lists what the checks found, keeping the ticks of findings still there. */
static void
show_findings (MadoRecordDialog *self,
               GPtrArray        *findings)
{
  guint kept = mado_record_dialog_overrides (self);
  gboolean overridable = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checks_box))) != NULL)
    gtk_box_remove (self->checks_box, child);
  g_ptr_array_set_size (self->override_checks, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      const MadoCheckFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *check = NULL;

      gtk_box_append (self->checks_box, finding_row_new (finding, &check));
      overridable |= check != NULL;
      if (check != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (kept & MADO_CHECK_FLAG (finding->check)) != 0);
      g_ptr_array_add (self->override_checks, check);
    }
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = g_ptr_array_ref (findings);
  /* The reason is asked for only where an override is possible. */
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->override_row), ADW_TYPE_PREFERENCES_GROUP),
                          overridable);
}

/**
 * mado_record_dialog_overrides:
 *
 * Returns: MADO_CHECK_FLAG() bits of the findings staff ticked as overridden
 */
guint
mado_record_dialog_overrides (MadoRecordDialog *self)
{
  guint overrides = 0;

  g_return_val_if_fail (MADO_IS_RECORD_DIALOG (self), 0);

  for (guint i = 0; self->findings != NULL && i < self->override_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->override_checks, i);
      const MadoCheckFinding *finding = g_ptr_array_index (self->findings, i);

      if (check != NULL && gtk_check_button_get_active (check))
        overrides |= MADO_CHECK_FLAG (finding->check);
    }
  return overrides;
}

/**
 * mado_record_dialog_save:
 *
 * Checks and saves what the fields say, as Save does.
 *
 * Returns: whether the record was saved (the dialog then closes)
 */
gboolean
mado_record_dialog_save (MadoRecordDialog *self)
{
  g_autoptr(MadoVaccination) vaccination = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MADO_IS_RECORD_DIALOG (self), FALSE);

  vaccination = vaccination_from_fields (self, &error);
  if (vaccination == NULL || !mado_vaccination_validate (vaccination, &error))
    return show_error (self, error->message), FALSE;
  findings = mado_venue_records_check (GTK_WIDGET (self), self->bundle, vaccination, &error);
  if (findings == NULL)
    return show_error (self, error->message), FALSE;
  show_findings (self, findings);
  vaccination->overrides = mado_record_dialog_overrides (self);
  if (!mado_vaccination_checks_resolve (findings, vaccination->overrides, &error))
    return show_error (self, error->message), FALSE;
  if (vaccination->overrides != 0)
    {
      vaccination->override_reason = g_strstrip (g_strdup (get_text (self->override_row)));
      if (*vaccination->override_reason == '\0')
        return show_error (self, _("Write why the check is overridden (the doctor's reason).")), FALSE;
    }
  if (!mado_venue_records_save_vaccination (GTK_WIDGET (self), self->bundle, vaccination, &error))
    return show_error (self, error->message), FALSE;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, vaccination->record_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mado_record_dialog_save (MADO_RECORD_DIALOG (widget));
}

static void
mado_record_dialog_finalize (GObject *object)
{
  MadoRecordDialog *self = MADO_RECORD_DIALOG (object);

  g_clear_pointer (&self->bundle, mado_resident_bundle_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_ptr_array_unref (self->override_checks);
  g_free (self->gtin);
  G_OBJECT_CLASS (mado_record_dialog_parent_class)->finalize (object);
}

static void
mado_record_dialog_class_init (MadoRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mado_record_dialog_finalize;
  /* The record's local ID, once it is saved and queued for the hub. */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_install_action (widget_class, "record.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "record.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "record.save", NULL);
}

static void
mado_record_dialog_init (MadoRecordDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->override_checks = g_ptr_array_new ();
  gtk_widget_add_css_class (footer, "record-footer");
  g_object_set (footer, "margin-top", 12, "margin-bottom", 12, "margin-start", 18, "margin-end", 18, NULL);
  gtk_box_append (GTK_BOX (footer), checks_group_new (self));
  gtk_box_append (GTK_BOX (footer), buttons_new (self));
  gtk_window_set_title (GTK_WINDOW (self), _("Record the Vaccination Given"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 780);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  g_object_set (body, "margin-top", 18, "margin-bottom", 18, "margin-start", 18, "margin-end", 18, NULL);
  gtk_box_append (GTK_BOX (body), vaccine_group_new (self));
  gtk_box_append (GTK_BOX (body), lot_group_new (self));
  gtk_box_append (GTK_BOX (body), how_group_new (self));

  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (content), scroller);
  /* What the checks found and the buttons stay in view below the form. */
  gtk_box_append (GTK_BOX (content), footer);
  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_widget_set_name (GTK_WIDGET (self), "record-dialog");
}

/* Who is recording, and the vaccine today's 予診票 (else the due list) names. */
static void
prepare (MadoRecordDialog *self)
{
  MadoStaffSession *staff = mado_venue_bar_get_staff_session (GTK_WIDGET (self));
  const MadoVaccineProduct *product = mado_venue_records_propose_product (self->bundle);
  g_autofree char *title = g_strdup_printf (_("Record the Vaccination Given: %s"),
                                            self->bundle->basic_info.name);

  gtk_window_set_title (GTK_WINDOW (self), title);
  if (staff != NULL)
    adw_action_row_set_subtitle (self->performer_row, mado_venue_records_staff_name (staff));
  g_signal_connect_swapped (self->vaccine_row, "notify::selected", G_CALLBACK (product_changed_cb), self);
  if (product != NULL)
    select_product (self, product);
  product_changed_cb (self);
}

/**
 * mado_record_dialog_present:
 * @parent: the desk's window, on the resident screen
 * @bundle: the visit's bundle; copied
 *
 * Returns: (transfer none): the dialog, shown, the scan field focused
 */
MadoRecordDialog *
mado_record_dialog_present (GtkWindow                *parent,
                            const MadoResidentBundle *bundle)
{
  MadoRecordDialog *self = g_object_new (MADO_TYPE_RECORD_DIALOG,
                                         "application", gtk_window_get_application (parent),
                                         "transient-for", parent,
                                         NULL);

  self->bundle = mado_venue_records_copy_bundle (bundle);
  prepare (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->scan_row));
  return self;
}
