/* test-bundle-decode.c — the bundle decoder on good and hostile JSON
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-util.h"

static char *
load_good_bundle (void)
{
  return mado_test_read_source_file ("tests/fuzz/corpus/hub-bundle/full-bundle.json", NULL);
}

/* The good bundle with one piece of text replaced; the piece must be there once. */
static char *
mutate (const char *old,
        const char *replacement)
{
  g_autofree char *text = load_good_bundle ();
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, replacement, at + strlen (old));
}

static MadoResidentBundle *
decode (const char     *text,
        MadoHubConsent  consent,
        GError        **error)
{
  return mado_bundle_decode (text, strlen (text), consent, error);
}

static void
test_good_bundle (void)
{
  g_autofree char *text = load_good_bundle ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = decode (text, MADO_HUB_CONSENT_ALL, &error);
  const MadoSubsidy *s;
  const MadoQuestionnaire *q;
  const MadoQuestionnaireItem *item;
  const MadoImmunization *im;
  const MadoImmunizationDue *due;
  const MadoPregnancyCheckup *pc;
  const MadoInfantCheckup *ic;

  g_assert_no_error (error);
  g_assert_nonnull (b);
  g_assert_cmpstr (b->version, ==, "7");
  g_assert_cmpstr (b->resident_ref, ==, "r-2f9c41");
  g_assert_cmpint (g_date_time_to_unix (b->as_of), ==, 1795220100);
  g_assert_false (b->is_not_disclosed);
  g_assert_cmpstr (b->basic_info.name, ==, "山田 花子");
  g_assert_cmpstr (b->basic_info.name_kana, ==, "ヤマダ ハナコ");
  g_assert_cmpint (g_date_get_year (&b->basic_info.birth_date), ==, 2026);
  g_assert_cmpint (g_date_get_month (&b->basic_info.birth_date), ==, 1);
  g_assert_cmpint (g_date_get_day (&b->basic_info.birth_date), ==, 10);
  g_assert_cmpint (b->basic_info.sex, ==, MADO_SEX_FEMALE);

  g_assert_cmpuint (b->subsidies->len, ==, 1);
  s = g_ptr_array_index (b->subsidies, 0);
  g_assert_cmpstr (s->medical_subsidy_insurer_number, ==, "54016027");
  g_assert_cmpstr (s->medical_subsidy_recipient_number, ==, "1234566");
  g_assert_cmpstr (s->certification_name, ==, "特定医療費（指定難病）受給者証");
  g_assert_cmpint (g_date_get_year (&s->valid_to), ==, 2027);
  g_assert_true (s->has_max_copayment);
  g_assert_cmpint (s->max_copayment_monthly_yen, ==, 10000);
  g_assert_cmpstrv (s->designated_medical_institutions, ((const char *[]) { "1312345678", NULL }));
  g_assert_false (s->is_always_reimbursement);
  g_assert_cmpstr (s->additional_conditions, ==, "01-1;02-0");
  g_assert_cmpint (s->number_check->verdict, ==, MADO_NUMBER_VALID);

  g_assert_cmpuint (b->questionnaires->len, ==, 1);
  q = g_ptr_array_index (b->questionnaires, 0);
  g_assert_true (q->needs_attention);
  g_assert_cmpuint (q->items->len, ==, 2);
  item = g_ptr_array_index (q->items, 0);
  g_assert_cmpint (item->answer_kind, ==, MADO_ANSWER_NUMBER);
  g_assert_cmpfloat_with_epsilon (item->answer_number, 37.6, 1e-9);
  g_assert_cmpstr (item->attention_reason, ==, "37.5℃以上");
  item = g_ptr_array_index (q->items, 1);
  g_assert_cmpint (item->answer_kind, ==, MADO_ANSWER_BOOLEAN);
  g_assert_true (item->answer_boolean);
  g_assert_cmpuint (q->doctor_section->len, ==, 1);
  g_assert_cmpuint (mado_resident_bundle_count_attention (b), ==, 1);

  im = g_ptr_array_index (b->immunizations, 0);
  g_assert_cmpstr (im->vaccine_code, ==, "1234567890123");
  g_assert_cmpstrv (im->target_disease, ((const char *[]) { "B型肝炎", NULL }));
  g_assert_cmpint (im->dose_number, ==, 1);
  g_assert_cmpfloat_with_epsilon (im->dose_quantity_ml, 0.25, 1e-9);
  g_assert_cmpstr (im->status, ==, "completed");
  g_assert_true (im->injectable);
  g_assert_false (im->live);

  due = g_ptr_array_index (b->immunizations_due, 0);
  g_assert_cmpint (due->dose_number, ==, 2);
  g_assert_cmpint (g_date_get_month (&due->due_to), ==, 12);

  pc = g_ptr_array_index (b->maternal_child->pregnancy_checkups, 0);
  g_assert_cmpint (pc->gestation_weeks, ==, 24);
  g_assert_cmpstr (pc->blood_pressure, ==, "118/72");
  ic = g_ptr_array_index (b->maternal_child->infant_checkups, 0);
  g_assert_cmpint (ic->age_months, ==, 4);
  g_assert_cmpfloat_with_epsilon (ic->head_circumference_cm, 40.2, 1e-9);
  g_assert_cmpstr (ic->kind, ==, "3-4months");
  g_assert_cmpint (mado_resident_bundle_get_categories (b), ==, MADO_HUB_CONSENT_ALL);
}

