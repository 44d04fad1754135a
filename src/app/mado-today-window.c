/* mado-today-window.c — today's vaccination records at the desk, and the end-of-day report
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window per desk window: what this desk recorded today (doses,
 * judgements — 予診のみ among them — and corrections), each with its
 * delivery state, filtered by words and by state; a dose can be marked
 * entered in error from here, with a reason (a new record that refers to
 * it). The report the venue reconciles its claim with (per vaccine and
 * lot) is saved as PDF or CSV where the clerk chooses (mado-today-report.c).
 * Below them, the day's hand-offs to the receipt computer, as the audit
 * log holds them (mado_orca_audit_list_day()): sent, unchanged, or not
 * sent and why.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-today-report.h"
#include "mado-today-window.h"
#include "mado-venue-bar.h"
#include "mado-venue-records.h"

/* The state filter's positions. */
enum {
  FILTER_ALL,
  FILTER_SENDING,
  FILTER_DELIVERED,
  FILTER_REFUSED,
};

struct _MadoTodayWindow
{
  AdwWindow       parent_instance;

  GtkSearchEntry *filter_entry;
  GtkDropDown    *state_dropdown;
  GtkListBox     *list;
  GtkListBox     *handoff_list;
  GtkWidget      *handoff_box;
  GtkLabel       *summary_label;
  GPtrArray      *rows;           /* (element-type MadoVenueRow) as listed */
  gboolean        connected;
};

G_DEFINE_FINAL_TYPE (MadoTodayWindow, mado_today_window, ADW_TYPE_WINDOW)

static gboolean
row_matches (MadoTodayWindow    *self,
             const MadoVenueRow *row)
{
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), -1);
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  switch (gtk_drop_down_get_selected (self->state_dropdown))
    {
    case FILTER_SENDING:
      if (row->state != MADO_DELIVERY_SENDING)
        return FALSE;
      break;
    case FILTER_DELIVERED:
      if (row->state != MADO_DELIVERY_DELIVERED)
        return FALSE;
      break;
    case FILTER_REFUSED:
      if (row->state != MADO_DELIVERY_REFUSED)
        return FALSE;
      break;
    case FILTER_ALL:
    default:
      break;
    }
  if (*needle == '\0')
    return TRUE;
  haystack = g_strjoin (" ", row->resident_name ? row->resident_name : "", row->vaccine ? row->vaccine : "",
                        row->description, row->lot ? row->lot : "", row->author ? row->author : "", NULL);
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (GtkListBoxRow *list_row,
             gpointer       user_data)
{
  MadoTodayWindow *self = MADO_TODAY_WINDOW (user_data);
  int index = gtk_list_box_row_get_index (list_row);

  return index >= 0 && (guint) index < self->rows->len &&
         row_matches (self, g_ptr_array_index (self->rows, index));
}

static void
filter_changed_cb (MadoTodayWindow *self)
{
  gtk_list_box_invalidate_filter (self->list);
}

static gboolean
hub_offline (MadoTodayWindow *self)
{
  MadoDesk *desk = mado_venue_bar_get_desk (GTK_WIDGET (self));

  return desk != NULL && mado_hub_monitor_get_state (mado_desk_get_hub_monitor (desk)) == MADO_HUB_STATE_OFFLINE;
}

/* One row: title, subtitle and the state on the right, in @css_class. */
static GtkWidget *
state_row_new (const char *name,
               const char *title,
               const char *subtitle,
               const char *state,
               const char *css_class)
{
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *state_label = gtk_label_new (state);

  gtk_widget_set_name (action_row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
  /* A refusal's reason may be long; "Delivered" never breaks. */
  gtk_label_set_wrap (GTK_LABEL (state_label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (state_label), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (state_label), 40);
  gtk_widget_set_name (state_label, "today-state");
  gtk_widget_add_css_class (state_label, css_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), state_label);
  return action_row;
}

static GtkWidget *
list_row_new (const MadoVenueRow *row,
              guint               index,
              gboolean            offline)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (row->at);
  g_autofree char *when = g_date_time_format (local, "%H:%M");
  g_autofree char *title = g_strdup_printf ("%s  %s · %s", when,
                                            row->resident_name != NULL ? row->resident_name : "—",
                                            row->vaccine != NULL ? row->vaccine : "—");
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", row->description, row->author ? row->author : "—");
  g_autofree char *state = row->corrected ? g_strdup (_("Entered in error"))
                                          : mado_venue_row_describe_state (row, offline);
  g_autofree char *name = g_strdup_printf ("today-row-%u", index);

  return state_row_new (name, title, subtitle, state,
                        row->state == MADO_DELIVERY_REFUSED ? "error"
                        : row->state == MADO_DELIVERY_DELIVERED ? "success" : "warning");
}

