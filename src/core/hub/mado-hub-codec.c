/* mado-hub-codec.c — hub API messages: strict decoding, request encoding, the signed bytes
 *
 * Every answer of the hub goes through mado_json_guard_check() (depth,
 * duplicates, UTF-8, RFC 8259 grammar) before json-glib builds a tree, then
 * through a field-by-field decoder that checks presence, JSON type, range and
 * format, tracking the JSON path for the error message. On any violation the
 * whole answer is refused: nothing partially decoded ever leaves this file.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "mado-hub-codec.h"
#include "mado-json-guard.h"
#include "mado-validity.h"

/* Bounds; a real bundle is far inside every one of them. */
#define MAX_SUBSIDIES          50
#define MAX_QUESTIONNAIRES     50
#define MAX_ITEMS             200
#define MAX_DOCTOR_ITEMS       50
#define MAX_IMMUNIZATIONS     200
#define MAX_DUE               100
#define MAX_CHECKUPS          100
#define MAX_INSTITUTIONS      100
#define MAX_DISEASES           20
#define MAX_CONSENT             8
#define MAX_TEXT             1000
#define MAX_NAME              100
#define MAX_TOKEN             256
#define MAX_ID                128

typedef enum {
  OPTIONAL,
  REQUIRED,
} Presence;

/* What characters a string may hold. */
typedef enum {
  TEXT_LINE,      /* no control characters */
  TEXT_FREE,      /* tabs and line breaks allowed */
} TextKind;

typedef struct {
  GString  *path;
  GError  **error;
} Ctx;

static gboolean bad (Ctx        *ctx,
                     const char *member,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);

static gboolean
bad (Ctx        *ctx,
     const char *member,
     const char *format,
     ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx->error != NULL && *ctx->error != NULL)
    return FALSE;
  g_set_error (ctx->error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
               "%s%s%s: %s", ctx->path->str, member != NULL ? "." : "",
               member != NULL ? member : "", why);
  return FALSE;
}

static gsize
enter_member (Ctx        *ctx,
              const char *name)
{
  gsize mark = ctx->path->len;

  g_string_append_printf (ctx->path, ".%s", name);
  return mark;
}

static gsize
enter_index (Ctx   *ctx,
             guint  index)
{
  gsize mark = ctx->path->len;

  g_string_append_printf (ctx->path, "[%u]", index);
  return mark;
}

static void
leave (Ctx   *ctx,
       gsize  mark)
{
  g_string_truncate (ctx->path, mark);
}

/* Sets *out to the member's node, or NULL when it is absent or null. */
static gboolean
get_node (Ctx         *ctx,
          JsonObject  *object,
          const char  *name,
          Presence     presence,
          JsonNode   **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (presence == REQUIRED)
        return bad (ctx, name, "required member missing");
      return TRUE;
    }
  *out = node;
  return TRUE;
}

static gboolean
get_value_node (Ctx         *ctx,
                JsonObject  *object,
                const char  *name,
                Presence     presence,
                GType        type,
                const char  *type_name,
                JsonNode   **out)
{
  if (!get_node (ctx, object, name, presence, out))
    return FALSE;
  if (*out == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (*out) || json_node_get_value_type (*out) != type)
    return bad (ctx, name, "expected %s", type_name);
  return TRUE;
}

