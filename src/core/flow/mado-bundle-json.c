/* mado-bundle-json.c — a resident bundle back to the hub API's JSON, and a compact JSON writer
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mado-bundle-json.h"

/* -- building --------------------------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_date (JsonBuilder *b,
          const char  *name,
          const GDate *date)
{
  char text[16];

  if (!g_date_valid (date))
    return;
  g_snprintf (text, sizeof text, "%04u-%02u-%02u", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
  add_string (b, name, text);
}

static void
add_time (JsonBuilder *b,
          const char  *name,
          GDateTime   *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  text = g_date_time_format_iso8601 (time);
  add_string (b, name, text);
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            gboolean     present,
            double       value)
{
  if (!present)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gboolean     present,
         gint64       value)
{
  if (!present)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_strv (JsonBuilder *b,
          const char  *name,
          GStrv        values)
{
  if (values == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (gsize i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

typedef void (*AddItemFunc) (JsonBuilder *b,
                             gconstpointer item);

static void
add_array (JsonBuilder *b,
           const char  *name,
           GPtrArray   *items,
           AddItemFunc  add_item)
{
  if (items == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (b);
      add_item (b, g_ptr_array_index (items, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_subsidy (JsonBuilder   *b,
             gconstpointer  item)
{
  const MadoSubsidy *s = item;

  add_string (b, "medicalSubsidyInsurerNumber", s->medical_subsidy_insurer_number);
  add_string (b, "medicalSubsidyRecipientNumber", s->medical_subsidy_recipient_number);
  add_string (b, "certificationName", s->certification_name);
  add_date (b, "validFrom", &s->valid_from);
  add_date (b, "validTo", &s->valid_to);
  add_string (b, "incomeSegment", s->income_segment);
  if (s->has_max_copayment)
    {
      json_builder_set_member_name (b, "maxCopaymentAmount");
      json_builder_begin_object (b);
      add_int (b, "monthlyYen", TRUE, s->max_copayment_monthly_yen);
      json_builder_end_object (b);
    }
  add_strv (b, "designatedMedicalInstitutions", s->designated_medical_institutions);
  add_string (b, "isAlwaysReimbursement", s->is_always_reimbursement ? "1" : "0");
  add_string (b, "additionalConditions", s->additional_conditions);
}

static void
add_questionnaire_item (JsonBuilder   *b,
                        gconstpointer  data)
{
  const MadoQuestionnaireItem *item = data;

  add_string (b, "itemId", item->item_id);
  add_string (b, "text", item->text);
  add_string (b, "answerType", item->answer_type);
  add_string (b, "unit", item->unit);
  switch (item->answer_kind)
    {
    case MADO_ANSWER_NUMBER:
      add_double (b, "answer", TRUE, item->answer_number);
      break;
    case MADO_ANSWER_BOOLEAN:
      add_bool (b, "answer", item->answer_boolean);
      break;
    case MADO_ANSWER_TEXT:
      add_string (b, "answer", item->answer_text);
      break;
    case MADO_ANSWER_NONE:
    default:
      break;
    }
  add_bool (b, "needsAttention", item->needs_attention);
  add_string (b, "attentionReason", item->attention_reason);
}

static void
add_doctor_item (JsonBuilder   *b,
                 gconstpointer  data)
{
  const MadoDoctorItem *item = data;

  add_string (b, "itemId", item->item_id);
  add_string (b, "text", item->text);
}

static void
add_questionnaire (JsonBuilder   *b,
                   gconstpointer  data)
{
  const MadoQuestionnaire *q = data;

  add_string (b, "questionnaireId", q->questionnaire_id);
  add_string (b, "formCode", q->form_code);
  add_string (b, "title", q->title);
  add_string (b, "vaccine", q->vaccine);
  add_time (b, "answeredAt", q->answered_at);
  add_array (b, "items", q->items, add_questionnaire_item);
  add_array (b, "doctorSection", q->doctor_section, add_doctor_item);
}

static void
add_immunization (JsonBuilder   *b,
                  gconstpointer  data)
{
  const MadoImmunization *im = data;

  json_builder_set_member_name (b, "vaccineCode");
  json_builder_begin_object (b);
  add_string (b, "system", im->vaccine_code_system);
  add_string (b, "code", im->vaccine_code);
  add_string (b, "display", im->vaccine_code_display);
  json_builder_end_object (b);
  add_strv (b, "targetDisease", im->target_disease);
  add_date (b, "occurrenceDate", &im->occurrence_date);
  add_int (b, "doseNumber", im->dose_number > 0, im->dose_number);
  add_string (b, "lotNumber", im->lot_number);
  add_string (b, "site", im->site);
  add_double (b, "doseQuantityMl", im->has_dose_quantity, im->dose_quantity_ml);
  add_string (b, "performer", im->performer);
  add_string (b, "status", im->status);
  add_bool (b, "live", im->live);
  add_bool (b, "injectable", im->injectable);
}

static void
add_immunization_due (JsonBuilder   *b,
                      gconstpointer  data)
{
  const MadoImmunizationDue *due = data;

  add_string (b, "vaccine", due->vaccine);
  add_int (b, "doseNumber", due->dose_number > 0, due->dose_number);
  add_date (b, "dueFrom", &due->due_from);
  add_date (b, "dueTo", &due->due_to);
}

static void
add_pregnancy_checkup (JsonBuilder   *b,
                       gconstpointer  data)
{
  const MadoPregnancyCheckup *c = data;

  add_date (b, "date", &c->date);
  add_int (b, "gestationWeeks", c->gestation_weeks >= 0, c->gestation_weeks);
  add_double (b, "weightKg", c->has_weight, c->weight_kg);
  add_string (b, "bloodPressure", c->blood_pressure);
  add_string (b, "findings", c->findings);
}

static void
add_infant_checkup (JsonBuilder   *b,
                    gconstpointer  data)
{
  const MadoInfantCheckup *c = data;

  add_date (b, "date", &c->date);
  add_string (b, "kind", c->kind);
  add_int (b, "ageMonths", c->age_months >= 0, c->age_months);
  add_double (b, "heightCm", c->has_height, c->height_cm);
  add_double (b, "weightKg", c->has_weight, c->weight_kg);
  add_double (b, "headCircumferenceCm", c->has_head_circumference, c->head_circumference_cm);
  add_double (b, "chestCircumferenceCm", c->has_chest_circumference, c->chest_circumference_cm);
  add_string (b, "urineTest", c->urine_test);
  add_string (b, "notes", c->notes);
}

static void
add_basic_info (JsonBuilder              *b,
                const MadoResidentBundle *bundle)
{
  const MadoBasicInfo *info = &bundle->basic_info;

  json_builder_set_member_name (b, "basicInfo");
  json_builder_begin_object (b);
  add_string (b, "name", info->name);
  /* A not-disclosed resident's bundle carries nothing beyond these two. */
  if (!bundle->is_not_disclosed)
    add_string (b, "nameKana", info->name_kana);
  add_date (b, "birthDate", &info->birth_date);
  if (!bundle->is_not_disclosed && info->sex != MADO_SEX_NOT_DISCLOSED)
    add_string (b, "sex", info->sex == MADO_SEX_MALE ? "1" : "2");
  json_builder_end_object (b);
}

