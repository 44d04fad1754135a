/* mado-training-problem.h — the hub API's problem types (RFC 9457) and how to answer with one
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* In the order of the table in docs/hub-api.md. */
typedef enum {
  MADO_PROBLEM_NONE = 0,
  MADO_PROBLEM_BAD_REQUEST,
  MADO_PROBLEM_UNSUPPORTED_VERSION,
  MADO_PROBLEM_NOT_FOUND,
  MADO_PROBLEM_METHOD_NOT_ALLOWED,
  MADO_PROBLEM_CLIENT_CERTIFICATE_REQUIRED,
  MADO_PROBLEM_TERMINAL_MISMATCH,
  MADO_PROBLEM_CHALLENGE_UNKNOWN,
  MADO_PROBLEM_CHALLENGE_EXPIRED,
  MADO_PROBLEM_CHALLENGE_REPLAYED,
  MADO_PROBLEM_CHALLENGE_OTHER_TERMINAL,
  MADO_PROBLEM_CERTIFICATE_UNTRUSTED,
  MADO_PROBLEM_CERTIFICATE_EXPIRED,
  MADO_PROBLEM_CERTIFICATE_NOT_YET_VALID,
  MADO_PROBLEM_CERTIFICATE_REVOKED,
  MADO_PROBLEM_SIGNATURE_INVALID,
  MADO_PROBLEM_VISUAL_NOT_AUTHORISED,
  MADO_PROBLEM_RESIDENT_NOT_FOUND,
  MADO_PROBLEM_TOKEN_INVALID,
  MADO_PROBLEM_CONSENT_REQUIRED,
  MADO_PROBLEM_IDEMPOTENCY_KEY_REQUIRED,
  MADO_PROBLEM_IDEMPOTENCY_KEY_REUSED,
  MADO_PROBLEM_RECORD_INVALID,
  MADO_PROBLEM_PAYLOAD_TOO_LARGE,
  MADO_PROBLEM_RATE_LIMITED,
  MADO_PROBLEM_INTERNAL,
} MadoProblem;

#define MADO_PROBLEM_TYPE_BASE "https://madoguchi.invalid/problems/"

void mado_training_problem_respond (SoupServerMessage *msg,
                                     MadoProblem        problem,
                                     guint              status_override,
                                     const char        *detail);

G_END_DECLS
