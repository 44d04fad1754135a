/* mado-vaccine-mapping.h — which vaccine kind a bundle's codes and names mean
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schedule rules (mado-vaccination-rules.h) speak of kind ids ("mr",
 * "bcg"…); the bundle speaks of vaccine codes on immunizations and of a
 * vaccine *name* on questionnaires and due entries. The mapping:
 *
 *  - an immunization's vaccineCode.code is matched case-insensitively by
 *    prefix against the codes the training hub uses (BCG, MR, VAR, MUMPS,
 *    ROTA, HIB, PCV, HEPB, DPT-IPV-HIB before DPT-IPV, JE, HPV, FLU); an
 *    unknown code keeps the code itself as kind id, so the rules fall back
 *    on the record's own live/injectable flags;
 *  - a questionnaire's or due entry's vaccine name (Japanese, as municipal
 *    forms write it, or the English kind name) is matched by substring,
 *    most specific first (麻しん風しん before 麻しん, 5種混合 before Hib);
 *    an unknown name maps to NULL and the desk is told to check by hand.
 */
#pragma once

#include "mado-resident-bundle.h"
#include "mado-vaccination-rules.h"

G_BEGIN_DECLS

const char *mado_vaccine_mapping_kind_from_code  (const char               *code);
const char *mado_vaccine_mapping_kind_from_name  (const char               *name);
GArray     *mado_vaccine_mapping_history         (const MadoResidentBundle *bundle);
GPtrArray  *mado_vaccine_mapping_check_intended  (const MadoResidentBundle *bundle,
                                                  const char               *intended_name,
                                                  const GDate              *today);

G_END_DECLS
