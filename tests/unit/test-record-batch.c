/* test-record-batch.c — a batch of records: its body, and the strict reading of the hub's per-record results
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

static const char *const keys[] = { "k-1", "k-2", "k-3" };

#define ACCEPTED(key, id) \
  "{\"idempotencyKey\":\"" key "\",\"status\":\"accepted\",\"recordId\":\"" id "\"," \
  "\"receivedAt\":\"2026-11-21T01:05:00Z\"}"
#define DUPLICATE(key, id) \
  "{\"idempotencyKey\":\"" key "\",\"status\":\"duplicate\",\"duplicateOf\":\"" id "\"," \
  "\"receivedAt\":\"2026-11-20T23:58:00Z\"}"
#define REFUSED(key, type, detail) \
  "{\"idempotencyKey\":\"" key "\",\"status\":\"refused\"," \
  "\"type\":\"https://madoguchi.invalid/problems/" type "\",\"detail\":\"" detail "\"}"

static GPtrArray *
decode (const char  *text,
        GError     **error)
{
  return mado_record_decode_batch_results (text, strlen (text), keys, G_N_ELEMENTS (keys), error);
}

/* Matched by key, whatever the order the hub answered in. */
static void
test_decode_results (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = decode (
    "{\"results\":[" REFUSED ("k-3", "record-invalid", "lotNumber is required\\u001b[2J") ","
    ACCEPTED ("k-1", "vac-1") "," DUPLICATE ("k-2", "vac-0") "]}", &error);
  const MadoRecordResult *r;

  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);
  r = g_ptr_array_index (results, 0);
  g_assert_cmpstr (r->idempotency_key, ==, "k-1");
  g_assert_cmpint (r->outcome, ==, MADO_RECORD_ACCEPTED);
  g_assert_cmpstr (r->record_id, ==, "vac-1");
  r = g_ptr_array_index (results, 1);
  g_assert_cmpint (r->outcome, ==, MADO_RECORD_DUPLICATE);
  g_assert_cmpstr (r->record_id, ==, "vac-0");
  g_assert_nonnull (r->received_at);
  r = g_ptr_array_index (results, 2);
  g_assert_cmpint (r->outcome, ==, MADO_RECORD_REFUSED);
  g_assert_cmpint (r->refusal, ==, MADO_HUB_ERROR_RECORD_INVALID);
  /* the hub's text, without the terminal escape */
  g_assert_nonnull (strstr (r->detail, "lotNumber is required"));
  g_assert_null (strchr (r->detail, '\033'));
}

/* Answers the outbox must not settle anything on. */
static void
test_decode_lies (void)
{
  static const char *const lies[] = {
    /* a key not sent */
    "{\"results\":[" ACCEPTED ("k-1", "a") "," ACCEPTED ("k-2", "b") "," ACCEPTED ("k-9", "c") "]}",
    /* every key answered, and one more that was not sent */
    "{\"results\":[" ACCEPTED ("k-1", "a") "," ACCEPTED ("k-2", "b") "," ACCEPTED ("k-3", "c") ","
    ACCEPTED ("k-9", "d") "]}",
    /* a key twice */
    "{\"results\":[" ACCEPTED ("k-1", "a") "," ACCEPTED ("k-2", "b") "," ACCEPTED ("k-1", "c") "]}",
    /* a key left unanswered */
    "{\"results\":[" ACCEPTED ("k-1", "a") "," ACCEPTED ("k-2", "b") "]}",
    /* more results than keys */
    "{\"results\":[" ACCEPTED ("k-1", "a") "," ACCEPTED ("k-2", "b") "," ACCEPTED ("k-3", "c") ","
    ACCEPTED ("k-3", "c") "]}",
    /* accepted without the hub's ID */
    "{\"results\":[" ACCEPTED ("k-1", "a") "," ACCEPTED ("k-2", "b") ","
    "{\"idempotencyKey\":\"k-3\",\"status\":\"accepted\",\"receivedAt\":\"2026-11-21T01:05:00Z\"}]}",
    /* a status the API does not have */
    "{\"results\":[" ACCEPTED ("k-1", "a") "," ACCEPTED ("k-2", "b") ","
    "{\"idempotencyKey\":\"k-3\",\"status\":\"ok\",\"recordId\":\"c\","
    "\"receivedAt\":\"2026-11-21T01:05:00Z\"}]}",
    /* refused without saying why */
    "{\"results\":[" ACCEPTED ("k-1", "a") "," ACCEPTED ("k-2", "b") ","
    "{\"idempotencyKey\":\"k-3\",\"status\":\"refused\"}]}",
    "{\"results\":{}}",
    "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = decode (lies[i], &error);

      g_test_message ("%u: %s", i, error != NULL ? error->message : "(accepted)");
      g_assert_null (results);
      g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
      g_assert_true (error->message[0] == '$');
    }
}

static JsonObject *
record (const char *resident_ref)
{
  JsonObject *object = json_object_new ();

  if (resident_ref != NULL)
    json_object_set_string_member (object, "residentRef", resident_ref);
  json_object_set_double_member (object, "doseQuantityMl", 0.1);
  return object;
}

static void
test_encode (void)
{
  g_autoptr(JsonObject) a = record ("r-1");
  g_autoptr(JsonObject) b = record ("r-2");
  g_autoptr(JsonObject) nobody = record (NULL);
  g_autoptr(GError) error = NULL;
  MadoRecordBatchEntry entries[] = {
    { MADO_HUB_RECORD_VACCINATION, "k-1", a },
    { MADO_HUB_RECORD_QUESTIONNAIRE, "k-2", b },
  };
  g_autofree char *text = mado_record_encode_batch (entries, 2, &error);
  g_autofree MadoRecordBatchEntry *many = g_new0 (MadoRecordBatchEntry, MADO_RECORD_BATCH_MAX_RECORDS + 1);
  char *refused;

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "{\"records\":[{\"idempotencyKey\":\"k-1\",\"kind\":\"vaccination\","
                   "\"record\":{\"residentRef\":\"r-1\",\"doseQuantityMl\":0.1}},"
                   "{\"idempotencyKey\":\"k-2\",\"kind\":\"questionnaire\","
                   "\"record\":{\"residentRef\":\"r-2\",\"doseQuantityMl\":0.1}}]}");

  /* a key twice: the answer could not say which record it means */
  entries[1].idempotency_key = "k-1";
  refused = mado_record_encode_batch (entries, 2, &error);
  g_assert_null (refused);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  entries[1].idempotency_key = "k-2";
  entries[1].record = nobody;
  g_assert_null (mado_record_encode_batch (entries, 2, &error));
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  for (guint i = 0; i <= MADO_RECORD_BATCH_MAX_RECORDS; i++)
    many[i] = entries[0];
  g_assert_null (mado_record_encode_batch (many, MADO_RECORD_BATCH_MAX_RECORDS + 1, &error));
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-batch/decode/results", test_decode_results);
  g_test_add_func ("/record-batch/decode/lies", test_decode_lies);
  g_test_add_func ("/record-batch/encode", test_encode);

  return g_test_run ();
}
