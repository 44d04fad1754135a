/* mado-hub-decode.c — the hub's answers, decoded strictly: status, challenge, verification, receipt
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-bundle-decode-private.h"
#include "mado-display-text.h"
#include "mado-hub-decode.h"
#include "mado-hub-proof.h"
#include "mado-json-read-private.h"

/* A resident token: URL-safe, at most this long. */
#define MAX_TOKEN  256

static gboolean
is_sha256_hex (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && (*p < 'a' || *p > 'f'))
      return FALSE;
  return TRUE;
}

/**
 * mado_hub_decode_verification:
 *
 * Returns: (transfer full) (nullable): the answer to `POST /v1/verifications`;
 *   its etag is left for the caller to fill from the header
 */
MadoHubVerification *
mado_hub_decode_verification (const char    *data,
                              gsize          length,
                              MadoHubConsent consent,
                              GError       **error)
{
  g_auto(MadoJsonRead) ctx = MADO_JSON_READ_INIT (error);
  g_autoptr(JsonNode) root = mado_json_read_root (data, length, error);
  g_autoptr(MadoHubVerification) v = NULL;
  JsonObject *object, *bundle;
  gsize mark;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  v = g_new0 (MadoHubVerification, 1);
  if (!mado_json_read_string (&ctx, object, "residentToken", MADO_JSON_REQUIRED, MAX_TOKEN,
                              MADO_JSON_TEXT_LINE, &v->resident_token) ||
      !mado_json_read_time (&ctx, object, "tokenExpiresAt", MADO_JSON_REQUIRED,
                            &v->token_expires_at) ||
      !mado_json_read_object (&ctx, object, "bundle", MADO_JSON_REQUIRED, &bundle))
    return NULL;
  if (!mado_json_read_is_token (v->resident_token, MAX_TOKEN, "-._~"))
    return mado_json_read_fail (&ctx, "residentToken", "not a URL-safe token"), NULL;
  mark = mado_json_read_enter_member (&ctx, "bundle");
  v->bundle = mado_bundle_decode_object (&ctx, bundle, consent);
  if (v->bundle == NULL)
    return NULL;
  mado_json_read_leave (&ctx, mark);
  if (!mado_json_read_string (&ctx, object, "residentRef", MADO_JSON_REQUIRED, MADO_JSON_MAX_ID,
                              MADO_JSON_TEXT_LINE, &v->resident_ref) ||
      !mado_json_read_string (&ctx, object, "certificateSha256", MADO_JSON_REQUIRED, 64,
                              MADO_JSON_TEXT_LINE, &v->certificate_sha256))
    return NULL;
  if (!is_sha256_hex (v->certificate_sha256))
    return mado_json_read_fail (&ctx, "certificateSha256", "not 64 lowercase hex digits"), NULL;
  return g_steal_pointer (&v);
}

/**
 * mado_hub_decode_status:
 *
 * Returns: (transfer full) (nullable): the answer to `GET /v1/status`
 */
MadoHubStatus *
mado_hub_decode_status (const char *data,
                        gsize       length,
                        GError    **error)
{
  g_auto(MadoJsonRead) ctx = MADO_JSON_READ_INIT (error);
  g_autoptr(JsonNode) root = mado_json_read_root (data, length, error);
  g_autoptr(MadoHubStatus) s = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  s = g_new0 (MadoHubStatus, 1);
  if (!mado_json_read_string (&ctx, object, "status", MADO_JSON_REQUIRED, 32, MADO_JSON_TEXT_LINE,
                              &s->status) ||
      !mado_json_read_string (&ctx, object, "apiVersion", MADO_JSON_REQUIRED, 16,
                              MADO_JSON_TEXT_LINE, &s->api_version) ||
      !mado_json_read_string (&ctx, object, "hubName", MADO_JSON_OPTIONAL, MADO_JSON_MAX_NAME,
                              MADO_JSON_TEXT_LINE, &s->hub_name) ||
      !mado_json_read_time (&ctx, object, "time", MADO_JSON_REQUIRED, &s->time))
    return NULL;
  if (strcmp (s->api_version, "1") != 0)
    return mado_json_read_fail (&ctx, "apiVersion", "not version 1"), NULL;
  return g_steal_pointer (&s);
}

