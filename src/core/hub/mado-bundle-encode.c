/* mado-bundle-encode.c — a resident bundle back to the hub API's JSON, for the cache and the CLI
 *
 * The hub client decodes bundles strictly and keeps no raw bytes; what the
 * offline cache stores, and what `madoguchi-cli verify --json` prints, is
 * the decoded bundle encoded again in the shape docs/hub-api.md gives, so
 * that mado_bundle_decode() reads it back to the same values.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-bundle-encode.h"
#include "mado-json-write-private.h"

static void
add_subsidy (JsonBuilder  *b,
             gconstpointer item)
{
  const MadoSubsidy *s = item;

  mado_json_write_string (b, "medicalSubsidyInsurerNumber", s->medical_subsidy_insurer_number);
  mado_json_write_string (b, "medicalSubsidyRecipientNumber", s->medical_subsidy_recipient_number);
  mado_json_write_string (b, "certificationName", s->certification_name);
  mado_json_write_date (b, "validFrom", &s->valid_from);
  mado_json_write_date (b, "validTo", &s->valid_to);
  mado_json_write_string (b, "incomeSegment", s->income_segment);
  if (s->has_max_copayment)
    {
      json_builder_set_member_name (b, "maxCopaymentAmount");
      json_builder_begin_object (b);
      mado_json_write_int (b, "monthlyYen", TRUE, s->max_copayment_monthly_yen);
      json_builder_end_object (b);
    }
  mado_json_write_strv (b, "designatedMedicalInstitutions", s->designated_medical_institutions);
  mado_json_write_string (b, "isAlwaysReimbursement", s->is_always_reimbursement ? "1" : "0");
  mado_json_write_string (b, "additionalConditions", s->additional_conditions);
}

static void
add_questionnaire_item (JsonBuilder  *b,
                        gconstpointer data)
{
  const MadoQuestionnaireItem *item = data;

  mado_json_write_string (b, "itemId", item->item_id);
  mado_json_write_string (b, "text", item->text);
  mado_json_write_string (b, "answerType", item->answer_type);
  mado_json_write_string (b, "unit", item->unit);
  switch (item->answer_kind)
    {
    case MADO_ANSWER_NUMBER:
      mado_json_write_double (b, "answer", TRUE, item->answer_number);
      break;
    case MADO_ANSWER_BOOLEAN:
      mado_json_write_bool (b, "answer", item->answer_boolean);
      break;
    case MADO_ANSWER_TEXT:
      mado_json_write_string (b, "answer", item->answer_text);
      break;
    case MADO_ANSWER_NONE:
    default:
      break;
    }
  mado_json_write_bool (b, "needsAttention", item->needs_attention);
  mado_json_write_string (b, "attentionReason", item->attention_reason);
  if (item->translation_languages != NULL)
    {
      json_builder_set_member_name (b, "translations");
      json_builder_begin_object (b);
      for (guint i = 0; item->translation_languages[i] != NULL; i++)
        mado_json_write_string (b, item->translation_languages[i], item->translation_texts[i]);
      json_builder_end_object (b);
    }
}

static void
add_doctor_item (JsonBuilder  *b,
                 gconstpointer data)
{
  const MadoDoctorItem *item = data;

  mado_json_write_string (b, "itemId", item->item_id);
  mado_json_write_string (b, "text", item->text);
  mado_json_write_string (b, "answerType", item->answer_type);
  mado_json_write_strv (b, "options", item->options);
}

static void
add_questionnaire (JsonBuilder  *b,
                   gconstpointer data)
{
  const MadoQuestionnaire *q = data;

  mado_json_write_string (b, "questionnaireId", q->questionnaire_id);
  mado_json_write_string (b, "formCode", q->form_code);
  mado_json_write_string (b, "title", q->title);
  mado_json_write_string (b, "vaccine", q->vaccine);
  mado_json_write_time (b, "answeredAt", q->answered_at);
  mado_json_write_objects (b, "items", q->items, add_questionnaire_item);
  mado_json_write_objects (b, "doctorSection", q->doctor_section, add_doctor_item);
}

static void
add_immunization (JsonBuilder  *b,
                  gconstpointer data)
{
  const MadoImmunization *im = data;

  json_builder_set_member_name (b, "vaccineCode");
  json_builder_begin_object (b);
  mado_json_write_string (b, "system", im->vaccine_code_system);
  mado_json_write_string (b, "code", im->vaccine_code);
  mado_json_write_string (b, "display", im->vaccine_code_display);
  json_builder_end_object (b);
  mado_json_write_strv (b, "targetDisease", im->target_disease);
  mado_json_write_date (b, "occurrenceDate", &im->occurrence_date);
  mado_json_write_int (b, "doseNumber", im->dose_number > 0, im->dose_number);
  mado_json_write_string (b, "lotNumber", im->lot_number);
  mado_json_write_string (b, "site", im->site);
  mado_json_write_double (b, "doseQuantityMl", im->has_dose_quantity, im->dose_quantity_ml);
  mado_json_write_string (b, "performer", im->performer);
  mado_json_write_string (b, "status", im->status);
  mado_json_write_bool (b, "live", im->live);
  mado_json_write_bool (b, "injectable", im->injectable);
}

static void
add_immunization_due (JsonBuilder  *b,
                      gconstpointer data)
{
  const MadoImmunizationDue *due = data;

  mado_json_write_string (b, "vaccine", due->vaccine);
  mado_json_write_int (b, "doseNumber", due->dose_number > 0, due->dose_number);
  mado_json_write_date (b, "dueFrom", &due->due_from);
  mado_json_write_date (b, "dueTo", &due->due_to);
}

static void
add_pregnancy_checkup (JsonBuilder  *b,
                       gconstpointer data)
{
  const MadoPregnancyCheckup *c = data;

  mado_json_write_date (b, "date", &c->date);
  mado_json_write_int (b, "gestationWeeks", c->gestation_weeks >= 0, c->gestation_weeks);
  mado_json_write_double (b, "weightKg", c->has_weight, c->weight_kg);
  mado_json_write_string (b, "bloodPressure", c->blood_pressure);
  mado_json_write_string (b, "findings", c->findings);
}

static void
add_infant_checkup (JsonBuilder  *b,
                    gconstpointer data)
{
  const MadoInfantCheckup *c = data;

  mado_json_write_date (b, "date", &c->date);
  mado_json_write_string (b, "kind", c->kind);
  mado_json_write_int (b, "ageMonths", c->age_months >= 0, c->age_months);
  mado_json_write_double (b, "heightCm", c->has_height, c->height_cm);
  mado_json_write_double (b, "weightKg", c->has_weight, c->weight_kg);
  mado_json_write_double (b, "headCircumferenceCm", c->has_head_circumference,
                          c->head_circumference_cm);
  mado_json_write_double (b, "chestCircumferenceCm", c->has_chest_circumference,
                          c->chest_circumference_cm);
  mado_json_write_string (b, "urineTest", c->urine_test);
  mado_json_write_string (b, "notes", c->notes);
}

static void
add_basic_info (JsonBuilder              *b,
                const MadoResidentBundle *bundle)
{
  const MadoBasicInfo *info = &bundle->basic_info;

  json_builder_set_member_name (b, "basicInfo");
  json_builder_begin_object (b);
  mado_json_write_string (b, "name", info->name);
  /* A not-disclosed resident's bundle carries nothing beyond these two. */
  if (!bundle->is_not_disclosed)
    mado_json_write_string (b, "nameKana", info->name_kana);
  mado_json_write_date (b, "birthDate", &info->birth_date);
  if (!bundle->is_not_disclosed && info->sex != MADO_SEX_NOT_DISCLOSED)
    mado_json_write_string (b, "sex", info->sex == MADO_SEX_MALE ? "1" : "2");
  json_builder_end_object (b);
}

