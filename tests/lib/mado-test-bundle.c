/* mado-test-bundle.c — two decoded bundles compared field by field
 *
 * What the cache round trip promises is equality of the decoded values,
 * not of the text: the unit tests and the fuzz target compare with this.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-test-bundle.h"

static void
assert_same_date (const GDate *a,
                  const GDate *b)
{
  g_assert_cmpint (g_date_valid (a), ==, g_date_valid (b));
  if (g_date_valid (a))
    g_assert_cmpuint (g_date_get_julian (a), ==, g_date_get_julian (b));
}

static void
assert_same_time (GDateTime *a,
                  GDateTime *b)
{
  g_assert_cmpint (a == NULL, ==, b == NULL);
  if (a == NULL)
    return;
  g_assert_cmpint (g_date_time_to_unix (a), ==, g_date_time_to_unix (b));
  g_assert_cmpint (g_date_time_get_microsecond (a), ==, g_date_time_get_microsecond (b));
  g_assert_cmpint (g_date_time_get_utc_offset (a), ==, g_date_time_get_utc_offset (b));
}

static void
assert_same_strv (GStrv a,
                  GStrv b)
{
  g_assert_cmpint (a == NULL, ==, b == NULL);
  if (a != NULL)
    g_assert_cmpstrv (a, b);
}

typedef void (*AssertSameFunc) (gconstpointer a,
                                gconstpointer b);

static void
assert_same_array (GPtrArray      *a,
                   GPtrArray      *b,
                   AssertSameFunc  assert_same)
{
  g_assert_cmpint (a == NULL, ==, b == NULL);
  if (a == NULL)
    return;
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_same (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

static void
assert_same_subsidy (gconstpointer pa,
                     gconstpointer pb)
{
  const MadoSubsidy *a = pa, *b = pb;

  g_assert_cmpstr (a->medical_subsidy_insurer_number, ==, b->medical_subsidy_insurer_number);
  g_assert_cmpstr (a->medical_subsidy_recipient_number, ==, b->medical_subsidy_recipient_number);
  g_assert_cmpstr (a->certification_name, ==, b->certification_name);
  assert_same_date (&a->valid_from, &b->valid_from);
  assert_same_date (&a->valid_to, &b->valid_to);
  g_assert_cmpstr (a->income_segment, ==, b->income_segment);
  g_assert_cmpint (a->has_max_copayment, ==, b->has_max_copayment);
  g_assert_cmpint (a->max_copayment_monthly_yen, ==, b->max_copayment_monthly_yen);
  assert_same_strv (a->designated_medical_institutions, b->designated_medical_institutions);
  g_assert_cmpint (a->is_always_reimbursement, ==, b->is_always_reimbursement);
  g_assert_cmpstr (a->additional_conditions, ==, b->additional_conditions);
  g_assert_cmpint (a->number_check->verdict, ==, b->number_check->verdict);
}

static void
assert_same_item (gconstpointer pa,
                  gconstpointer pb)
{
  const MadoQuestionnaireItem *a = pa, *b = pb;

  g_assert_cmpstr (a->item_id, ==, b->item_id);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_cmpstr (a->answer_type, ==, b->answer_type);
  g_assert_cmpstr (a->unit, ==, b->unit);
  g_assert_cmpint (a->answer_kind, ==, b->answer_kind);
  /* Exactly the same double, not merely a close one. */
  g_assert_true (a->answer_number == b->answer_number);
  g_assert_cmpint (a->answer_boolean, ==, b->answer_boolean);
  g_assert_cmpstr (a->answer_text, ==, b->answer_text);
  g_assert_cmpint (a->needs_attention, ==, b->needs_attention);
  g_assert_cmpstr (a->attention_reason, ==, b->attention_reason);
  g_assert_true ((a->translation_languages == NULL) == (b->translation_languages == NULL));
  if (a->translation_languages != NULL)
    {
      g_assert_true (g_strv_equal ((const char * const *) a->translation_languages,
                                   (const char * const *) b->translation_languages));
      g_assert_true (g_strv_equal ((const char * const *) a->translation_texts,
                                   (const char * const *) b->translation_texts));
    }
}

static void
assert_same_doctor_item (gconstpointer pa,
                         gconstpointer pb)
{
  const MadoDoctorItem *a = pa, *b = pb;

  g_assert_cmpstr (a->item_id, ==, b->item_id);
  g_assert_cmpstr (a->text, ==, b->text);
}

static void
assert_same_questionnaire (gconstpointer pa,
                           gconstpointer pb)
{
  const MadoQuestionnaire *a = pa, *b = pb;

  g_assert_cmpstr (a->questionnaire_id, ==, b->questionnaire_id);
  g_assert_cmpstr (a->form_code, ==, b->form_code);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->vaccine, ==, b->vaccine);
  assert_same_time (a->answered_at, b->answered_at);
  assert_same_array (a->items, b->items, assert_same_item);
  assert_same_array (a->doctor_section, b->doctor_section, assert_same_doctor_item);
  g_assert_cmpint (a->needs_attention, ==, b->needs_attention);
}

