/* mado-venue-records.c — the venue screens' way to the desk's records: save, list, propose
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The doctor's section, the record dialog and today's records reach the
 * desk's store through these functions, with the signed-in member of
 * staff as the author. The rules (who may sign, what the checks find,
 * what goes to the hub) are the core's; this file only finds the desk and
 * the person for a widget, and wakes the outbox sender after a save.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mado-venue-bar.h"
#include "mado-venue-records.h"

/**
 * mado_venue_records_copy_bundle:
 *
 * Returns: (transfer full): a copy of @bundle (as far as it was shared),
 *   for a window that may outlive the visit
 */
MadoResidentBundle *
mado_venue_records_copy_bundle (const MadoResidentBundle *bundle)
{
  g_autoptr(GBytes) bytes = mado_bundle_encode_bytes (bundle);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  MadoResidentBundle *copy = mado_bundle_decode (data, length,
                                                 mado_resident_bundle_get_categories (bundle), &error);

  /* The encoder writes what the decoder reads; a failure is a bug. */
  g_assert_no_error (error);
  return copy;
}

/**
 * mado_venue_records_staff_name:
 *
 * Returns: (transfer none): the name a record carries for @staff: their
 *   display name, else their staff ID
 */
const char *
mado_venue_records_staff_name (MadoStaffSession *staff)
{
  const char *name = mado_staff_session_get_display_name (staff);

  return name != NULL && *name != '\0' ? name : mado_staff_session_get_staff_id (staff);
}

static const char *
questionnaire_kind (const MadoQuestionnaire *questionnaire)
{
  return questionnaire->vaccine != NULL ? mado_vaccine_mapping_kind_from_name (questionnaire->vaccine)
                                        : NULL;
}

static const MadoVaccineProduct *
product_of_kind (const char *kind_id)
{
  gsize n;
  const MadoVaccineProduct *products = mado_vaccine_products_list (&n);

  for (gsize i = 0; kind_id != NULL && i < n; i++)
    if (g_strcmp0 (products[i].kind_id, kind_id) == 0)
      return &products[i];
  return NULL;
}

/**
 * mado_venue_records_propose_product:
 *
 * Returns: (nullable): the product for the vaccine today's 予診票 is for,
 *   else for the first vaccine due, else %NULL (staff choose)
 */
const MadoVaccineProduct *
mado_venue_records_propose_product (const MadoResidentBundle *bundle)
{
  for (guint i = 0; bundle->questionnaires != NULL && i < bundle->questionnaires->len; i++)
    {
      const MadoVaccineProduct *product = product_of_kind (questionnaire_kind (g_ptr_array_index (bundle->questionnaires, i)));

      if (product != NULL)
        return product;
    }
  for (guint i = 0; bundle->immunizations_due != NULL && i < bundle->immunizations_due->len; i++)
    {
      const MadoImmunizationDue *due = g_ptr_array_index (bundle->immunizations_due, i);
      const MadoVaccineProduct *product = product_of_kind (mado_vaccine_mapping_kind_from_name (due->vaccine));

      if (product != NULL)
        return product;
    }
  return NULL;
}

/**
 * mado_venue_records_questionnaire_for:
 * @product: (nullable): the product given
 *
 * Returns: (nullable) (transfer none): the ID of today's 予診票 for
 *   @product's vaccine, which the record links to
 */
const char *
mado_venue_records_questionnaire_for (const MadoResidentBundle *bundle,
                                      const MadoVaccineProduct *product)
{
  for (guint i = 0; product != NULL && bundle->questionnaires != NULL && i < bundle->questionnaires->len; i++)
    {
      const MadoQuestionnaire *questionnaire = g_ptr_array_index (bundle->questionnaires, i);

      if (g_strcmp0 (questionnaire_kind (questionnaire), product->kind_id) == 0)
        return questionnaire->questionnaire_id;
    }
  return NULL;
}

void
mado_venue_row_free (MadoVenueRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_id);
  g_free (row->kind);
  g_free (row->resident_ref);
  g_free (row->resident_name);
  g_free (row->vaccine);
  g_free (row->description);
  g_free (row->lot);
  g_free (row->author);
  g_clear_pointer (&row->at, g_date_time_unref);
  g_free (row->refusal);
  g_free (row);
}

/**
 * mado_venue_row_describe_state:
 * @offline: whether the hub is unreachable now
 *
 * Returns: (transfer full): "Recorded, sending", "Delivered", "Refused: …",
 *   or, offline, that it will be sent once the hub is back
 */
