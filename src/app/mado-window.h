/* mado-window.h — the desk's main window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-application.h"

G_BEGIN_DECLS

#define MADO_TYPE_WINDOW (mado_window_get_type ())
G_DECLARE_FINAL_TYPE (MadoWindow, mado_window, MADO, WINDOW, AdwApplicationWindow)

MadoWindow *mado_window_new            (MadoApplication *application);
GtkWidget  *mado_window_get_idle_page  (MadoWindow      *self);

G_END_DECLS
