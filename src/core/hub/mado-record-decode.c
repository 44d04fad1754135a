/* mado-record-decode.c — the hub's per-record answers to a batch of records, decoded strictly
 *
 * The outbox marks a record delivered on the strength of this answer, so
 * an answer that could mislead it is refused whole: a result for a key
 * that was not asked, a key answered twice, a key left unanswered, an
 * unknown status, an accepted record without the hub's ID. Refused, the
 * answer settles nothing; the records stay pending and are sent again
 * under the same keys.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-display-text.h"
#include "mado-json-read-private.h"
#include "mado-record-decode.h"
#include "mado-record-encode.h"

#define MAX_DETAIL_CHARS 200

static const char *const outcomes[] = { "accepted", "duplicate", "refused", NULL };

void
mado_record_result_free (MadoRecordResult *result)
{
  if (result == NULL)
    return;
  g_free (result->idempotency_key);
  g_free (result->record_id);
  g_clear_pointer (&result->received_at, g_date_time_unref);
  g_free (result->detail);
  g_free (result);
}

static gboolean
read_refusal (MadoJsonRead     *ctx,
              JsonObject       *object,
              MadoRecordResult *r)
{
  g_autofree char *type = NULL;
  JsonNode *detail = NULL;

  if (!mado_json_read_string (ctx, object, "type", MADO_JSON_REQUIRED, MADO_JSON_MAX_NAME * 2,
                              MADO_JSON_TEXT_LINE, &type) ||
      !mado_json_read_node (ctx, object, "detail", MADO_JSON_OPTIONAL, &detail))
    return FALSE;
  r->refusal = mado_hub_error_from_problem_type (type);
  if (detail == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (detail) || json_node_get_value_type (detail) != G_TYPE_STRING)
    return mado_json_read_fail (ctx, "detail", "not a string");
  /* The hub's words go into the outbox list: made harmless, not refused,
   * so that a refusal still settles its record. */
  r->detail = mado_display_text_sanitize (json_node_get_string (detail), -1,
                                          MADO_DISPLAY_TEXT_LINES);
  if (g_utf8_strlen (r->detail, -1) > MAX_DETAIL_CHARS)
    *g_utf8_offset_to_pointer (r->detail, MAX_DETAIL_CHARS) = '\0';
  return TRUE;
}

static gpointer
decode_result (MadoJsonRead *ctx,
               JsonObject   *object)
{
  g_autoptr(MadoRecordResult) r = g_new0 (MadoRecordResult, 1);
  int outcome = -1;

  if (!mado_json_read_string (ctx, object, "idempotencyKey", MADO_JSON_REQUIRED, 64,
                              MADO_JSON_TEXT_LINE, &r->idempotency_key) ||
      !mado_json_read_enum (ctx, object, "status", MADO_JSON_REQUIRED, outcomes, &outcome))
    return NULL;
  r->outcome = (MadoRecordOutcome) outcome;
  switch (r->outcome)
    {
    case MADO_RECORD_ACCEPTED:
      if (!mado_json_read_string (ctx, object, "recordId", MADO_JSON_REQUIRED, MADO_JSON_MAX_ID,
                                  MADO_JSON_TEXT_LINE, &r->record_id))
        return NULL;
      break;
    case MADO_RECORD_DUPLICATE:
      if (!mado_json_read_string (ctx, object, "duplicateOf", MADO_JSON_REQUIRED,
                                  MADO_JSON_MAX_ID, MADO_JSON_TEXT_LINE, &r->record_id))
        return NULL;
      break;
    case MADO_RECORD_REFUSED:
    default:
      return read_refusal (ctx, object, r) ? g_steal_pointer (&r) : NULL;
    }
  if (!mado_json_read_time (ctx, object, "receivedAt", MADO_JSON_REQUIRED, &r->received_at))
    return NULL;
  return g_steal_pointer (&r);
}

/* Puts each result in the place of its key, refusing keys not asked and
 * keys answered twice. */
static gboolean
match_keys (MadoJsonRead       *ctx,
            GPtrArray          *results,
            const char *const  *keys,
            guint               n_keys,
            GPtrArray          *ordered)
{
  g_ptr_array_set_size (ordered, n_keys);
  for (guint i = 0; i < results->len; i++)
    {
      MadoRecordResult *r = g_ptr_array_index (results, i);
      guint k = 0;

      while (k < n_keys && strcmp (keys[k], r->idempotency_key) != 0)
        k++;
      if (k == n_keys)
        return mado_json_read_fail (ctx, NULL, "results[%u] answers a key that was not sent", i);
      if (g_ptr_array_index (ordered, k) != NULL)
        return mado_json_read_fail (ctx, NULL, "results[%u] answers a key a second time", i);
      g_ptr_array_index (ordered, k) = r;
      results->pdata[i] = NULL;
    }
  for (guint k = 0; k < n_keys; k++)
    if (g_ptr_array_index (ordered, k) == NULL)
      return mado_json_read_fail (ctx, "results", "no result for the record sent %u", k + 1);
  return TRUE;
}

/**
 * mado_record_decode_batch_results:
 * @data: the answer to `POST /v1/records/batch`
 * @length: its length
 * @keys: (array length=n_keys): the idempotency keys sent, in order
 * @n_keys: how many
 * @error: %MADO_HUB_ERROR_MALFORMED_RESPONSE (with the JSON path) or
 *   %MADO_HUB_ERROR_RESPONSE_TOO_LARGE
 *
 * Returns: (transfer full) (element-type MadoRecordResult) (nullable): one
 *   result per key, in the order of @keys; %NULL when the answer is not one
 *   result for each key sent and nothing else
 */
GPtrArray *
mado_record_decode_batch_results (const char         *data,
                                  gsize               length,
                                  const char *const  *keys,
                                  guint               n_keys,
                                  GError            **error)
{
  g_auto(MadoJsonRead) ctx = MADO_JSON_READ_INIT (error);
  g_autoptr(JsonNode) root = mado_json_read_root (data, length, error);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_record_result_free);

  if (root == NULL)
    return NULL;
  if (!mado_json_read_object_array (&ctx, json_node_get_object (root), "results",
                                    MADO_JSON_REQUIRED, MADO_RECORD_BATCH_MAX_RECORDS,
                                    decode_result, (GDestroyNotify) mado_record_result_free,
                                    &results))
    return NULL;
  if (!match_keys (&ctx, results, keys, n_keys, ordered))
    return NULL;
  return g_steal_pointer (&ordered);
}