char *
mado_venue_row_describe_state (const MadoVenueRow *row,
                               gboolean            offline)
{
  switch (row->state)
    {
    case MADO_DELIVERY_DELIVERED:
      return g_strdup (_("Delivered"));
    case MADO_DELIVERY_REFUSED:
      return g_strdup_printf (_("Refused: %s"), row->refusal != NULL ? row->refusal
                                                                     : _("the hub gave no reason"));
    case MADO_DELIVERY_SENDING:
    default:
      return g_strdup (offline ? _("Recorded; will be sent when the hub is reachable")
                               : _("Recorded, sending"));
    }
}

static MadoStore *
store_of (GtkWidget  *widget,
          GError    **error)
{
  MadoDesk *desk = mado_venue_bar_get_desk (widget);
  MadoStore *store = desk != NULL ? mado_desk_get_store (desk) : NULL;

  /* No store: the desk's setup error says why (no database configured). */
  if (store == NULL && desk != NULL && mado_desk_get_setup_error (desk) != NULL)
    g_propagate_error (error, g_error_copy (mado_desk_get_setup_error (desk)));
  else if (store == NULL)
    mado_error_set (error, MADO_STORE_ERROR, MADO_STORE_ERROR_FAILED);
  return store;
}

/* What the desk keeps of a record beyond the columns: the resident's name
 * and the author's, for the desk's own list. */