/**
 * mado_bundle_encode:
 * @bundle: a bundle the strict codec decoded
 *
 * Encodes @bundle in the shape of docs/hub-api.md "The resident bundle":
 * categories that are %NULL (not consented or not sent) are left out,
 * empty ones are empty arrays.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
mado_bundle_encode (const MadoResidentBundle *bundle)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (bundle != NULL, NULL);

  json_builder_begin_object (b);
  mado_json_write_string (b, "version", bundle->version);
  mado_json_write_time (b, "asOf", bundle->as_of);
  mado_json_write_string (b, "residentRef", bundle->resident_ref);
  mado_json_write_bool (b, "isNotDisclosed", bundle->is_not_disclosed);
  add_basic_info (b, bundle);
  mado_json_write_objects (b, "subsidies", bundle->subsidies, add_subsidy);
  mado_json_write_objects (b, "questionnaires", bundle->questionnaires, add_questionnaire);
  mado_json_write_objects (b, "immunizations", bundle->immunizations, add_immunization);
  mado_json_write_objects (b, "immunizationsDue", bundle->immunizations_due, add_immunization_due);
  if (bundle->maternal_child != NULL)
    {
      json_builder_set_member_name (b, "maternalChild");
      json_builder_begin_object (b);
      mado_json_write_objects (b, "pregnancyCheckups", bundle->maternal_child->pregnancy_checkups,
                               add_pregnancy_checkup);
      mado_json_write_objects (b, "infantCheckups", bundle->maternal_child->infant_checkups,
                               add_infant_checkup);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * mado_bundle_encode_bytes:
 *
 * Returns: (transfer full): mado_bundle_encode() as compact UTF-8
 *   text, what the offline cache stores
 */
GBytes *
mado_bundle_encode_bytes (const MadoResidentBundle *bundle)
{
  g_autoptr(JsonNode) node = mado_bundle_encode (bundle);
  char *text = mado_json_write_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}
