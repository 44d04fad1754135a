/* test-hub-openapi.c — the training hub's real answers checked against docs/hub-api.openapi.json
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hub-test-util.h"

#define INSTITUTION "1312345678"

static const char *hub_binary;
static HubProcess *hub;
static JsonObject *spec;
static JsonParser *spec_parser;

/* ---- a validator for the subset of OpenAPI 3.0 schemas the doc uses --- */

static JsonObject *
resolve (JsonObject *schema)
{
  while (schema != NULL && json_object_has_member (schema, "$ref"))
    {
      const char *ref = json_object_get_string_member (schema, "$ref");
      g_auto(GStrv) parts = NULL;
      JsonObject *at = spec;

      g_assert_true (g_str_has_prefix (ref, "#/"));
      parts = g_strsplit (ref + 2, "/", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_assert_true (json_object_has_member (at, parts[i]));
          at = json_object_get_object_member (at, parts[i]);
        }
      schema = at;
    }
  return schema;
}

static gboolean
is_calendar_date (const char *text)
{
  int y, m, d;

  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static void
validate (JsonNode   *node,
          JsonObject *schema,
          const char *where,
          GString    *errors);

static void
validate_string (JsonNode   *node,
                 JsonObject *schema,
                 const char *where,
                 GString    *errors)
{
  const char *value = json_node_get_string (node);
  const char *format = json_object_get_string_member_with_default (schema, "format", NULL);
  glong len = g_utf8_strlen (value, -1);

  if (json_object_has_member (schema, "enum"))
    {
      JsonArray *choices = json_object_get_array_member (schema, "enum");
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (choices); i++)
        found |= g_str_equal (json_array_get_string_element (choices, i), value);
      if (!found)
        g_string_append_printf (errors, "%s: “%s” is not in the enum\n", where, value);
    }
  if (json_object_has_member (schema, "pattern")
      && !g_regex_match_simple (json_object_get_string_member (schema, "pattern"), value, 0, 0))
    g_string_append_printf (errors, "%s: “%s” does not match the pattern\n", where, value);
  if (json_object_has_member (schema, "minLength") && len < json_object_get_int_member (schema, "minLength"))
    g_string_append_printf (errors, "%s: too short\n", where);
  if (json_object_has_member (schema, "maxLength") && len > json_object_get_int_member (schema, "maxLength"))
    g_string_append_printf (errors, "%s: too long\n", where);
  if (g_strcmp0 (format, "date") == 0 && !is_calendar_date (value))
    g_string_append_printf (errors, "%s: “%s” is not a calendar date\n", where, value);
  if (g_strcmp0 (format, "date-time") == 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (value, NULL);

      if (when == NULL)
        g_string_append_printf (errors, "%s: “%s” is not an RFC 3339 time\n", where, value);
    }
}

static void
validate_number (double      value,
                 JsonObject *schema,
                 const char *where,
                 GString    *errors)
{
  if (json_object_has_member (schema, "minimum"))
    {
      double min = json_object_get_double_member (schema, "minimum");
      gboolean exclusive = json_object_get_boolean_member_with_default (schema, "exclusiveMinimum", FALSE);

      if (exclusive ? value <= min : value < min)
        g_string_append_printf (errors, "%s: %g is below the minimum\n", where, value);
    }
  if (json_object_has_member (schema, "maximum")
      && value > json_object_get_double_member (schema, "maximum"))
    g_string_append_printf (errors, "%s: %g is above the maximum\n", where, value);
}

static void
validate_object (JsonObject *object,
                 JsonObject *schema,
                 const char *where,
                 GString    *errors)
{
  JsonArray *required = json_object_has_member (schema, "required")
                        ? json_object_get_array_member (schema, "required") : NULL;
  JsonObject *properties = json_object_has_member (schema, "properties")
                           ? json_object_get_object_member (schema, "properties") : NULL;

  for (guint i = 0; required && i < json_array_get_length (required); i++)
    if (!json_object_has_member (object, json_array_get_string_element (required, i)))
      g_string_append_printf (errors, "%s: required member %s is missing\n", where,
                              json_array_get_string_element (required, i));
  /* additionalProperties: false — a member the schema does not name is an
   * error (json-glib reads `false` as a boolean member). */
  if (properties != NULL && json_object_has_member (schema, "additionalProperties")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (schema, "additionalProperties"))
      && !json_object_get_boolean_member (schema, "additionalProperties"))
    {
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        if (!json_object_has_member (properties, l->data))
          g_string_append_printf (errors, "%s: member %s is not in the schema\n", where,
                                  (const char *) l->data);
    }
  if (properties != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (properties);

      for (GList *l = names; l != NULL; l = l->next)
        if (json_object_has_member (object, l->data))
          {
            g_autofree char *inner = g_strdup_printf ("%s.%s", where, (const char *) l->data);

            validate (json_object_get_member (object, l->data),
                      json_object_get_object_member (properties, l->data), inner, errors);
          }
    }
}

