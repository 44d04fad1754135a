/* mado-preferences-window.h — the desk's preferences
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-application.h"

G_BEGIN_DECLS

#define MADO_TYPE_PREFERENCES_WINDOW (mado_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MadoPreferencesWindow, mado_preferences_window, MADO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *mado_preferences_window_new (MadoApplication *application);

G_END_DECLS
