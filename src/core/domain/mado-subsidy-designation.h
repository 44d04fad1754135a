/* mado-subsidy-designation.h — may this institution treat under a certificate?
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-resident-bundle.h"

G_BEGIN_DECLS

/**
 * MadoDesignation:
 * @MADO_DESIGNATION_ANY: the certificate names no institution: any may treat
 * @MADO_DESIGNATION_UNKNOWN: it names some, and this terminal's institution
 *   code is not set: staff check the paper certificate
 * @MADO_DESIGNATION_DESIGNATED: this institution is among those named
 * @MADO_DESIGNATION_NOT_DESIGNATED: it is not
 */
typedef enum {
  MADO_DESIGNATION_ANY,
  MADO_DESIGNATION_UNKNOWN,
  MADO_DESIGNATION_DESIGNATED,
  MADO_DESIGNATION_NOT_DESIGNATED,
} MadoDesignation;

MadoDesignation mado_subsidy_designation_of       (const MadoSubsidy *subsidy,
                                                   const char        *institution_code);
char           *mado_subsidy_designation_describe (MadoDesignation    designation,
                                                   const char        *institution_code);

G_END_DECLS
