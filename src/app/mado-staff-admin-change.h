/* mado-staff-admin-change.h — one change to a staff account, made off the main thread
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

typedef enum {
  MADO_STAFF_ADMIN_ADD,
  MADO_STAFF_ADMIN_PASSWORD,
  MADO_STAFF_ADMIN_ROLE,
  MADO_STAFF_ADMIN_DISABLE,
  MADO_STAFF_ADMIN_ENABLE,
} MadoStaffAdminKind;

typedef struct {
  MadoStaffAdminKind  kind;
  char               *staff_id;
  char               *operator_id;
  MadoStaffRole       role;       /* add, role */
  char               *name;       /* add: "" for none */
  char               *password;   /* add, password: wiped when freed */
  char               *repeated;   /* the same, typed again */
} MadoStaffAdminChange;

MadoStaffAdminChange *mado_staff_admin_change_new      (MadoStaffAdminKind     kind,
                                                        const char            *staff_id);
void                  mado_staff_admin_change_free     (MadoStaffAdminChange  *change);
char                 *mado_staff_admin_change_describe (const MadoStaffAdminChange *change);
void                  mado_staff_admin_change_run_async  (MadoStaffAdminChange *change,
                                                          MadoStore            *store,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean              mado_staff_admin_change_run_finish (GAsyncResult         *result,
                                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoStaffAdminChange, mado_staff_admin_change_free)

G_END_DECLS