static void
test_consent_filter (void)
{
  g_autofree char *text = load_good_bundle ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = decode (text, MADO_HUB_CONSENT_SUBSIDY, &error);
  g_autoptr(MadoResidentBundle) only_basic = NULL;
  const char *minimal =
    "{\"version\":\"1\",\"asOf\":\"2026-11-21T00:15:00Z\",\"residentRef\":\"r\","
    "\"isNotDisclosed\":false,\"basicInfo\":{\"name\":\"a\",\"nameKana\":\"ア\","
    "\"birthDate\":\"2000-02-29\",\"sex\":\"1\"}}";

  /* Categories sent without consent are dropped, never shown. */
  g_assert_no_error (error);
  g_assert_nonnull (b->subsidies);
  g_assert_null (b->questionnaires);
  g_assert_null (b->immunizations);
  g_assert_null (b->immunizations_due);
  g_assert_null (b->maternal_child);
  g_assert_cmpint (mado_resident_bundle_get_categories (b), ==, MADO_HUB_CONSENT_SUBSIDY);

  /* A bundle the hub filtered itself: absent, not empty. */
  only_basic = decode (minimal, MADO_HUB_CONSENT_ALL, &error);
  g_assert_no_error (error);
  g_assert_null (only_basic->subsidies);
  g_assert_null (only_basic->maternal_child);
  g_assert_cmpint (mado_resident_bundle_get_categories (only_basic), ==, MADO_HUB_CONSENT_NONE);
  g_assert_cmpint (only_basic->basic_info.sex, ==, MADO_SEX_MALE);
}

static void
test_not_disclosed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = NULL;
  const char *text =
    "{\"version\":\"3\",\"asOf\":\"2026-11-21T09:15:00+09:00\",\"residentRef\":\"r-h\","
    "\"isNotDisclosed\":true,\"basicInfo\":{\"name\":\"非開示 太郎\",\"birthDate\":\"1990-02-28\","
    "\"sex\":\"1\",\"nameKana\":\"ヒカイジ\"}}";

  b = decode (text, MADO_HUB_CONSENT_ALL, &error);
  g_assert_no_error (error);
  g_assert_true (b->is_not_disclosed);
  g_assert_cmpstr (b->basic_info.name, ==, "非開示 太郎");
  /* Even though the hub sent them, kana and sex are not kept. */
  g_assert_null (b->basic_info.name_kana);
  g_assert_cmpint (b->basic_info.sex, ==, MADO_SEX_NOT_DISCLOSED);
}

