/* mado-store-error.c — the offline store's error domain
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-store-error.h"

G_DEFINE_QUARK (mado-store-error-quark, mado_store_error)

/**
 * mado_store_error_to_string:
 * @code: a #MadoStoreError
 *
 * Returns: (transfer none): a stable kebab-case name for logs and JSON
 */
const char *
mado_store_error_to_string (MadoStoreError code)
{
  switch (code)
    {
    case MADO_STORE_ERROR_CORRUPT:          return "corrupt";
    case MADO_STORE_ERROR_DISK_FULL:        return "disk-full";
    case MADO_STORE_ERROR_BUSY:             return "busy";
    case MADO_STORE_ERROR_TOO_NEW:          return "too-new";
    case MADO_STORE_ERROR_KEY_MISSING:      return "key-missing";
    case MADO_STORE_ERROR_KEY_INSECURE:     return "key-insecure";
    case MADO_STORE_ERROR_KEY_INVALID:      return "key-invalid";
    case MADO_STORE_ERROR_WRONG_KEY:        return "wrong-key";
    case MADO_STORE_ERROR_TAMPERED:         return "tampered";
    case MADO_STORE_ERROR_NOT_FOUND:        return "not-found";
    case MADO_STORE_ERROR_EXISTS:           return "exists";
    case MADO_STORE_ERROR_AUTH_FAILED:      return "auth-failed";
    case MADO_STORE_ERROR_ACCOUNT_DISABLED: return "account-disabled";
    case MADO_STORE_ERROR_PASSWORD_RULES:   return "password-rules";
    case MADO_STORE_ERROR_AUDIT_BROKEN:     return "audit-broken";
    case MADO_STORE_ERROR_IO:               return "io";
    case MADO_STORE_ERROR_FAILED:           return "failed";
    case MADO_STORE_ERROR_PASSWORD_RESET_REQUIRED: return "password-reset-required";
    default:                                return "unknown";
    }
}
