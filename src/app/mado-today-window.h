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

MadoTodayWindow *mado_today_window_present_for     (GtkWindow        *parent);
void             mado_today_window_refresh         (MadoTodayWindow  *self);
guint            mado_today_window_get_n_visible   (MadoTodayWindow  *self);
GtkWindow       *mado_today_window_ask_correction  (MadoTodayWindow  *self);
gboolean         mado_today_window_save_report     (MadoTodayWindow  *self,
                                                    const char       *path,
                                                    gboolean          pdf,
                                                    GError          **error);

G_END_DECLS
