/* mado-staff-error.h — why a change to a staff account was refused, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_STAFF_ERROR (mado_staff_error_quark ())

/**
 * MadoStaffError:
 * @MADO_STAFF_ERROR_NOT_ADMINISTRATOR: the operator is not an enabled
 *   administrator account, so it may not change staff accounts
 * @MADO_STAFF_ERROR_DISABLE_SELF: an administrator tried to disable their own account
 * @MADO_STAFF_ERROR_DEMOTE_SELF: an administrator tried to take the
 *   administrator role from their own account
 * @MADO_STAFF_ERROR_LAST_ADMINISTRATOR: the change would leave no enabled
 *   administrator account
 * @MADO_STAFF_ERROR_PASSWORDS_DIFFER: the password and its repetition differ
 *
 * New codes go at the end: the command-line tool's exit status is 180 + the code.
 */
typedef enum {
  MADO_STAFF_ERROR_NOT_ADMINISTRATOR,
  MADO_STAFF_ERROR_DISABLE_SELF,
  MADO_STAFF_ERROR_DEMOTE_SELF,
  MADO_STAFF_ERROR_LAST_ADMINISTRATOR,
  MADO_STAFF_ERROR_PASSWORDS_DIFFER,
} MadoStaffError;

GQuark mado_staff_error_quark (void);

G_END_DECLS
