/* test-bundle-encode.c — a decoded bundle encoded again decodes to the same values
 *
 * What the offline cache stores is the bundle the hub sent, decoded and
 * encoded again: each fixture bundle is decoded, encoded, decoded once more
 * and compared field by field with the first decoding.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-util.h"

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

static void
assert_same_bundle (const MadoResidentBundle *a,
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

/* Decodes @text, encodes the result, decodes that and compares; the second
 * encoding must also be byte for byte the first. */
static void
assert_round_trip (const char     *text,
                   gsize           length,
                   MadoHubConsent  consent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) sent = mado_bundle_decode (text, length, consent, &error);
  g_autoptr(MadoResidentBundle) cached = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (sent);
  bytes = mado_bundle_encode_bytes (sent);
  cached = mado_bundle_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               consent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cached);
  assert_same_bundle (sent, cached);
  again = mado_bundle_encode_bytes (cached);
  g_assert_true (g_bytes_equal (bytes, again));
}

static void
test_file (gconstpointer data)
{
  gsize length;
  g_autofree char *text = mado_test_read_source_file (data, &length);

  assert_round_trip (text, length, MADO_HUB_CONSENT_ALL);
  assert_round_trip (text, length, MADO_HUB_CONSENT_SUBSIDY);
  assert_round_trip (text, length, MADO_HUB_CONSENT_VACCINATION | MADO_HUB_CONSENT_MATERNAL_CHILD);
}

static void
add_file_test (const char *folder,
               const char *name)
{
  g_autofree char *test_path = g_strdup_printf ("/hub/bundle-encode/round-trip/%s", name);

  g_test_add_data_func_full (test_path, g_build_filename (folder, name, NULL), test_file, g_free);
}

/* The fixtures' "@today-300d" (and "@today-1dT09:12:00Z") as the training
 * hub resolves them; these fixtures use no unit but days. */
static void
resolve_relative_dates (JsonNode    *node,
                        const GDate *today)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        resolve_relative_dates (l->data, today);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        resolve_relative_dates (json_array_get_element (array, i), today);
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING &&
           g_str_has_prefix (json_node_get_string (node), "@today"))
    {
      const char *text = json_node_get_string (node) + strlen ("@today");
      char *end;
      gint64 days = g_ascii_strtoll (text, &end, 10);
      GDate date = *today;
      g_autofree char *resolved = NULL;

      g_assert_true (*end == 'd');
      if (days >= 0)
        g_date_add_days (&date, (guint) days);
      else
        g_date_subtract_days (&date, (guint) -days);
      resolved = g_strdup_printf ("%04u-%02u-%02u%s", (guint) g_date_get_year (&date),
                                  (guint) g_date_get_month (&date), (guint) g_date_get_day (&date),
                                  end + 1);
      json_node_set_string (node, resolved);
    }
}

/* The training hub's residents, as it sends them: dates resolved and an
 * asOf added, here one with an offset and a fraction of a second. */
static void
test_training_residents (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixtures = mado_test_read_source_file ("data/training-hub/fixtures.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GDate today;
  JsonArray *residents;

  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);

  json_parser_load_from_data (parser, fixtures, -1, &error);
  g_assert_no_error (error);
  residents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "residents");
  g_assert_cmpuint (json_array_get_length (residents), >, 0);
  for (guint i = 0; i < json_array_get_length (residents); i++)
    {
      JsonObject *resident = json_array_get_object_element (residents, i);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      json_object_set_string_member (resident, "asOf", "2026-11-21T09:15:00.25+09:00");
      json_node_set_object (node, resident);
      resolve_relative_dates (node, &today);
      text = mado_json_write_to_string (node, FALSE);
      assert_round_trip (text, strlen (text), MADO_HUB_CONSENT_ALL);
    }
}

/* Numbers the decoder accepts in any spelling come back as the same double. */
static void
test_numbers (void)
{
  static const char *const answers[] = { "37.6", "0.1", "3120", "1e2", "-0.5", "36.95",
                                         "0.30000000000000004" };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"version\":\"1\",\"asOf\":\"2026-11-21T00:15:00Z\",\"residentRef\":\"r-1\","
        "\"isNotDisclosed\":false,\"basicInfo\":{\"name\":\"山田 花子\",\"nameKana\":\"ヤマダ ハナコ\","
        "\"birthDate\":\"2026-01-10\",\"sex\":\"2\"},\"questionnaires\":[{\"questionnaireId\":\"q\","
        "\"formCode\":\"f\",\"title\":\"予診票\",\"items\":[{\"itemId\":\"t\",\"text\":\"体温\","
        "\"answerType\":\"number\",\"answer\":%s}]}]}", answers[i]);

      assert_round_trip (text, strlen (text), MADO_HUB_CONSENT_ALL);
    }
}

int
main (int    argc,
      char **argv)
{
  static const char *const corpus[] = { "full-bundle.json", "not-disclosed.json" };
  static const char *const ui[] = { "resident-infant.json", "resident-mother.json",
                                    "resident-nanbyo.json", "resident-withheld.json" };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    add_file_test ("tests/fuzz/corpus/hub-bundle", corpus[i]);
  for (guint i = 0; i < G_N_ELEMENTS (ui); i++)
    add_file_test ("tests/ui/data", ui[i]);
  g_test_add_func ("/hub/bundle-encode/round-trip/training-residents", test_training_residents);
  g_test_add_func ("/hub/bundle-encode/round-trip/numbers", test_numbers);
  return g_test_run ();
}