static void
read_local_body (MadoVenueRow *row,
                 GBytes       *body)
{
  static const char * const author_members[] = { "performer", "doctor" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  JsonObject *object;

  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  row->resident_name = g_strdup (json_object_get_string_member_with_default (object, "residentName", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (author_members); i++)
    if (json_object_has_member (object, author_members[i]) &&
        JSON_NODE_HOLDS_VALUE (json_object_get_member (object, author_members[i])))
      {
        g_free (row->author);
        row->author = g_strdup (json_object_get_string_member (object, author_members[i]));
        break;
      }
}

static char *
describe_record (const MadoStoredRecord *record)
{
  MadoDecision decision;

  switch (record->kind)
    {
    case MADO_RECORD_VACCINATION:
      return g_strdup_printf (_("dose %u · lot %s"), record->dose_number,
                              record->lot_number != NULL ? record->lot_number : "—");
    case MADO_RECORD_CORRECTION:
      return g_strdup (_("correction: the dose was entered in error"));
    case MADO_RECORD_JUDGEMENT:
    default:
      if (g_strcmp0 (record->outcome, "examination-only") == 0)
        return g_strdup (_("judged: examined only (予診のみ)"));
      if (mado_decision_from_string (record->outcome, &decision))
        return g_strdup_printf (_("judged: %s"), mado_decision_label (decision));
      return g_strdup (_("judged: vaccinate"));
    }
}

static MadoVenueRow *
row_from_record (const MadoStoredRecord *record)
{
  MadoVenueRow *row = g_new0 (MadoVenueRow, 1);

  row->record_id = g_strdup (record->record_id);
  row->kind = g_strdup (mado_record_kind_to_string (record->kind));
  row->vaccine = g_strdup (record->vaccine_name);
  row->description = describe_record (record);
  row->lot = g_strdup (record->lot_number);
  row->author = g_strdup (record->staff_id);
  row->at = g_date_time_new_from_unix_utc (record->recorded_at / G_USEC_PER_SEC);
  row->state = record->delivery;
  row->refusal = g_strdup (record->refusal);
  row->corrected = record->corrected_by != NULL;
  row->examination_only = g_strcmp0 (record->outcome, "examination-only") == 0;
  read_local_body (row, record->local_body);
  return row;
}

/**
 * mado_venue_records_list_today:
 * @widget: a widget in one of the application's windows
 * @resident_ref: (nullable): only this resident's
 *
 * Returns: (transfer full) (element-type MadoVenueRow) (nullable): this
 *   desk's records of today, oldest first
 */
GPtrArray *
mado_venue_records_list_today (GtkWidget   *widget,
                               const char  *resident_ref,
                               GError     **error)
{
  MadoStore *store = store_of (widget, error);
  MadoRecordFilter filter = MADO_RECORD_FILTER_ALL;
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *rows;

  if (store == NULL)
    return NULL;
  filter.resident_ref = resident_ref;
  filter.with_bodies = TRUE;
  records = mado_store_records_list (store, &filter, error);
  if (records == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_venue_row_free);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (rows, row_from_record (g_ptr_array_index (records, i)));
  return rows;
}

/**
 * mado_venue_records_report:
 *
 * Returns: (transfer full) (element-type MadoDayReportRow) (nullable): today's report lines
 */
GPtrArray *
mado_venue_records_report (GtkWidget  *widget,
                           GError    **error)
{
  MadoStore *store = store_of (widget, error);

  return store != NULL ? mado_store_records_report (store, NULL, error) : NULL;
}

/* A saved record should reach the hub now, not at the sender's next round;
 * the interval is the desk's own (mado-desk.c), kept. */
static void
deliver_soon (MadoDesk *desk)
{
  MadoOutboxSender *sender = mado_desk_get_outbox_sender (desk);

  mado_desk_outbox_changed (desk);
  if (sender != NULL && mado_hub_monitor_get_state (mado_desk_get_hub_monitor (desk)) != MADO_HUB_STATE_NOT_CONFIGURED)
    mado_outbox_sender_start (sender, 60);
}

/**
 * mado_venue_records_author_and_store:
 * @staff: (out) (transfer none): who is signed in
 *
 * Returns: (nullable) (transfer none): the store, with the signed-in
 *   person, or an error saying which is missing
 */
MadoStore *
mado_venue_records_author_and_store (GtkWidget         *widget,
                  MadoStaffSession **staff,
                  GError           **error)
{
  *staff = mado_venue_bar_get_staff_session (widget);
  if (*staff == NULL)
    {
      g_set_error_literal (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_ROLE_NOT_ALLOWED,
                           _("Nobody is signed in. Sign in, then save again."));
      return NULL;
    }
  return store_of (widget, error);
}

/**
 * mado_venue_records_save_judgement:
 * @bundle: the bundle holding the 予診票 judged
 * @judgement: the decision; ID, doctor and time are filled when saved
 *
 * Signs @judgement as the signed-in doctor and queues it for the hub.
 */
gboolean
mado_venue_records_save_judgement (GtkWidget                *widget,
                                   const MadoResidentBundle *bundle,
                                   MadoJudgement            *judgement,
                                   GError                  **error)
{
  MadoStaffSession *staff;
  MadoStore *store = mado_venue_records_author_and_store (widget, &staff, error);
  g_autofree char *id = store != NULL ? mado_venue_recorder_sign_judgement (store, staff, bundle, judgement, error)
                                      : NULL;

  if (id == NULL)
    return FALSE;
  deliver_soon (mado_venue_bar_get_desk (widget));
  return TRUE;
}

/**
 * mado_venue_records_check:
 *
 * Returns: (transfer full) (element-type MadoCheckFinding) (nullable): what
 *   the checks find in @vaccination, this desk's records included
 */
GPtrArray *
mado_venue_records_check (GtkWidget                *widget,
                          const MadoResidentBundle *bundle,
                          const MadoVaccination    *vaccination,
                          GError                  **error)
{
  MadoStore *store = store_of (widget, error);

  return store != NULL ? mado_venue_recorder_check (store, bundle, vaccination, error) : NULL;
}

/**
 * mado_venue_records_propose_dose:
 *
 * Returns: the dose number the schedule proposes (1 when it cannot say)
 */
guint
mado_venue_records_propose_dose (GtkWidget                *widget,
                                 const MadoResidentBundle *bundle,
                                 const MadoVaccineProduct *product)
{
  MadoStore *store = store_of (widget, NULL);
  guint dose = store != NULL ? mado_venue_recorder_propose_dose (store, bundle, product) : 0;

  return MAX (dose, 1);
}

/**
 * mado_venue_records_save_vaccination:
 * @vaccination: the dose; its overrides as staff ticked them
 *
 * Records @vaccination as the signed-in nurse or doctor (the checks run
 * again) and queues it for the hub.
 */
gboolean
mado_venue_records_save_vaccination (GtkWidget                *widget,
                                     const MadoResidentBundle *bundle,
                                     MadoVaccination          *vaccination,
                                     GError                  **error)
{
  MadoStaffSession *staff;
  MadoStore *store = mado_venue_records_author_and_store (widget, &staff, error);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *id = store != NULL
                        ? mado_venue_recorder_record_vaccination (store, staff, bundle, vaccination,
                                                                  &findings, error)
                        : NULL;

  if (id == NULL)
    return FALSE;
  deliver_soon (mado_venue_bar_get_desk (widget));
  return TRUE;
}

/**
 * mado_venue_records_correct:
 * @record_id: the vaccination entered in error
 * @reason: why, as staff wrote it
 *
 * Saves a correction that refers to @record_id and queues it for the hub.
 */
gboolean
mado_venue_records_correct (GtkWidget   *widget,
                            const char  *record_id,
                            const char  *reason,
                            GError     **error)
{
  MadoStaffSession *staff;
  MadoStore *store = mado_venue_records_author_and_store (widget, &staff, error);
  g_autoptr(MadoCorrection) correction = mado_correction_new ();
  g_autofree char *id = NULL;

  if (store == NULL)
    return FALSE;
  correction->corrects_record_id = g_strdup (record_id);
  correction->reason = g_strstrip (g_strdup (reason));
  id = mado_venue_recorder_correct (store, staff, correction, error);
  if (id == NULL)
    return FALSE;
  deliver_soon (mado_venue_bar_get_desk (widget));
  return TRUE;
}
