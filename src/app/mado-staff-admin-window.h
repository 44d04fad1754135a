/* mado-staff-admin-window.h — an administrator's staff accounts: add, reset a password, role, disable
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-application.h"

G_BEGIN_DECLS

#define MADO_TYPE_STAFF_ADMIN_WINDOW (mado_staff_admin_window_get_type ())
G_DECLARE_FINAL_TYPE (MadoStaffAdminWindow, mado_staff_admin_window, MADO, STAFF_ADMIN_WINDOW,
                      AdwPreferencesWindow)

gboolean    mado_staff_admin_window_may_open   (MadoApplication      *application);
GtkWidget  *mado_staff_admin_window_new        (MadoApplication      *application);
const char *mado_staff_admin_window_get_error  (MadoStaffAdminWindow *self);
gboolean    mado_staff_admin_window_is_busy    (MadoStaffAdminWindow *self);

G_END_DECLS