static void
validate (JsonNode   *node,
          JsonObject *schema,
          const char *where,
          GString    *errors)
{
  const char *type;
  GType value_type;

  schema = resolve (schema);
  type = json_object_get_string_member_with_default (schema, "type", NULL);
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!json_object_get_boolean_member_with_default (schema, "nullable", FALSE) && type != NULL)
        g_string_append_printf (errors, "%s: null is not allowed\n", where);
      return;
    }
  if (type == NULL)
    return;
  value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (g_str_equal (type, "object"))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        g_string_append_printf (errors, "%s: not an object\n", where);
      else
        validate_object (json_node_get_object (node), schema, where, errors);
    }
  else if (g_str_equal (type, "array"))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_string_append_printf (errors, "%s: not an array\n", where);
          return;
        }
      array = json_node_get_array (node);
      if (json_object_has_member (schema, "minItems")
          && json_array_get_length (array) < (guint) json_object_get_int_member (schema, "minItems"))
        g_string_append_printf (errors, "%s: too few items\n", where);
      for (guint i = 0; json_object_has_member (schema, "items") && i < json_array_get_length (array); i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);

          validate (json_array_get_element (array, i), json_object_get_object_member (schema, "items"),
                    inner, errors);
        }
    }
  else if (g_str_equal (type, "string"))
    {
      if (value_type != G_TYPE_STRING)
        g_string_append_printf (errors, "%s: not a string\n", where);
      else
        validate_string (node, schema, where, errors);
    }
  else if (g_str_equal (type, "integer"))
    {
      if (value_type != G_TYPE_INT64)
        g_string_append_printf (errors, "%s: not an integer\n", where);
      else
        validate_number ((double) json_node_get_int (node), schema, where, errors);
    }
  else if (g_str_equal (type, "number"))
    {
      if (value_type != G_TYPE_INT64 && value_type != G_TYPE_DOUBLE)
        g_string_append_printf (errors, "%s: not a number\n", where);
      else
        validate_number (json_node_get_double (node), schema, where, errors);
    }
  else if (g_str_equal (type, "boolean"))
    {
      if (value_type != G_TYPE_BOOLEAN)
        g_string_append_printf (errors, "%s: not a boolean\n", where);
    }
  else
    g_string_append_printf (errors, "%s: the doc uses type %s, unknown to this checker\n", where, type);
}

/* ---- matching an exchange to the doc ---------------------------------- */

static JsonObject *
find_operation (const char *method,
                const char *path)
{
  JsonObject *paths = json_object_get_object_member (spec, "paths");
  g_autoptr(GList) templates = json_object_get_members (paths);
  g_autofree char *bare = g_strndup (path, strcspn (path, "?"));
  g_autofree char *lower = g_ascii_strdown (method, -1);
  g_auto(GStrv) segments = g_strsplit (bare, "/", -1);

  for (GList *l = templates; l != NULL; l = l->next)
    {
      g_auto(GStrv) template = g_strsplit (l->data, "/", -1);
      gboolean match = g_strv_length (template) == g_strv_length (segments);

      for (guint i = 0; match && template[i] != NULL; i++)
        match = template[i][0] == '{' || g_str_equal (template[i], segments[i]);
      if (match)
        {
          JsonObject *item = json_object_get_object_member (paths, l->data);

          return json_object_has_member (item, lower) ? json_object_get_object_member (item, lower) : NULL;
        }
    }
  return NULL;
}

static guint n_checked;

