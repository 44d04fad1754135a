/* mado-window.h — the desk's main window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-application.h"
#include "mado-visit-controller.h"

G_BEGIN_DECLS

#define MADO_TYPE_WINDOW (mado_window_get_type ())
G_DECLARE_FINAL_TYPE (MadoWindow, mado_window, MADO, WINDOW, AdwApplicationWindow)

MadoWindow          *mado_window_new                  (MadoApplication *application);
GtkWidget           *mado_window_get_idle_page        (MadoWindow      *self);
MadoVisitController *mado_window_get_visit_controller (MadoWindow      *self);
const char          *mado_window_get_visible_page     (MadoWindow      *self);
GtkWidget           *mado_window_get_page             (MadoWindow      *self,
                                                       const char      *name);
GtkWidget           *mado_window_get_offline_banner   (MadoWindow      *self);
GtkWindow           *mado_window_get_patient_window   (MadoWindow      *self);

G_END_DECLS
