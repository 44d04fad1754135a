/* mado-hub-client-batch.c — many records in one request: POST /v1/records/batch
 *
 * One request carries up to %MADO_RECORD_BATCH_MAX_RECORDS records, each
 * with its own idempotency key, and the hub answers each one: accepted,
 * a duplicate of what it had under that key, or refused with its problem
 * type. Safe to retry as a whole, like the single-record calls: every key
 * is accepted once.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-error.h"
#include "mado-hub-client-batch.h"
#include "mado-hub-client-exchange-private.h"

#define BATCH_PATH "/v1/records/batch"

/**
 * mado_hub_client_submit_batch:
 * @entries: (array length=n_entries): the records, in the order the hub is
 *   to take them
 * @n_entries: 1 to %MADO_RECORD_BATCH_MAX_RECORDS
 * @out_unsupported: (out): set when the hub has no batch endpoint (404):
 *   nothing was stored, send the records one by one
 *
 * `POST /v1/records/batch`; retried after transient failures.
 *
 * Returns: (transfer full) (element-type MadoRecordResult) (nullable): one
 *   result per entry, in the entries' order; %NULL with @error set, or with
 *   no error and @out_unsupported set
 */
GPtrArray *
mado_hub_client_submit_batch (MadoHubClient               *self,
                              const MadoRecordBatchEntry  *entries,
                              guint                        n_entries,
                              gboolean                    *out_unsupported,
                              GCancellable                *cancellable,
                              GError                     **error)
{
  g_autofree char *body = NULL;
  g_autofree const char **keys = NULL;
  g_auto(MadoHubTransportRequest) req = { "POST", g_strdup (BATCH_PATH), BATCH_PATH, NULL, NULL,
                                          NULL, TRUE };
  g_auto(MadoHubTransportResponse) r = MADO_HUB_TRANSPORT_RESPONSE_INIT;
  GPtrArray *results;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);
  g_return_val_if_fail (out_unsupported != NULL, NULL);

  *out_unsupported = FALSE;
  body = mado_record_encode_batch (entries, n_entries, error);
  if (body == NULL)
    return NULL;
  req.body = body;
  if (!mado_hub_client_exchange (self, &req, &r, cancellable, error))
    return NULL;
  if (r.status == 404)
    {
      *out_unsupported = TRUE;
      return NULL;
    }
  if (!mado_hub_transport_expect (&r, 200, 200, error))
    return NULL;
  keys = g_new0 (const char *, n_entries);
  for (guint i = 0; i < n_entries; i++)
    keys[i] = entries[i].idempotency_key;
  results = mado_record_decode_batch_results ((const char *) r.body->data, r.body->len, keys,
                                              n_entries, error);
  if (results == NULL && error != NULL)
    g_prefix_error (error, "%s ", mado_error_advice (MADO_HUB_ERROR, (*error)->code));
  return results;
}