/**
 * mado_resident_bundle_to_json:
 * @bundle: a bundle the strict codec decoded
 *
 * Encodes @bundle in the shape of docs/hub-api.md "The resident bundle":
 * categories that are %NULL (not consented or not sent) are left out,
 * empty ones are empty arrays.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
mado_resident_bundle_to_json (const MadoResidentBundle *bundle)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (bundle != NULL, NULL);

  json_builder_begin_object (b);
  add_string (b, "version", bundle->version);
  add_time (b, "asOf", bundle->as_of);
  add_string (b, "residentRef", bundle->resident_ref);
  add_bool (b, "isNotDisclosed", bundle->is_not_disclosed);
  add_basic_info (b, bundle);
  add_array (b, "subsidies", bundle->subsidies, add_subsidy);
  add_array (b, "questionnaires", bundle->questionnaires, add_questionnaire);
  add_array (b, "immunizations", bundle->immunizations, add_immunization);
  add_array (b, "immunizationsDue", bundle->immunizations_due, add_immunization_due);
  if (bundle->maternal_child != NULL)
    {
      json_builder_set_member_name (b, "maternalChild");
      json_builder_begin_object (b);
      add_array (b, "pregnancyCheckups", bundle->maternal_child->pregnancy_checkups,
                 add_pregnancy_checkup);
      add_array (b, "infantCheckups", bundle->maternal_child->infant_checkups,
                 add_infant_checkup);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * mado_resident_bundle_to_bytes:
 *
 * Returns: (transfer full): mado_resident_bundle_to_json() as compact UTF-8
 *   text, what the offline cache stores
 */
GBytes *
mado_resident_bundle_to_bytes (const MadoResidentBundle *bundle)
{
  g_autoptr(JsonNode) node = mado_resident_bundle_to_json (bundle);
  char *text = mado_json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/* -- writing ---------------------------------------------------------------- */

/* The shortest text that reads back as the same double: json-glib's own
 * generator always writes 17 digits (37.6 becomes 37.600000000000001),
 * which is correct but not what staff should read. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* Integral values as integers: %g would write 3120 as 3.12e+03. */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.0f", value));
      return;
    }
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_indent (GString *out,
              gboolean pretty,
              guint    depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void write_node (GString  *out,
                        JsonNode *node,
                        gboolean  pretty,
                        guint     depth);

static void
write_object (GString    *out,
              JsonObject *object,
              gboolean    pretty,
              guint       depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      write_indent (out, pretty, depth + 1);
      write_string (out, name);
      g_string_append (out, pretty ? ": " : ":");
      write_node (out, member, pretty, depth + 1);
    }
  if (!first)
    write_indent (out, pretty, depth);
  g_string_append_c (out, '}');
}

static void
write_array (GString   *out,
             JsonArray *array,
             gboolean   pretty,
             guint      depth)
{
  guint n = json_array_get_length (array);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      write_indent (out, pretty, depth + 1);
      write_node (out, json_array_get_element (array, i), pretty, depth + 1);
    }
  if (n > 0)
    write_indent (out, pretty, depth);
  g_string_append_c (out, ']');
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else
    g_string_append (out, "null");
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), pretty, depth);
      break;
    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), pretty, depth);
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * mado_json_to_string:
 * @node: any JSON tree
 * @pretty: indent by two spaces, one member per line
 *
 * Like json_generator_to_data(), but numbers are written in their shortest
 * exact form and members keep the order they were added in.
 *
 * Returns: (transfer full): UTF-8 JSON text
 */
char *
mado_json_to_string (JsonNode *node,
                     gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}
