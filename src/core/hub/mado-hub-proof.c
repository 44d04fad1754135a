/* mado-hub-proof.c — the identity proof: the bytes the card signs, and the request that carries them
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-hub-encode.h"
#include "mado-hub-proof.h"
#include "mado-json-read-private.h"
#include "mado-json-write-private.h"

/**
 * mado_hub_proof_challenge_bytes:
 * @text: a challenge as issued: unpadded base64url of 32 bytes
 *
 * Returns: (transfer full) (nullable): the 32 bytes, or %NULL with
 *   %MADO_HUB_ERROR_MALFORMED_RESPONSE when @text is anything else
 */
GBytes *
mado_hub_proof_challenge_bytes (const char *text,
                                GError    **error)
{
  g_autofree char *standard = NULL;
  g_autofree guchar *raw = NULL;
  g_autofree char *again = NULL;
  gsize length;

  /* 32 bytes are 43 characters without padding. */
  if (text == NULL || strlen (text) != 43 || !mado_json_read_is_token (text, 43, "-_"))
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

static gboolean
invalid_request (GError    **error,
                 const char *why)
{
  g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST, "%s", why);
  return FALSE;
}

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
mado_hub_proof_message (GBytes     *challenge,
                        const char *institution_code,
                        const char *terminal_id,
                        GError    **error)
{
  GByteArray *message;
  guint8 zero = 0, length;

  if (challenge == NULL || g_bytes_get_size (challenge) != MADO_HUB_CHALLENGE_BYTES)
    return invalid_request (error, "the challenge is not 32 bytes"), NULL;
  if (!mado_hub_proof_is_institution_code (institution_code))
    return invalid_request (error, "the institution code is not 10 digits"), NULL;
  if (!mado_hub_proof_is_terminal_id (terminal_id))
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
mado_hub_proof_digest (GBytes     *challenge,
                       const char *institution_code,
                       const char *terminal_id,
                       GError    **error)
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

static gboolean
check_identity (const MadoHubVerificationRequest *request,
                GError                          **error)
{
  switch (request->method)
    {
    case MADO_HUB_IDENTITY_PIN:
      if (request->signature == NULL ||
          g_bytes_get_size (request->signature) != MADO_HUB_SIGNATURE_BYTES)
        return invalid_request (error, "a PIN verification needs the 256-byte signature");
      if (request->operator_id != NULL)
        return invalid_request (error, "a PIN verification carries no operator");
      return TRUE;
    case MADO_HUB_IDENTITY_VISUAL:
      if (request->signature != NULL)
        return invalid_request (error, "a visual check carries no signature");
      if (!mado_hub_proof_is_terminal_id (request->operator_id))
        return invalid_request (error, "a visual check needs the operator's ID");
      return TRUE;
    default:
      return invalid_request (error, "unknown identity method");
    }
}

static gboolean
check_request (const MadoHubVerificationRequest *request,
               const char                       *institution_code,
               const char                       *terminal_id,
               GError                          **error)
{
  g_autoptr(GBytes) challenge = mado_hub_proof_challenge_bytes (request->challenge, NULL);

  if (challenge == NULL)
    return invalid_request (error, "the challenge is not as the hub issues them");
  if (request->certificate == NULL || g_bytes_get_size (request->certificate) == 0 ||
      g_bytes_get_size (request->certificate) > 16384)
    return invalid_request (error, "no usable card certificate");
  if ((request->consent & MADO_HUB_CONSENT_ALL) == 0 ||
      (request->consent & ~MADO_HUB_CONSENT_ALL) != 0)
    return invalid_request (error, "no consented category");
  if (!mado_hub_proof_is_institution_code (institution_code) ||
      !mado_hub_proof_is_terminal_id (terminal_id))
    return invalid_request (error, "the site's institution code or terminal ID is invalid");
  return check_identity (request, error);
}

/**
 * mado_hub_proof_encode_verification:
 * @request: what to send
 * @institution_code: the site's 10-digit medical institution code
 * @terminal_id: the site's terminal ID
 * @error: %MADO_HUB_ERROR_INVALID_REQUEST when the request breaks the API
 *
 * Returns: (transfer full) (nullable): the JSON body of `POST /v1/verifications`
 */
char *
mado_hub_proof_encode_verification (const MadoHubVerificationRequest *request,
                                    const char                       *institution_code,
                                    const char                       *terminal_id,
                                    GError                          **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *consent = NULL;
  g_auto(GStrv) categories = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  if (!check_request (request, institution_code, terminal_id, error))
    return NULL;
  certificate = mado_hub_encode_base64 (request->certificate);
  if (request->method == MADO_HUB_IDENTITY_PIN)
    signature = mado_hub_encode_base64 (request->signature);
  /* The same names, in the same order, as the bundle's `consent` parameter. */
  consent = mado_hub_encode_consent (request->consent);
  categories = g_strsplit (consent, ",", -1);

  json_builder_begin_object (b);
  mado_json_write_string (b, "challenge", request->challenge);
  mado_json_write_string (b, "certificate", certificate);
  mado_json_write_string (b, "signature", signature);
  json_builder_set_member_name (b, "identity");
  json_builder_begin_object (b);
  mado_json_write_string (b, "method", request->method == MADO_HUB_IDENTITY_PIN ? "pin" : "visual");
  mado_json_write_string (b, "operatorId", request->operator_id);
  json_builder_end_object (b);
  mado_json_write_strv (b, "consent", categories);
  mado_json_write_string (b, "institutionCode", institution_code);
  mado_json_write_string (b, "terminalId", terminal_id);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return mado_json_write_to_string (root, FALSE);
}
