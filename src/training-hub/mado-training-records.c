/* mado-training-records.c — the training hub's record endpoints: checks, idempotency and the store
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-training-hub-private.h"
#include "mado-training-json.h"

static gboolean
is_short_string (JsonObject *object,
                 const char *member,
                 glong       max_chars)
{
  const char *value = mado_training_json_get_string (object, member);

  return value != NULL && *value != '\0' && g_utf8_strlen (value, -1) <= max_chars;
}

static gboolean
get_number (JsonObject *object,
            const char *member,
            double     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return isfinite (*out);
    default:
      return FALSE;
    }
}

static gboolean
is_integer (JsonObject *object,
            const char *member,
            gint64      min,
            gint64      max)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_INT64
         && json_node_get_int (node) >= min && json_node_get_int (node) <= max;
}

static gboolean
is_rfc3339 (const char *text)
{
  g_autoptr(GDateTime) when = NULL;

  /* A time zone is required: with none the default argument would apply. */
  if (text == NULL || strlen (text) < 20 || text[10] != 'T')
    return FALSE;
  when = g_date_time_new_from_iso8601 (text, NULL);
  return when != NULL;
}

static gboolean
is_calendar_date (const char *text)
{
  guint64 y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]))
    return FALSE;
  y = g_ascii_strtoull (text, NULL, 10);
  m = g_ascii_strtoull (text + 5, NULL, 10);
  d = g_ascii_strtoull (text + 8, NULL, 10);
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31
         && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gboolean
is_past_or_today (const char *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return strcmp (date, today) <= 0;
}

