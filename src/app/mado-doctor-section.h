/* mado-doctor-section.h — the 予診票's doctor's section: the judgement a signed-in doctor signs
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_DOCTOR_SECTION (mado_doctor_section_get_type ())
G_DECLARE_FINAL_TYPE (MadoDoctorSection, mado_doctor_section, MADO, DOCTOR_SECTION, AdwBin)

GtkWidget *mado_doctor_section_new          (const MadoResidentBundle *bundle,
                                             const MadoQuestionnaire  *questionnaire);
gboolean   mado_doctor_section_get_editable (MadoDoctorSection        *self);
gboolean   mado_doctor_section_sign         (MadoDoctorSection        *self);

G_END_DECLS
