/* mado-patient-questionnaire.h — the resident's own 予診票 questions on the patient window, in their language
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to MadoPatientWindow. The privacy rule (docs/patient-window.md):
 * the questions of the resident's latest questionnaire, and nothing else
 * of theirs — no name, number, subsidy, answer or attention flag — only on
 * the "done" screen of a confirmed visit (identity proved), while the card
 * is on the reader and the visit is on the desk; cleared when any of that
 * ends. The window copies the texts when it shows them.
 */
#pragma once

#include <gtk/gtk.h>

#include "mado-resident-bundle.h"

G_BEGIN_DECLS

GtkWidget *mado_patient_questionnaire_new   (void);
guint      mado_patient_questionnaire_show  (GtkWidget                *questionnaire,
                                             const MadoResidentBundle *bundle,
                                             const char               *language,
                                             const char               *heading);
void       mado_patient_questionnaire_clear (GtkWidget                *questionnaire);

G_END_DECLS
