/* mado-staff-admin-change.c — one change to a staff account, made off the main thread
 *
 * Adding an account and setting a password hash it with scrypt, which
 * takes a while: every change runs in a worker, like the sign-in. The
 * store applies the rules (who may, not oneself, not the last
 * administrator); this file only carries the change there and back.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-staff-admin-change.h"
#include "mado-staff-admin-roles.h"

static void
wipe (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/**
 * mado_staff_admin_change_new:
 * @kind: what changes
 * @staff_id: which account
 *
 * Returns: (transfer full): the change; fill in what @kind needs
 */
MadoStaffAdminChange *
mado_staff_admin_change_new (MadoStaffAdminKind  kind,
                             const char         *staff_id)
{
  MadoStaffAdminChange *change = g_new0 (MadoStaffAdminChange, 1);

  change->kind = kind;
  change->staff_id = g_strdup (staff_id);
  change->name = g_strdup ("");
  return change;
}

void
mado_staff_admin_change_free (MadoStaffAdminChange *change)
{
  if (change == NULL)
    return;
  g_free (change->staff_id);
  g_free (change->operator_id);
  g_free (change->name);
  wipe (change->password);
  wipe (change->repeated);
  g_free (change);
}

/**
 * mado_staff_admin_change_describe:
 * @change: a change that was made
 *
 * Returns: (transfer full): what was done, for staff
 */
char *
mado_staff_admin_change_describe (const MadoStaffAdminChange *change)
{
  switch (change->kind)
    {
    case MADO_STAFF_ADMIN_ADD:
      return g_strdup_printf (_("Added the account %s."), change->staff_id);
    case MADO_STAFF_ADMIN_PASSWORD:
      return g_strdup_printf (_("Set a new password for %s."), change->staff_id);
    case MADO_STAFF_ADMIN_ROLE:
      /* Translators: "<ID> is now <role>; …" */
      return g_strdup_printf (_("%s is now %s; it applies from the next sign-in."),
                              change->staff_id, mado_staff_admin_roles_words (change->role));
    case MADO_STAFF_ADMIN_DISABLE:
      return g_strdup_printf (_("Disabled the account %s."), change->staff_id);
    case MADO_STAFF_ADMIN_ENABLE:
    default:
      return g_strdup_printf (_("Enabled the account %s."), change->staff_id);
    }
}

static gboolean
add_account (MadoStore                  *store,
             const MadoStaffAdminChange *c,
             GError                    **error)
{
  gboolean named = c->name[0] != '\0';

  /* Everything that can be checked is, before the account exists: a name
   * refused after the add would leave an account without it. */
  return mado_store_staff_check_new_password (c->password, c->repeated, error) &&
         (!named || mado_store_staff_check_name (c->name, error)) &&
         mado_store_staff_add (store, c->staff_id, c->role, c->password, c->operator_id, error) &&
         (!named || mado_store_staff_set_name (store, c->staff_id, c->name, c->operator_id, error));
}

static gboolean
apply (MadoStore                  *store,
       const MadoStaffAdminChange *c,
       GError                    **error)
{
  switch (c->kind)
    {
    case MADO_STAFF_ADMIN_ADD:
      return add_account (store, c, error);
    case MADO_STAFF_ADMIN_PASSWORD:
      return mado_store_staff_check_new_password (c->password, c->repeated, error) &&
             mado_store_staff_set_password (store, c->staff_id, c->password, c->operator_id, error);
    case MADO_STAFF_ADMIN_ROLE:
      return mado_store_staff_set_role (store, c->staff_id, c->role, c->operator_id, error);
    case MADO_STAFF_ADMIN_DISABLE:
      return mado_store_staff_disable (store, c->staff_id, c->operator_id, error);
    case MADO_STAFF_ADMIN_ENABLE:
    default:
      return mado_store_staff_enable (store, c->staff_id, c->operator_id, error);
    }
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  MadoStaffAdminChange *change = task_data;
  GError *error = NULL;

  if (apply (MADO_STORE (source), change, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mado_staff_admin_change_run_async:
 * @change: (transfer full): the change, with its operator
 * @store: the desk's store
 * @cancellable: (nullable): a cancellable
 * @callback: called on the caller's main context
 * @user_data: for @callback
 *
 * Makes @change in a worker thread. The task keeps @change until it is
 * finalized (g_task_get_task_data() in @callback).
 */
void
mado_staff_admin_change_run_async (MadoStaffAdminChange *change,
                                   MadoStore            *store,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, mado_staff_admin_change_run_async);
  g_task_set_task_data (task, change, (GDestroyNotify) mado_staff_admin_change_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * mado_staff_admin_change_run_finish:
 * @result: the result
 * @error: return location for a #MADO_STORE_ERROR or #MADO_STAFF_ERROR
 *
 * Returns: %TRUE when the change was made
 */
gboolean
mado_staff_admin_change_run_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
