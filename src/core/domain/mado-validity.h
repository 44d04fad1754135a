/* mado-validity.h — is a certificate valid on a given day?
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MadoValidity:
 * @MADO_VALIDITY_VALID: valid on the day, and for longer than the warning period
 * @MADO_VALIDITY_EXPIRING_SOON: valid on the day, ending within the warning period
 * @MADO_VALIDITY_EXPIRED: the last valid day has passed
 * @MADO_VALIDITY_NOT_YET_VALID: the first valid day is still ahead
 */
typedef enum {
  MADO_VALIDITY_VALID,
  MADO_VALIDITY_EXPIRING_SOON,
  MADO_VALIDITY_EXPIRED,
  MADO_VALIDITY_NOT_YET_VALID,
} MadoValidity;

typedef struct {
  MadoValidity validity;
  gint         days_left;   /* to the last valid day, inclusive of neither end;
                             * G_MAXINT when open-ended; negative once expired */
} MadoValidityVerdict;

MadoValidityVerdict mado_validity_on          (const GDate *valid_from,
                                               const GDate *valid_to,
                                               const GDate *day,
                                               guint        warn_days);
const char         *mado_validity_to_string   (MadoValidity validity);
char               *mado_validity_describe    (MadoValidityVerdict verdict);

G_END_DECLS