/**
 * mado_hub_decode_challenge:
 *
 * Returns: (transfer full) (nullable): the answer to `POST /v1/challenges`
 */
MadoHubChallenge *
mado_hub_decode_challenge (const char *data,
                           gsize       length,
                           GError    **error)
{
  g_auto(MadoJsonRead) ctx = MADO_JSON_READ_INIT (error);
  g_autoptr(JsonNode) root = mado_json_read_root (data, length, error);
  g_autoptr(MadoHubChallenge) c = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  c = g_new0 (MadoHubChallenge, 1);
  if (!mado_json_read_string (&ctx, object, "challenge", MADO_JSON_REQUIRED, 64,
                              MADO_JSON_TEXT_LINE, &c->challenge) ||
      !mado_json_read_time (&ctx, object, "expiresAt", MADO_JSON_REQUIRED, &c->expires_at))
    return NULL;
  c->raw = mado_hub_proof_challenge_bytes (c->challenge, error);
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
mado_hub_decode_record_receipt (const char *data,
                                gsize       length,
                                GError    **error)
{
  g_auto(MadoJsonRead) ctx = MADO_JSON_READ_INIT (error);
  g_autoptr(JsonNode) root = mado_json_read_root (data, length, error);
  g_autoptr(MadoHubRecordReceipt) r = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  r = g_new0 (MadoHubRecordReceipt, 1);
  if (!mado_json_read_string (&ctx, object, "recordId", MADO_JSON_REQUIRED, MADO_JSON_MAX_ID,
                              MADO_JSON_TEXT_LINE, &r->record_id) ||
      !mado_json_read_time (&ctx, object, "receivedAt", MADO_JSON_REQUIRED, &r->received_at))
    return NULL;
  return g_steal_pointer (&r);
}

/* A problem's free text, sanitised whatever it holds; NULL when it is
 * absent or not a string. */
static char *
problem_text (JsonObject *object,
              const char *name,
              glong       max_chars)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *safe = NULL;
  const char *end;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  safe = mado_display_text_sanitize (json_node_get_string (node), -1, MADO_DISPLAY_TEXT_LINES);
  if (*safe == '\0')
    return NULL;
  if (g_utf8_strlen (safe, -1) > max_chars)
    {
      end = g_utf8_offset_to_pointer (safe, max_chars);
      safe[end - safe] = '\0';
    }
  return g_steal_pointer (&safe);
}

/**
 * mado_hub_decode_problem:
 *
 * Returns: (transfer full) (nullable): an RFC 9457 problem with its code;
 *   an unknown type gives %MADO_HUB_ERROR_REFUSED
 */
MadoHubProblem *
mado_hub_decode_problem (const char *data,
                         gsize       length,
                         GError    **error)
{
  g_auto(MadoJsonRead) ctx = MADO_JSON_READ_INIT (error);
  g_autoptr(JsonNode) root = mado_json_read_root (data, length, error);
  g_autoptr(MadoHubProblem) p = NULL;
  JsonObject *object;
  gboolean present;
  gint64 status = 0;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  p = g_new0 (MadoHubProblem, 1);
  if (!mado_json_read_string (&ctx, object, "type", MADO_JSON_REQUIRED, 256, MADO_JSON_TEXT_LINE,
                              &p->type))
    return NULL;
  /* The type is what the desk acts on; title, detail and status are for
   * logs, so a flaw in them costs them, never the type. */
  p->title = problem_text (object, "title", MADO_JSON_MAX_TEXT);
  p->detail = problem_text (object, "detail", MADO_JSON_MAX_TEXT * 4);
  if (!mado_json_read_int (&ctx, object, "status", MADO_JSON_OPTIONAL, 100, 599, &present,
                           &status))
    g_clear_error (error);
  p->status = (gint) status;
  p->code = mado_hub_error_from_problem_type (p->type);
  return g_steal_pointer (&p);
}

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
  g_free (verification->resident_ref);
  g_free (verification->certificate_sha256);
  g_free (verification);
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