/* The vaccination with @record_id this resident's terminal sent before. */
static gboolean
has_vaccination (MadoTrainingHub *self,
                 const char      *resident_ref,
                 const char      *record_id)
{
  g_autoptr(GPtrArray) bodies = mado_training_store_bodies (self->store, "vaccination", resident_ref);

  for (guint i = 0; record_id != NULL && bodies != NULL && i < bodies->len; i++)
    {
      g_autoptr(JsonNode) node = mado_training_json_parse_object (g_ptr_array_index (bodies, i),
                                                                     strlen (g_ptr_array_index (bodies, i)), NULL);

      if (node != NULL
          && g_strcmp0 (mado_training_json_get_string (json_node_get_object (node), "recordId"),
                        record_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static const char *
validate_correction (MadoTrainingHub *self,
                     JsonObject      *record)
{
  const char *target = mado_training_json_get_string (record, "correctionOf");

  if (target == NULL || !mado_training_endpoints_is_identifier (target, "-"))
    return "correctionOf must name the recordId of the vaccination entered in error";
  if (!has_vaccination (self, mado_training_json_get_string (record, "residentRef"), target))
    return "correctionOf names no vaccination of this resident";
  if (!is_short_string (record, "statusReason", 200))
    return "statusReason is required (at most 200 characters)";
  return NULL;
}

/* What the venue's desk adds to a vaccination; each is optional. */
static const char *
validate_vaccination_extras (JsonObject *record)
{
  static const char *const routes[] = { "subcutaneous", "intramuscular", "oral", "percutaneous", NULL };
  const char *route = mado_training_json_get_string (record, "route");
  const char *gtin = mado_training_json_get_string (record, "gtin");
  const char *record_id = mado_training_json_get_string (record, "recordId");

  if (json_object_has_member (record, "recordId")
      && (record_id == NULL || !mado_training_endpoints_is_identifier (record_id, "-")))
    return "recordId must be 1–64 of [A-Za-z0-9-]";
  if (json_object_has_member (record, "expirationDate")
      && !is_calendar_date (mado_training_json_get_string (record, "expirationDate")))
    return "expirationDate must be a calendar date";
  if (json_object_has_member (record, "route") && (route == NULL || !g_strv_contains (routes, route)))
    return "route must be subcutaneous, intramuscular, oral or percutaneous";
  if (json_object_has_member (record, "gtin")
      && (gtin == NULL || strlen (gtin) != 14 || strspn (gtin, "0123456789") != 14))
    return "gtin must be 14 digits";
  if (json_object_has_member (record, "doctor") && !is_short_string (record, "doctor", 100))
    return "doctor must be a name of at most 100 characters";
  if (json_object_has_member (record, "overrides") && mado_training_json_get_array (record, "overrides") == NULL)
    return "overrides must be an array of check names";
  return NULL;
}

static const char *
validate_vaccination (MadoTrainingHub *self,
                      JsonObject      *record,
                      JsonObject      *resident)
{
  JsonObject *code = mado_training_json_get_object (record, "vaccineCode");
  JsonArray *diseases = mado_training_json_get_array (record, "targetDisease");
  const char *date = mado_training_json_get_string (record, "occurrenceDate");
  const char *questionnaire = mado_training_json_get_string (record, "questionnaireId");
  const char *status = mado_training_json_get_string (record, "status");
  double ml = 0;

  if (g_strcmp0 (status, "entered-in-error") == 0)
    return validate_correction (self, record);
  if (json_object_has_member (record, "status") && g_strcmp0 (status, "completed") != 0)
    return "status must be completed or entered-in-error";
  if (!is_short_string (code, "system", 200) || !is_short_string (code, "code", 64)
      || !is_short_string (code, "display", 200))
    return "vaccineCode needs system, code and display";
  if (diseases == NULL || json_array_get_length (diseases) == 0)
    return "targetDisease must name at least one disease";
  for (guint i = 0; i < json_array_get_length (diseases); i++)
    {
      JsonNode *element = json_array_get_element (diseases, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING
          || *json_node_get_string (element) == '\0')
        return "targetDisease holds something else than a name";
    }
  if (!is_calendar_date (date) || !is_past_or_today (date))
    return "occurrenceDate must be a calendar date, not in the future";
  if (!is_integer (record, "doseNumber", 1, 10))
    return "doseNumber must be an integer from 1 to 10";
  if (!is_short_string (record, "lotNumber", 64))
    return "lotNumber is required (at most 64 characters)";
  if (!is_short_string (record, "site", 64))
    return "site is required (at most 64 characters)";
  /* BCG is given percutaneously with a multi-puncture device: no volume. */
  if ((json_object_has_member (record, "doseQuantityMl")
       || g_strcmp0 (mado_training_json_get_string (record, "route"), "percutaneous") != 0)
      && (!get_number (record, "doseQuantityMl", &ml) || ml <= 0 || ml > 5))
    return "doseQuantityMl must be a number above 0 and at most 5";
  if (!is_short_string (record, "performer", 100))
    return "performer is required (at most 100 characters)";
  if (json_object_has_member (record, "questionnaireId")
      && (questionnaire == NULL || !mado_training_fixtures_has_questionnaire (resident, questionnaire)))
    return "questionnaireId is not one of this resident's questionnaires";
  return validate_vaccination_extras (record);
}

static const char *
validate_questionnaire (MadoTrainingHub *self,
                        JsonObject      *record,
                        JsonObject      *resident)
{
  const char *questionnaire = mado_training_json_get_string (record, "questionnaireId");
  const char *decision = mado_training_json_get_string (record, "decision");
  JsonArray *section = mado_training_json_get_array (record, "doctorSection");

  if (questionnaire == NULL || !mado_training_fixtures_has_questionnaire (resident, questionnaire))
    return "questionnaireId is not one of this resident's questionnaires";
  if (section == NULL || json_array_get_length (section) == 0)
    return "doctorSection must hold at least one answer";
  for (guint i = 0; i < json_array_get_length (section); i++)
    {
      JsonNode *element = json_array_get_element (section, i);
      JsonObject *answer = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonNode *value = answer ? json_object_get_member (answer, "answer") : NULL;

      if (!is_short_string (answer, "itemId", 64) || value == NULL
          || !JSON_NODE_HOLDS_VALUE (value))
        return "each doctorSection entry needs an itemId and a scalar answer";
    }
  if (decision == NULL
      || !(g_str_equal (decision, "vaccinate") || g_str_equal (decision, "postpone")
           || g_str_equal (decision, "do-not-vaccinate")))
    return "decision must be vaccinate, postpone or do-not-vaccinate";
  if (!is_rfc3339 (mado_training_json_get_string (record, "completedAt")))
    return "completedAt must be an RFC 3339 time with a zone";
  if (json_object_has_member (record, "doctor") && !is_short_string (record, "doctor", 100))
    return "doctor must be a name of at most 100 characters";
  if (json_object_has_member (record, "reasonCode") && !is_short_string (record, "reasonCode", 64))
    return "reasonCode must be a code of at most 64 characters";
  if (json_object_has_member (record, "reasonText") && !is_short_string (record, "reasonText", 200))
    return "reasonText must be at most 200 characters";
  return NULL;
}

/* Why @body cannot be stored as a @kind record, or %NULL when it can. */
static const char *
validate_record (MadoTrainingHub *self,
                 const char      *kind,
                 JsonObject      *body)
{
  const char *resident_ref = mado_training_json_get_string (body, "residentRef");
  JsonObject *resident = resident_ref ? mado_training_fixtures_find_resident_by_ref (self->fixtures, resident_ref) : NULL;

  if (resident == NULL)
    return "residentRef names no resident";
  if (g_str_equal (kind, "vaccination"))
    return validate_vaccination (self, body, resident);
  return validate_questionnaire (self, body, resident);
}

/* The record's body when the request may be stored, else %NULL with
 * @msg answered. */
static JsonObject *
check_submission (MadoTrainingHub   *self,
                  SoupServerMessage *msg,
                  const char        *kind,
                  JsonNode         **out_root)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Idempotency-Key");
  JsonObject *body;
  const char *invalid;

  if (key == NULL)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_IDEMPOTENCY_KEY_REQUIRED, 0, NULL);
      return NULL;
    }
  if (!mado_training_endpoints_is_identifier (key, "-"))
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, "Idempotency-Key must be 1–64 of [A-Za-z0-9-]");
      return NULL;
    }
  body = mado_training_endpoints_parse_body (msg, out_root);
  if (body == NULL)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, "the body is not a JSON object");
      return NULL;
    }
  invalid = validate_record (self, kind, body);
  if (invalid != NULL)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_RECORD_INVALID, 0, invalid);
      return NULL;
    }
  return body;
}

