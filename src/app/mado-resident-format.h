/* mado-resident-format.h — amounts and verdict styles of the resident screen
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words of the verdicts come from the core (mado-subsidy-validity.h,
 * mado-questionnaire-answers.h, mado-visit-summary.h), shared with the printed
 * summary and the CLI; what only a screen needs lives here.
 */
#pragma once

#include "madoguchi-core.h"

G_BEGIN_DECLS

const char *mado_validity_style_class (MadoValidity validity);
const char *mado_validity_icon_name   (MadoValidity validity);
const char *mado_designation_style_class (MadoDesignation designation);
char       *mado_format_checkup_kind  (const char  *kind);
char       *mado_format_conditions    (const char  *codes);

G_END_DECLS
