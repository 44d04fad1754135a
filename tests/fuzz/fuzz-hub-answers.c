/* fuzz-hub-answers.c — the decoders of the hub's answers on arbitrary bytes
 *
 * The same bytes go to each decoder of an answer the terminal reads: the
 * status, a challenge, a verification (with its bundle), a record receipt
 * and the per-record results of a batch. Each gives a whole answer or a named error with the JSON path,
 * never both, never neither, and what it gives keeps the API's promises.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "fuzz-target.h"

static void
check_refusal (const GError *error)
{
  g_assert (error != NULL && error->domain == MADO_HUB_ERROR);
  g_assert (error->code == MADO_HUB_ERROR_MALFORMED_RESPONSE ||
            error->code == MADO_HUB_ERROR_RESPONSE_TOO_LARGE);
  g_assert (error->message[0] == '$');
}

static void
fuzz_status (const char *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = mado_hub_decode_status (data, size, &error);

  if (status == NULL)
    return check_refusal (error);
  g_assert (error == NULL && status->status != NULL && status->api_version != NULL);
  g_assert (g_utf8_validate (status->status, -1, NULL));
}

static void
fuzz_challenge (const char *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubChallenge) challenge = mado_hub_decode_challenge (data, size, &error);

  if (challenge == NULL)
    return check_refusal (error);
  g_assert (error == NULL && challenge->challenge != NULL && challenge->expires_at != NULL);
  /* The proof signs exactly 32 bytes: nothing else may come out. */
  g_assert (challenge->raw != NULL && g_bytes_get_size (challenge->raw) == 32);
}

static void
fuzz_verification (const char *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubVerification) v = mado_hub_decode_verification (data, size, MADO_HUB_CONSENT_ALL,
                                                                   &error);

  if (v == NULL)
    return check_refusal (error);
  g_assert (error == NULL && v->resident_token != NULL && v->token_expires_at != NULL);
  g_assert (v->resident_token[0] != '\0' && strlen (v->resident_token) <= 256);
  for (const char *c = v->resident_token; *c != '\0'; c++)
    g_assert (g_ascii_isalnum (*c) || strchr ("-._~", *c) != NULL);
  g_assert (v->bundle != NULL && v->bundle->resident_ref != NULL && v->bundle->as_of != NULL);
}

static void
fuzz_receipt (const char *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubRecordReceipt) receipt = mado_hub_decode_record_receipt (data, size, &error);

  if (receipt == NULL)
    return check_refusal (error);
  g_assert (error == NULL && receipt->record_id != NULL && receipt->received_at != NULL);
  g_assert (receipt->record_id[0] != '\0');
}

/* The keys the seeds' batches were sent with. */
static const char *const batch_keys[] = { "k-1", "k-2", "k-3" };

static void
fuzz_batch_results (const char *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = mado_record_decode_batch_results (data, size, batch_keys,
                                                                   G_N_ELEMENTS (batch_keys),
                                                                   &error);

  if (results == NULL)
    return check_refusal (error);
  /* One result per key sent, in the order sent: the outbox settles each
   * record on the result at its place. */
  g_assert (error == NULL && results->len == G_N_ELEMENTS (batch_keys));
  for (guint i = 0; i < results->len; i++)
    {
      const MadoRecordResult *r = g_ptr_array_index (results, i);

      g_assert (strcmp (r->idempotency_key, batch_keys[i]) == 0);
      if (r->outcome == MADO_RECORD_REFUSED)
        g_assert (r->record_id == NULL && (r->detail == NULL || g_utf8_validate (r->detail, -1, NULL)));
      else
        g_assert (r->record_id != NULL && r->record_id[0] != '\0' && r->received_at != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;

  fuzz_status (text, size);
  fuzz_challenge (text, size);
  fuzz_verification (text, size);
  fuzz_receipt (text, size);
  fuzz_batch_results (text, size);
  return 0;
}
