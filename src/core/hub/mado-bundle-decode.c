/* mado-bundle-decode.c — a resident bundle from the hub API's JSON, strictly, as far as consented
 *
 * The shape and the bounds are those of docs/hub-api.md, "The resident
 * bundle"; a category the resident did not consent to is dropped even when
 * the hub sends it.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-bundle-decode-private.h"
#include "mado-hub-proof.h"
#include "mado-patient-text.h"

/* Bounds; a real bundle is far inside every one of them. */
#define MAX_SUBSIDIES          50
#define MAX_QUESTIONNAIRES     50
#define MAX_ITEMS             200
#define MAX_DOCTOR_ITEMS       50
#define MAX_DOCTOR_OPTIONS     20
#define MAX_IMMUNIZATIONS     200
#define MAX_DUE               100
#define MAX_CHECKUPS          100
#define MAX_INSTITUTIONS      100
#define MAX_DISEASES           20

static gboolean
is_blood_pressure (const char *text)
{
  guint systolic = 0, diastolic = 0;
  gsize i = 0, n;

  for (n = 0; g_ascii_isdigit (text[i]); i++, n++)
    systolic = systolic * 10 + (guint) (text[i] - '0');
  if (n < 2 || n > 3 || text[i] != '/')
    return FALSE;
  for (i++, n = 0; g_ascii_isdigit (text[i]); i++, n++)
    diastolic = diastolic * 10 + (guint) (text[i] - '0');
  if (n < 2 || n > 3 || text[i] != '\0')
    return FALSE;
  return systolic >= 40 && systolic <= 300 && diastolic >= 20 && diastolic <= 200;
}

static gboolean
is_institution_code_cb (const char *text)
{
  return mado_hub_proof_is_institution_code (text);
}

static gboolean
check_period (MadoJsonRead *ctx,
              const char   *member,
              const GDate  *from,
              const GDate  *to)
{
  if (g_date_valid (from) && g_date_valid (to) && g_date_compare (to, from) < 0)
    return mado_json_read_fail (ctx, member, "ends before it starts");
  return TRUE;
}

static gpointer
decode_subsidy (MadoJsonRead *ctx,
                JsonObject   *object)
{
  g_autoptr(MadoSubsidy) s = mado_subsidy_new ();
  static const char *const zero_one[] = { "0", "1", NULL };
  JsonObject *copayment;
  gboolean present;
  int reimbursement;

  if (!mado_json_read_string (ctx, object, "medicalSubsidyInsurerNumber", MADO_JSON_REQUIRED,
                              MADO_INSURER_NUMBER_LENGTH, MADO_JSON_TEXT_LINE,
                              &s->medical_subsidy_insurer_number))
    return NULL;
  if (!mado_json_read_is_digits (s->medical_subsidy_insurer_number, MADO_INSURER_NUMBER_LENGTH))
    return mado_json_read_fail (ctx, "medicalSubsidyInsurerNumber", "not 8 digits"), NULL;
  if (!mado_json_read_string (ctx, object, "medicalSubsidyRecipientNumber", MADO_JSON_REQUIRED,
                              MADO_MUNICIPAL_RECIPIENT_MAX_LENGTH, MADO_JSON_TEXT_LINE,
                              &s->medical_subsidy_recipient_number) ||
      !mado_json_read_string (ctx, object, "certificationName", MADO_JSON_REQUIRED, 100,
                              MADO_JSON_TEXT_LINE, &s->certification_name) ||
      !mado_json_read_date (ctx, object, "validFrom", MADO_JSON_REQUIRED, &s->valid_from) ||
      !mado_json_read_date (ctx, object, "validTo", MADO_JSON_OPTIONAL, &s->valid_to) ||
      !check_period (ctx, "validTo", &s->valid_from, &s->valid_to) ||
      !mado_json_read_string (ctx, object, "incomeSegment", MADO_JSON_OPTIONAL, MADO_JSON_MAX_NAME,
                              MADO_JSON_TEXT_LINE, &s->income_segment) ||
      !mado_json_read_object (ctx, object, "maxCopaymentAmount", MADO_JSON_OPTIONAL, &copayment) ||
      !mado_json_read_string_array (ctx, object, "designatedMedicalInstitutions", MAX_INSTITUTIONS,
                                    10, is_institution_code_cb, FALSE,
                                    &s->designated_medical_institutions) ||
      !mado_json_read_enum (ctx, object, "isAlwaysReimbursement", MADO_JSON_OPTIONAL, zero_one,
                            &reimbursement) ||
      !mado_json_read_string (ctx, object, "additionalConditions", MADO_JSON_OPTIONAL,
                              MADO_JSON_MAX_TEXT, MADO_JSON_TEXT_LINE, &s->additional_conditions))
    return NULL;
  if (copayment != NULL)
    {
      gsize mark = mado_json_read_enter_member (ctx, "maxCopaymentAmount");

      if (!mado_json_read_int (ctx, copayment, "monthlyYen", MADO_JSON_OPTIONAL, 0, 10000000,
                               &present, &s->max_copayment_monthly_yen))
        return NULL;
      s->has_max_copayment = present;
      mado_json_read_leave (ctx, mark);
    }
  s->is_always_reimbursement = (reimbursement == 1);
  /* The check digits are for display (a municipal number may fail them
   * legitimately); the format rules above are what the API demands. */
  s->number_check = mado_subsidy_number_check (s->medical_subsidy_insurer_number,
                                               s->medical_subsidy_recipient_number);
  return g_steal_pointer (&s);
}