static void
assert_same_immunization (gconstpointer pa,
                          gconstpointer pb)
{
  const MadoImmunization *a = pa, *b = pb;

  g_assert_cmpstr (a->vaccine_code_system, ==, b->vaccine_code_system);
  g_assert_cmpstr (a->vaccine_code, ==, b->vaccine_code);
  g_assert_cmpstr (a->vaccine_code_display, ==, b->vaccine_code_display);
  assert_same_strv (a->target_disease, b->target_disease);
  assert_same_date (&a->occurrence_date, &b->occurrence_date);
  g_assert_cmpint (a->dose_number, ==, b->dose_number);
  g_assert_cmpstr (a->lot_number, ==, b->lot_number);
  g_assert_cmpstr (a->site, ==, b->site);
  g_assert_cmpint (a->has_dose_quantity, ==, b->has_dose_quantity);
  g_assert_true (a->dose_quantity_ml == b->dose_quantity_ml);
  g_assert_cmpstr (a->performer, ==, b->performer);
  g_assert_cmpstr (a->status, ==, b->status);
  g_assert_cmpint (a->live, ==, b->live);
  g_assert_cmpint (a->injectable, ==, b->injectable);
}

static void
assert_same_due (gconstpointer pa,
                 gconstpointer pb)
{
  const MadoImmunizationDue *a = pa, *b = pb;

  g_assert_cmpstr (a->vaccine, ==, b->vaccine);
  g_assert_cmpint (a->dose_number, ==, b->dose_number);
  assert_same_date (&a->due_from, &b->due_from);
  assert_same_date (&a->due_to, &b->due_to);
}

static void
assert_same_pregnancy (gconstpointer pa,
                       gconstpointer pb)
{
  const MadoPregnancyCheckup *a = pa, *b = pb;

  assert_same_date (&a->date, &b->date);
  g_assert_cmpint (a->gestation_weeks, ==, b->gestation_weeks);
  g_assert_cmpint (a->has_weight, ==, b->has_weight);
  g_assert_true (a->weight_kg == b->weight_kg);
  g_assert_cmpstr (a->blood_pressure, ==, b->blood_pressure);
  g_assert_cmpstr (a->findings, ==, b->findings);
}

static void
assert_same_infant (gconstpointer pa,
                    gconstpointer pb)
{
  const MadoInfantCheckup *a = pa, *b = pb;

  assert_same_date (&a->date, &b->date);
  g_assert_cmpstr (a->kind, ==, b->kind);
  g_assert_cmpint (a->age_months, ==, b->age_months);
  g_assert_cmpint (a->has_height, ==, b->has_height);
  g_assert_true (a->height_cm == b->height_cm);
  g_assert_cmpint (a->has_weight, ==, b->has_weight);
  g_assert_true (a->weight_kg == b->weight_kg);
  g_assert_cmpint (a->has_head_circumference, ==, b->has_head_circumference);
  g_assert_true (a->head_circumference_cm == b->head_circumference_cm);
  g_assert_cmpint (a->has_chest_circumference, ==, b->has_chest_circumference);
  g_assert_true (a->chest_circumference_cm == b->chest_circumference_cm);
  g_assert_cmpstr (a->urine_test, ==, b->urine_test);
  g_assert_cmpstr (a->notes, ==, b->notes);
}

/**
 * mado_test_assert_same_bundle:
 *
 * Aborts unless @a and @b hold the same values, doubles bit for bit and
 * times with the same instant, fraction and offset.
 */
void
mado_test_assert_same_bundle (const MadoResidentBundle *a,
                              const MadoResidentBundle *b)
{
  g_assert_cmpstr (a->version, ==, b->version);
  assert_same_time (a->as_of, b->as_of);
  g_assert_cmpstr (a->resident_ref, ==, b->resident_ref);
  g_assert_cmpint (a->is_not_disclosed, ==, b->is_not_disclosed);
  g_assert_cmpstr (a->basic_info.name, ==, b->basic_info.name);
  g_assert_cmpstr (a->basic_info.name_kana, ==, b->basic_info.name_kana);
  assert_same_date (&a->basic_info.birth_date, &b->basic_info.birth_date);
  g_assert_cmpint (a->basic_info.sex, ==, b->basic_info.sex);
  assert_same_array (a->subsidies, b->subsidies, assert_same_subsidy);
  assert_same_array (a->questionnaires, b->questionnaires, assert_same_questionnaire);
  assert_same_array (a->immunizations, b->immunizations, assert_same_immunization);
  assert_same_array (a->immunizations_due, b->immunizations_due, assert_same_due);
  g_assert_cmpint (a->maternal_child == NULL, ==, b->maternal_child == NULL);
  if (a->maternal_child == NULL)
    return;
  assert_same_array (a->maternal_child->pregnancy_checkups,
                     b->maternal_child->pregnancy_checkups, assert_same_pregnancy);
  assert_same_array (a->maternal_child->infant_checkups,
                     b->maternal_child->infant_checkups, assert_same_infant);
}