static void
test_unknown_members (void)
{
  g_autofree char *text = mutate ("\"isAlwaysReimbursement\": \"0\",",
                                  "\"isAlwaysReimbursement\": \"0\", \"futureField\": "
                                  "{\"deep\": [1, 2.5, null, {\"x\": \"y\"}]}, \"another\": true,");
  g_autofree char *text2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = decode (text, MADO_HUB_CONSENT_ALL, &error);
  g_autoptr(MadoResidentBundle) b2 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (b);
  g_assert_cmpuint (b->subsidies->len, ==, 1);

  /* At the top level too, and null for an optional member is absent. */
  text2 = mutate ("\"incomeSegment\": \"一般所得Ⅰ\"", "\"incomeSegment\": null");
  b2 = decode (text2, MADO_HUB_CONSENT_ALL, &error);
  g_assert_no_error (error);
  g_assert_null (((MadoSubsidy *) g_ptr_array_index (b2->subsidies, 0))->income_segment);
}

typedef struct {
  const char *name;
  const char *old;
  const char *replacement;
  const char *path;   /* the start of the error message */
} Hostile;

static const Hostile hostile[] = {
  { "sex-3", "\"sex\": \"2\"", "\"sex\": \"3\"", "$.basicInfo.sex:" },
  { "sex-number", "\"sex\": \"2\"", "\"sex\": 2", "$.basicInfo.sex:" },
  { "not-a-day", "\"validFrom\": \"2026-04-01\"", "\"validFrom\": \"2026-02-30\"", "$.subsidies[0].validFrom:" },
  { "date-shape", "\"validFrom\": \"2026-04-01\"", "\"validFrom\": \"2026-4-1\"", "$.subsidies[0].validFrom:" },
  { "period-reversed", "\"validTo\": \"2027-03-31\"", "\"validTo\": \"2025-03-31\"", "$.subsidies[0].validTo:" },
  { "insurer-as-number", "\"54016027\"", "54016027", "$.subsidies[0].medicalSubsidyInsurerNumber:" },
  { "insurer-7-digits", "\"54016027\"", "\"5401602\"", "$.subsidies[0].medicalSubsidyInsurerNumber:" },
  { "insurer-letters", "\"54016027\"", "\"5401602X\"", "$.subsidies[0].medicalSubsidyInsurerNumber:" },
  { "recipient-31", "\"1234566\"", "\"1234567890123456789012345678901\"", "$.subsidies[0].medicalSubsidyRecipientNumber:" },
  { "certification-101", "\"特定医療費（指定難病）受給者証\"",
    "\"12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901\"",
    "$.subsidies[0].certificationName:" },
  { "reimbursement-2", "\"isAlwaysReimbursement\": \"0\"", "\"isAlwaysReimbursement\": \"2\"", "$.subsidies[0].isAlwaysReimbursement:" },
  { "reimbursement-bool", "\"isAlwaysReimbursement\": \"0\"", "\"isAlwaysReimbursement\": false", "$.subsidies[0].isAlwaysReimbursement:" },
  { "copayment-negative", "{ \"monthlyYen\": 10000 }", "{ \"monthlyYen\": -1 }", "$.subsidies[0].maxCopaymentAmount.monthlyYen:" },
  { "copayment-fraction", "{ \"monthlyYen\": 10000 }", "{ \"monthlyYen\": 100.5 }", "$.subsidies[0].maxCopaymentAmount.monthlyYen:" },
  { "institution-9", "[\"1312345678\"]", "[\"131234567\"]", "$.subsidies[0].designatedMedicalInstitutions[0]:" },
  { "institution-number", "[\"1312345678\"]", "[\"1312345678\", 5]", "$.subsidies[0].designatedMedicalInstitutions[1]:" },
  { "nan", "\"answer\": 37.6", "\"answer\": NaN", "$.questionnaires[0].items[0].answer:" },
  { "infinity", "\"answer\": 37.6", "\"answer\": -Infinity", "$.questionnaires[0].items[0].answer:" },
  { "huge-number", "\"answer\": 37.6", "\"answer\": 1e999", NULL },
  { "out-of-range-answer", "\"answer\": 37.6", "\"answer\": 1e7", "$.questionnaires[0].items[0].answer:" },
  { "answer-type-mismatch", "\"answer\": 37.6", "\"answer\": \"37.6\"", "$.questionnaires[0].items[0].answer:" },
  { "answer-object", "\"answer\": 37.6", "\"answer\": {}", "$.questionnaires[0].items[0].answer:" },
  { "answer-type-unknown", "\"answerType\": \"number\"", "\"answerType\": \"slider\"", "$.questionnaires[0].items[0].answerType:" },
  { "attention-string", "\"needsAttention\": true", "\"needsAttention\": \"true\"", "$.questionnaires[0].items[0].needsAttention:" },
  { "translation-word", "\"needsAttention\": true",
    "\"translations\": { \"english\": \"t\" }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations: a member is not one of" },
  { "translation-markup", "\"needsAttention\": true",
    "\"translations\": { \"en-<b>\": \"t\" }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations: a member is not one of" },
  { "translation-unknown", "\"needsAttention\": true",
    "\"translations\": { \"fr\": \"t\" }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations: a member is not one of" },
  { "translation-japanese", "\"needsAttention\": true",
    "\"translations\": { \"ja\": \"t\" }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations: a member is not one of" },
  { "translation-case", "\"needsAttention\": true",
    "\"translations\": { \"zh-hans\": \"t\" }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations: a member is not one of" },
  { "translation-gettext-code", "\"needsAttention\": true",
    "\"translations\": { \"pt_BR\": \"t\" }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations: a member is not one of" },
  { "translation-too-many", "\"needsAttention\": true",
    "\"translations\": { \"en\": \"t\", \"zh-Hans\": \"t\", \"ko\": \"t\", \"vi\": \"t\", \"fil\": \"t\", \"ne\": \"t\", \"pt-BR\": \"t\", \"es\": \"t\" }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations: more than 7 languages" },
  { "translation-number", "\"needsAttention\": true",
    "\"translations\": { \"en\": 5 }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations.en: expected a string" },
  { "translation-empty", "\"needsAttention\": true",
    "\"translations\": { \"en\": \"\" }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations.en: empty string" },
  { "translation-null", "\"needsAttention\": true",
    "\"translations\": { \"en\": null }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations.en: required member missing" },
  { "translation-control", "\"needsAttention\": true",
    "\"translations\": { \"vi\": \"a\\u0007b\" }, \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations.vi: control character" },
  { "translation-array", "\"needsAttention\": true",
    "\"translations\": [\"en\"], \"needsAttention\": true",
    "$.questionnaires[0].items[0].translations: expected an object" },
  { "items-object", "\"items\": [", "\"items\": {\"a\": 1}, \"x\": [", "$.questionnaires[0].items:" },
  { "dose-negative", "\"doseQuantityMl\": 0.25", "\"doseQuantityMl\": -0.25", "$.immunizations[0].doseQuantityMl:" },
  { "dose-number-fraction", "\"doseNumber\": 1,", "\"doseNumber\": 1.5,", "$.immunizations[0].doseNumber:" },
  { "status-unknown", "\"status\": \"completed\"", "\"status\": \"done\"", "$.immunizations[0].status:" },
  { "weeks-fraction", "\"gestationWeeks\": 24", "\"gestationWeeks\": 24.5", "$.maternalChild.pregnancyCheckups[0].gestationWeeks:" },
  { "weeks-60", "\"gestationWeeks\": 24", "\"gestationWeeks\": 60", "$.maternalChild.pregnancyCheckups[0].gestationWeeks:" },
  { "weight-5000", "\"weightKg\": 58.2", "\"weightKg\": 5000", "$.maternalChild.pregnancyCheckups[0].weightKg:" },
  { "blood-pressure", "\"118/72\"", "\"118-72\"", "$.maternalChild.pregnancyCheckups[0].bloodPressure:" },
  { "time-with-space", "\"asOf\": \"2026-11-21T00:15:00Z\"", "\"asOf\": \"2026-11-21 00:15:00Z\"", "$.asOf:" },
  { "time-hour-25", "\"asOf\": \"2026-11-21T00:15:00Z\"", "\"asOf\": \"2026-11-21T25:15:00Z\"", "$.asOf:" },
  { "time-no-offset", "\"asOf\": \"2026-11-21T00:15:00Z\"", "\"asOf\": \"2026-11-21T00:15:00\"", "$.asOf:" },
  { "time-week-date", "\"2026-11-20T09:12:00Z\"", "\"2026-W47-5T09:12:00Z\"", "$.questionnaires[0].answeredAt:" },
  { "disclosed-as-string", "\"isNotDisclosed\": false", "\"isNotDisclosed\": \"false\"", "$.isNotDisclosed:" },
  { "missing-resident-ref", "\"residentRef\": \"r-2f9c41\",", "", "$.residentRef:" },
  { "missing-name", "\"name\": \"山田 花子\", ", "", "$.basicInfo.name:" },
  { "missing-insurer", "\"medicalSubsidyInsurerNumber\": \"54016027\",", "", "$.subsidies[0].medicalSubsidyInsurerNumber:" },
  { "missing-occurrence", "\"occurrenceDate\": \"2026-03-10\",", "", "$.immunizations[0].occurrenceDate:" },
  { "missing-code", "\"code\": \"1234567890123\",", "", "$.immunizations[0].vaccineCode.code:" },
  { "missing-infant-date", "\"date\": \"2026-05-12\",", "", "$.maternalChild.infantCheckups[0].date:" },
  { "required-null", "\"residentRef\": \"r-2f9c41\"", "\"residentRef\": null", "$.residentRef:" },
  { "empty-string", "\"residentRef\": \"r-2f9c41\"", "\"residentRef\": \"\"", "$.residentRef:" },
  { "control-character", "\"notes\": \"順調\"", "\"notes\": \"a\\u0001b\"", "$.maternalChild.infantCheckups[0].notes:" },
  { "escaped-nul", "\"notes\": \"順調\"", "\"notes\": \"a\\u0000b\"", "$.maternalChild.infantCheckups[0].notes:" },
  { "lone-surrogate", "\"notes\": \"順調\"", "\"notes\": \"\\ud800\"", "$.maternalChild.infantCheckups[0].notes:" },
  { "duplicate-top", "\"version\": \"7\",", "\"version\": \"7\", \"version\": \"8\",", "$.version: duplicate" },
  { "duplicate-escaped", "\"sex\": \"2\"", "\"sex\": \"2\", \"s\\u0065x\": \"1\"", "$.basicInfo.sex: duplicate" },
  { "duplicate-deep", "\"monthlyYen\": 10000", "\"monthlyYen\": 10000, \"monthlyYen\": 0",
    "$.subsidies[0].maxCopaymentAmount.monthlyYen: duplicate" },
  { "comment", "\"version\": \"7\",", "/* hi */ \"version\": \"7\",", "$:" },
  { "single-quotes", "\"version\": \"7\",", "'version': '7',", "$:" },
  { "trailing-comma", "\"injectable\": true", "\"injectable\": true,", "$.immunizations[0]:" },
  { "leading-zero", "\"doseNumber\": 2,", "\"doseNumber\": 02,", "$.immunizationsDue[0].doseNumber:" },
  { "hex-number", "\"doseNumber\": 2,", "\"doseNumber\": 0x2,", "$.immunizationsDue[0].doseNumber:" },
  { "bundle-is-array", "\"subsidies\": [ {", "\"subsidies\": [ [], {", "$.subsidies[0]:" },
};