/* A translation is in one of the languages the resident may choose on the
 * patient window, as the hub writes them (`en`, `zh-Hans`, `pt-BR`): a
 * text the desk could never show is not kept. Not Japanese: `text` is. */
static gboolean
is_translation_tag (const char *tag)
{
  const char *language = mado_patient_text_language_of_tag (tag);

  return language != NULL && !g_str_equal (language, "ja");
}

static gboolean
check_translation_tags (MadoJsonRead *ctx,
                        GList        *members)
{
  guint max = g_strv_length ((GStrv) mado_patient_text_languages ()) - 1;

  if (g_list_length (members) > max)
    return mado_json_read_fail (ctx, "translations", "more than %u languages", max);
  /* The member's name is not echoed: it is the hub's, and unchecked. */
  for (GList *l = members; l != NULL; l = l->next)
    if (!is_translation_tag (l->data))
      return mado_json_read_fail (ctx, "translations",
                                  "a member is not one of the patient window's languages "
                                  "(docs/hub-api.md)");
  return TRUE;
}

/* `translations`: the item's text in other languages, tag → text, each
 * bounded and sanitised like `text` itself, kept in the hub's order so the
 * cache round trip is exact. */
static gboolean
decode_translations (MadoJsonRead          *ctx,
                     JsonObject            *object,
                     MadoQuestionnaireItem *item)
{
  JsonObject *translations;
  g_autoptr(GList) members = NULL;
  g_autoptr(GStrvBuilder) languages = g_strv_builder_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  gsize mark;

  if (!mado_json_read_object (ctx, object, "translations", MADO_JSON_OPTIONAL, &translations))
    return FALSE;
  if (translations == NULL)
    return TRUE;
  members = json_object_get_members (translations);
  if (!check_translation_tags (ctx, members))
    return FALSE;
  if (members == NULL)
    return TRUE;
  mark = mado_json_read_enter_member (ctx, "translations");
  for (GList *l = members; l != NULL; l = l->next)
    {
      char *text = NULL;

      if (!mado_json_read_string (ctx, translations, l->data, MADO_JSON_REQUIRED, MADO_JSON_MAX_TEXT,
                                  MADO_JSON_TEXT_FREE, &text))
        return FALSE;
      g_strv_builder_add (languages, l->data);
      g_ptr_array_add (texts, text);
    }
  mado_json_read_leave (ctx, mark);
  g_ptr_array_add (texts, NULL);
  item->translation_languages = g_strv_builder_end (languages);
  item->translation_texts = (GStrv) g_ptr_array_free (g_steal_pointer (&texts), FALSE);
  return TRUE;
}