static void
summarise (MadoTodayWindow *self)
{
  guint doses = 0, examined = 0, waiting = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const MadoVenueRow *row = g_ptr_array_index (self->rows, i);

      doses += g_strcmp0 (row->kind, "vaccination") == 0 && !row->corrected;
      examined += row->examination_only;
      waiting += row->state == MADO_DELIVERY_SENDING;
    }
  text = g_strdup_printf (_("Vaccinated: %u · Examined only (予診のみ): %u · Waiting to be sent: %u"),
                          doses, examined, waiting);
  gtk_label_set_label (self->summary_label, text);
}

/* The resident's name from today's records, when they have one. */
static const char *
name_of (MadoTodayWindow *self,
         const char      *resident_ref)
{
  for (guint i = 0; resident_ref != NULL && i < self->rows->len; i++)
    {
      const MadoVenueRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->resident_ref, resident_ref) == 0 && row->resident_name != NULL)
        return row->resident_name;
    }
  return NULL;
}

static GtkWidget *
handoff_row_new (MadoTodayWindow          *self,
                 const MadoOrcaAuditEntry *entry,
                 guint                     index)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entry->at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *when = g_date_time_format (local, "%H:%M");
  const char *name = name_of (self, entry->resident_ref);
  /* Translators: time, the resident's name (or —), ORCA's patient number */
  g_autofree char *title = g_strdup_printf (_("%s  %s · ORCA patient %s"), when, name != NULL ? name : "—",
                                            entry->patient_id);
  g_autofree char *subtitle = g_strdup_printf (_("Hand-off to ORCA · %s"), entry->operator_id);
  g_autofree char *state = mado_orca_audit_entry_describe (entry);
  g_autofree char *widget_name = g_strdup_printf ("today-handoff-%u", index);

  return state_row_new (widget_name, title, subtitle, state,
                        entry->state == MADO_ORCA_AUDIT_NOT_SENT ? "error" : "success");
}

/* The day's hand-offs, newest first: the last one is the state that holds. */
static void
list_handoffs (MadoTodayWindow *self)
{
  MadoDesk *desk = mado_venue_bar_get_desk (GTK_WIDGET (self));
  MadoStore *store = desk != NULL ? mado_desk_get_store (desk) : NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->handoff_list))) != NULL)
    gtk_list_box_remove (self->handoff_list, child);
  entries = store != NULL ? mado_orca_audit_list_day (store, NULL, &error) : NULL;
  if (error != NULL)
    g_warning ("today: the hand-offs cannot be read: %s", mado_error_name (error));
  for (guint i = entries != NULL ? entries->len : 0; i > 0; i--)
    gtk_list_box_append (self->handoff_list,
                         handoff_row_new (self, g_ptr_array_index (entries, i - 1), i - 1));
  gtk_widget_set_visible (self->handoff_box, entries != NULL && entries->len > 0);
}

/**
 * mado_today_window_refresh:
 *
 * Lists today's records again, with their states now.
 */
void
mado_today_window_refresh (MadoTodayWindow *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  gboolean offline = hub_offline (self);
  GtkWidget *child;

  g_return_if_fail (MADO_IS_TODAY_WINDOW (self));

  rows = mado_venue_records_list_today (GTK_WIDGET (self), NULL, &error);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->rows, 0);
  if (rows == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      g_ptr_array_add (self->rows, g_ptr_array_index (rows, i));
      gtk_list_box_append (self->list, list_row_new (g_ptr_array_index (rows, i), i, offline));
    }
  g_ptr_array_set_free_func (rows, NULL);
  g_ptr_array_unref (rows);
  summarise (self);
  list_handoffs (self);
}