static gboolean
text_is_clean (const char *text,
               TextKind    kind)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 || c == 0x7F)
        {
          if (kind == TEXT_FREE && (c == '\n' || c == '\t' || c == '\r'))
            continue;
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_string (Ctx        *ctx,
              const char *member,
              const char *text,
              guint       max_chars,
              TextKind    kind)
{
  glong n;

  if (!g_utf8_validate (text, -1, NULL))
    return bad (ctx, member, "not valid UTF-8");
  n = g_utf8_strlen (text, -1);
  if (n == 0)
    return bad (ctx, member, "empty string");
  if ((gulong) n > max_chars)
    return bad (ctx, member, "longer than %u characters", max_chars);
  if (!text_is_clean (text, kind))
    return bad (ctx, member, "control character");
  return TRUE;
}

static gboolean
peek_string (Ctx         *ctx,
             JsonObject  *object,
             const char  *name,
             Presence     presence,
             guint        max_chars,
             TextKind     kind,
             const char **out)
{
  JsonNode *node;

  *out = NULL;
  if (!get_value_node (ctx, object, name, presence, G_TYPE_STRING, "a string", &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  /* An optional empty string says nothing: as good as absent. */
  if (presence == OPTIONAL && *json_node_get_string (node) == '\0')
    return TRUE;
  if (!check_string (ctx, name, json_node_get_string (node), max_chars, kind))
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_string (Ctx         *ctx,
            JsonObject  *object,
            const char  *name,
            Presence     presence,
            guint        max_chars,
            TextKind     kind,
            char       **out)
{
  const char *text;

  if (!peek_string (ctx, object, name, presence, max_chars, kind, &text))
    return FALSE;
  g_free (*out);
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
get_enum (Ctx               *ctx,
          JsonObject        *object,
          const char        *name,
          Presence           presence,
          const char *const *allowed,
          int               *out)
{
  const char *text;

  if (!peek_string (ctx, object, name, presence, 64, TEXT_LINE, &text))
    return FALSE;
  *out = -1;
  if (text == NULL)
    return TRUE;
  for (int i = 0; allowed[i] != NULL; i++)
    if (strcmp (allowed[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return bad (ctx, name, "not one of the allowed values");
}

static gboolean
get_bool (Ctx        *ctx,
          JsonObject *object,
          const char *name,
          Presence    presence,
          gboolean    fallback,
          gboolean   *out)
{
  JsonNode *node;

  *out = fallback;
  if (!get_value_node (ctx, object, name, presence, G_TYPE_BOOLEAN, "true or false", &node))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_int (Ctx        *ctx,
         JsonObject *object,
         const char *name,
         Presence    presence,
         gint64      min,
         gint64      max,
         gboolean   *present,
         gint64     *out)
{
  JsonNode *node;
  gint64 value;

  *present = FALSE;
  if (!get_value_node (ctx, object, name, presence, G_TYPE_INT64, "an integer", &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  value = json_node_get_int (node);
  if (value < min || value > max)
    return bad (ctx, name, "outside %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, min, max);
  *present = TRUE;
  *out = value;
  return TRUE;
}

/* Bounds are inclusive; a value must be finite whatever they are. */
static gboolean
get_double (Ctx        *ctx,
            JsonObject *object,
            const char *name,
            Presence    presence,
            double      min,
            double      max,
            gboolean   *present,
            double     *out)
{
  JsonNode *node;
  double value;

  *present = FALSE;
  if (!get_node (ctx, object, name, presence, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return bad (ctx, name, "expected a number");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return bad (ctx, name, "expected a number");
  if (!isfinite (value))
    return bad (ctx, name, "not a finite number");
  if (value < min || value > max)
    return bad (ctx, name, "outside %g–%g", min, max);
  *present = TRUE;
  *out = value;
  return TRUE;
}

static gboolean
get_date (Ctx        *ctx,
          JsonObject *object,
          const char *name,
          Presence    presence,
          GDate      *out)
{
  const char *text;

  if (!peek_string (ctx, object, name, presence, 10, TEXT_LINE, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!mado_date_parse_iso (text, out))
    return bad (ctx, name, "not a calendar date (YYYY-MM-DD)");
  return TRUE;
}

/* RFC 3339 date-time: full-date "T" partial-time time-offset, nothing else
 * (GLib's ISO 8601 parser alone would also take week dates and the like). */
static gboolean
is_rfc3339 (const char *text)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:dd";
  GDate date;
  char day[11];
  const char *p;
  gsize i;

  for (i = 0; shape[i] != '\0'; i++)
    {
      char c = text[i];

      if (c == '\0')
        return FALSE;
      if (shape[i] == 'd' ? !g_ascii_isdigit (c)
                          : shape[i] == 'T' ? (c != 'T' && c != 't') : c != shape[i])
        return FALSE;
    }
  memcpy (day, text, 10);
  day[10] = '\0';
  if (!mado_date_parse_iso (day, &date))
    return FALSE;
  p = text + i;
  if (*p == '.')
    {
      gsize n = 0;

      for (p++; g_ascii_isdigit (*p); p++)
        n++;
      if (n == 0 || n > 9)
        return FALSE;
    }
  if (*p == 'Z' || *p == 'z')
    return p[1] == '\0';
  if ((*p == '+' || *p == '-') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
      p[3] == ':' && g_ascii_isdigit (p[4]) && g_ascii_isdigit (p[5]) && p[6] == '\0')
    return TRUE;
  return FALSE;
}

static gboolean
get_time (Ctx         *ctx,
          JsonObject  *object,
          const char  *name,
          Presence     presence,
          GDateTime  **out)
{
  const char *text;
  GDateTime *time;

  if (!peek_string (ctx, object, name, presence, 40, TEXT_LINE, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!is_rfc3339 (text) || (time = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
    return bad (ctx, name, "not an RFC 3339 time");
  g_clear_pointer (out, g_date_time_unref);
  *out = time;
  return TRUE;
}

static gboolean
get_object (Ctx         *ctx,
            JsonObject  *object,
            const char  *name,
            Presence     presence,
            JsonObject **out)
{
  JsonNode *node;

  *out = NULL;
  if (!get_node (ctx, object, name, presence, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad (ctx, name, "expected an object");
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_array (Ctx         *ctx,
           JsonObject  *object,
           const char  *name,
           Presence     presence,
           guint        max_length,
           JsonArray  **out)
{
  JsonNode *node;

  *out = NULL;
  if (!get_node (ctx, object, name, presence, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad (ctx, name, "expected an array");
  if (json_array_get_length (json_node_get_array (node)) > max_length)
    return bad (ctx, name, "more than %u elements", max_length);
  *out = json_node_get_array (node);
  return TRUE;
}

typedef gboolean (*CheckString) (const char *text);

/* An array of strings, each checked. Absent gives NULL, or an empty vector
 * when @empty_if_absent. */
static gboolean
get_string_array (Ctx          *ctx,
                  JsonObject   *object,
                  const char   *name,
                  guint         max_length,
                  guint         max_chars,
                  CheckString   check,
                  gboolean      empty_if_absent,
                  GStrv        *out)
{
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = NULL;
  gsize mark;

  if (!get_array (ctx, object, name, OPTIONAL, max_length, &array))
    return FALSE;
  if (array == NULL && !empty_if_absent)
    return TRUE;
  builder = g_strv_builder_new ();
  mark = enter_member (ctx, name);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize index_mark = enter_index (ctx, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return bad (ctx, NULL, "expected a string");
      text = json_node_get_string (node);
      if (!check_string (ctx, NULL, text, max_chars, TEXT_LINE))
        return FALSE;
      if (check != NULL && !check (text))
        return bad (ctx, NULL, "not in the required format");
      g_strv_builder_add (builder, text);
      leave (ctx, index_mark);
    }
  leave (ctx, mark);
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

typedef gpointer (*DecodeFunc) (Ctx        *ctx,
                                JsonObject *object);

/* An array of objects, each decoded by @decode into a GPtrArray. */
static gboolean
get_object_array (Ctx            *ctx,
                  JsonObject     *object,
                  const char     *name,
                  Presence        presence,
                  guint           max_length,
                  DecodeFunc      decode,
                  GDestroyNotify  free_func,
                  GPtrArray     **out)
{
  JsonArray *array;
  g_autoptr(GPtrArray) result = NULL;
  gsize mark;

  if (!get_array (ctx, object, name, presence, max_length, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  result = g_ptr_array_new_with_free_func (free_func);
  mark = enter_member (ctx, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize index_mark = enter_index (ctx, i);
      gpointer element;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad (ctx, NULL, "expected an object");
      element = decode (ctx, json_node_get_object (node));
      if (element == NULL)
        return FALSE;
      g_ptr_array_add (result, element);
      leave (ctx, index_mark);
    }
  leave (ctx, mark);
  if (*out != NULL)
    g_ptr_array_unref (*out);
  *out = g_steal_pointer (&result);
  return TRUE;
}

static gboolean
all_digits (const char *text,
            gsize       length)
{
  if (strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * mado_hub_is_institution_code:
 *
 * Returns: whether @text is a 医療機関コード: exactly 10 ASCII digits
 */
gboolean
mado_hub_is_institution_code (const char *text)
{
  return text != NULL && all_digits (text, 10);
}

static gboolean
is_token_of (const char *text,
             gsize       max_length,
             const char *extra)
{
  gsize n;

  if (text == NULL)
    return FALSE;
  n = strlen (text);
  if (n == 0 || n > max_length)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (text[i]) && strchr (extra, text[i]) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * mado_hub_is_terminal_id:
 *
 * Returns: whether @text is 1–64 of [A-Za-z0-9._-]
 */
gboolean
mado_hub_is_terminal_id (const char *text)
{
  return is_token_of (text, 64, "._-");
}

/**
 * mado_hub_is_idempotency_key:
 *
 * Returns: whether @text is 1–64 of [A-Za-z0-9-]
 */
gboolean
mado_hub_is_idempotency_key (const char *text)
{
  return is_token_of (text, 64, "-");
}

/**
 * mado_hub_new_idempotency_key:
 *
 * Returns: (transfer full): a fresh random key (a UUID) for one record
 */
char *
mado_hub_new_idempotency_key (void)
{
  return g_uuid_string_random ();
}

/* -- bundle ------------------------------------------------------------- */

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
  return mado_hub_is_institution_code (text);
}

static gboolean
check_period (Ctx         *ctx,
              const char  *member,
              const GDate *from,
              const GDate *to)
{
  if (g_date_valid (from) && g_date_valid (to) && g_date_compare (to, from) < 0)
    return bad (ctx, member, "ends before it starts");
  return TRUE;
}

static gpointer
decode_subsidy (Ctx        *ctx,
                JsonObject *object)
{
  g_autoptr(MadoSubsidy) s = mado_subsidy_new ();
  static const char *const zero_one[] = { "0", "1", NULL };
  JsonObject *copayment;
  gboolean present;
  int reimbursement;

  if (!get_string (ctx, object, "medicalSubsidyInsurerNumber", REQUIRED,
                   MADO_INSURER_NUMBER_LENGTH, TEXT_LINE, &s->medical_subsidy_insurer_number))
    return NULL;
  if (!all_digits (s->medical_subsidy_insurer_number, MADO_INSURER_NUMBER_LENGTH))
    return bad (ctx, "medicalSubsidyInsurerNumber", "not 8 digits"), NULL;
  if (!get_string (ctx, object, "medicalSubsidyRecipientNumber", REQUIRED,
                   MADO_MUNICIPAL_RECIPIENT_MAX_LENGTH, TEXT_LINE,
                   &s->medical_subsidy_recipient_number) ||
      !get_string (ctx, object, "certificationName", REQUIRED, 100, TEXT_LINE,
                   &s->certification_name) ||
      !get_date (ctx, object, "validFrom", REQUIRED, &s->valid_from) ||
      !get_date (ctx, object, "validTo", OPTIONAL, &s->valid_to) ||
      !check_period (ctx, "validTo", &s->valid_from, &s->valid_to) ||
      !get_string (ctx, object, "incomeSegment", OPTIONAL, MAX_NAME, TEXT_LINE,
                   &s->income_segment) ||
      !get_object (ctx, object, "maxCopaymentAmount", OPTIONAL, &copayment) ||
      !get_string_array (ctx, object, "designatedMedicalInstitutions", MAX_INSTITUTIONS, 10,
                         is_institution_code_cb, FALSE, &s->designated_medical_institutions) ||
      !get_enum (ctx, object, "isAlwaysReimbursement", OPTIONAL, zero_one, &reimbursement) ||
      !get_string (ctx, object, "additionalConditions", OPTIONAL, MAX_TEXT, TEXT_LINE,
                   &s->additional_conditions))
    return NULL;
  if (copayment != NULL)
    {
      gsize mark = enter_member (ctx, "maxCopaymentAmount");

      if (!get_int (ctx, copayment, "monthlyYen", OPTIONAL, 0, 10000000, &present,
                    &s->max_copayment_monthly_yen))
        return NULL;
      s->has_max_copayment = present;
      leave (ctx, mark);
    }
  s->is_always_reimbursement = (reimbursement == 1);
  /* The check digits are for display (a municipal number may fail them
   * legitimately); the format rules above are what the API demands. */
  s->number_check = mado_subsidy_check (s->medical_subsidy_insurer_number,
                                        s->medical_subsidy_recipient_number);
  return g_steal_pointer (&s);
}

static gpointer
decode_questionnaire_item (Ctx        *ctx,
                           JsonObject *object)
{
  static const char *const answer_types[] = { "number", "boolean", "text", "choice", NULL };
  g_autoptr(MadoQuestionnaireItem) item = mado_questionnaire_item_new ();
  JsonNode *answer;
  int answer_type;

  if (!get_string (ctx, object, "itemId", REQUIRED, MAX_ID, TEXT_LINE, &item->item_id) ||
      !get_string (ctx, object, "text", REQUIRED, MAX_TEXT, TEXT_FREE, &item->text) ||
      !get_enum (ctx, object, "answerType", REQUIRED, answer_types, &answer_type) ||
      !get_string (ctx, object, "unit", OPTIONAL, 16, TEXT_LINE, &item->unit) ||
      !get_bool (ctx, object, "needsAttention", OPTIONAL, FALSE, &item->needs_attention) ||
      !get_string (ctx, object, "attentionReason", OPTIONAL, MAX_NAME * 2, TEXT_FREE,
                   &item->attention_reason) ||
      !get_node (ctx, object, "answer", OPTIONAL, &answer))
    return NULL;

  item->answer_type = g_strdup (answer_types[answer_type]);
  if (answer == NULL)
    item->answer_kind = MADO_ANSWER_NONE;
  else if (!JSON_NODE_HOLDS_VALUE (answer))
    return bad (ctx, "answer", "expected a number, string or boolean"), NULL;
  else if (json_node_get_value_type (answer) == G_TYPE_BOOLEAN)
    {
      item->answer_kind = MADO_ANSWER_BOOLEAN;
      item->answer_boolean = json_node_get_boolean (answer);
    }
  else if (json_node_get_value_type (answer) == G_TYPE_STRING)
    {
      if (!get_string (ctx, object, "answer", REQUIRED, MAX_TEXT, TEXT_FREE, &item->answer_text))
        return NULL;
      item->answer_kind = MADO_ANSWER_TEXT;
    }
  else
    {
      gboolean present;

      if (!get_double (ctx, object, "answer", REQUIRED, -1e6, 1e6, &present, &item->answer_number))
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
    return bad (ctx, "answer", "does not match answerType"), NULL;
  return g_steal_pointer (&item);
}

static gpointer
decode_doctor_item (Ctx        *ctx,
                    JsonObject *object)
{
  g_autoptr(MadoDoctorItem) item = mado_doctor_item_new ();

  if (!get_string (ctx, object, "itemId", REQUIRED, MAX_ID, TEXT_LINE, &item->item_id) ||
      !get_string (ctx, object, "text", REQUIRED, MAX_TEXT, TEXT_FREE, &item->text))
    return NULL;
  return g_steal_pointer (&item);
}

static gpointer
decode_questionnaire (Ctx        *ctx,
                      JsonObject *object)
{
  g_autoptr(MadoQuestionnaire) q = mado_questionnaire_new ();

  if (!get_string (ctx, object, "questionnaireId", REQUIRED, MAX_ID, TEXT_LINE,
                   &q->questionnaire_id) ||
      !get_string (ctx, object, "formCode", REQUIRED, MAX_ID, TEXT_LINE, &q->form_code) ||
      !get_string (ctx, object, "title", REQUIRED, MAX_NAME * 2, TEXT_LINE, &q->title) ||
      !get_string (ctx, object, "vaccine", OPTIONAL, MAX_NAME, TEXT_LINE, &q->vaccine) ||
      !get_time (ctx, object, "answeredAt", OPTIONAL, &q->answered_at) ||
      !get_object_array (ctx, object, "items", REQUIRED, MAX_ITEMS, decode_questionnaire_item,
                         (GDestroyNotify) mado_questionnaire_item_free, &q->items) ||
      !get_object_array (ctx, object, "doctorSection", OPTIONAL, MAX_DOCTOR_ITEMS,
                         decode_doctor_item, (GDestroyNotify) mado_doctor_item_free,
                         &q->doctor_section))
    return NULL;
  for (guint i = 0; i < q->items->len; i++)
    if (((MadoQuestionnaireItem *) g_ptr_array_index (q->items, i))->needs_attention)
      q->needs_attention = TRUE;
  return g_steal_pointer (&q);
}

static gpointer
decode_immunization (Ctx        *ctx,
                     JsonObject *object)
{
  g_autoptr(MadoImmunization) im = mado_immunization_new ();
  static const char *const statuses[] = { "completed", "entered-in-error", "not-done", NULL };
  JsonObject *code;
  gboolean present;
  gint64 dose = 0;
  int status;
  gsize mark;

  if (!get_object (ctx, object, "vaccineCode", REQUIRED, &code))
    return NULL;
  mark = enter_member (ctx, "vaccineCode");
  if (!get_string (ctx, code, "system", OPTIONAL, MAX_NAME * 2, TEXT_LINE,
                   &im->vaccine_code_system) ||
      !get_string (ctx, code, "code", REQUIRED, MAX_ID, TEXT_LINE, &im->vaccine_code) ||
      !get_string (ctx, code, "display", OPTIONAL, MAX_NAME * 2, TEXT_LINE,
                   &im->vaccine_code_display))
    return NULL;
  leave (ctx, mark);

  if (!get_string_array (ctx, object, "targetDisease", MAX_DISEASES, MAX_NAME, NULL, TRUE,
                         &im->target_disease) ||
      !get_date (ctx, object, "occurrenceDate", REQUIRED, &im->occurrence_date) ||
      !get_int (ctx, object, "doseNumber", OPTIONAL, 1, 20, &present, &dose) ||
      !get_string (ctx, object, "lotNumber", OPTIONAL, 64, TEXT_LINE, &im->lot_number) ||
      !get_string (ctx, object, "site", OPTIONAL, MAX_NAME, TEXT_LINE, &im->site) ||
      !get_double (ctx, object, "doseQuantityMl", OPTIONAL, 0.01, 10.0,
                   &im->has_dose_quantity, &im->dose_quantity_ml) ||
      !get_string (ctx, object, "performer", OPTIONAL, MAX_NAME, TEXT_LINE, &im->performer) ||
      !get_enum (ctx, object, "status", REQUIRED, statuses, &status) ||
      !get_bool (ctx, object, "live", OPTIONAL, FALSE, &im->live) ||
      !get_bool (ctx, object, "injectable", OPTIONAL, FALSE, &im->injectable))
    return NULL;
  im->dose_number = (gint) dose;
  im->status = g_strdup (statuses[status]);
  return g_steal_pointer (&im);
}

static gpointer
decode_immunization_due (Ctx        *ctx,
                         JsonObject *object)
{
  g_autoptr(MadoImmunizationDue) due = mado_immunization_due_new ();
  gboolean present;
  gint64 dose = 0;

  if (!get_string (ctx, object, "vaccine", REQUIRED, MAX_NAME, TEXT_LINE, &due->vaccine) ||
      !get_int (ctx, object, "doseNumber", OPTIONAL, 1, 20, &present, &dose) ||
      !get_date (ctx, object, "dueFrom", OPTIONAL, &due->due_from) ||
      !get_date (ctx, object, "dueTo", OPTIONAL, &due->due_to) ||
      !check_period (ctx, "dueTo", &due->due_from, &due->due_to))
    return NULL;
  due->dose_number = (gint) dose;
  return g_steal_pointer (&due);
}

static gpointer
decode_pregnancy_checkup (Ctx        *ctx,
                          JsonObject *object)
{
  g_autoptr(MadoPregnancyCheckup) c = mado_pregnancy_checkup_new ();
  gboolean present;
  gint64 weeks = -1;

  if (!get_date (ctx, object, "date", REQUIRED, &c->date) ||
      !get_int (ctx, object, "gestationWeeks", OPTIONAL, 0, 45, &present, &weeks) ||
      !get_double (ctx, object, "weightKg", OPTIONAL, 20, 250, &c->has_weight, &c->weight_kg) ||
      !get_string (ctx, object, "bloodPressure", OPTIONAL, 7, TEXT_LINE, &c->blood_pressure) ||
      !get_string (ctx, object, "findings", OPTIONAL, MAX_TEXT, TEXT_FREE, &c->findings))
    return NULL;
  if (c->blood_pressure != NULL && !is_blood_pressure (c->blood_pressure))
    return bad (ctx, "bloodPressure", "not systolic/diastolic"), NULL;
  c->gestation_weeks = (gint) weeks;
  return g_steal_pointer (&c);
}

static gpointer
decode_infant_checkup (Ctx        *ctx,
                       JsonObject *object)
{
  g_autoptr(MadoInfantCheckup) c = mado_infant_checkup_new ();
  gboolean present;
  gint64 age = -1;

  if (!get_date (ctx, object, "date", REQUIRED, &c->date) ||
      !get_string (ctx, object, "kind", OPTIONAL, 32, TEXT_LINE, &c->kind) ||
      !get_int (ctx, object, "ageMonths", OPTIONAL, 0, 72, &present, &age) ||
      !get_double (ctx, object, "heightCm", OPTIONAL, 20, 200, &c->has_height, &c->height_cm) ||
      !get_double (ctx, object, "weightKg", OPTIONAL, 0.2, 100, &c->has_weight, &c->weight_kg) ||
      !get_double (ctx, object, "headCircumferenceCm", OPTIONAL, 15, 70,
                   &c->has_head_circumference, &c->head_circumference_cm) ||
      !get_double (ctx, object, "chestCircumferenceCm", OPTIONAL, 15, 100,
                   &c->has_chest_circumference, &c->chest_circumference_cm) ||
      !get_string (ctx, object, "urineTest", OPTIONAL, MAX_NAME * 2, TEXT_FREE, &c->urine_test) ||
      !get_string (ctx, object, "notes", OPTIONAL, MAX_TEXT, TEXT_FREE, &c->notes))
    return NULL;
  c->age_months = (gint) age;
  return g_steal_pointer (&c);
}

static MadoMaternalChild *
decode_maternal_child (Ctx        *ctx,
                       JsonObject *object)
{
  g_autoptr(MadoMaternalChild) mc = mado_maternal_child_new ();

  if (!get_object_array (ctx, object, "pregnancyCheckups", OPTIONAL, MAX_CHECKUPS,
                         decode_pregnancy_checkup,
                         (GDestroyNotify) mado_pregnancy_checkup_free, &mc->pregnancy_checkups) ||
      !get_object_array (ctx, object, "infantCheckups", OPTIONAL, MAX_CHECKUPS,
                         decode_infant_checkup,
                         (GDestroyNotify) mado_infant_checkup_free, &mc->infant_checkups))
    return NULL;
  return g_steal_pointer (&mc);
}

static gboolean
decode_basic_info (Ctx                *ctx,
                   JsonObject         *object,
                   MadoResidentBundle *b)
{
  static const char *const sexes[] = { "1", "2", NULL };
  JsonObject *info;
  int sex = -1;
  gsize mark;

  if (!get_object (ctx, object, "basicInfo", REQUIRED, &info))
    return FALSE;
  mark = enter_member (ctx, "basicInfo");
  if (!get_string (ctx, info, "name", REQUIRED, MAX_NAME, TEXT_LINE, &b->basic_info.name) ||
      !get_date (ctx, info, "birthDate", REQUIRED, &b->basic_info.birth_date))
    return FALSE;
  /* A not-disclosed resident's kana and sex are not kept even if sent:
   * the desk shows nothing beyond what reception needs. */
  if (!b->is_not_disclosed)
    {
      if (!get_string (ctx, info, "nameKana", REQUIRED, MAX_NAME, TEXT_LINE,
                       &b->basic_info.name_kana) ||
          !get_enum (ctx, info, "sex", REQUIRED, sexes, &sex))
        return FALSE;
      b->basic_info.sex = sex == 0 ? MADO_SEX_MALE : MADO_SEX_FEMALE;
    }
  leave (ctx, mark);
  return TRUE;
}

static gboolean
consented (JsonObject     *object,
           const char     *name,
           MadoHubConsent  consent,
           MadoHubConsent  needed)
{
  if ((consent & needed) != 0)
    return TRUE;
  if (json_object_has_member (object, name))
    g_message ("hub: the bundle carries “%s” without consent; dropped", name);
  return FALSE;
}

static MadoResidentBundle *
decode_bundle_object (Ctx            *ctx,
                      JsonObject     *object,
                      MadoHubConsent  consent)
{
  g_autoptr(MadoResidentBundle) b = mado_resident_bundle_new ();
  JsonObject *mc;

  if (!get_string (ctx, object, "version", REQUIRED, 64, TEXT_LINE, &b->version) ||
      !get_time (ctx, object, "asOf", REQUIRED, &b->as_of) ||
      !get_string (ctx, object, "residentRef", REQUIRED, MAX_ID, TEXT_LINE, &b->resident_ref) ||
      !get_bool (ctx, object, "isNotDisclosed", REQUIRED, FALSE, &b->is_not_disclosed) ||
      !decode_basic_info (ctx, object, b))
    return NULL;
  if (strchr (b->version, '"') != NULL || strchr (b->version, '\\') != NULL)
    return bad (ctx, "version", "cannot be an entity tag"), NULL;

  if (consented (object, "subsidies", consent, MADO_HUB_CONSENT_SUBSIDY) &&
      !get_object_array (ctx, object, "subsidies", OPTIONAL, MAX_SUBSIDIES, decode_subsidy,
                         (GDestroyNotify) mado_subsidy_free, &b->subsidies))
    return NULL;
  if (consented (object, "questionnaires", consent, MADO_HUB_CONSENT_VACCINATION) &&
      !get_object_array (ctx, object, "questionnaires", OPTIONAL, MAX_QUESTIONNAIRES,
                         decode_questionnaire, (GDestroyNotify) mado_questionnaire_free,
                         &b->questionnaires))
    return NULL;
  if (consented (object, "immunizations", consent, MADO_HUB_CONSENT_VACCINATION) &&
      !get_object_array (ctx, object, "immunizations", OPTIONAL, MAX_IMMUNIZATIONS,
                         decode_immunization, (GDestroyNotify) mado_immunization_free,
                         &b->immunizations))
    return NULL;
  if (consented (object, "immunizationsDue", consent, MADO_HUB_CONSENT_VACCINATION) &&
      !get_object_array (ctx, object, "immunizationsDue", OPTIONAL, MAX_DUE,
                         decode_immunization_due, (GDestroyNotify) mado_immunization_due_free,
                         &b->immunizations_due))
    return NULL;
  if (consented (object, "maternalChild", consent, MADO_HUB_CONSENT_MATERNAL_CHILD))
    {
      gsize mark;

      if (!get_object (ctx, object, "maternalChild", OPTIONAL, &mc))
        return NULL;
      if (mc != NULL)
        {
          mark = enter_member (ctx, "maternalChild");
          b->maternal_child = decode_maternal_child (ctx, mc);
          if (b->maternal_child == NULL)
            return NULL;
          leave (ctx, mark);
        }
    }
  return g_steal_pointer (&b);
}

/* -- top level ---------------------------------------------------------- */

/* Returns the root object's node; the text passed the guard. */
static JsonNode *
parse_root (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (length > MADO_HUB_MAX_BODY_BYTES)
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_RESPONSE_TOO_LARGE,
                   "$: %" G_GSIZE_FORMAT " bytes, over the bound of %d", length,
                   MADO_HUB_MAX_BODY_BYTES);
      return NULL;
    }
  if (!mado_json_guard_check (data, length, MADO_JSON_GUARD_MAX_DEPTH, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                   "$: not JSON (%s)", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                   "$: expected an object");
      return NULL;
    }
  return json_node_ref (root);
}

#define CTX_INIT(error) { g_string_new ("$"), (error) }

static void
ctx_clear (Ctx *ctx)
{
  g_string_free (ctx->path, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ctx, ctx_clear)

/**
 * mado_hub_decode_bundle:
 * @data: (array length=length): the body of `GET /v1/bundles/…`
 * @consent: the categories the resident consented to; others are dropped
 * @error: %MADO_HUB_ERROR_MALFORMED_RESPONSE naming the JSON path, or
 *   %MADO_HUB_ERROR_RESPONSE_TOO_LARGE
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL and nothing else
 */
MadoResidentBundle *
mado_hub_decode_bundle (const char      *data,
                        gsize            length,
                        MadoHubConsent   consent,
                        GError         **error)
{
  g_auto(Ctx) ctx = CTX_INIT (error);
  g_autoptr(JsonNode) root = parse_root (data, length, error);

  if (root == NULL)
    return NULL;
  return decode_bundle_object (&ctx, json_node_get_object (root), consent);
}

/**
 * mado_hub_decode_verification:
 *
 * Returns: (transfer full) (nullable): the answer to `POST /v1/verifications`;
 *   its etag is left for the caller to fill from the header
 */
MadoHubVerification *
mado_hub_decode_verification (const char      *data,
                              gsize            length,
                              MadoHubConsent   consent,
                              GError         **error)
{
  g_auto(Ctx) ctx = CTX_INIT (error);
  g_autoptr(JsonNode) root = parse_root (data, length, error);
  g_autoptr(MadoHubVerification) v = NULL;
  JsonObject *object, *bundle;
  gsize mark;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  v = g_new0 (MadoHubVerification, 1);
  if (!get_string (&ctx, object, "residentToken", REQUIRED, MAX_TOKEN, TEXT_LINE,
                   &v->resident_token) ||
      !get_time (&ctx, object, "tokenExpiresAt", REQUIRED, &v->token_expires_at) ||
      !get_object (&ctx, object, "bundle", REQUIRED, &bundle))
    return NULL;
  if (!is_token_of (v->resident_token, MAX_TOKEN, "-._~"))
    return bad (&ctx, "residentToken", "not a URL-safe token"), NULL;
  mark = enter_member (&ctx, "bundle");
  v->bundle = decode_bundle_object (&ctx, bundle, consent);
  if (v->bundle == NULL)
    return NULL;
  leave (&ctx, mark);
  return g_steal_pointer (&v);
}

/**
 * mado_hub_decode_status:
 *
 * Returns: (transfer full) (nullable): the answer to `GET /v1/status`
 */
MadoHubStatus *
mado_hub_decode_status (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_auto(Ctx) ctx = CTX_INIT (error);
  g_autoptr(JsonNode) root = parse_root (data, length, error);
  g_autoptr(MadoHubStatus) s = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  s = g_new0 (MadoHubStatus, 1);
  if (!get_string (&ctx, object, "status", REQUIRED, 32, TEXT_LINE, &s->status) ||
      !get_string (&ctx, object, "apiVersion", REQUIRED, 16, TEXT_LINE, &s->api_version) ||
      !get_string (&ctx, object, "hubName", OPTIONAL, MAX_NAME, TEXT_LINE, &s->hub_name) ||
      !get_time (&ctx, object, "time", REQUIRED, &s->time))
    return NULL;
  if (strcmp (s->api_version, "1") != 0)
    return bad (&ctx, "apiVersion", "not version 1"), NULL;
  return g_steal_pointer (&s);
}

/**
 * mado_hub_challenge_decode_text:
 * @text: a challenge as issued: unpadded base64url of 32 bytes
 *
 * Returns: (transfer full) (nullable): the 32 bytes, or %NULL with
 *   %MADO_HUB_ERROR_MALFORMED_RESPONSE when @text is anything else
 */
GBytes *
mado_hub_challenge_decode_text (const char  *text,
                                GError     **error)
{
  g_autofree char *standard = NULL;
  g_autofree guchar *raw = NULL;
  g_autofree char *again = NULL;
  gsize length;

  /* 32 bytes are 43 characters without padding. */
  if (text == NULL || strlen (text) != 43 || !is_token_of (text, 43, "-_"))
    goto malformed;
  standard = g_strdup_printf ("%s=", text);
  g_strdelimit (standard, "-", '+');
  g_strdelimit (standard, "_", '/');
  raw = g_base64_decode (standard, &length);
  if (length != MADO_HUB_CHALLENGE_BYTES)
    goto malformed;
  /* Canonical only: the unused low bits of the last character are zero. */
  again = g_base64_encode (raw, length);
  if (strcmp (again, standard) != 0)
    goto malformed;
  return g_bytes_new (raw, length);

malformed:
  g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE,
               "$.challenge: not 32 bytes of unpadded base64url");
  return NULL;
}

/**
 * mado_hub_decode_challenge:
 *
 * Returns: (transfer full) (nullable): the answer to `POST /v1/challenges`
 */
MadoHubChallenge *
mado_hub_decode_challenge (const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_auto(Ctx) ctx = CTX_INIT (error);
  g_autoptr(JsonNode) root = parse_root (data, length, error);
  g_autoptr(MadoHubChallenge) c = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  c = g_new0 (MadoHubChallenge, 1);
  if (!get_string (&ctx, object, "challenge", REQUIRED, 64, TEXT_LINE, &c->challenge) ||
      !get_time (&ctx, object, "expiresAt", REQUIRED, &c->expires_at))
    return NULL;
  c->raw = mado_hub_challenge_decode_text (c->challenge, error);
  if (c->raw == NULL)
    return NULL;
  return g_steal_pointer (&c);
}

/**
 * mado_hub_decode_record_receipt:
 *
 * Returns: (transfer full) (nullable): the answer to a record submission
 */
MadoHubRecordReceipt *
mado_hub_decode_record_receipt (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_auto(Ctx) ctx = CTX_INIT (error);
  g_autoptr(JsonNode) root = parse_root (data, length, error);
  g_autoptr(MadoHubRecordReceipt) r = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  r = g_new0 (MadoHubRecordReceipt, 1);
  if (!get_string (&ctx, object, "recordId", REQUIRED, MAX_ID, TEXT_LINE, &r->record_id) ||
      !get_time (&ctx, object, "receivedAt", REQUIRED, &r->received_at))
    return NULL;
  return g_steal_pointer (&r);
}

/**
 * mado_hub_decode_problem:
 *
 * Returns: (transfer full) (nullable): an RFC 9457 problem with its code;
 *   an unknown type gives %MADO_HUB_ERROR_REFUSED
 */
MadoHubProblem *
mado_hub_decode_problem (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_auto(Ctx) ctx = CTX_INIT (error);
  g_autoptr(JsonNode) root = parse_root (data, length, error);
  g_autoptr(MadoHubProblem) p = NULL;
  JsonObject *object;
  gboolean present;
  gint64 status = 0;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  p = g_new0 (MadoHubProblem, 1);
  if (!get_string (&ctx, object, "type", REQUIRED, 256, TEXT_LINE, &p->type) ||
      !get_string (&ctx, object, "title", OPTIONAL, MAX_TEXT, TEXT_FREE, &p->title) ||
      !get_string (&ctx, object, "detail", OPTIONAL, MAX_TEXT * 4, TEXT_FREE, &p->detail) ||
      !get_int (&ctx, object, "status", OPTIONAL, 100, 599, &present, &status))
    return NULL;
  p->status = (gint) status;
  p->code = mado_hub_error_from_problem_type (p->type);
  return g_steal_pointer (&p);
}

/* -- requests ------------------------------------------------------------ */

static const struct {
  MadoHubConsent flag;
  const char    *name;
} consent_names[] = {
  { MADO_HUB_CONSENT_SUBSIDY, "subsidy" },
  { MADO_HUB_CONSENT_VACCINATION, "vaccination" },
  { MADO_HUB_CONSENT_MATERNAL_CHILD, "maternalChild" },
};

/**
 * mado_hub_consent_to_string:
 *
 * Returns: (transfer full): the categories joined by commas, in API order,
 *   as the `consent` query parameter wants them
 */
char *
mado_hub_consent_to_string (MadoHubConsent consent)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (consent_names); i++)
    if ((consent & consent_names[i].flag) != 0)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", consent_names[i].name);
  return g_string_free (text, FALSE);
}

static gboolean
invalid_request (GError     **error,
                 const char  *why)
{
  g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST, "%s", why);
  return FALSE;
}

/**
 * mado_hub_base64_of:
 * @bytes: any bytes (a certificate, a signature)
 *
 * Returns: (transfer full): @bytes in standard base64, as the API carries them
 */
char *
mado_hub_base64_of (GBytes *bytes)
{
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);

  return g_base64_encode (data, length);
}

static char *
generate (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/**
 * mado_hub_encode_verification:
 * @request: what to send
 * @institution_code: the site's 10-digit medical institution code
 * @terminal_id: the site's terminal ID
 * @error: %MADO_HUB_ERROR_INVALID_REQUEST when the request breaks the API
 *
 * Returns: (transfer full) (nullable): the JSON body of `POST /v1/verifications`
 */
char *
mado_hub_encode_verification (const MadoHubVerificationRequest *request,
                              const char                       *institution_code,
                              const char                       *terminal_id,
                              GError                          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GBytes) challenge = NULL;
  g_autofree char *certificate = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  challenge = mado_hub_challenge_decode_text (request->challenge, NULL);
  if (challenge == NULL)
    return invalid_request (error, "the challenge is not as the hub issues them"), NULL;
  if (request->certificate == NULL || g_bytes_get_size (request->certificate) == 0 ||
      g_bytes_get_size (request->certificate) > 16384)
    return invalid_request (error, "no usable card certificate"), NULL;
  if ((request->consent & MADO_HUB_CONSENT_ALL) == 0 || (request->consent & ~MADO_HUB_CONSENT_ALL) != 0)
    return invalid_request (error, "no consented category"), NULL;
  if (!mado_hub_is_institution_code (institution_code) || !mado_hub_is_terminal_id (terminal_id))
    return invalid_request (error, "the site's institution code or terminal ID is invalid"), NULL;
  switch (request->method)
    {
    case MADO_HUB_IDENTITY_PIN:
      if (request->signature == NULL ||
          g_bytes_get_size (request->signature) != MADO_HUB_SIGNATURE_BYTES)
        return invalid_request (error, "a PIN verification needs the 256-byte signature"), NULL;
      if (request->operator_id != NULL)
        return invalid_request (error, "a PIN verification carries no operator"), NULL;
      break;
    case MADO_HUB_IDENTITY_VISUAL:
      if (request->signature != NULL)
        return invalid_request (error, "a visual check carries no signature"), NULL;
      if (!mado_hub_is_terminal_id (request->operator_id))
        return invalid_request (error, "a visual check needs the operator's ID"), NULL;
      break;
    default:
      return invalid_request (error, "unknown identity method"), NULL;
    }

  certificate = mado_hub_base64_of (request->certificate);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "challenge");
  json_builder_add_string_value (builder, request->challenge);
  json_builder_set_member_name (builder, "certificate");
  json_builder_add_string_value (builder, certificate);
  if (request->method == MADO_HUB_IDENTITY_PIN)
    {
      g_autofree char *signature = mado_hub_base64_of (request->signature);

      json_builder_set_member_name (builder, "signature");
      json_builder_add_string_value (builder, signature);
    }
  json_builder_set_member_name (builder, "identity");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder,
                                 request->method == MADO_HUB_IDENTITY_PIN ? "pin" : "visual");
  if (request->method == MADO_HUB_IDENTITY_VISUAL)
    {
      json_builder_set_member_name (builder, "operatorId");
      json_builder_add_string_value (builder, request->operator_id);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "consent");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (consent_names); i++)
    if ((request->consent & consent_names[i].flag) != 0)
      json_builder_add_string_value (builder, consent_names[i].name);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "institutionCode");
  json_builder_add_string_value (builder, institution_code);
  json_builder_set_member_name (builder, "terminalId");
  json_builder_add_string_value (builder, terminal_id);
  json_builder_end_object (builder);
  return generate (builder);
}

/**
 * mado_hub_record_kind_to_path:
 *
 * Returns: (transfer none): the endpoint of a record kind
 */
const char *
mado_hub_record_kind_to_path (MadoHubRecordKind kind)
{
  switch (kind)
    {
    case MADO_HUB_RECORD_VACCINATION:   return "/v1/records/vaccinations";
    case MADO_HUB_RECORD_QUESTIONNAIRE: return "/v1/records/questionnaires";
    default:                            g_return_val_if_reached (NULL);
    }
}

/**
 * mado_hub_encode_record:
 * @kind: which record
 * @record: the record object; it must name the resident's `residentRef`
 * @error: %MADO_HUB_ERROR_INVALID_REQUEST when it cannot be sent
 *
 * Returns: (transfer full) (nullable): the JSON body, at most
 *   %MADO_HUB_MAX_BODY_BYTES long
 */
char *
mado_hub_encode_record (MadoHubRecordKind   kind,
                        JsonObject         *record,
                        GError            **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  JsonNode *ref;
  gsize length;

  g_return_val_if_fail (record != NULL, NULL);

  if (mado_hub_record_kind_to_path (kind) == NULL)
    return invalid_request (error, "unknown record kind"), NULL;
  ref = json_object_get_member (record, "residentRef");
  if (ref == NULL || !JSON_NODE_HOLDS_VALUE (ref) ||
      json_node_get_value_type (ref) != G_TYPE_STRING ||
      *json_node_get_string (ref) == '\0')
    return invalid_request (error, "the record names no resident (residentRef)"), NULL;

  json_node_set_object (root, record);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  if (length > MADO_HUB_MAX_BODY_BYTES)
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_PAYLOAD_TOO_LARGE,
                   "the record is %" G_GSIZE_FORMAT " bytes, over the bound", length);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* -- the identity proof --------------------------------------------------- */

/**
 * mado_hub_proof_message:
 * @challenge: the 32 raw challenge bytes
 * @institution_code: 10 ASCII digits
 * @terminal_id: 1–64 of [A-Za-z0-9._-]
 * @error: %MADO_HUB_ERROR_INVALID_REQUEST for any other input
 *
 * The bytes whose SHA-256 hash the card signs: the label and a zero byte,
 * the challenge, the institution code, then the terminal ID preceded by its
 * length in one byte (docs/hub-api.md, "The identity proof").
 *
 * Returns: (transfer full) (nullable): the message
 */
GBytes *
mado_hub_proof_message (GBytes      *challenge,
                        const char  *institution_code,
                        const char  *terminal_id,
                        GError     **error)
{
  GByteArray *message;
  guint8 zero = 0, length;

  if (challenge == NULL || g_bytes_get_size (challenge) != MADO_HUB_CHALLENGE_BYTES)
    return invalid_request (error, "the challenge is not 32 bytes"), NULL;
  if (!mado_hub_is_institution_code (institution_code))
    return invalid_request (error, "the institution code is not 10 digits"), NULL;
  if (!mado_hub_is_terminal_id (terminal_id))
    return invalid_request (error, "the terminal ID is not 1–64 of [A-Za-z0-9._-]"), NULL;

  length = (guint8) strlen (terminal_id);
  message = g_byte_array_new ();
  g_byte_array_append (message, (const guint8 *) MADO_HUB_PROOF_LABEL,
                       strlen (MADO_HUB_PROOF_LABEL));
  g_byte_array_append (message, &zero, 1);
  g_byte_array_append (message, g_bytes_get_data (challenge, NULL), MADO_HUB_CHALLENGE_BYTES);
  g_byte_array_append (message, (const guint8 *) institution_code, 10);
  g_byte_array_append (message, &length, 1);
  g_byte_array_append (message, (const guint8 *) terminal_id, length);
  return g_byte_array_free_to_bytes (message);
}

/**
 * mado_hub_proof_digest:
 *
 * Returns: (transfer full) (nullable): SHA-256 of mado_hub_proof_message(),
 *   the 32 bytes that go into the card's DigestInfo
 */
GBytes *
mado_hub_proof_digest (GBytes      *challenge,
                       const char  *institution_code,
                       const char  *terminal_id,
                       GError     **error)
{
  g_autoptr(GBytes) message = mado_hub_proof_message (challenge, institution_code,
                                                      terminal_id, error);
  g_autoptr(GChecksum) sha256 = NULL;
  guint8 digest[32];
  gsize length = sizeof digest;

  if (message == NULL)
    return NULL;
  sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sha256, g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_checksum_get_digest (sha256, digest, &length);
  return g_bytes_new (digest, length);
}

/* -- freeing ------------------------------------------------------------- */

void
mado_hub_status_free (MadoHubStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->status);
  g_free (status->api_version);
  g_free (status->hub_name);
  g_clear_pointer (&status->time, g_date_time_unref);
  g_free (status);
}

void
mado_hub_challenge_free (MadoHubChallenge *challenge)
{
  if (challenge == NULL)
    return;
  g_free (challenge->challenge);
  g_clear_pointer (&challenge->raw, g_bytes_unref);
  g_clear_pointer (&challenge->expires_at, g_date_time_unref);
  g_free (challenge);
}

void
mado_hub_verification_free (MadoHubVerification *verification)
{
  if (verification == NULL)
    return;
  g_free (verification->resident_token);
  g_clear_pointer (&verification->token_expires_at, g_date_time_unref);
  g_free (verification->etag);
  g_clear_pointer (&verification->bundle, mado_resident_bundle_free);
  g_free (verification);
}

void
mado_hub_bundle_fetch_free (MadoHubBundleFetch *fetch)
{
  if (fetch == NULL)
    return;
  g_clear_pointer (&fetch->confirmed_at, g_date_time_unref);
  g_free (fetch->etag);
  g_clear_pointer (&fetch->bundle, mado_resident_bundle_free);
  g_free (fetch);
}

void
mado_hub_record_receipt_free (MadoHubRecordReceipt *receipt)
{
  if (receipt == NULL)
    return;
  g_free (receipt->record_id);
  g_clear_pointer (&receipt->received_at, g_date_time_unref);
  g_free (receipt);
}

void
mado_hub_problem_free (MadoHubProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->type);
  g_free (problem->title);
  g_free (problem->detail);
  g_free (problem);
}