static gpointer
decode_questionnaire_item (MadoJsonRead *ctx,
                           JsonObject   *object)
{
  static const char *const answer_types[] = { "number", "boolean", "text", "choice", NULL };
  g_autoptr(MadoQuestionnaireItem) item = mado_questionnaire_item_new ();
  JsonNode *answer;
  int answer_type;

  if (!mado_json_read_string (ctx, object, "itemId", MADO_JSON_REQUIRED, MADO_JSON_MAX_ID,
                              MADO_JSON_TEXT_LINE, &item->item_id) ||
      !mado_json_read_string (ctx, object, "text", MADO_JSON_REQUIRED, MADO_JSON_MAX_TEXT,
                              MADO_JSON_TEXT_FREE, &item->text) ||
      !mado_json_read_enum (ctx, object, "answerType", MADO_JSON_REQUIRED, answer_types,
                            &answer_type) ||
      !mado_json_read_string (ctx, object, "unit", MADO_JSON_OPTIONAL, 16, MADO_JSON_TEXT_LINE,
                              &item->unit) ||
      !mado_json_read_bool (ctx, object, "needsAttention", MADO_JSON_OPTIONAL, FALSE,
                            &item->needs_attention) ||
      !mado_json_read_string (ctx, object, "attentionReason", MADO_JSON_OPTIONAL,
                              MADO_JSON_MAX_NAME * 2, MADO_JSON_TEXT_FREE,
                              &item->attention_reason) ||
      !decode_translations (ctx, object, item) ||
      !mado_json_read_node (ctx, object, "answer", MADO_JSON_OPTIONAL, &answer))
    return NULL;

  item->answer_type = g_strdup (answer_types[answer_type]);
  if (answer == NULL)
    item->answer_kind = MADO_ANSWER_NONE;
  else if (!JSON_NODE_HOLDS_VALUE (answer))
    return mado_json_read_fail (ctx, "answer", "expected a number, string or boolean"), NULL;
  else if (json_node_get_value_type (answer) == G_TYPE_BOOLEAN)
    {
      item->answer_kind = MADO_ANSWER_BOOLEAN;
      item->answer_boolean = json_node_get_boolean (answer);
    }
  else if (json_node_get_value_type (answer) == G_TYPE_STRING)
    {
      if (!mado_json_read_string (ctx, object, "answer", MADO_JSON_REQUIRED, MADO_JSON_MAX_TEXT,
                                  MADO_JSON_TEXT_FREE, &item->answer_text))
        return NULL;
      item->answer_kind = MADO_ANSWER_TEXT;
    }
  else
    {
      gboolean present;

      if (!mado_json_read_double (ctx, object, "answer", MADO_JSON_REQUIRED, -1e6, 1e6, &present,
                                  &item->answer_number))
        return NULL;
      item->answer_kind = MADO_ANSWER_NUMBER;
    }

  /* A known answer type must agree with the answer it carries. */
  if ((strcmp (item->answer_type, "number") == 0 &&
       item->answer_kind != MADO_ANSWER_NUMBER && item->answer_kind != MADO_ANSWER_NONE) ||
      (strcmp (item->answer_type, "boolean") == 0 &&
       item->answer_kind != MADO_ANSWER_BOOLEAN && item->answer_kind != MADO_ANSWER_NONE) ||
      ((strcmp (item->answer_type, "text") == 0 || strcmp (item->answer_type, "choice") == 0) &&
       item->answer_kind != MADO_ANSWER_TEXT && item->answer_kind != MADO_ANSWER_NONE))
    return mado_json_read_fail (ctx, "answer", "does not match answerType"), NULL;
  return g_steal_pointer (&item);
}

static gpointer
decode_doctor_item (MadoJsonRead *ctx,
                    JsonObject   *object)
{
  static const char *const answer_types[] = { "number", "boolean", "text", "choice", NULL };
  g_autoptr(MadoDoctorItem) item = mado_doctor_item_new ();
  int answer_type = -1;

  if (!mado_json_read_string (ctx, object, "itemId", MADO_JSON_REQUIRED, MADO_JSON_MAX_ID,
                              MADO_JSON_TEXT_LINE, &item->item_id) ||
      !mado_json_read_string (ctx, object, "text", MADO_JSON_REQUIRED, MADO_JSON_MAX_TEXT,
                              MADO_JSON_TEXT_FREE, &item->text) ||
      !mado_json_read_enum (ctx, object, "answerType", MADO_JSON_OPTIONAL, answer_types,
                            &answer_type) ||
      !mado_json_read_string_array (ctx, object, "options", MAX_DOCTOR_OPTIONS, MADO_JSON_MAX_ID,
                                    NULL, FALSE, &item->options))
    return NULL;
  if (answer_type >= 0)
    item->answer_type = g_strdup (answer_types[answer_type]);
  /* Options belong to a choice, and a choice needs them. */
  if ((item->options != NULL) != (g_strcmp0 (item->answer_type, "choice") == 0))
    return mado_json_read_fail (ctx, "options", "only and always with answerType choice"), NULL;
  return g_steal_pointer (&item);
}