static void
test_hostile (gconstpointer data)
{
  const Hostile *h = data;
  g_autofree char *text = mutate (h->old, h->replacement);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = decode (text, MADO_HUB_CONSENT_ALL, &error);

  g_assert_null (b);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
  if (h->path != NULL && !g_str_has_prefix (error->message, h->path))
    g_error ("%s: expected “%s…”, got “%s”", h->name, h->path, error->message);
}

static const MadoQuestionnaireItem *
first_item (const MadoResidentBundle *b)
{
  const MadoQuestionnaire *q = g_ptr_array_index (b->questionnaires, 0);

  return g_ptr_array_index (q->items, 0);
}

/* Translations of an item's text: kept in the hub's order, found by the
 * resident's language through the hub's tag for it, sanitised like the
 * text (a bidi override becomes U+FFFD). */
static void
test_translations (void)
{
  g_autofree char *text = mutate ("\"needsAttention\": true",
                                  "\"translations\": { \"en\": \"Temperature today\", "
                                  "\"zh-Hans\": \"今天的体温\", \"pt-BR\": \"Tempe\\u202Eratura\" }, "
                                  "\"needsAttention\": true");
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = decode (text, MADO_HUB_CONSENT_ALL, &error);
  const MadoQuestionnaireItem *item;
  const char *const order[] = { "en", "zh-Hans", "pt-BR", NULL };

  g_assert_no_error (error);
  item = first_item (b);
  g_assert_true (g_strv_equal ((const char * const *) item->translation_languages, order));
  g_assert_cmpstr (mado_questionnaire_item_get_text_in (item, "en"), ==, "Temperature today");
  g_assert_cmpstr (mado_questionnaire_item_get_text_in (item, "zh_CN"), ==, "今天的体温");
  g_assert_cmpstr (mado_questionnaire_item_get_text_in (item, "pt_BR"), ==, "Tempe\uFFFDratura");
  g_assert_null (mado_questionnaire_item_get_text_in (item, "ko"));
  g_assert_null (mado_questionnaire_item_get_text_in (item, "ja"));
  g_assert_cmpstr (item->text, ==, "今日の体温");
  /* Answers are untouched by a translation. */
  g_assert_cmpstr (item->item_id, ==, "temperature");
  g_assert_cmpint (item->answer_kind, ==, MADO_ANSWER_NUMBER);
}

