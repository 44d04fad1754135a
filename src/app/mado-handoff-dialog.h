/* mado-handoff-dialog.h — the hand-off's questions to staff: which patient, the diff, ORCA's question
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

/* What staff decided: send @diff (transfer full), look up @patient_id, or
 * nothing (both NULL). */
typedef void (*MadoHandoffDecided) (MadoOrcaDiff   *diff,
                                    MadoOrcaAnswer  answer,
                                    const char     *patient_id,
                                    gpointer        user_data);

void mado_handoff_dialog_present  (GtkWidget          *parent,
                                   MadoOrcaPrepared   *prepared,
                                   const GError       *error,
                                   MadoOrcaAnswer      answer,
                                   MadoHandoffDecided  decided,
                                   gpointer            user_data);
void mado_handoff_dialog_question (GtkWidget          *parent,
                                   const GError       *question,
                                   const char         *patient_id,
                                   MadoHandoffDecided  decided,
                                   gpointer            user_data);

G_END_DECLS