static gpointer
decode_questionnaire (MadoJsonRead *ctx,
                      JsonObject   *object)
{
  g_autoptr(MadoQuestionnaire) q = mado_questionnaire_new ();

  if (!mado_json_read_string (ctx, object, "questionnaireId", MADO_JSON_REQUIRED, MADO_JSON_MAX_ID,
                              MADO_JSON_TEXT_LINE, &q->questionnaire_id) ||
      !mado_json_read_string (ctx, object, "formCode", MADO_JSON_REQUIRED, MADO_JSON_MAX_ID,
                              MADO_JSON_TEXT_LINE, &q->form_code) ||
      !mado_json_read_string (ctx, object, "title", MADO_JSON_REQUIRED, MADO_JSON_MAX_NAME * 2,
                              MADO_JSON_TEXT_LINE, &q->title) ||
      !mado_json_read_string (ctx, object, "vaccine", MADO_JSON_OPTIONAL, MADO_JSON_MAX_NAME,
                              MADO_JSON_TEXT_LINE, &q->vaccine) ||
      !mado_json_read_time (ctx, object, "answeredAt", MADO_JSON_OPTIONAL, &q->answered_at) ||
      !mado_json_read_object_array (ctx, object, "items", MADO_JSON_REQUIRED, MAX_ITEMS,
                                    decode_questionnaire_item,
                                    (GDestroyNotify) mado_questionnaire_item_free, &q->items) ||
      !mado_json_read_object_array (ctx, object, "doctorSection", MADO_JSON_OPTIONAL,
                                    MAX_DOCTOR_ITEMS, decode_doctor_item,
                                    (GDestroyNotify) mado_doctor_item_free, &q->doctor_section))
    return NULL;
  for (guint i = 0; i < q->items->len; i++)
    if (((MadoQuestionnaireItem *) g_ptr_array_index (q->items, i))->needs_attention)
      q->needs_attention = TRUE;
  return g_steal_pointer (&q);
}

static gpointer
decode_immunization (MadoJsonRead *ctx,
                     JsonObject   *object)
{
  g_autoptr(MadoImmunization) im = mado_immunization_new ();
  static const char *const statuses[] = { "completed", "entered-in-error", "not-done", NULL };
  JsonObject *code;
  gboolean present;
  gint64 dose = 0;
  int status;
  gsize mark;

  if (!mado_json_read_object (ctx, object, "vaccineCode", MADO_JSON_REQUIRED, &code))
    return NULL;
  mark = mado_json_read_enter_member (ctx, "vaccineCode");
  if (!mado_json_read_string (ctx, code, "system", MADO_JSON_OPTIONAL, MADO_JSON_MAX_NAME * 2,
                              MADO_JSON_TEXT_LINE, &im->vaccine_code_system) ||
      !mado_json_read_string (ctx, code, "code", MADO_JSON_REQUIRED, MADO_JSON_MAX_ID,
                              MADO_JSON_TEXT_LINE, &im->vaccine_code) ||
      !mado_json_read_string (ctx, code, "display", MADO_JSON_OPTIONAL, MADO_JSON_MAX_NAME * 2,
                              MADO_JSON_TEXT_LINE, &im->vaccine_code_display))
    return NULL;
  mado_json_read_leave (ctx, mark);

  if (!mado_json_read_string_array (ctx, object, "targetDisease", MAX_DISEASES, MADO_JSON_MAX_NAME,
                                    NULL, TRUE, &im->target_disease) ||
      !mado_json_read_date (ctx, object, "occurrenceDate", MADO_JSON_REQUIRED,
                            &im->occurrence_date) ||
      !mado_json_read_int (ctx, object, "doseNumber", MADO_JSON_OPTIONAL, 1, 20, &present, &dose) ||
      !mado_json_read_string (ctx, object, "lotNumber", MADO_JSON_OPTIONAL, 64, MADO_JSON_TEXT_LINE,
                              &im->lot_number) ||
      !mado_json_read_string (ctx, object, "site", MADO_JSON_OPTIONAL, MADO_JSON_MAX_NAME,
                              MADO_JSON_TEXT_LINE, &im->site) ||
      !mado_json_read_double (ctx, object, "doseQuantityMl", MADO_JSON_OPTIONAL, 0.01, 10.0,
                              &im->has_dose_quantity, &im->dose_quantity_ml) ||
      !mado_json_read_string (ctx, object, "performer", MADO_JSON_OPTIONAL, MADO_JSON_MAX_NAME,
                              MADO_JSON_TEXT_LINE, &im->performer) ||
      !mado_json_read_enum (ctx, object, "status", MADO_JSON_REQUIRED, statuses, &status) ||
      !mado_json_read_bool (ctx, object, "live", MADO_JSON_OPTIONAL, FALSE, &im->live) ||
      !mado_json_read_bool (ctx, object, "injectable", MADO_JSON_OPTIONAL, FALSE, &im->injectable))
    return NULL;
  im->dose_number = (gint) dose;
  im->status = g_strdup (statuses[status]);
  return g_steal_pointer (&im);
}

