/* mado-card-error.h — every way a card operation can fail, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_CARD_ERROR (mado_card_error_quark ())

/**
 * MadoCardError:
 * @MADO_CARD_ERROR_SERVICE_NOT_RUNNING: pcscd is not running
 * @MADO_CARD_ERROR_NO_READER: no reader is attached (or the pinned one is not)
 * @MADO_CARD_ERROR_NO_CARD: the reader is empty
 * @MADO_CARD_ERROR_CARD_MUTE: a card is present but does not answer
 * @MADO_CARD_ERROR_CARD_REMOVED: the card was taken away during the operation
 * @MADO_CARD_ERROR_READER_GONE: the reader was unplugged during the operation
 * @MADO_CARD_ERROR_CARD_RESET: the card was reset by someone else; verified state is lost
 * @MADO_CARD_ERROR_NOT_MY_NUMBER_CARD: the JPKI application cannot be selected
 * @MADO_CARD_ERROR_PHONE_TOKEN: a smartphone token, which needs the PIN to read certificates
 * @MADO_CARD_ERROR_PIN_FORMAT: the PIN is not exactly 4 ASCII digits; nothing was sent
 * @MADO_CARD_ERROR_PIN_WRONG: the PIN was wrong; tries left are reported separately
 * @MADO_CARD_ERROR_PIN_BLOCKED: the PIN is blocked (63C0, 6983, 6984); city office only
 * @MADO_CARD_ERROR_PIN_CANCELLED: the resident cancelled or timed out on a PIN pad
 * @MADO_CARD_ERROR_NOT_VERIFIED: the card refused to sign without a verified PIN (6982)
 * @MADO_CARD_ERROR_FILE_NOT_FOUND: file or application not found (6A82)
 * @MADO_CARD_ERROR_WRONG_LENGTH: the card reported a wrong length (6700, 6Cxx loops)
 * @MADO_CARD_ERROR_WRONG_PARAMETERS: wrong P1/P2 (6A86, 6B00)
 * @MADO_CARD_ERROR_CONDITIONS_NOT_SATISFIED: 6985
 * @MADO_CARD_ERROR_BAD_RESPONSE: a response that is short, oversized or malformed
 * @MADO_CARD_ERROR_BAD_CERTIFICATE: the certificate on the card cannot be parsed
 * @MADO_CARD_ERROR_BAD_SIGNATURE: the card's signature does not verify with its certificate
 * @MADO_CARD_ERROR_UNEXPECTED_STATUS: any other status word (logged, never shown raw)
 * @MADO_CARD_ERROR_FAILED: a PC/SC failure with no better name (logged with its code)
 * @MADO_CARD_ERROR_TRIES_CHANGED: the card reports fewer PIN tries than the
 *   resident was shown; nothing was sent (codes are only appended: exit statuses)
 * @MADO_CARD_ERROR_LAST_TRY_UNCONFIRMED: one try is left and nobody confirmed
 *   that the resident was warned; nothing was sent
 */
typedef enum {
  MADO_CARD_ERROR_SERVICE_NOT_RUNNING,
  MADO_CARD_ERROR_NO_READER,
  MADO_CARD_ERROR_NO_CARD,
  MADO_CARD_ERROR_CARD_MUTE,
  MADO_CARD_ERROR_CARD_REMOVED,
  MADO_CARD_ERROR_READER_GONE,
  MADO_CARD_ERROR_CARD_RESET,
  MADO_CARD_ERROR_NOT_MY_NUMBER_CARD,
  MADO_CARD_ERROR_PHONE_TOKEN,
  MADO_CARD_ERROR_PIN_FORMAT,
  MADO_CARD_ERROR_PIN_WRONG,
  MADO_CARD_ERROR_PIN_BLOCKED,
  MADO_CARD_ERROR_PIN_CANCELLED,
  MADO_CARD_ERROR_NOT_VERIFIED,
  MADO_CARD_ERROR_FILE_NOT_FOUND,
  MADO_CARD_ERROR_WRONG_LENGTH,
  MADO_CARD_ERROR_WRONG_PARAMETERS,
  MADO_CARD_ERROR_CONDITIONS_NOT_SATISFIED,
  MADO_CARD_ERROR_BAD_RESPONSE,
  MADO_CARD_ERROR_BAD_CERTIFICATE,
  MADO_CARD_ERROR_BAD_SIGNATURE,
  MADO_CARD_ERROR_UNEXPECTED_STATUS,
  MADO_CARD_ERROR_FAILED,
  MADO_CARD_ERROR_TRIES_CHANGED,
  MADO_CARD_ERROR_LAST_TRY_UNCONFIRMED,
} MadoCardError;

GQuark mado_card_error_quark (void);

G_END_DECLS
