/* mado-card-error.c — every way a card operation can fail, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-card-error.h"

G_DEFINE_QUARK (mado-card-error-quark, mado_card_error)

/**
 * mado_card_error_to_string:
 * @code: a #MadoCardError
 *
 * Returns: (transfer none): a stable kebab-case name for @code, used in JSON,
 *   command-line output and logs. These names are API; never translate them.
 */
const char *
mado_card_error_to_string (MadoCardError code)
{
  switch (code)
    {
    case MADO_CARD_ERROR_SERVICE_NOT_RUNNING:      return "service-not-running";
    case MADO_CARD_ERROR_NO_READER:                return "no-reader";
    case MADO_CARD_ERROR_NO_CARD:                  return "no-card";
    case MADO_CARD_ERROR_CARD_MUTE:                return "card-mute";
    case MADO_CARD_ERROR_CARD_REMOVED:             return "card-removed";
    case MADO_CARD_ERROR_READER_GONE:              return "reader-gone";
    case MADO_CARD_ERROR_CARD_RESET:               return "card-reset";
    case MADO_CARD_ERROR_NOT_MY_NUMBER_CARD:       return "not-my-number-card";
    case MADO_CARD_ERROR_PHONE_TOKEN:              return "phone-token";
    case MADO_CARD_ERROR_PIN_FORMAT:               return "pin-format";
    case MADO_CARD_ERROR_PIN_WRONG:                return "pin-wrong";
    case MADO_CARD_ERROR_PIN_BLOCKED:              return "pin-blocked";
    case MADO_CARD_ERROR_PIN_CANCELLED:            return "pin-cancelled";
    case MADO_CARD_ERROR_NOT_VERIFIED:             return "not-verified";
    case MADO_CARD_ERROR_FILE_NOT_FOUND:           return "file-not-found";
    case MADO_CARD_ERROR_WRONG_LENGTH:             return "wrong-length";
    case MADO_CARD_ERROR_WRONG_PARAMETERS:         return "wrong-parameters";
    case MADO_CARD_ERROR_CONDITIONS_NOT_SATISFIED: return "conditions-not-satisfied";
    case MADO_CARD_ERROR_BAD_RESPONSE:             return "bad-response";
    case MADO_CARD_ERROR_BAD_CERTIFICATE:          return "bad-certificate";
    case MADO_CARD_ERROR_BAD_SIGNATURE:            return "bad-signature";
    case MADO_CARD_ERROR_UNEXPECTED_STATUS:        return "unexpected-status";
    case MADO_CARD_ERROR_FAILED:                   return "failed";
    case MADO_CARD_ERROR_TRIES_CHANGED:            return "tries-changed";
    case MADO_CARD_ERROR_LAST_TRY_UNCONFIRMED:     return "last-try-unconfirmed";
    default:                                       return "unknown";
    }
}
