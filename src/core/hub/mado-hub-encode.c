/* mado-hub-encode.c — requests to the hub: record bodies, endpoints, keys and query parameters
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-hub-decode.h"
#include "mado-hub-encode.h"
#include "mado-json-read-private.h"
#include "mado-json-write.h"

/**
 * mado_hub_encode_record_path:
 *
 * Returns: (transfer none): the endpoint of a record kind
 */
const char *
mado_hub_encode_record_path (MadoHubRecordKind kind)
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
mado_hub_encode_record (MadoHubRecordKind kind,
                        JsonObject       *record,
                        GError          **error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  JsonNode *ref;
  gsize length;

  g_return_val_if_fail (record != NULL, NULL);

  if (mado_hub_encode_record_path (kind) == NULL)
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           "unknown record kind");
      return NULL;
    }
  ref = json_object_get_member (record, "residentRef");
  if (ref == NULL || !JSON_NODE_HOLDS_VALUE (ref) ||
      json_node_get_value_type (ref) != G_TYPE_STRING ||
      *json_node_get_string (ref) == '\0')
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           "the record names no resident (residentRef)");
      return NULL;
    }

  json_node_set_object (root, record);
  text = mado_json_write_to_string (root, FALSE);
  length = strlen (text);
  if (length > MADO_HUB_MAX_BODY_BYTES)
    {
      g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_PAYLOAD_TOO_LARGE,
                   "the record is %" G_GSIZE_FORMAT " bytes, over the bound", length);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/**
 * mado_hub_encode_check_idempotency_key:
 * @key: (nullable): what a record is to be sent under
 * @error: %MADO_HUB_ERROR_INVALID_REQUEST when @key is unusable
 *
 * Returns: whether @key is 1–64 of [A-Za-z0-9-], as the Idempotency-Key
 *   header takes it
 */
gboolean
mado_hub_encode_check_idempotency_key (const char *key,
                                       GError    **error)
{
  if (mado_json_read_is_token (key, 64, "-"))
    return TRUE;
  g_set_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST, "%s (%s)",
               mado_error_advice (MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST),
               "Idempotency-Key: not 1–64 of [A-Za-z0-9-]");
  return FALSE;
}

/**
 * mado_hub_encode_new_idempotency_key:
 *
 * Returns: (transfer full): a fresh random key (a UUID) for one record
 */
char *
mado_hub_encode_new_idempotency_key (void)
{
  return g_uuid_string_random ();
}

static const struct {
  MadoHubConsent flag;
  const char    *name;
} consent_names[] = {
  { MADO_HUB_CONSENT_SUBSIDY, "subsidy" },
  { MADO_HUB_CONSENT_VACCINATION, "vaccination" },
  { MADO_HUB_CONSENT_MATERNAL_CHILD, "maternalChild" },
};

/**
 * mado_hub_encode_consent:
 *
 * Returns: (transfer full): the categories joined by commas, in API order,
 *   as the `consent` query parameter wants them
 */
char *
mado_hub_encode_consent (MadoHubConsent consent)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (consent_names); i++)
    if ((consent & consent_names[i].flag) != 0)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", consent_names[i].name);
  return g_string_free (text, FALSE);
}

/**
 * mado_hub_encode_base64:
 * @bytes: any bytes (a certificate, a signature)
 *
 * Returns: (transfer full): @bytes in standard base64, as the API carries them
 */
char *
mado_hub_encode_base64 (GBytes *bytes)
{
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);

  return g_base64_encode (data, length);
}

/**
 * mado_hub_encode_challenge_request:
 * @certificate: the DER of the card's user-authentication certificate
 *
 * Returns: (transfer full): the body of `POST /v1/challenges` that asks the
 *   hub to judge the card before it issues the challenge
 */
char *
mado_hub_encode_challenge_request (GBytes *certificate)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *der = mado_hub_encode_base64 (certificate);

  json_object_set_string_member (body, "certificate", der);
  json_node_set_object (root, body);
  return mado_json_write_to_string (root, FALSE);
}
