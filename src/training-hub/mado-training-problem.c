/* mado-training-problem.c — the hub API's problem types (RFC 9457) and how to answer with one
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "mado-training-problem.h"

typedef struct {
  const char *slug;
  guint status;
  const char *title;
} ProblemInfo;

/* Titles are for logs, not for the desk: the client acts on the slug. */
static const ProblemInfo problems[] = {
  [MADO_PROBLEM_NONE] = { "none", 200, "No problem" },
  [MADO_PROBLEM_BAD_REQUEST] = { "bad-request", 400, "The request is not valid" },
  [MADO_PROBLEM_UNSUPPORTED_VERSION] = { "unsupported-version", 404, "Only /v1 is served" },
  [MADO_PROBLEM_NOT_FOUND] = { "not-found", 404, "No such endpoint" },
  [MADO_PROBLEM_METHOD_NOT_ALLOWED] = { "method-not-allowed", 405, "Method not allowed on this endpoint" },
  [MADO_PROBLEM_CLIENT_CERTIFICATE_REQUIRED] = { "client-certificate-required", 401, "An acceptable client certificate is required" },
  [MADO_PROBLEM_TERMINAL_MISMATCH] = { "terminal-mismatch", 403, "The terminal in the request is not the one in the client certificate" },
  [MADO_PROBLEM_CHALLENGE_UNKNOWN] = { "challenge-unknown", 400, "No such challenge" },
  [MADO_PROBLEM_CHALLENGE_EXPIRED] = { "challenge-expired", 400, "The challenge has expired" },
  [MADO_PROBLEM_CHALLENGE_REPLAYED] = { "challenge-replayed", 409, "The challenge has already been used" },
  [MADO_PROBLEM_CHALLENGE_OTHER_TERMINAL] = { "challenge-other-terminal", 403, "The challenge was issued to another terminal" },
  [MADO_PROBLEM_CERTIFICATE_UNTRUSTED] = { "certificate-untrusted", 422, "The card certificate does not chain to a trust anchor" },
  [MADO_PROBLEM_CERTIFICATE_EXPIRED] = { "certificate-expired", 422, "The card certificate has expired" },
  [MADO_PROBLEM_CERTIFICATE_NOT_YET_VALID] = { "certificate-not-yet-valid", 422, "The card certificate is not valid yet" },
  [MADO_PROBLEM_CERTIFICATE_REVOKED] = { "certificate-revoked", 422, "The card certificate is revoked" },
  [MADO_PROBLEM_SIGNATURE_INVALID] = { "signature-invalid", 422, "The signature does not verify" },
  [MADO_PROBLEM_VISUAL_NOT_AUTHORISED] = { "visual-not-authorised", 403, "This terminal may not use visual identity checks" },
  [MADO_PROBLEM_RESIDENT_NOT_FOUND] = { "resident-not-found", 404, "No resident is linked to this certificate" },
  [MADO_PROBLEM_TOKEN_INVALID] = { "token-invalid", 401, "The resident token is not valid" },
  [MADO_PROBLEM_CONSENT_REQUIRED] = { "consent-required", 400, "No consented category" },
  [MADO_PROBLEM_IDEMPOTENCY_KEY_REQUIRED] = { "idempotency-key-required", 400, "Idempotency-Key is required" },
  [MADO_PROBLEM_IDEMPOTENCY_KEY_REUSED] = { "idempotency-key-reused", 422, "The Idempotency-Key was used with another body" },
  [MADO_PROBLEM_RECORD_INVALID] = { "record-invalid", 422, "The record is not valid" },
  [MADO_PROBLEM_PAYLOAD_TOO_LARGE] = { "payload-too-large", 413, "The request body is too large" },
  [MADO_PROBLEM_RATE_LIMITED] = { "rate-limited", 429, "Too many requests" },
  [MADO_PROBLEM_INTERNAL] = { "internal", 500, "The hub failed" },
};

static const ProblemInfo *
info_for (MadoProblem problem)
{
  if ((guint) problem >= G_N_ELEMENTS (problems))
    problem = MADO_PROBLEM_INTERNAL;
  return &problems[problem];
}

/* @status_override: 0 for the type's own status; fault injection uses
 * another one for `internal`. */
void
mado_training_problem_respond (SoupServerMessage *msg,
                               MadoProblem        problem,
                               guint              status_override,
                               const char        *detail)
{
  const ProblemInfo *info = info_for (problem);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *type = g_strconcat (MADO_PROBLEM_TYPE_BASE, info->slug, NULL);
  g_autofree char *text = NULL;
  guint status = status_override ? status_override : info->status;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, info->title);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  if (detail != NULL)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, detail);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);

  g_debug ("problem %s (%u): %s", info->slug, status, detail ? detail : "");
  soup_server_message_set_status (msg, status, NULL);
  if (problem == MADO_PROBLEM_RATE_LIMITED)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Retry-After", "1");
  soup_server_message_set_response (msg, "application/problem+json",
                                    SOUP_MEMORY_COPY, text, strlen (text));
}
