/* mado-hub-error.c — every way an exchange with the hub can fail, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mado-hub-error.h"

#define PROBLEM_PREFIX "https://madoguchi.invalid/problems/"

G_DEFINE_QUARK (mado-hub-error-quark, mado_hub_error)

typedef struct {
  MadoHubError  code;
  const char   *name;
  const char   *problem;  /* the problem type after /problems/, or NULL */
  const char   *advice;   /* for staff: what to do next */
} ErrorInfo;

/* One row per code, in enum order (checked by the unit tests). */
static const ErrorInfo errors[] = {
  { MADO_HUB_ERROR_NOT_CONFIGURED, "not-configured", NULL,
    N_("No hub is configured for this terminal. Ask the administrator to set up the site configuration.") },
  { MADO_HUB_ERROR_TLS_SETUP, "tls-setup", NULL,
    N_("The terminal’s certificate, key or hub CA file cannot be used. Ask the administrator to check the site configuration.") },
  { MADO_HUB_ERROR_UNREACHABLE, "unreachable", NULL,
    N_("The hub cannot be reached. Check the network cable and try again; continue with paper certificates meanwhile.") },
  { MADO_HUB_ERROR_TIMEOUT, "timeout", NULL,
    N_("The hub did not answer in time. Try again; continue with paper certificates if it keeps failing.") },
  { MADO_HUB_ERROR_CONNECTION_LOST, "connection-lost", NULL,
    N_("The connection to the hub dropped. Try again.") },
  { MADO_HUB_ERROR_SERVER_UNTRUSTED, "server-untrusted", NULL,
    N_("The hub’s certificate is not the one this terminal trusts; nothing was sent. Call the administrator.") },
  { MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED, "client-certificate-refused", "client-certificate-required",
    N_("The hub refused this terminal’s certificate. Call the administrator.") },
  { MADO_HUB_ERROR_TLS_FAILED, "tls-failed", NULL,
    N_("A secure connection to the hub could not be set up. Call the administrator if this repeats.") },
  { MADO_HUB_ERROR_REDIRECTED, "redirected", NULL,
    N_("The hub tried to redirect the terminal elsewhere; the hub address in the site configuration may be wrong.") },
  { MADO_HUB_ERROR_SERVER_ERROR, "server-error", NULL,
    N_("The hub reported a failure. Try again later; continue with paper certificates meanwhile.") },
  { MADO_HUB_ERROR_MALFORMED_RESPONSE, "malformed-response", NULL,
    N_("The hub sent an answer that breaks its rules, so nothing is shown. Try again; call the administrator if it repeats.") },
  { MADO_HUB_ERROR_RESPONSE_TOO_LARGE, "response-too-large", NULL,
    N_("The hub’s answer was too large and was discarded. Call the administrator.") },
  { MADO_HUB_ERROR_INVALID_REQUEST, "invalid-request", NULL,
    N_("The terminal could not build a valid request. Start the visit again.") },
  { MADO_HUB_ERROR_REFUSED, "refused", NULL,
    N_("The hub refused the request. Start the visit again; call the administrator if it repeats.") },
  { MADO_HUB_ERROR_BAD_REQUEST, "bad-request", "bad-request",
    N_("The hub could not understand the request. Start the visit again.") },
  { MADO_HUB_ERROR_UNSUPPORTED_VERSION, "unsupported-version", "unsupported-version",
    N_("The hub does not speak this terminal’s API version. Call the administrator.") },
  { MADO_HUB_ERROR_CHALLENGE_UNKNOWN, "challenge-unknown", "challenge-unknown",
    N_("The identity check was not recognised by the hub. Start the identity check again.") },
  { MADO_HUB_ERROR_CHALLENGE_EXPIRED, "challenge-expired", "challenge-expired",
    N_("The identity check took too long. Start it again.") },
  { MADO_HUB_ERROR_CHALLENGE_REPLAYED, "challenge-replayed", "challenge-replayed",
    N_("This identity check was already used. Start it again.") },
  { MADO_HUB_ERROR_CHALLENGE_OTHER_TERMINAL, "challenge-other-terminal", "challenge-other-terminal",
    N_("The identity check belongs to another desk. Start it again at this desk.") },
  { MADO_HUB_ERROR_CERTIFICATE_UNTRUSTED, "certificate-untrusted", "certificate-untrusted",
    N_("The card’s certificate is not trusted. Ask for the paper certificates.") },
  { MADO_HUB_ERROR_CERTIFICATE_EXPIRED, "certificate-expired", "certificate-expired",
    N_("The card’s certificate has expired. Ask the resident to renew it at the city office; use paper certificates today.") },
  { MADO_HUB_ERROR_CERTIFICATE_NOT_YET_VALID, "certificate-not-yet-valid", "certificate-not-yet-valid",
    N_("The card’s certificate is not valid yet. Check the terminal’s clock; use paper certificates today.") },
  { MADO_HUB_ERROR_CERTIFICATE_REVOKED, "certificate-revoked", "certificate-revoked",
    N_("The card’s certificate has been revoked. Use paper certificates; the resident should contact the city office.") },
  { MADO_HUB_ERROR_SIGNATURE_INVALID, "signature-invalid", "signature-invalid",
    N_("The card’s signature did not verify. Start the identity check again.") },
  { MADO_HUB_ERROR_VISUAL_NOT_AUTHORISED, "visual-not-authorised", "visual-not-authorised",
    N_("This desk may not use visual identity checks. Use the PIN, or another desk.") },
  { MADO_HUB_ERROR_RESIDENT_NOT_FOUND, "resident-not-found", "resident-not-found",
    N_("The hub holds no data for this card. Ask for the paper certificates.") },
  { MADO_HUB_ERROR_TOKEN_INVALID, "token-invalid", "token-invalid",
    N_("The hub session for this resident has ended. Check the card again.") },
  { MADO_HUB_ERROR_CONSENT_REQUIRED, "consent-required", "consent-required",
    N_("Nothing can be fetched without consent. Ask the resident what to share.") },
  { MADO_HUB_ERROR_IDEMPOTENCY_KEY_REQUIRED, "idempotency-key-required", "idempotency-key-required",
    N_("The record could not be sent. Call the administrator.") },
  { MADO_HUB_ERROR_IDEMPOTENCY_KEY_REUSED, "idempotency-key-reused", "idempotency-key-reused",
    N_("The hub already holds a different record under this submission. Call the administrator.") },
  { MADO_HUB_ERROR_RECORD_INVALID, "record-invalid", "record-invalid",
    N_("The hub rejected the record. Check the entries and send it again.") },
  { MADO_HUB_ERROR_PAYLOAD_TOO_LARGE, "payload-too-large", "payload-too-large",
    N_("The record is too large for the hub. Shorten the free-text entries.") },
  { MADO_HUB_ERROR_RATE_LIMITED, "rate-limited", "rate-limited",
    N_("The hub is busy. Wait a moment and try again.") },
  { MADO_HUB_ERROR_INTERNAL, "internal", "internal",
    N_("The hub reported an internal failure. Try again later.") },
  { MADO_HUB_ERROR_TERMINAL_MISMATCH, "terminal-mismatch", "terminal-mismatch",
    N_("The hub says this request belongs to another desk. Check the card again at this desk.") },
  { MADO_HUB_ERROR_FAILED, "failed", NULL,
    N_("The exchange with the hub failed. Try again; call the administrator if it repeats.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (errors) == MADO_HUB_ERROR_FAILED + 1);

static const ErrorInfo *
lookup (MadoHubError code)
{
  if ((guint) code < G_N_ELEMENTS (errors))
    return &errors[code];
  return &errors[MADO_HUB_ERROR_FAILED];
}

/**
 * mado_hub_error_to_string:
 *
 * Returns: (transfer none): a stable name for @code, for logs and the CLI
 */
const char *
mado_hub_error_to_string (MadoHubError code)
{
  return lookup (code)->name;
}

/**
 * mado_hub_error_describe:
 *
 * Returns: (transfer none): what staff should do next, translated
 */
const char *
mado_hub_error_describe (MadoHubError code)
{
  return _(lookup (code)->advice);
}

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
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    if (errors[i].problem != NULL && strcmp (errors[i].problem, name) == 0)
      return errors[i].code;
  return MADO_HUB_ERROR_REFUSED;
}

/**
 * mado_hub_error_is_transient:
 * @error: (nullable): an error from the hub client
 *
 * Returns: whether repeating an idempotent call may succeed
 */
gboolean
mado_hub_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != MADO_HUB_ERROR)
    return FALSE;
  switch ((MadoHubError) error->code)
    {
    case MADO_HUB_ERROR_UNREACHABLE:
    case MADO_HUB_ERROR_TIMEOUT:
    case MADO_HUB_ERROR_CONNECTION_LOST:
    case MADO_HUB_ERROR_SERVER_ERROR:
    case MADO_HUB_ERROR_RATE_LIMITED:
    case MADO_HUB_ERROR_INTERNAL:
      return TRUE;
    case MADO_HUB_ERROR_NOT_CONFIGURED:
    case MADO_HUB_ERROR_TLS_SETUP:
    case MADO_HUB_ERROR_SERVER_UNTRUSTED:
    case MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED:
    case MADO_HUB_ERROR_TLS_FAILED:
    case MADO_HUB_ERROR_REDIRECTED:
    case MADO_HUB_ERROR_MALFORMED_RESPONSE:
    case MADO_HUB_ERROR_RESPONSE_TOO_LARGE:
    case MADO_HUB_ERROR_INVALID_REQUEST:
    case MADO_HUB_ERROR_REFUSED:
    case MADO_HUB_ERROR_BAD_REQUEST:
    case MADO_HUB_ERROR_UNSUPPORTED_VERSION:
    case MADO_HUB_ERROR_CHALLENGE_UNKNOWN:
    case MADO_HUB_ERROR_CHALLENGE_EXPIRED:
    case MADO_HUB_ERROR_CHALLENGE_REPLAYED:
    case MADO_HUB_ERROR_CHALLENGE_OTHER_TERMINAL:
    case MADO_HUB_ERROR_CERTIFICATE_UNTRUSTED:
    case MADO_HUB_ERROR_CERTIFICATE_EXPIRED:
    case MADO_HUB_ERROR_CERTIFICATE_NOT_YET_VALID:
    case MADO_HUB_ERROR_CERTIFICATE_REVOKED:
    case MADO_HUB_ERROR_SIGNATURE_INVALID:
    case MADO_HUB_ERROR_VISUAL_NOT_AUTHORISED:
    case MADO_HUB_ERROR_RESIDENT_NOT_FOUND:
    case MADO_HUB_ERROR_TOKEN_INVALID:
    case MADO_HUB_ERROR_CONSENT_REQUIRED:
    case MADO_HUB_ERROR_IDEMPOTENCY_KEY_REQUIRED:
    case MADO_HUB_ERROR_IDEMPOTENCY_KEY_REUSED:
    case MADO_HUB_ERROR_RECORD_INVALID:
    case MADO_HUB_ERROR_PAYLOAD_TOO_LARGE:
    case MADO_HUB_ERROR_TERMINAL_MISMATCH:
    case MADO_HUB_ERROR_FAILED:
    default:
      return FALSE;
    }
}