/**
 * mado_training_records_handle_submit:
 * @self: the hub
 * @msg: a POST to /v1/records/vaccinations or /v1/records/questionnaires
 * @terminal: the terminal that sent it
 * @kind: "vaccination" or "questionnaire"
 *
 * Checks the record and stores it once per Idempotency-Key: a repeat gets
 * the first answer again, with 200 instead of 201.
 */
void
mado_training_records_handle_submit (MadoTrainingHub      *self,
                                     SoupServerMessage    *msg,
                                     MadoTrainingTerminal *terminal,
                                     const char           *kind)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Idempotency-Key");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *received_at = NULL;
  JsonObject *body = check_submission (self, msg, kind, &root);
  MadoStoreResult result;

  if (body == NULL)
    return;
  raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  result = mado_training_store_submit (self->store, kind, terminal->fingerprint, key,
                                       mado_training_json_get_string (body, "residentRef"),
                                       raw, &record_id, &received_at, &error);
  switch (result)
    {
    case MADO_STORE_RESULT_KEY_REUSED:
      mado_training_problem_respond (msg, MADO_PROBLEM_IDEMPOTENCY_KEY_REUSED, 0,
                                     "this Idempotency-Key came before with another body");
      return;
    case MADO_STORE_RESULT_FAILED:
      g_warning ("storing a %s record failed: %s", kind, error->message);
      mado_training_problem_respond (msg, MADO_PROBLEM_INTERNAL, 0, "the record could not be stored");
      return;
    case MADO_STORE_RESULT_STORED:
    case MADO_STORE_RESULT_REPEATED:
    default:
      break;
    }
  mado_training_json_respond_strings (msg, result == MADO_STORE_RESULT_STORED ? SOUP_STATUS_CREATED
                                                                              : SOUP_STATUS_OK,
                                      "recordId", record_id, "receivedAt", received_at, NULL);
}

/* -- POST /v1/records/batch ------------------------------------------------------ */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_refusal (JsonBuilder *b,
             const char  *slug,
             const char  *detail)
{
  g_autofree char *type = g_strconcat (MADO_PROBLEM_TYPE_BASE, slug, NULL);

  add_string (b, "status", "refused");
  add_string (b, "type", type);
  add_string (b, "detail", detail);
}

/* The record as stored, and compared with a repeat under its key: written
 * as the terminal writes a record it sends alone (members in order,
 * numbers in their shortest exact form), so that a record sent alone
 * whose answer was lost, then again in a batch, is the same record. */