static gpointer
decode_immunization_due (MadoJsonRead *ctx,
                         JsonObject   *object)
{
  g_autoptr(MadoImmunizationDue) due = mado_immunization_due_new ();
  gboolean present;
  gint64 dose = 0;

  if (!mado_json_read_string (ctx, object, "vaccine", MADO_JSON_REQUIRED, MADO_JSON_MAX_NAME,
                              MADO_JSON_TEXT_LINE, &due->vaccine) ||
      !mado_json_read_int (ctx, object, "doseNumber", MADO_JSON_OPTIONAL, 1, 20, &present, &dose) ||
      !mado_json_read_date (ctx, object, "dueFrom", MADO_JSON_OPTIONAL, &due->due_from) ||
      !mado_json_read_date (ctx, object, "dueTo", MADO_JSON_OPTIONAL, &due->due_to) ||
      !check_period (ctx, "dueTo", &due->due_from, &due->due_to))
    return NULL;
  due->dose_number = (gint) dose;
  return g_steal_pointer (&due);
}

static gpointer
decode_pregnancy_checkup (MadoJsonRead *ctx,
                          JsonObject   *object)
{
  g_autoptr(MadoPregnancyCheckup) c = mado_pregnancy_checkup_new ();
  gboolean present;
  gint64 weeks = -1;

  if (!mado_json_read_date (ctx, object, "date", MADO_JSON_REQUIRED, &c->date) ||
      !mado_json_read_int (ctx, object, "gestationWeeks", MADO_JSON_OPTIONAL, 0, 45, &present,
                           &weeks) ||
      !mado_json_read_double (ctx, object, "weightKg", MADO_JSON_OPTIONAL, 20, 250, &c->has_weight,
                              &c->weight_kg) ||
      !mado_json_read_string (ctx, object, "bloodPressure", MADO_JSON_OPTIONAL, 7,
                              MADO_JSON_TEXT_LINE, &c->blood_pressure) ||
      !mado_json_read_string (ctx, object, "findings", MADO_JSON_OPTIONAL, MADO_JSON_MAX_TEXT,
                              MADO_JSON_TEXT_FREE, &c->findings))
    return NULL;
  if (c->blood_pressure != NULL && !is_blood_pressure (c->blood_pressure))
    return mado_json_read_fail (ctx, "bloodPressure", "not systolic/diastolic"), NULL;
  c->gestation_weeks = (gint) weeks;
  return g_steal_pointer (&c);
}

