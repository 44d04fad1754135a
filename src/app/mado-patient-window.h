/* mado-patient-window.h — the second window, facing the resident: PIN and consent only
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-window.h"

G_BEGIN_DECLS

#define MADO_TYPE_PATIENT_WINDOW (mado_patient_window_get_type ())
G_DECLARE_FINAL_TYPE (MadoPatientWindow, mado_patient_window, MADO, PATIENT_WINDOW, AdwWindow)

MadoPatientWindow *mado_patient_window_new              (MadoWindow        *desk);
const char        *mado_patient_window_get_visible_page (MadoPatientWindow *self);
gboolean           mado_patient_window_handle_key       (MadoPatientWindow *self,
                                                         guint              keyval);
void               mado_patient_window_set_language     (MadoPatientWindow *self,
                                                         const char        *language);
const char        *mado_patient_window_get_language     (MadoPatientWindow *self);

G_END_DECLS
