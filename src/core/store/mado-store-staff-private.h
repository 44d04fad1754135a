/* mado-store-staff-private.h — what the staff accounts' files share: the rules a change must pass
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-staff-session.h"
#include "mado-store.h"

G_BEGIN_DECLS

/* What a change does to an account: the rules differ for each. */
typedef enum {
  MADO_STAFF_CHANGE_ADD,
  MADO_STAFF_CHANGE_PASSWORD,
  MADO_STAFF_CHANGE_NAME,
  MADO_STAFF_CHANGE_DISABLE,
  MADO_STAFF_CHANGE_ENABLE,
  MADO_STAFF_CHANGE_ROLE,
} MadoStaffChange;

/* An account as stored (mado_store_staff_find()). */
typedef struct {
  char          *hash;
  char          *display_name;
  MadoStaffRole  role;
  gboolean       disabled;
} MadoStaffStored;

gboolean mado_store_staff_find        (MadoStore        *store,
                                       const char       *staff_id,
                                       MadoStaffStored  *found,
                                       gboolean         *exists,
                                       GError          **error);

/* Inside the caller's transaction, with the store's lock held, so the
 * accounts cannot change between the check and the write. */
gboolean mado_store_staff_rules_check (MadoStore        *store,
                                       const char       *operator_id,
                                       const char       *staff_id,
                                       MadoStaffChange   change,
                                       MadoStaffRole     role,
                                       GError          **error);

G_END_DECLS
