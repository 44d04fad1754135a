/* mado-staff-admin-roles.h — staff roles in the desk's language
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

const char    *mado_staff_admin_roles_words (MadoStaffRole role);
GtkStringList *mado_staff_admin_roles_model (void);
MadoStaffRole  mado_staff_admin_roles_at    (guint         position);
guint          mado_staff_admin_roles_index (MadoStaffRole role);

G_END_DECLS