guint
mado_today_window_get_n_visible (MadoTodayWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (MADO_IS_TODAY_WINDOW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child);
  return n;
}

static const MadoVenueRow *
selected_row (MadoTodayWindow *self)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);
  int index = selected != NULL ? gtk_list_box_row_get_index (selected) : -1;

  return index >= 0 && (guint) index < self->rows->len ? g_ptr_array_index (self->rows, index) : NULL;
}

static void
correct_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MadoTodayWindow  *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *record_id = g_object_get_data (G_OBJECT (dialog), "mado-record-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "correct") != 0)
    return;
  if (!mado_venue_records_correct (GTK_WIDGET (self), record_id, gtk_editable_get_text (entry), &error))
    {
      gtk_label_set_label (self->summary_label, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  mado_today_window_refresh (self);
}

/**
 * mado_today_window_ask_correction:
 *
 * Asks why the selected dose was entered in error; the answer saves a
 * correction that refers to it.
 *
 * Returns: (nullable) (transfer none): the question, or %NULL when no
 *   uncorrected dose is selected
 */
GtkWindow *
mado_today_window_ask_correction (MadoTodayWindow *self)
{
  const MadoVenueRow *row = selected_row (self);
  GtkWidget *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (MADO_IS_TODAY_WINDOW (self), NULL);

  if (row == NULL || g_strcmp0 (row->kind, "vaccination") != 0 || row->corrected)
    {
      gtk_label_set_label (self->summary_label, _("Select a vaccination that is not yet corrected, then try again."));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return NULL;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Mark as Entered in Error?"),
                                   _("The record stays; a correction that refers to it is sent to the hub. Write why."));
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "correction-reason");
  gtk_entry_set_max_length (GTK_ENTRY (entry), 200);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "correct", _("_Mark Entered in Error"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "correct",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "correct");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mado-record-id", g_strdup (row->record_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (correct_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return GTK_WINDOW (dialog);
}

static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mado_today_window_ask_correction (MADO_TODAY_WINDOW (widget));
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  MadoTodayWindow *self = MADO_TODAY_WINDOW (user_data);
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "mado-pdf"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL && !mado_today_window_save_report (self, path, pdf, &error))
        gtk_label_set_label (self->summary_label, error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gboolean pdf = g_strcmp0 (action_name, "today.save-pdf") == 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, pdf ? "vaccinations-%Y-%m-%d.pdf"
                                                       : "vaccinations-%Y-%m-%d.csv");
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (pdf ? _("Save the End-of-Day Report as PDF")
                                            : _("Save the End-of-Day Report as CSV"),
                                        GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "mado-pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * mado_today_window_save_report:
 * @path: where
 * @pdf: PDF, else CSV
 *
 * Writes today's end-of-day report, per vaccine and lot.
 *
 * Returns: whether it was written
 */
gboolean
mado_today_window_save_report (MadoTodayWindow  *self,
                               const char       *path,
                               gboolean          pdf,
                               GError          **error)
{
  MadoDesk *desk = mado_venue_bar_get_desk (GTK_WIDGET (self));
  g_autoptr(GPtrArray) rows = mado_venue_records_report (GTK_WIDGET (self), error);
  const MadoSiteConfig *config = desk != NULL ? mado_desk_get_site_config (desk) : NULL;
  g_autoptr(GPtrArray) handoffs = NULL;

  g_return_val_if_fail (MADO_IS_TODAY_WINDOW (self), FALSE);

  if (rows == NULL)
    return FALSE;
  if (pdf && desk != NULL && (handoffs = mado_orca_audit_list_day (mado_desk_get_store (desk), NULL, error)) == NULL)
    return FALSE;
  return pdf ? mado_today_report_write_pdf (rows, handoffs, config, path, error)
             : mado_today_report_write_csv (rows, path, error);
}

static GtkWidget *
header_new (void)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *pdf = gtk_button_new_with_mnemonic (_("Save Report as _PDF…"));
  GtkWidget *csv = gtk_button_new_with_mnemonic (_("Save Report as _CSV…"));
  GtkWidget *correct = gtk_button_new_with_mnemonic (_("Mark _Entered in Error…"));

  gtk_widget_set_name (pdf, "today-save-pdf");
  gtk_widget_set_name (csv, "today-save-csv");
  gtk_widget_set_name (correct, "today-correct");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pdf), "today.save-pdf");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (csv), "today.save-csv");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (correct), "today.correct");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), correct);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), pdf);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), csv);
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
  GtkWidget *state_label = gtk_label_new_with_mnemonic (_("_State:"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; states[i] != NULL; i++)
    gtk_string_list_append (names, _(states[i]));
  self->filter_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  self->state_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_widget_set_name (GTK_WIDGET (self->filter_entry), "today-filter");
  gtk_widget_set_name (GTK_WIDGET (self->state_dropdown), "today-state");
  gtk_widget_set_hexpand (GTK_WIDGET (self->filter_entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->filter_entry));
  gtk_label_set_mnemonic_widget (GTK_LABEL (state_label), GTK_WIDGET (self->state_dropdown));
  g_signal_connect_swapped (self->filter_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->state_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->filter_entry));
  gtk_box_append (GTK_BOX (box), state_label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->state_dropdown));
  return box;
}

