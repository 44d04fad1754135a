/* mado-hub-error.c — every way an exchange with the hub can fail, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-hub-error.h"

#define PROBLEM_PREFIX "https://madoguchi.invalid/problems/"

G_DEFINE_QUARK (mado-hub-error-quark, mado_hub_error)

/* The API's problem types (after /problems/) and the codes they stand for;
 * names, advice and what each code means are in mado-error.c. */
static const struct {
  const char   *type;
  MadoHubError  code;
} problems[] = {
  { "client-certificate-required", MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED },
  { "bad-request", MADO_HUB_ERROR_BAD_REQUEST },
  { "unsupported-version", MADO_HUB_ERROR_UNSUPPORTED_VERSION },
  { "challenge-unknown", MADO_HUB_ERROR_CHALLENGE_UNKNOWN },
  { "challenge-expired", MADO_HUB_ERROR_CHALLENGE_EXPIRED },
  { "challenge-replayed", MADO_HUB_ERROR_CHALLENGE_REPLAYED },
  { "challenge-other-terminal", MADO_HUB_ERROR_CHALLENGE_OTHER_TERMINAL },
  { "certificate-untrusted", MADO_HUB_ERROR_CERTIFICATE_UNTRUSTED },
  { "certificate-expired", MADO_HUB_ERROR_CERTIFICATE_EXPIRED },
  { "certificate-not-yet-valid", MADO_HUB_ERROR_CERTIFICATE_NOT_YET_VALID },
  { "certificate-revoked", MADO_HUB_ERROR_CERTIFICATE_REVOKED },
  { "signature-invalid", MADO_HUB_ERROR_SIGNATURE_INVALID },
  { "visual-not-authorised", MADO_HUB_ERROR_VISUAL_NOT_AUTHORISED },
  { "resident-not-found", MADO_HUB_ERROR_RESIDENT_NOT_FOUND },
  { "token-invalid", MADO_HUB_ERROR_TOKEN_INVALID },
  { "consent-required", MADO_HUB_ERROR_CONSENT_REQUIRED },
  { "idempotency-key-required", MADO_HUB_ERROR_IDEMPOTENCY_KEY_REQUIRED },
  { "idempotency-key-reused", MADO_HUB_ERROR_IDEMPOTENCY_KEY_REUSED },
  { "record-invalid", MADO_HUB_ERROR_RECORD_INVALID },
  { "payload-too-large", MADO_HUB_ERROR_PAYLOAD_TOO_LARGE },
  { "rate-limited", MADO_HUB_ERROR_RATE_LIMITED },
  { "internal", MADO_HUB_ERROR_INTERNAL },
  { "terminal-mismatch", MADO_HUB_ERROR_TERMINAL_MISMATCH },
};

/**
 * mado_hub_error_from_problem_type:
 * @type: (nullable): the `type` member of an RFC 9457 problem
 *
 * Returns: the code for a problem type of the API, or
 *   %MADO_HUB_ERROR_REFUSED for any other (or no) type
 */
MadoHubError
mado_hub_error_from_problem_type (const char *type)
{
  const char *name;

  if (type == NULL || !g_str_has_prefix (type, PROBLEM_PREFIX))
    return MADO_HUB_ERROR_REFUSED;
  name = type + strlen (PROBLEM_PREFIX);
  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    if (strcmp (problems[i].type, name) == 0)
      return problems[i].code;
  return MADO_HUB_ERROR_REFUSED;
}