static GBytes *
record_bytes (JsonNode *record)
{
  char *text = mado_json_write_to_string (record, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/* One record of a batch, checked and stored as the single-record
 * endpoints would; its result goes into @b. The key is the one the
 * single-record endpoints take, so a record sent alone before and in a
 * batch now (or the other way round) is the same record. */
static void
submit_entry (MadoTrainingHub      *self,
              MadoTrainingTerminal *terminal,
              JsonObject           *entry,
              JsonBuilder          *b)
{
  const char *key = mado_training_json_get_string (entry, "idempotencyKey");
  const char *kind = mado_training_json_get_string (entry, "kind");
  JsonNode *record = json_object_get_member (entry, "record");
  g_autoptr(GBytes) raw = record_bytes (record);
  g_autoptr(GError) error = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *received_at = NULL;
  const char *invalid = validate_record (self, kind, json_node_get_object (record));
  MadoStoreResult result;

  json_builder_begin_object (b);
  add_string (b, "idempotencyKey", key);
  if (invalid != NULL)
    {
      add_refusal (b, "record-invalid", invalid);
      json_builder_end_object (b);
      return;
    }
  result = mado_training_store_submit (self->store, kind, terminal->fingerprint, key,
                                       mado_training_json_get_string (json_node_get_object (record),
                                                                      "residentRef"),
                                       raw, &record_id, &received_at, &error);
  if (result == MADO_STORE_RESULT_KEY_REUSED)
    add_refusal (b, "idempotency-key-reused", "this idempotencyKey came before with another record");
  else if (result == MADO_STORE_RESULT_FAILED)
    {
      g_warning ("storing a %s record failed: %s", kind, error->message);
      add_refusal (b, "internal", "the record could not be stored");
    }
  else
    {
      add_string (b, "status", result == MADO_STORE_RESULT_STORED ? "accepted" : "duplicate");
      add_string (b, result == MADO_STORE_RESULT_STORED ? "recordId" : "duplicateOf", record_id);
      add_string (b, "receivedAt", received_at);
    }
  json_builder_end_object (b);
}

/* Why entry @i cannot be taken at all, or %NULL. A key twice in one batch
 * would make the answer ambiguous: the whole batch is refused. */
static char *
check_entry (JsonArray  *records,
             guint       i,
             GHashTable *keys)
{
  JsonNode *node = json_array_get_element (records, i);
  JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *key = entry ? mado_training_json_get_string (entry, "idempotencyKey") : NULL;
  const char *kind = entry ? mado_training_json_get_string (entry, "kind") : NULL;

  if (entry == NULL)
    return g_strdup_printf ("records[%u] is not an object", i);
  if (key == NULL || !mado_training_endpoints_is_identifier (key, "-"))
    return g_strdup_printf ("records[%u].idempotencyKey must be 1–64 of [A-Za-z0-9-]", i);
  if (g_strcmp0 (kind, "vaccination") != 0 && g_strcmp0 (kind, "questionnaire") != 0)
    return g_strdup_printf ("records[%u].kind must be vaccination or questionnaire", i);
  if (mado_training_json_get_object (entry, "record") == NULL)
    return g_strdup_printf ("records[%u].record must be an object", i);
  if (!g_hash_table_add (keys, (gpointer) key))
    return g_strdup_printf ("records[%u].idempotencyKey appears twice in the batch", i);
  return NULL;
}

/* The batch's records when it may be taken, else %NULL with @msg answered. */
static JsonArray *
check_batch (SoupServerMessage *msg,
             JsonNode         **out_root)
{
  SoupMessageBody *raw = soup_server_message_get_request_body (msg);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *body;
  JsonArray *records;
  guint n;

  if (raw->length > MADO_RECORD_BATCH_MAX_BYTES)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_PAYLOAD_TOO_LARGE, 0, "a batch is limited to 1 MiB");
      return NULL;
    }
  body = mado_training_endpoints_parse_body (msg, out_root);
  records = body ? mado_training_json_get_array (body, "records") : NULL;
  n = records ? json_array_get_length (records) : 0;
  if (n == 0)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, "the body must be an object with a non-empty array records");
      return NULL;
    }
  if (n > MADO_RECORD_BATCH_MAX_RECORDS)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_PAYLOAD_TOO_LARGE, 0, "a batch holds at most 100 records");
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *wrong = check_entry (records, i, keys);

      if (wrong != NULL)
        {
          mado_training_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, wrong);
          return NULL;
        }
    }
  return records;
}

