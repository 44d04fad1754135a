/* mado-today-window.h — today's vaccination records at the desk, and the end-of-day report
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_TODAY_WINDOW (mado_today_window_get_type ())
G_DECLARE_FINAL_TYPE (MadoTodayWindow, mado_today_window, MADO, TODAY_WINDOW, AdwWindow)

MadoTodayWindow *mado_today_window_present_for (GtkWindow *parent);

G_END_DECLS