/* Fails the test when the answer is not what the doc promises. */
static void
check_exchange (const char  *method,
                const char  *path,
                HubResponse *response)
{
  JsonObject *operation = find_operation (method, path);
  g_autofree char *status = g_strdup_printf ("%ld", response->status);
  g_autoptr(GString) errors = g_string_new (NULL);
  JsonObject *responses, *declared;

  g_assert_nonnull (operation);
  g_assert_cmpint (response->rc, ==, CURLE_OK);
  responses = json_object_get_object_member (operation, "responses");
  if (!json_object_has_member (responses, status))
    g_error ("%s %s answered %s, which the doc does not declare", method, path, status);
  declared = resolve (json_object_get_object_member (responses, status));

  if (json_object_has_member (declared, "headers"))
    {
      JsonObject *headers = json_object_get_object_member (declared, "headers");
      g_autoptr(GList) names = json_object_get_members (headers);

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *lower = g_ascii_strdown (l->data, -1);
          const char *value = g_hash_table_lookup (response->headers, lower);
          JsonObject *header = resolve (json_object_get_object_member (headers, l->data));
          g_autoptr(JsonNode) node = NULL;

          if (value == NULL)
            {
              g_string_append_printf (errors, "header %s is missing\n", (const char *) l->data);
              continue;
            }
          node = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (node, value);
          validate (node, json_object_get_object_member (header, "schema"), l->data, errors);
        }
    }

  if (json_object_has_member (declared, "content"))
    {
      JsonObject *content = json_object_get_object_member (declared, "content");
      g_autoptr(GList) types = json_object_get_members (content);
      const char *type = types->data;
      const char *got = g_hash_table_lookup (response->headers, "content-type");

      if (g_strcmp0 (got, type) != 0)
        g_string_append_printf (errors, "content type %s, the doc says %s\n", got, type);
      else if (response->json == NULL)
        g_string_append (errors, "the body is not JSON\n");
      else
        validate (response->json,
                  json_object_get_object_member (json_object_get_object_member (content, type), "schema"),
                  "body", errors);
    }
  else if (response->body->len != 0)
    g_string_append (errors, "a body where the doc declares none\n");

  if (errors->len > 0)
    g_error ("%s %s → %s does not conform:\n%s", method, path, status, errors->str);
  n_checked++;
}

static HubResponse *
exchange (const char              *method,
          const char              *path,
          const HubRequestOptions *options)
{
  HubResponse *response = hub_request (hub, method, path, options);

  check_exchange (method, path, response);
  return response;
}

static char *
verification_body (const char *card,
                   const char *terminal)
{
  g_autofree char *challenge = hub_new_challenge (hub, terminal);
  g_autoptr(GBytes) data = hub_test_signed_bytes (challenge, INSTITUTION, terminal, TRUE);
  g_autofree char *signature = hub_test_sign (card, data);

  return hub_test_verification_body (challenge, card, signature, "pin",
                                     "subsidy,vaccination,maternalChild", INSTITUTION, terminal);
}

static void
test_validator_can_fail (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) errors = g_string_new (NULL);
  JsonObject *schemas = json_object_get_object_member (json_object_get_object_member (spec, "components"), "schemas");

  g_assert_true (json_parser_load_from_data (parser,
      "{\"name\":\"x\",\"birthDate\":\"2026-02-30\",\"sex\":\"3\",\"nameKana\":7}", -1, NULL));
  validate (json_parser_get_root (parser), json_object_get_object_member (schemas, "BasicInfo"),
            "basicInfo", errors);
  g_assert_nonnull (strstr (errors->str, "birthDate"));
  g_assert_nonnull (strstr (errors->str, "sex"));
  g_assert_nonnull (strstr (errors->str, "nameKana: not a string"));

  g_string_truncate (errors, 0);
  g_assert_true (json_parser_load_from_data (parser, "{\"recordId\":\"r\"}", -1, NULL));
  validate (json_parser_get_root (parser), json_object_get_object_member (schemas, "RecordReceipt"),
            "receipt", errors);
  g_assert_nonnull (strstr (errors->str, "receivedAt is missing"));
}