/* A hub that lies about a batch (X-Training-Fault, with --enable-faults):
 * it stores the records, then answers for a key it was not asked about,
 * leaves a record unanswered, or answers one twice. Or it is a hub from
 * before the batch endpoint. */
static const char *const batch_faults[] = {
  "batch-unsupported", "batch-unasked-key", "batch-missing-result", "batch-repeated-result", NULL
};

/**
 * mado_training_records_is_batch_fault:
 * @fault: an X-Training-Fault value
 *
 * Returns: whether the batch endpoint serves @fault itself
 */
gboolean
mado_training_records_is_batch_fault (const char *fault)
{
  return g_strv_contains (batch_faults, fault);
}

static const char *
batch_fault (MadoTrainingHub   *self,
             SoupServerMessage *msg)
{
  const char *fault = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "X-Training-Fault");

  if (fault == NULL)
    fault = self->standing_fault;
  return self->faults && fault != NULL && mado_training_records_is_batch_fault (fault) ? fault : NULL;
}

static void
lie (JsonArray  *results,
     const char *fault)
{
  guint n = json_array_get_length (results);
  JsonObject *first = json_array_get_object_element (results, 0);

  if (g_str_equal (fault, "batch-unasked-key"))
    json_object_set_string_member (first, "idempotencyKey", "00000000-0000-4000-8000-000000000000");
  else if (g_str_equal (fault, "batch-missing-result"))
    json_array_remove_element (results, n - 1);
  else if (g_str_equal (fault, "batch-repeated-result"))
    json_array_add_element (results, json_node_copy (json_array_get_element (results, 0)));
}

/**
 * mado_training_records_handle_batch:
 * @self: the hub
 * @msg: a POST to /v1/records/batch
 * @terminal: the terminal that sent it
 *
 * Takes up to %MADO_RECORD_BATCH_MAX_RECORDS records in order, each with
 * its own idempotency key, and answers each: accepted, a duplicate of the
 * record it had under that key, or refused with a problem type.
 */
void
mado_training_records_handle_batch (MadoTrainingHub      *self,
                                    SoupServerMessage    *msg,
                                    MadoTrainingTerminal *terminal)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  const char *fault = batch_fault (self, msg);
  JsonArray *records;

  if (g_strcmp0 (fault, "batch-unsupported") == 0)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_NOT_FOUND, 0, NULL);
      return;
    }
  records = check_batch (msg, &root);
  if (records == NULL)
    return;
  /* The whole batch in one transaction, answered only once committed: a
   * batch that could not be committed is answered 500 and none of it is
   * stored (or what SQLite committed before it gave up is recognised by
   * its key when the terminal sends the batch again). */
  if (!mado_training_store_begin (self->store, &error))
    {
      g_warning ("storing a batch failed: %s", error->message);
      mado_training_problem_respond (msg, MADO_PROBLEM_INTERNAL, 0, "the records could not be stored");
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (records); i++)
    submit_entry (self, terminal, json_array_get_object_element (records, i), b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (!mado_training_store_end (self->store, TRUE, &error))
    {
      g_warning ("committing a batch failed: %s", error->message);
      mado_training_problem_respond (msg, MADO_PROBLEM_INTERNAL, 0, "the records could not be stored");
      return;
    }
  answer = json_builder_get_root (b);
  if (fault != NULL)
    lie (json_object_get_array_member (json_node_get_object (answer), "results"), fault);
  mado_training_json_respond (msg, SOUP_STATUS_OK, answer);
}

/* GET /v1/training/records-count: what the store holds, for tests. */
void
mado_training_records_handle_count (MadoTrainingHub   *self,
                                    SoupServerMessage *msg)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "vaccinations",
                              mado_training_store_count (self->store, "vaccination"));
  json_object_set_int_member (object, "questionnaires",
                              mado_training_store_count (self->store, "questionnaire"));
  json_object_set_int_member (object, "total", mado_training_store_count (self->store, NULL));
  /* Each record the benchmarks send differs from the others: two alike
   * would be one record accepted twice under two keys. */
  json_object_set_int_member (object, "distinctBodies",
                              mado_training_store_count_distinct (self->store));
  /* A batch is stored in one commit, not one per record: tests count. */
  json_object_set_int_member (object, "commits", mado_training_store_count_commits (self->store));
  mado_training_json_respond_object (msg, SOUP_STATUS_OK, object);
}
