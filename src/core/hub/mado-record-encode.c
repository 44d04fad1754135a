/* mado-record-encode.c — the venue's records as the hub receives them (docs/hub-api.md)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-hub-error.h"
#include "mado-json-write-private.h"
#include "mado-record-encode.h"
#include "mado-vaccination-checks.h"

/* The doctor's section answered from the judgement: the hub's `choice`
 * item takes the decision, its `boolean` item the explanation. A
 * questionnaire without a typed doctor's section gets the training form's
 * item IDs. */
static void
add_doctor_section (JsonBuilder             *b,
                    const MadoJudgement     *j,
                    const MadoQuestionnaire *q)
{
  gboolean decision_written = FALSE, explanation_written = FALSE;

  json_builder_set_member_name (b, "doctorSection");
  json_builder_begin_array (b);
  for (guint i = 0; q != NULL && q->doctor_section != NULL && i < q->doctor_section->len; i++)
    {
      const MadoDoctorItem *item = g_ptr_array_index (q->doctor_section, i);
      gboolean choice = g_strcmp0 (item->answer_type, "choice") == 0 && !decision_written
                        && g_strv_contains ((const char *const *) item->options,
                                            mado_decision_to_string (j->decision));
      gboolean boolean = g_strcmp0 (item->answer_type, "boolean") == 0 && !explanation_written;

      if (!choice && !boolean)
        continue;
      json_builder_begin_object (b);
      mado_json_write_string (b, "itemId", item->item_id);
      if (choice)
        mado_json_write_string (b, "answer", mado_decision_to_string (j->decision));
      else
        mado_json_write_bool (b, "answer", j->explained);
      json_builder_end_object (b);
      decision_written |= choice;
      explanation_written |= boolean;
    }
  if (!decision_written)
    {
      json_builder_begin_object (b);
      mado_json_write_string (b, "itemId", "doctor-decision");
      mado_json_write_string (b, "answer", mado_decision_to_string (j->decision));
      json_builder_end_object (b);
    }
  if (!explanation_written)
    {
      json_builder_begin_object (b);
      mado_json_write_string (b, "itemId", "explanation-given");
      mado_json_write_bool (b, "answer", j->explained);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/**
 * mado_record_encode_judgement:
 * @judgement: a saved judgement (ID, doctor and time filled)
 * @questionnaire: (nullable): the 予診票 judged, for its doctor's section
 *
 * Returns: (transfer full): the body of `POST /v1/records/questionnaires`
 */
JsonNode *
mado_record_encode_judgement (const MadoJudgement     *j,
                              const MadoQuestionnaire *q)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  mado_json_write_string (b, "recordId", j->record_id);
  mado_json_write_string (b, "residentRef", j->resident_ref);
  mado_json_write_string (b, "questionnaireId", j->questionnaire_id);
  mado_json_write_string (b, "vaccine", j->vaccine);
  add_doctor_section (b, j, q);
  mado_json_write_string (b, "decision", mado_decision_to_string (j->decision));
  mado_json_write_bool (b, "examinationOnly", mado_judgement_is_examination_only (j));
  mado_json_write_bool (b, "explanationGiven", j->explained);
  mado_json_write_string (b, "reasonCode", j->reason_code);
  if (j->reason_text != NULL && *j->reason_text != '\0')
    mado_json_write_string (b, "reasonText", j->reason_text);
  mado_json_write_string (b, "doctor", j->doctor_name);
  mado_json_write_time (b, "completedAt", j->completed_at);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_overrides (JsonBuilder           *b,
               const MadoVaccination *v)
{
  g_autofree char *names = mado_check_flags_to_string (v->overrides);
  g_auto(GStrv) list = g_strsplit (names, ",", -1);

  if (v->overrides == 0)
    return;
  mado_json_write_strv (b, "overrides", list);
  if (v->override_reason != NULL && *v->override_reason != '\0')
    mado_json_write_string (b, "overrideReason", v->override_reason);
}

static void
add_vaccine_code (JsonBuilder              *b,
                  const MadoVaccineProduct *product)
{
  json_builder_set_member_name (b, "vaccineCode");
  json_builder_begin_object (b);
  mado_json_write_string (b, "system", MADO_VACCINE_CODE_SYSTEM);
  mado_json_write_string (b, "code", product->code);
  mado_json_write_string (b, "display", product->display);
  json_builder_end_object (b);
  mado_json_write_strv (b, "targetDisease", (GStrv) product->target_disease);
}

/**
 * mado_record_encode_vaccination:
 * @vaccination: a saved vaccination (ID, performer, doctor and time filled)
 *
 * Returns: (transfer full): the body of `POST /v1/records/vaccinations`
 */
JsonNode *
mado_record_encode_vaccination (const MadoVaccination *v)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) local = g_date_time_to_local (v->occurred_at);
  g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");
  const MadoVaccinationSite *site = mado_vaccination_sites_find (v->site);

  json_builder_begin_object (b);
  mado_json_write_string (b, "recordId", v->record_id);
  mado_json_write_string (b, "residentRef", v->resident_ref);
  mado_json_write_string (b, "status", "completed");
  add_vaccine_code (b, v->product);
  mado_json_write_string (b, "occurrenceDate", day);
  mado_json_write_time (b, "occurrenceDateTime", v->occurred_at);
  mado_json_write_int (b, "doseNumber", TRUE, v->dose_number);
  mado_json_write_string (b, "lotNumber", v->lot_number);
  mado_json_write_date (b, "expirationDate", &v->expiry);
  mado_json_write_string (b, "gtin", v->gtin);
  mado_json_write_double (b, "doseQuantityMl", v->dose_ml > 0, v->dose_ml);
  mado_json_write_string (b, "route", mado_vaccine_route_to_string (v->route));
  mado_json_write_string (b, "site", site != NULL ? site->label : v->site);
  mado_json_write_string (b, "siteCode", v->site);
  mado_json_write_string (b, "performer", v->performer_name);
  mado_json_write_string (b, "doctor", v->doctor_name);
  mado_json_write_string (b, "questionnaireId", v->questionnaire_id);
  mado_json_write_string (b, "judgementRecordId", v->judgement_id);
  add_overrides (b, v);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * mado_record_encode_correction:
 * @correction: a saved correction
 *
 * Returns: (transfer full): the body of `POST /v1/records/vaccinations`
 *   that marks an earlier record entered-in-error
 */
JsonNode *
mado_record_encode_correction (const MadoCorrection *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  mado_json_write_string (b, "recordId", c->record_id);
  mado_json_write_string (b, "residentRef", c->resident_ref);
  mado_json_write_string (b, "status", "entered-in-error");
  mado_json_write_string (b, "correctionOf", c->corrects_record_id);
  mado_json_write_string (b, "statusReason", c->reason);
  mado_json_write_string (b, "recordedBy", c->staff_name);
  mado_json_write_time (b, "recordedAt", c->recorded_at);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * mado_record_encode_to_bytes:
 * @node: a record
 *
 * Returns: (transfer full): its JSON text, as the outbox stores it
 */
GBytes *
mado_record_encode_to_bytes (JsonNode *node)
{
  char *text = mado_json_write_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/**
 * mado_record_encode_local:
 * @node: a record as the hub receives it
 * @resident_name: (nullable): the resident's name, for today's list
 *
 * Returns: (transfer full): what the desk keeps of the record: the hub's
 *   body with the resident's name beside it (`residentName`), which is
 *   never sent
 */
GBytes *
mado_record_encode_local (JsonNode   *node,
                          const char *resident_name)
{
  g_autoptr(JsonNode) copy = json_node_copy (node);

  if (resident_name != NULL)
    json_object_set_string_member (json_node_get_object (copy), "residentName", resident_name);
  return mado_record_encode_to_bytes (copy);
}

static const char *
batch_kind (MadoHubRecordKind kind)
{
  switch (kind)
    {
    case MADO_HUB_RECORD_VACCINATION:
      return "vaccination";
    case MADO_HUB_RECORD_QUESTIONNAIRE:
      return "questionnaire";
    default:
      return NULL;
    }
}

/* The checks the single-record endpoints' encoder makes, per entry. */
static gboolean
check_entry (const MadoRecordBatchEntry  *entry,
             GHashTable                  *keys,
             GError                     **error)
{
  JsonNode *ref = json_object_get_member (entry->record, "residentRef");

  if (batch_kind (entry->kind) == NULL)
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           "unknown record kind");
      return FALSE;
    }
  if (!mado_hub_encode_check_idempotency_key (entry->idempotency_key, error))
    return FALSE;
  /* The hub answers per key: a key twice would make the answer ambiguous. */
  if (!g_hash_table_add (keys, (gpointer) entry->idempotency_key))
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           "an idempotency key appears twice in the batch");
      return FALSE;
    }
  if (ref == NULL || !JSON_NODE_HOLDS_VALUE (ref) ||
      json_node_get_value_type (ref) != G_TYPE_STRING || *json_node_get_string (ref) == '\0')
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           "the record names no resident (residentRef)");
      return FALSE;
    }
  return TRUE;
}