static gpointer
decode_infant_checkup (MadoJsonRead *ctx,
                       JsonObject   *object)
{
  g_autoptr(MadoInfantCheckup) c = mado_infant_checkup_new ();
  gboolean present;
  gint64 age = -1;

  if (!mado_json_read_date (ctx, object, "date", MADO_JSON_REQUIRED, &c->date) ||
      !mado_json_read_string (ctx, object, "kind", MADO_JSON_OPTIONAL, 32, MADO_JSON_TEXT_LINE,
                              &c->kind) ||
      !mado_json_read_int (ctx, object, "ageMonths", MADO_JSON_OPTIONAL, 0, 72, &present, &age) ||
      !mado_json_read_double (ctx, object, "heightCm", MADO_JSON_OPTIONAL, 20, 200, &c->has_height,
                              &c->height_cm) ||
      !mado_json_read_double (ctx, object, "weightKg", MADO_JSON_OPTIONAL, 0.2, 100, &c->has_weight,
                              &c->weight_kg) ||
      !mado_json_read_double (ctx, object, "headCircumferenceCm", MADO_JSON_OPTIONAL, 15, 70,
                              &c->has_head_circumference, &c->head_circumference_cm) ||
      !mado_json_read_double (ctx, object, "chestCircumferenceCm", MADO_JSON_OPTIONAL, 15, 100,
                              &c->has_chest_circumference, &c->chest_circumference_cm) ||
      !mado_json_read_string (ctx, object, "urineTest", MADO_JSON_OPTIONAL, MADO_JSON_MAX_NAME * 2,
                              MADO_JSON_TEXT_FREE, &c->urine_test) ||
      !mado_json_read_string (ctx, object, "notes", MADO_JSON_OPTIONAL, MADO_JSON_MAX_TEXT,
                              MADO_JSON_TEXT_FREE, &c->notes))
    return NULL;
  c->age_months = (gint) age;
  return g_steal_pointer (&c);
}

static MadoMaternalChild *
decode_maternal_child (MadoJsonRead *ctx,
                       JsonObject   *object)
{
  g_autoptr(MadoMaternalChild) mc = mado_maternal_child_new ();

  if (!mado_json_read_object_array (ctx, object, "pregnancyCheckups", MADO_JSON_OPTIONAL,
                                    MAX_CHECKUPS, decode_pregnancy_checkup,
                                    (GDestroyNotify) mado_pregnancy_checkup_free,
                                    &mc->pregnancy_checkups) ||
      !mado_json_read_object_array (ctx, object, "infantCheckups", MADO_JSON_OPTIONAL, MAX_CHECKUPS,
                                    decode_infant_checkup,
                                    (GDestroyNotify) mado_infant_checkup_free,
                                    &mc->infant_checkups))
    return NULL;
  return g_steal_pointer (&mc);
}

static gboolean
decode_basic_info (MadoJsonRead       *ctx,
                   JsonObject         *object,
                   MadoResidentBundle *b)
{
  static const char *const sexes[] = { "1", "2", NULL };
  JsonObject *info;
  int sex = -1;
  gsize mark;

  if (!mado_json_read_object (ctx, object, "basicInfo", MADO_JSON_REQUIRED, &info))
    return FALSE;
  mark = mado_json_read_enter_member (ctx, "basicInfo");
  if (!mado_json_read_string (ctx, info, "name", MADO_JSON_REQUIRED, MADO_JSON_MAX_NAME,
                              MADO_JSON_TEXT_LINE, &b->basic_info.name) ||
      !mado_json_read_date (ctx, info, "birthDate", MADO_JSON_REQUIRED, &b->basic_info.birth_date))
    return FALSE;
  /* A not-disclosed resident's kana and sex are not kept even if sent:
   * the desk shows nothing beyond what reception needs. */
  if (!b->is_not_disclosed)
    {
      if (!mado_json_read_string (ctx, info, "nameKana", MADO_JSON_REQUIRED, MADO_JSON_MAX_NAME,
                                  MADO_JSON_TEXT_LINE, &b->basic_info.name_kana) ||
          !mado_json_read_enum (ctx, info, "sex", MADO_JSON_REQUIRED, sexes, &sex))
        return FALSE;
      b->basic_info.sex = sex == 0 ? MADO_SEX_MALE : MADO_SEX_FEMALE;
    }
  mado_json_read_leave (ctx, mark);
  return TRUE;
}

static gboolean
consented (JsonObject    *object,
           const char    *name,
           MadoHubConsent consent,
           MadoHubConsent needed)
{
  if ((consent & needed) != 0)
    return TRUE;
  if (json_object_has_member (object, name))
    g_message ("hub: the bundle carries “%s” without consent; dropped", name);
  return FALSE;
}

/**
 * mado_bundle_decode_object:
 * @ctx: the decoding in progress, at the bundle's path
 * @object: the bundle's JSON object
 * @consent: the categories the resident consented to; others are dropped
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL with the first
 *   violation set on @ctx's error
 */