/* No translation, or an empty object: nothing kept, nothing found. */
static void
test_no_translations (void)
{
  g_autofree char *text = mutate ("\"needsAttention\": true", "\"translations\": {}, \"needsAttention\": true");
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = decode (text, MADO_HUB_CONSENT_ALL, &error);

  g_assert_no_error (error);
  g_assert_null (first_item (b)->translation_languages);
  g_assert_null (mado_questionnaire_item_get_text_in (first_item (b), "en"));
}

/* A translation as long as `text` may be is kept; one character more
 * refuses the bundle. */
static void
test_translation_length (void)
{
  for (guint length = 1000; length <= 1001; length++)
    {
      g_autofree char *long_text = g_strnfill (length, 'a');
      g_autofree char *translations = g_strdup_printf ("\"translations\": { \"vi\": \"%s\" }, "
                                                       "\"needsAttention\": true", long_text);
      g_autofree char *text = mutate ("\"needsAttention\": true", translations);
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoResidentBundle) b = decode (text, MADO_HUB_CONSENT_ALL, &error);

      if (length == 1000)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (mado_questionnaire_item_get_text_in (first_item (b), "vi"), ==, long_text);
          continue;
        }
      g_assert_null (b);
      g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
      g_assert_cmpstr (error->message, ==,
                       "$.questionnaires[0].items[0].translations.vi: longer than 1000 characters");
    }
}