static void
test_every_path (void)
{
  g_autofree char *good = verification_body ("infant", "desk-1");
  g_autofree char *revoked = verification_body ("revoked", "desk-1");
  g_autofree char *nobody = verification_body ("nobody", "desk-1");
  HubRequestOptions verify_good = { "desk-1", NULL, good, 0, 0 };
  HubRequestOptions verify_revoked = { "desk-1", NULL, revoked, 0, 0 };
  HubRequestOptions verify_nobody = { "desk-1", NULL, nobody, 0, 0 };
  HubRequestOptions verify_garbage = { "desk-1", NULL, "[1,2", 0, 0 };
  HubRequestOptions verify_other = { "desk-2", NULL, good, 0, 0 };
  g_autofree char *revoked_der = hub_test_certificate_b64 ("revoked");
  g_autofree char *card_body = g_strdup_printf ("{\"certificate\":\"%s\"}", revoked_der);
  HubRequestOptions challenge_card = { "desk-1", NULL, card_body, 0, 0 };
  g_autoptr(HubResponse) status = exchange ("GET", "/v1/status", NULL);
  g_autoptr(HubResponse) challenge = exchange ("POST", "/v1/challenges", NULL);
  g_autoptr(HubResponse) card_refused = exchange ("POST", "/v1/challenges", &challenge_card);
  g_autoptr(HubResponse) verified = exchange ("POST", "/v1/verifications", &verify_good);
  g_autoptr(HubResponse) replayed = exchange ("POST", "/v1/verifications", &verify_good);
  g_autoptr(HubResponse) other = exchange ("POST", "/v1/verifications", &verify_other);
  g_autoptr(HubResponse) refused = exchange ("POST", "/v1/verifications", &verify_revoked);
  g_autoptr(HubResponse) not_found = exchange ("POST", "/v1/verifications", &verify_nobody);
  g_autoptr(HubResponse) garbage = exchange ("POST", "/v1/verifications", &verify_garbage);
  const char *token = json_object_get_string_member (hub_response_object (verified), "residentToken");
  g_autofree char *bundle_path = g_strdup_printf ("/v1/bundles/%s?consent=vaccination,subsidy", token);
  const char *if_none_match[] = { "If-None-Match: \"7\"", NULL };
  HubRequestOptions conditional = { "desk-1", if_none_match, NULL, 0, 0 };
  g_autoptr(HubResponse) bundle = exchange ("GET", bundle_path, NULL);
  g_autoptr(HubResponse) unchanged = exchange ("GET", bundle_path, &conditional);
  g_autoptr(HubResponse) bad_token = exchange ("GET", "/v1/bundles/nope", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *vaccination = g_strdup_printf (
      "{\"residentRef\":\"r-1001-yamada-haruto\",\"vaccineCode\":{\"system\":\"s\",\"code\":\"HEPB-PED\","
      "\"display\":\"B型肝炎ワクチン\"},\"targetDisease\":[\"B型肝炎\"],\"occurrenceDate\":\"%s\","
      "\"doseNumber\":3,\"lotNumber\":\"HB1\",\"site\":\"左大腿\",\"doseQuantityMl\":0.25,\"performer\":\"佐藤 健一\"}",
      today);
  const char *questionnaire = "{\"residentRef\":\"r-1001-yamada-haruto\",\"questionnaireId\":\"q-1001-hepb-3\","
                              "\"doctorSection\":[{\"itemId\":\"doctor-decision\",\"answer\":\"vaccinate\"}],"
                              "\"decision\":\"vaccinate\",\"completedAt\":\"2026-11-21T01:00:00Z\"}";
  const char *key1[] = { "Idempotency-Key: openapi-1", NULL };
  const char *key2[] = { "Idempotency-Key: openapi-2", NULL };
  HubRequestOptions record = { "desk-1", key1, vaccination, 0, 0 };
  HubRequestOptions record_no_key = { "desk-1", NULL, vaccination, 0, 0 };
  HubRequestOptions record_invalid = { "desk-1", key2, "{\"residentRef\":\"r-1001-yamada-haruto\"}", 0, 0 };
  HubRequestOptions completed = { "desk-1", key1, questionnaire, 0, 0 };
  g_autoptr(HubResponse) created = exchange ("POST", "/v1/records/vaccinations", &record);
  g_autoptr(HubResponse) repeated = exchange ("POST", "/v1/records/vaccinations", &record);
  g_autoptr(HubResponse) no_key = exchange ("POST", "/v1/records/vaccinations", &record_no_key);
  g_autoptr(HubResponse) invalid = exchange ("POST", "/v1/records/vaccinations", &record_invalid);
  g_autoptr(HubResponse) q_created = exchange ("POST", "/v1/records/questionnaires", &completed);
  g_autofree char *batch = g_strdup_printf (
      "{\"records\":[{\"idempotencyKey\":\"openapi-b1\",\"kind\":\"vaccination\",\"record\":%s},"
      "{\"idempotencyKey\":\"openapi-1\",\"kind\":\"vaccination\",\"record\":%s},"
      "{\"idempotencyKey\":\"openapi-b2\",\"kind\":\"vaccination\","
      "\"record\":{\"residentRef\":\"r-1001-yamada-haruto\"}}]}", vaccination, vaccination);
  g_autofree char *batch_twice = g_strdup_printf (
      "{\"records\":[{\"idempotencyKey\":\"openapi-b3\",\"kind\":\"vaccination\",\"record\":%s},"
      "{\"idempotencyKey\":\"openapi-b3\",\"kind\":\"vaccination\",\"record\":%s}]}",
      vaccination, vaccination);
  g_autofree char *batch_large = g_strdup_printf ("{\"records\":[],\"padding\":\"%0*d\"}",
                                                  1024 * 1024, 0);
  HubRequestOptions records_batch = { "desk-1", NULL, batch, 0, 0 };
  HubRequestOptions records_batch_twice = { "desk-1", NULL, batch_twice, 0, 0 };
  HubRequestOptions records_batch_large = { "desk-1", NULL, batch_large, 0, 0 };
  g_autoptr(HubResponse) batched = exchange ("POST", "/v1/records/batch", &records_batch);
  g_autoptr(HubResponse) batch_bad = exchange ("POST", "/v1/records/batch", &records_batch_twice);
  g_autoptr(HubResponse) batch_too_large = exchange ("POST", "/v1/records/batch", &records_batch_large);
  g_autoptr(HubResponse) count = exchange ("GET", "/v1/training/records-count", NULL);
  const char *busy[] = { "X-Training-Fault: status=503", NULL };
  const char *limited[] = { "X-Training-Fault: status=429", NULL };
  HubRequestOptions fault_busy = { "desk-1", busy, NULL, 0, 0 };
  HubRequestOptions fault_limited = { "desk-1", limited, NULL, 0, 0 };
  g_autoptr(HubResponse) unavailable = exchange ("GET", "/v1/status", &fault_busy);
  g_autoptr(HubResponse) rate_limited = exchange ("POST", "/v1/challenges", &fault_limited);

  /* The statuses are part of what is checked: each of these must be the
   * case the request was made for, not merely some declared answer. */
  g_assert_cmpint (status->status, ==, 200);
  g_assert_cmpint (challenge->status, ==, 201);
  g_assert_cmpint (card_refused->status, ==, 422);
  g_assert_cmpint (verified->status, ==, 200);
  g_assert_cmpint (replayed->status, ==, 409);
  g_assert_cmpint (other->status, ==, 403);
  g_assert_cmpint (refused->status, ==, 422);
  g_assert_cmpint (not_found->status, ==, 404);
  g_assert_cmpint (garbage->status, ==, 400);
  g_assert_cmpint (bundle->status, ==, 200);
  g_assert_cmpint (unchanged->status, ==, 304);
  g_assert_cmpint (bad_token->status, ==, 401);
  g_assert_cmpint (created->status, ==, 201);
  g_assert_cmpint (repeated->status, ==, 200);
  g_assert_cmpint (no_key->status, ==, 400);
  g_assert_cmpint (invalid->status, ==, 422);
  g_assert_cmpint (q_created->status, ==, 201);
  g_assert_cmpint (batched->status, ==, 200);
  g_assert_cmpint (batch_bad->status, ==, 400);
  g_assert_cmpint (batch_too_large->status, ==, 413);
  g_assert_cmpint (count->status, ==, 200);
  g_assert_cmpint (unavailable->status, ==, 503);
  g_assert_cmpint (rate_limited->status, ==, 429);
  g_assert_cmpuint (n_checked, ==, 23);
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--enable-faults", NULL };
  g_autofree char *doc = NULL;
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  if (hub_test_pki () == NULL || argc < 2)
    {
      g_test_skip ("needs MADOGUCHI_TEST_PKI and the hub binary as argument");
      return 77;
    }
  hub_binary = argv[1];
  doc = g_build_filename (g_getenv ("MADOGUCHI_SOURCE_ROOT"), "docs", "hub-api.openapi.json", NULL);
  spec_parser = json_parser_new ();
  json_parser_load_from_file (spec_parser, doc, &error);
  g_assert_no_error (error);
  spec = json_node_get_object (json_parser_get_root (spec_parser));
  g_assert_cmpstr (json_object_get_string_member (spec, "openapi"), ==, "3.0.3");
  curl_global_init (CURL_GLOBAL_DEFAULT);

  g_test_add_func ("/hub/openapi/validator-can-fail", test_validator_can_fail);
  g_test_add_func ("/hub/openapi/every-path", test_every_path);

  hub = hub_process_start (hub_binary, args);
  result = g_test_run ();
  hub_process_stop (hub);
  curl_global_cleanup ();
  g_object_unref (spec_parser);
  return result;
}
