/* mado-certificate-expiry.h — when a certificate's end deserves a warning
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How far ahead of a certificate's end the desk, its report and
 * `config check` warn: the terminal's and the residents' cards alike. */
#define MADO_CERTIFICATE_EXPIRY_WARN_DAYS 90

/**
 * MadoCertificateExpiry:
 * @MADO_CERTIFICATE_EXPIRY_FAR: more than the warning period left
 * @MADO_CERTIFICATE_EXPIRY_SOON: ends within the warning period
 * @MADO_CERTIFICATE_EXPIRY_PASSED: its end has passed
 */
typedef enum {
  MADO_CERTIFICATE_EXPIRY_FAR,
  MADO_CERTIFICATE_EXPIRY_SOON,
  MADO_CERTIFICATE_EXPIRY_PASSED,
} MadoCertificateExpiry;

gint64                mado_certificate_expiry_days_left (GDateTime *not_after,
                                                         GDateTime *now);
MadoCertificateExpiry mado_certificate_expiry_judge     (GDateTime *not_after,
                                                         GDateTime *now,
                                                         gint64    *out_days_left);
const char           *mado_certificate_expiry_to_string (MadoCertificateExpiry expiry);

G_END_DECLS
