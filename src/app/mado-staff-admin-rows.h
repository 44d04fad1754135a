/* mado-staff-admin-rows.h — one staff account in the administrator's list, with what can change
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-staff-admin-change.h"

G_BEGIN_DECLS

/* Called with a change the administrator asked for; takes @change. */
typedef void (*MadoStaffAdminRequest) (gpointer              user_data,
                                       MadoStaffAdminChange *change);

GtkWidget *mado_staff_admin_rows_titled (GtkWidget              *row,
                                         const char             *title,
                                         const char             *name);
GtkWidget *mado_staff_admin_rows_new (const MadoStaffAccount *account,
                                      gboolean                is_self,
                                      MadoStaffAdminRequest   request,
                                      gpointer                user_data);

G_END_DECLS
