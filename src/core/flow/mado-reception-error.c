/* mado-reception-error.c — how a visit can end without the hub's answer, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-reception-error.h"

G_DEFINE_QUARK (mado-reception-error-quark, mado_reception_error)

/**
 * mado_reception_error_to_string:
 *
 * Returns: the stable kebab-case name of @code (JSON output, logs, docs)
 */
const char *
mado_reception_error_to_string (MadoReceptionError code)
{
  switch (code)
    {
    case MADO_RECEPTION_ERROR_WRONG_STATE:             return "wrong-state";
    case MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED:        return "mode-not-allowed";
    case MADO_RECEPTION_ERROR_CERTIFICATE_NOT_TRUSTED: return "certificate-not-trusted";
    case MADO_RECEPTION_ERROR_NO_CACHED_DATA:          return "no-cached-data";
    case MADO_RECEPTION_ERROR_CONSENT_REQUIRED:        return "consent-required";
    default:                                           return "failed";
    }
}
