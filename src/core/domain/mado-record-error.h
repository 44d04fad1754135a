/* mado-record-error.h — why a judgement or a vaccination record cannot be saved, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_RECORD_ERROR (mado_record_error_quark ())

/**
 * MadoRecordError:
 * @MADO_RECORD_ERROR_GS1_MALFORMED: a scanned (or typed) GS1 element string
 *   is not one this desk can read; the message says what is wrong
 * @MADO_RECORD_ERROR_GS1_CHECK_DIGIT: the GTIN's check digit is wrong (a
 *   misread or a mistyped number)
 * @MADO_RECORD_ERROR_UNKNOWN_PRODUCT: the GTIN or vaccine code is not in
 *   the product table
 * @MADO_RECORD_ERROR_LOT_EXPIRED: the lot is past its expiry date; no
 *   override exists
 * @MADO_RECORD_ERROR_NEEDS_OVERRIDE: a check before saving found a problem
 *   that only an explicit, recorded override lets through
 * @MADO_RECORD_ERROR_ROLE_NOT_ALLOWED: the signed-in person's role may not
 *   do this (reception signing a judgement, for example)
 * @MADO_RECORD_ERROR_INVALID: a field is missing or out of range
 * @MADO_RECORD_ERROR_NOT_FOUND: no local record has this ID
 * @MADO_RECORD_ERROR_ALREADY_CORRECTED: the record was already marked
 *   entered-in-error
 * @MADO_RECORD_ERROR_NOT_JUDGED: no doctor decided to vaccinate this
 *   resident today
 */
typedef enum {
  MADO_RECORD_ERROR_GS1_MALFORMED,
  MADO_RECORD_ERROR_GS1_CHECK_DIGIT,
  MADO_RECORD_ERROR_UNKNOWN_PRODUCT,
  MADO_RECORD_ERROR_LOT_EXPIRED,
  MADO_RECORD_ERROR_NEEDS_OVERRIDE,
  MADO_RECORD_ERROR_ROLE_NOT_ALLOWED,
  MADO_RECORD_ERROR_INVALID,
  MADO_RECORD_ERROR_NOT_FOUND,
  MADO_RECORD_ERROR_ALREADY_CORRECTED,
  MADO_RECORD_ERROR_NOT_JUDGED,
} MadoRecordError;

GQuark mado_record_error_quark (void);

G_END_DECLS
