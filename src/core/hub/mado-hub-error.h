/* mado-hub-error.h — every way an exchange with the hub can fail, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

/* What each code means for the desk (retry, offline, …): the registry. */
#include "mado-error.h"

G_BEGIN_DECLS

#define MADO_HUB_ERROR (mado_hub_error_quark ())

/**
 * MadoHubError:
 * @MADO_HUB_ERROR_NOT_CONFIGURED: the site configuration names no hub
 * @MADO_HUB_ERROR_TLS_SETUP: the terminal's certificate, key or hub CA file cannot be used
 * @MADO_HUB_ERROR_UNREACHABLE: DNS failed, the connection was refused or no route
 * @MADO_HUB_ERROR_TIMEOUT: connect or total timeout elapsed
 * @MADO_HUB_ERROR_CONNECTION_LOST: the connection dropped mid-exchange
 * @MADO_HUB_ERROR_SERVER_UNTRUSTED: the hub's certificate does not chain to the configured CA
 * @MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED: the hub refused this terminal's certificate
 *   (at the TLS layer, or as the `client-certificate-required` problem)
 * @MADO_HUB_ERROR_TLS_FAILED: the TLS handshake failed for another reason
 * @MADO_HUB_ERROR_REDIRECTED: the hub answered 3xx; redirects are never followed
 * @MADO_HUB_ERROR_SERVER_ERROR: HTTP 5xx without a known problem type
 * @MADO_HUB_ERROR_MALFORMED_RESPONSE: the answer breaks the API's rules
 * @MADO_HUB_ERROR_RESPONSE_TOO_LARGE: the answer is over the size bound
 * @MADO_HUB_ERROR_INVALID_REQUEST: the terminal was asked to send something the API forbids
 * @MADO_HUB_ERROR_REFUSED: a 4xx with an unknown or missing problem type
 * @MADO_HUB_ERROR_BAD_REQUEST: problem `bad-request`
 * @MADO_HUB_ERROR_UNSUPPORTED_VERSION: problem `unsupported-version`
 * @MADO_HUB_ERROR_CHALLENGE_UNKNOWN: problem `challenge-unknown`
 * @MADO_HUB_ERROR_CHALLENGE_EXPIRED: problem `challenge-expired`
 * @MADO_HUB_ERROR_CHALLENGE_REPLAYED: problem `challenge-replayed`
 * @MADO_HUB_ERROR_CHALLENGE_OTHER_TERMINAL: problem `challenge-other-terminal`
 * @MADO_HUB_ERROR_CERTIFICATE_UNTRUSTED: problem `certificate-untrusted` (the card's)
 * @MADO_HUB_ERROR_CERTIFICATE_EXPIRED: problem `certificate-expired`
 * @MADO_HUB_ERROR_CERTIFICATE_NOT_YET_VALID: problem `certificate-not-yet-valid`
 * @MADO_HUB_ERROR_CERTIFICATE_REVOKED: problem `certificate-revoked`
 * @MADO_HUB_ERROR_SIGNATURE_INVALID: problem `signature-invalid`
 * @MADO_HUB_ERROR_VISUAL_NOT_AUTHORISED: problem `visual-not-authorised`
 * @MADO_HUB_ERROR_RESIDENT_NOT_FOUND: problem `resident-not-found`
 * @MADO_HUB_ERROR_TOKEN_INVALID: problem `token-invalid`
 * @MADO_HUB_ERROR_CONSENT_REQUIRED: problem `consent-required`
 * @MADO_HUB_ERROR_IDEMPOTENCY_KEY_REQUIRED: problem `idempotency-key-required`
 * @MADO_HUB_ERROR_IDEMPOTENCY_KEY_REUSED: problem `idempotency-key-reused`
 * @MADO_HUB_ERROR_RECORD_INVALID: problem `record-invalid`
 * @MADO_HUB_ERROR_PAYLOAD_TOO_LARGE: problem `payload-too-large`
 * @MADO_HUB_ERROR_RATE_LIMITED: problem `rate-limited`
 * @MADO_HUB_ERROR_INTERNAL: problem `internal`
 * @MADO_HUB_ERROR_TERMINAL_MISMATCH: problem `terminal-mismatch`
 * @MADO_HUB_ERROR_FAILED: a transfer failure with no better name (logged with its code)
 * @MADO_HUB_ERROR_BUNDLE_NOT_BOUND: the answer is not about the certificate sent, or its
 *   bundle not about the resident the hub verified
 * @MADO_HUB_ERROR_BUNDLE_ROLLED_BACK: the bundle is older (`asOf`, `version`) than the
 *   one the desk already holds for this card
 */
typedef enum {
  MADO_HUB_ERROR_NOT_CONFIGURED,
  MADO_HUB_ERROR_TLS_SETUP,
  MADO_HUB_ERROR_UNREACHABLE,
  MADO_HUB_ERROR_TIMEOUT,
  MADO_HUB_ERROR_CONNECTION_LOST,
  MADO_HUB_ERROR_SERVER_UNTRUSTED,
  MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED,
  MADO_HUB_ERROR_TLS_FAILED,
  MADO_HUB_ERROR_REDIRECTED,
  MADO_HUB_ERROR_SERVER_ERROR,
  MADO_HUB_ERROR_MALFORMED_RESPONSE,
  MADO_HUB_ERROR_RESPONSE_TOO_LARGE,
  MADO_HUB_ERROR_INVALID_REQUEST,
  MADO_HUB_ERROR_REFUSED,
  MADO_HUB_ERROR_BAD_REQUEST,
  MADO_HUB_ERROR_UNSUPPORTED_VERSION,
  MADO_HUB_ERROR_CHALLENGE_UNKNOWN,
  MADO_HUB_ERROR_CHALLENGE_EXPIRED,
  MADO_HUB_ERROR_CHALLENGE_REPLAYED,
  MADO_HUB_ERROR_CHALLENGE_OTHER_TERMINAL,
  MADO_HUB_ERROR_CERTIFICATE_UNTRUSTED,
  MADO_HUB_ERROR_CERTIFICATE_EXPIRED,
  MADO_HUB_ERROR_CERTIFICATE_NOT_YET_VALID,
  MADO_HUB_ERROR_CERTIFICATE_REVOKED,
  MADO_HUB_ERROR_SIGNATURE_INVALID,
  MADO_HUB_ERROR_VISUAL_NOT_AUTHORISED,
  MADO_HUB_ERROR_RESIDENT_NOT_FOUND,
  MADO_HUB_ERROR_TOKEN_INVALID,
  MADO_HUB_ERROR_CONSENT_REQUIRED,
  MADO_HUB_ERROR_IDEMPOTENCY_KEY_REQUIRED,
  MADO_HUB_ERROR_IDEMPOTENCY_KEY_REUSED,
  MADO_HUB_ERROR_RECORD_INVALID,
  MADO_HUB_ERROR_PAYLOAD_TOO_LARGE,
  MADO_HUB_ERROR_RATE_LIMITED,
  MADO_HUB_ERROR_INTERNAL,
  MADO_HUB_ERROR_TERMINAL_MISMATCH,
  MADO_HUB_ERROR_FAILED,
  MADO_HUB_ERROR_BUNDLE_NOT_BOUND,
  MADO_HUB_ERROR_BUNDLE_ROLLED_BACK,
} MadoHubError;

GQuark        mado_hub_error_quark               (void);
MadoHubError  mado_hub_error_from_problem_type   (const char  *type);

G_END_DECLS