MadoResidentBundle *
mado_bundle_decode_object (MadoJsonRead  *ctx,
                           JsonObject    *object,
                           MadoHubConsent consent)
{
  g_autoptr(MadoResidentBundle) b = mado_resident_bundle_new ();
  JsonObject *mc;

  if (!mado_json_read_string (ctx, object, "version", MADO_JSON_REQUIRED, 64, MADO_JSON_TEXT_LINE,
                              &b->version) ||
      !mado_json_read_time (ctx, object, "asOf", MADO_JSON_REQUIRED, &b->as_of) ||
      !mado_json_read_string (ctx, object, "residentRef", MADO_JSON_REQUIRED, MADO_JSON_MAX_ID,
                              MADO_JSON_TEXT_LINE, &b->resident_ref) ||
      !mado_json_read_bool (ctx, object, "isNotDisclosed", MADO_JSON_REQUIRED, FALSE,
                            &b->is_not_disclosed) ||
      !decode_basic_info (ctx, object, b))
    return NULL;
  if (strchr (b->version, '"') != NULL || strchr (b->version, '\\') != NULL)
    return mado_json_read_fail (ctx, "version", "cannot be an entity tag"), NULL;

  if (consented (object, "subsidies", consent, MADO_HUB_CONSENT_SUBSIDY) &&
      !mado_json_read_object_array (ctx, object, "subsidies", MADO_JSON_OPTIONAL, MAX_SUBSIDIES,
                                    decode_subsidy, (GDestroyNotify) mado_subsidy_free,
                                    &b->subsidies))
    return NULL;
  if (consented (object, "questionnaires", consent, MADO_HUB_CONSENT_VACCINATION) &&
      !mado_json_read_object_array (ctx, object, "questionnaires", MADO_JSON_OPTIONAL,
                                    MAX_QUESTIONNAIRES, decode_questionnaire,
                                    (GDestroyNotify) mado_questionnaire_free, &b->questionnaires))
    return NULL;
  if (consented (object, "immunizations", consent, MADO_HUB_CONSENT_VACCINATION) &&
      !mado_json_read_object_array (ctx, object, "immunizations", MADO_JSON_OPTIONAL,
                                    MAX_IMMUNIZATIONS, decode_immunization,
                                    (GDestroyNotify) mado_immunization_free, &b->immunizations))
    return NULL;
  if (consented (object, "immunizationsDue", consent, MADO_HUB_CONSENT_VACCINATION) &&
      !mado_json_read_object_array (ctx, object, "immunizationsDue", MADO_JSON_OPTIONAL, MAX_DUE,
                                    decode_immunization_due,
                                    (GDestroyNotify) mado_immunization_due_free,
                                    &b->immunizations_due))
    return NULL;
  if (consented (object, "maternalChild", consent, MADO_HUB_CONSENT_MATERNAL_CHILD))
    {
      gsize mark;

      if (!mado_json_read_object (ctx, object, "maternalChild", MADO_JSON_OPTIONAL, &mc))
        return NULL;
      if (mc != NULL)
        {
          mark = mado_json_read_enter_member (ctx, "maternalChild");
          b->maternal_child = decode_maternal_child (ctx, mc);
          if (b->maternal_child == NULL)
            return NULL;
          mado_json_read_leave (ctx, mark);
        }
    }
  return g_steal_pointer (&b);
}

/**
 * mado_bundle_decode:
 * @data: (array length=length): the body of `GET /v1/bundles/…`
 * @consent: the categories the resident consented to; others are dropped
 * @error: %MADO_HUB_ERROR_MALFORMED_RESPONSE naming the JSON path, or
 *   %MADO_HUB_ERROR_RESPONSE_TOO_LARGE
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL and nothing else
 */
MadoResidentBundle *
mado_bundle_decode (const char    *data,
                    gsize          length,
                    MadoHubConsent consent,
                    GError       **error)
{
  g_auto(MadoJsonRead) ctx = MADO_JSON_READ_INIT (error);
  g_autoptr(JsonNode) root = mado_json_read_root (data, length, error);

  if (root == NULL)
    return NULL;
  return mado_bundle_decode_object (&ctx, json_node_get_object (root), consent);
}
