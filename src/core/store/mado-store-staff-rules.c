/* mado-store-staff-rules.c — who may change which staff account, and what keeps an administrator
 *
 * Only an enabled administrator account, or the terminal's system
 * administrator (`system:<unix user>`: whoever can read the store's key
 * file, which is how the first administrator is made), changes accounts.
 * The operator's role is read from the store at the moment of the change,
 * not from their session: an administrator demoted or disabled a moment
 * ago can no longer act, even on a screen still signed in.
 *
 * Two rules keep the terminal manageable from the app: an administrator
 * cannot disable or demote their own account (a slip of the mouse would
 * lock them out), and the last enabled administrator cannot be disabled or
 * demoted by anyone.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <openssl/crypto.h>
#include <string.h>

#include "mado-error.h"
#include "mado-staff-error.h"
#include "mado-store-private.h"
#include "mado-store-staff.h"
#include "mado-store-staff-private.h"

typedef struct {
  gboolean      exists;
  gboolean      disabled;
  MadoStaffRole role;
} AccountState;

static gboolean
read_state (MadoStore     *store,
            const char    *staff_id,
            AccountState  *state,
            GError       **error)
{
  /* A role this version does not know grants nothing. */
  MadoStaffStored stored = { NULL, NULL, MADO_STAFF_ROLE_RECEPTION, FALSE };
  gboolean ok = mado_store_staff_find (store, staff_id, &stored, &state->exists, error);

  state->role = stored.role;
  state->disabled = stored.disabled;
  g_free (stored.display_name);
  if (stored.hash != NULL)
    OPENSSL_cleanse (stored.hash, strlen (stored.hash));
  g_free (stored.hash);
  return ok;
}

static gboolean
count_enabled_administrators (MadoStore  *store,
                              gint64     *count,
                              GError    **error)
{
  static const char sql[] =
    "SELECT count(*) FROM staff WHERE role = 'administrator' AND disabled = 0";
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || mado_store_fail (store, rc, error);
}

static gboolean
is_system (const char *operator_id)
{
  return g_str_has_prefix (operator_id, MADO_STAFF_OPERATOR_SYSTEM_PREFIX);
}

static gboolean
check_operator (MadoStore   *store,
                const char  *operator_id,
                GError     **error)
{
  AccountState op;

  if (is_system (operator_id))
    return TRUE;
  if (!read_state (store, operator_id, &op, error))
    return FALSE;
  if (op.exists && !op.disabled && op.role == MADO_STAFF_ROLE_ADMINISTRATOR)
    return TRUE;
  mado_error_set (error, MADO_STAFF_ERROR, MADO_STAFF_ERROR_NOT_ADMINISTRATOR);
  return FALSE;
}

static gboolean
removes_administrator (MadoStaffChange change,
                       MadoStaffRole   role)
{
  return change == MADO_STAFF_CHANGE_DISABLE ||
         (change == MADO_STAFF_CHANGE_ROLE && role != MADO_STAFF_ROLE_ADMINISTRATOR);
}

gboolean
mado_store_staff_rules_check (MadoStore        *store,
                              const char       *operator_id,
                              const char       *staff_id,
                              MadoStaffChange   change,
                              MadoStaffRole     role,
                              GError          **error)
{
  AccountState target;
  gint64 administrators = 0;

  if (!check_operator (store, operator_id, error))
    return FALSE;
  if (!removes_administrator (change, role))
    return TRUE;
  if (!is_system (operator_id) && g_strcmp0 (operator_id, staff_id) == 0)
    {
      mado_error_set (error, MADO_STAFF_ERROR,
                      change == MADO_STAFF_CHANGE_DISABLE ? MADO_STAFF_ERROR_DISABLE_SELF
                                                          : MADO_STAFF_ERROR_DEMOTE_SELF);
      return FALSE;
    }
  if (!read_state (store, staff_id, &target, error))
    return FALSE;
  if (!target.exists || target.disabled || target.role != MADO_STAFF_ROLE_ADMINISTRATOR)
    return TRUE;
  if (!count_enabled_administrators (store, &administrators, error))
    return FALSE;
  if (administrators > 1)
    return TRUE;
  mado_error_set (error, MADO_STAFF_ERROR, MADO_STAFF_ERROR_LAST_ADMINISTRATOR);
  return FALSE;
}