static MadoQuestionnaire *
questionnaire_at (const char *id,
                  const char *answered_at)
{
  MadoQuestionnaire *q = mado_questionnaire_new ();

  q->questionnaire_id = g_strdup (id);
  q->answered_at = answered_at != NULL ? g_date_time_new_from_iso8601 (answered_at, NULL) : NULL;
  return q;
}

/* The patient window shows the latest questionnaire only: the latest
 * answeredAt, wherever the hub lists it; one without a date only when
 * none has one. */
static void
test_latest_questionnaire (void)
{
  g_autoptr(MadoResidentBundle) b = mado_resident_bundle_new ();

  g_assert_null (mado_resident_bundle_get_latest_questionnaire (b));
  b->questionnaires = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_questionnaire_free);
  g_assert_null (mado_resident_bundle_get_latest_questionnaire (b));
  g_ptr_array_add (b->questionnaires, questionnaire_at ("undated", NULL));
  g_assert_cmpstr (mado_resident_bundle_get_latest_questionnaire (b)->questionnaire_id, ==, "undated");
  g_ptr_array_add (b->questionnaires, questionnaire_at ("older", "2026-05-01T09:00:00Z"));
  g_ptr_array_add (b->questionnaires, questionnaire_at ("latest", "2026-11-20T09:12:00Z"));
  g_ptr_array_add (b->questionnaires, questionnaire_at ("middle", "2026-08-01T09:00:00Z"));
  g_assert_cmpstr (mado_resident_bundle_get_latest_questionnaire (b)->questionnaire_id, ==, "latest");
}