/* The list follows the outbox: each delivery round may change a state. */
static void
mado_today_window_realize (GtkWidget *widget)
{
  MadoTodayWindow *self = MADO_TODAY_WINDOW (widget);
  MadoDesk *desk;

  GTK_WIDGET_CLASS (mado_today_window_parent_class)->realize (widget);
  desk = mado_venue_bar_get_desk (widget);
  if (desk != NULL && !self->connected)
    {
      self->connected = TRUE;
      g_signal_connect_object (desk, "notify::waiting-records",
                               G_CALLBACK (mado_today_window_refresh), self, G_CONNECT_SWAPPED);
      /* No sender on a desk without a hub: the count still changes. */
      if (mado_desk_get_outbox_sender (desk) != NULL)
        g_signal_connect_object (mado_desk_get_outbox_sender (desk), "round-done",
                                 G_CALLBACK (mado_today_window_refresh), self, G_CONNECT_SWAPPED);
    }
}

static void
mado_today_window_finalize (GObject *object)
{
  MadoTodayWindow *self = MADO_TODAY_WINDOW (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (mado_today_window_parent_class)->finalize (object);
}

static void
mado_today_window_class_init (MadoTodayWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mado_today_window_finalize;
  widget_class->realize = mado_today_window_realize;
  gtk_widget_class_install_action (widget_class, "today.save-pdf", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "today.save-csv", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "today.correct", NULL, correct_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
handoffs_new (MadoTodayWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Hand-offs to the receipt computer (ORCA)"));

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "heading");
  self->handoff_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->handoff_list), "today-handoffs");
  gtk_list_box_set_selection_mode (self->handoff_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->handoff_list), "boxed-list");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->handoff_list));
  gtk_widget_set_visible (box, FALSE);
  self->handoff_box = box;
  return box;
}

static void
mado_today_window_init (MadoTodayWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *lists = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_venue_row_free);
  gtk_window_set_title (GTK_WINDOW (self), _("Today's Vaccination Records"));
  gtk_window_set_default_size (GTK_WINDOW (self), 980, 640);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->list), "today-list");
  gtk_widget_set_name (GTK_WIDGET (self->summary_label), "today-summary");
  gtk_label_set_xalign (self->summary_label, 0.0f);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_list_box_set_placeholder (self->list, gtk_label_new (_("Nothing was recorded at this desk today.")));
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_box_append (GTK_BOX (lists), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (lists), handoffs_new (self));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), lists);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), header_new ());
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
 * Shows @parent's window of today's records, making it on first use, with
 * the records as they stand now and the filter focused.
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
  mado_today_window_refresh (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
  return self;
}
