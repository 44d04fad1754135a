/* mado-orca-error.h — what can go wrong when the desk hands subsidies to ORCA
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MADO_ORCA_ERROR (mado_orca_error_quark ())

/**
 * MadoOrcaError:
 * @MADO_ORCA_ERROR_NOT_CONFIGURED: the site configuration has no [orca] group
 * @MADO_ORCA_ERROR_UNREACHABLE: ORCA's server cannot be reached
 * @MADO_ORCA_ERROR_TIMEOUT: ORCA did not answer in time
 * @MADO_ORCA_ERROR_TLS_FAILED: the TLS connection or ORCA's certificate failed
 * @MADO_ORCA_ERROR_AUTH_FAILED: ORCA refused the user or password (HTTP 401)
 * @MADO_ORCA_ERROR_HTTP_ERROR: ORCA answered with another HTTP error status
 * @MADO_ORCA_ERROR_MALFORMED_RESPONSE: ORCA's answer is not what its API documents
 * @MADO_ORCA_ERROR_RESPONSE_TOO_LARGE: ORCA's answer is larger than any valid one
 * @MADO_ORCA_ERROR_PATIENT_NOT_FOUND: no patient with this number, name or birth date
 * @MADO_ORCA_ERROR_LOCKED: the patient is open at another ORCA terminal
 * @MADO_ORCA_ERROR_QUESTION: ORCA asks a question that staff must answer (Ok/Ng)
 * @MADO_ORCA_ERROR_VALIDATION: ORCA refused the subsidy data as invalid
 * @MADO_ORCA_ERROR_REFUSED: ORCA refused the request with another result code
 * @MADO_ORCA_ERROR_CHANGED: ORCA's subsidies changed since the diff was shown
 * @MADO_ORCA_ERROR_SEVERAL_PATIENTS: the name and birth date match several patients
 * @MADO_ORCA_ERROR_NOT_CONFIRMED_TODAY: the subsidies were not confirmed by the hub today
 * @MADO_ORCA_ERROR_DECLINED: staff answered ORCA's question with No; nothing was registered
 * @MADO_ORCA_ERROR_SLIP_EXISTS: the slip's file is already there and was not to be replaced
 */
typedef enum {
  MADO_ORCA_ERROR_NOT_CONFIGURED,
  MADO_ORCA_ERROR_UNREACHABLE,
  MADO_ORCA_ERROR_TIMEOUT,
  MADO_ORCA_ERROR_TLS_FAILED,
  MADO_ORCA_ERROR_AUTH_FAILED,
  MADO_ORCA_ERROR_HTTP_ERROR,
  MADO_ORCA_ERROR_MALFORMED_RESPONSE,
  MADO_ORCA_ERROR_RESPONSE_TOO_LARGE,
  MADO_ORCA_ERROR_PATIENT_NOT_FOUND,
  MADO_ORCA_ERROR_LOCKED,
  MADO_ORCA_ERROR_QUESTION,
  MADO_ORCA_ERROR_VALIDATION,
  MADO_ORCA_ERROR_REFUSED,
  MADO_ORCA_ERROR_CHANGED,
  MADO_ORCA_ERROR_SEVERAL_PATIENTS,
  MADO_ORCA_ERROR_NOT_CONFIRMED_TODAY,
  MADO_ORCA_ERROR_DECLINED,
  MADO_ORCA_ERROR_SLIP_EXISTS,
} MadoOrcaError;

GQuark mado_orca_error_quark (void);

G_END_DECLS