static void
test_trailing_garbage (void)
{
  g_autofree char *good = load_good_bundle ();
  g_autofree char *text = g_strconcat (good, "x", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = decode (text, MADO_HUB_CONSENT_ALL, &error);

  g_assert_null (b);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
  g_assert_nonnull (strstr (error->message, "after the JSON value"));
}

static void
check_deep (const char *open,
            const char *close)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (text, open);
  g_string_append (text, "1");
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, close);
  b = mado_bundle_decode (text->str, text->len, MADO_HUB_CONSENT_ALL, &error);
  g_assert_null (b);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  g_string_free (text, TRUE);
}

static gpointer
deep_thread (gpointer data)
{
  check_deep ("[", "]");
  check_deep ("{\"a\":", "}");
  return GINT_TO_POINTER (1);
}

static void
test_deep_nesting (void)
{
  /* In a worker thread, as in the client: its stack is smaller than main's. */
  GThread *thread = g_thread_new ("deep", deep_thread, NULL);

  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (thread)), ==, 1);
  check_deep ("[", "]");
}

static void
test_invalid_utf8 (void)
{
  static const char *const bad[] = {
    "\xff", "\xc3\x28", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe3\x81",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *replacement = g_strdup_printf ("\"name\": \"a%sb\", ", bad[i]);
      g_autofree char *text = mutate ("\"name\": \"山田 花子\", ", replacement);
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoResidentBundle) b = decode (text, MADO_HUB_CONSENT_ALL, &error);

      g_assert_null (b);
      g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
    }
}

static void
test_nul_byte (void)
{
  g_autofree char *text = load_good_bundle ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = NULL;
  gsize length = strlen (text);

  /* Inside a string the decoder would otherwise see a shorter name. */
  text[strstr (text, "花子") - text] = '\0';
  b = mado_bundle_decode (text, length, MADO_HUB_CONSENT_ALL, &error);
  g_assert_null (b);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
}

static void
test_size_bound (void)
{
  gsize big = 10 * 1024 * 1024;
  g_autofree char *text = g_malloc (big);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = NULL;
  g_autoptr(GString) padded = NULL;
  g_autofree char *good = load_good_bundle ();

  memset (text, ' ', big);
  text[0] = '{';
  text[big - 1] = '}';
  b = mado_bundle_decode (text, big, MADO_HUB_CONSENT_ALL, &error);
  g_assert_null (b);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_RESPONSE_TOO_LARGE);
  g_clear_error (&error);

  /* Just under the bound, with a 3 MB unknown member: fine. */
  padded = g_string_new ("{\"padding\": \"");
  for (gsize i = 0; i < 3 * 1024 * 1024; i++)
    g_string_append_c (padded, 'x');
  g_string_append (padded, "\", ");
  g_string_append (padded, good + 1);
  b = mado_bundle_decode (padded->str, padded->len, MADO_HUB_CONSENT_ALL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);
}

static void
test_array_bound (void)
{
  GString *many = g_string_new ("\"subsidies\": [");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = NULL;

  for (guint i = 0; i < 51; i++)
    g_string_append_printf (many, "%s{}", i > 0 ? "," : "");
  g_string_append (many, "], \"x\": [ {");
  text = mutate ("\"subsidies\": [ {", many->str);
  g_string_free (many, TRUE);
  b = decode (text, MADO_HUB_CONSENT_ALL, &error);
  g_assert_null (b);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
  g_assert_true (g_str_has_prefix (error->message, "$.subsidies: more than 50"));
}