/**
 * mado_record_encode_batch:
 * @entries: (array length=n_entries): the records, in the order the hub is
 *   to take them (a correction after the vaccination it corrects)
 * @n_entries: 1 to %MADO_RECORD_BATCH_MAX_RECORDS
 * @error: %MADO_HUB_ERROR_INVALID_REQUEST or %MADO_HUB_ERROR_PAYLOAD_TOO_LARGE
 *   when it cannot be sent
 *
 * Returns: (transfer full) (nullable): the body of `POST /v1/records/batch`,
 *   at most %MADO_RECORD_BATCH_MAX_BYTES long
 */
char *
mado_record_encode_batch (const MadoRecordBatchEntry  *entries,
                          guint                        n_entries,
                          GError                     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (n_entries == 0 || n_entries > MADO_RECORD_BATCH_MAX_RECORDS)
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                   "a batch holds 1 to %d records, not %u", MADO_RECORD_BATCH_MAX_RECORDS,
                   n_entries);
      return NULL;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "records");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_entries; i++)
    {
      if (!check_entry (&entries[i], keys, error))
        return NULL;
      json_builder_begin_object (b);
      mado_json_write_string (b, "idempotencyKey", entries[i].idempotency_key);
      mado_json_write_string (b, "kind", batch_kind (entries[i].kind));
      json_builder_set_member_name (b, "record");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), entries[i].record));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = mado_json_write_to_string (root, FALSE);
  if (strlen (text) > MADO_RECORD_BATCH_MAX_BYTES)
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_PAYLOAD_TOO_LARGE,
                   "the batch is %" G_GSIZE_FORMAT " bytes, over the bound", strlen (text));
      return NULL;
    }
  return g_steal_pointer (&text);
}
