/* mado-diagnostics-window.h — shows the support report, with a Copy button
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-application.h"

G_BEGIN_DECLS

#define MADO_TYPE_DIAGNOSTICS_WINDOW (mado_diagnostics_window_get_type ())
G_DECLARE_FINAL_TYPE (MadoDiagnosticsWindow, mado_diagnostics_window, MADO, DIAGNOSTICS_WINDOW, AdwWindow)

GtkWidget  *mado_diagnostics_window_new        (MadoApplication       *application);
const char *mado_diagnostics_window_get_report (MadoDiagnosticsWindow *self);

G_END_DECLS