/* A bundle inside a verification answer, as the hub sends it first. */
static void
test_verification_paths (void)
{
  g_autofree char *good = load_good_bundle ();
  g_autofree char *bad = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubVerification) v = NULL;

  text = g_strdup_printf ("{\"residentToken\":\"tok-123_abc.def~\","
                          "\"tokenExpiresAt\":\"2026-11-21T00:30:00Z\","
                          "\"residentRef\":\"r-2f9c41\",\"certificateSha256\":\"abababababababababababababababababababababababababababababababab\","
                          "\"bundle\":%s}", good);
  v = mado_hub_decode_verification (text, strlen (text), MADO_HUB_CONSENT_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v->resident_token, ==, "tok-123_abc.def~");
  g_assert_cmpstr (v->bundle->version, ==, "7");
  g_assert_cmpstr (v->resident_ref, ==, "r-2f9c41");
  g_clear_pointer (&v, mado_hub_verification_free);

  /* Without what binds it to its request, the answer is malformed. */
  g_free (text);
  text = g_strdup_printf ("{\"residentToken\":\"t\",\"tokenExpiresAt\":\"2026-11-21T00:30:00Z\","
                          "\"residentRef\":\"r-2f9c41\",\"bundle\":%s}", good);
  v = mado_hub_decode_verification (text, strlen (text), MADO_HUB_CONSENT_ALL, &error);
  g_assert_null (v);
  g_assert_true (g_str_has_prefix (error->message, "$.certificateSha256:"));
  g_clear_error (&error);

  /* Paths inside the bundle are prefixed by its member name. */
  bad = g_strdup_printf ("{\"residentToken\":\"t\",\"tokenExpiresAt\":\"2026-11-21T00:30:00Z\","
                         "\"bundle\":%s}", strstr (good, "{"));
  strstr (bad, "\"2\" }")[1] = '3';
  v = mado_hub_decode_verification (bad, strlen (bad), MADO_HUB_CONSENT_ALL, &error);
  g_assert_null (v);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
  g_assert_true (g_str_has_prefix (error->message, "$.bundle.basicInfo.sex:"));
  g_clear_error (&error);

  /* A token that would break the URL path. */
  g_free (text);
  text = g_strdup_printf ("{\"residentToken\":\"a/../b\",\"tokenExpiresAt\":\"2026-11-21T00:30:00Z\","
                          "\"bundle\":%s}", good);
  v = mado_hub_decode_verification (text, strlen (text), MADO_HUB_CONSENT_ALL, &error);
  g_assert_null (v);
  g_assert_true (g_str_has_prefix (error->message, "$.residentToken:"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/bundle-decode/good", test_good_bundle);
  g_test_add_func ("/hub/bundle-decode/consent-filter", test_consent_filter);
  g_test_add_func ("/hub/bundle-decode/not-disclosed", test_not_disclosed);
  g_test_add_func ("/hub/bundle-decode/unknown-members", test_unknown_members);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hub/bundle-decode/hostile/%s", hostile[i].name);

      g_test_add_data_func (path, &hostile[i], test_hostile);
    }
  g_test_add_func ("/hub/bundle-decode/translations", test_translations);
  g_test_add_func ("/hub/bundle-decode/translations/none", test_no_translations);
  g_test_add_func ("/hub/bundle-decode/translations/length", test_translation_length);
  g_test_add_func ("/hub/bundle-decode/latest-questionnaire", test_latest_questionnaire);
  g_test_add_func ("/hub/bundle-decode/trailing-garbage", test_trailing_garbage);
  g_test_add_func ("/hub/bundle-decode/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hub/bundle-decode/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/hub/bundle-decode/nul-byte", test_nul_byte);
  g_test_add_func ("/hub/bundle-decode/size-bound", test_size_bound);
  g_test_add_func ("/hub/bundle-decode/array-bound", test_array_bound);
  g_test_add_func ("/hub/bundle-decode/in-verification", test_verification_paths);

  return g_test_run ();
}
