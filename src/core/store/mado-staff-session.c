/* mado-staff-session.c — a signed-in member of staff, and when their screen locks
 *
 * Times are the caller's monotonic clock (g_get_monotonic_time()), so a
 * change of the wall clock neither locks nor unlocks a session.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-staff-session.h"

struct _MadoStaffSession
{
  GObject        parent_instance;

  char          *staff_id;
  char          *display_name;
  MadoStaffRole  role;
  gint64         idle_us;
  gint64         last_activity;
  gboolean       locked;
};

G_DEFINE_FINAL_TYPE (MadoStaffSession, mado_staff_session, G_TYPE_OBJECT)

static const char *const role_names[] = { "reception", "doctor", "administrator", "nurse" };

/**
 * mado_staff_role_to_string:
 * @role: a #MadoStaffRole
 *
 * Returns: (transfer none): `reception`, `doctor`, `administrator` or `nurse`
 */
const char *
mado_staff_role_to_string (MadoStaffRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), "reception");
  return role_names[role];
}

/**
 * mado_staff_role_from_string:
 * @text: a role's name
 * @role: (out): the role
 *
 * Returns: %TRUE when @text names a role
 */
gboolean
mado_staff_role_from_string (const char    *text,
                             MadoStaffRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      {
        *role = (MadoStaffRole) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mado_staff_role_can_judge:
 * @role: a role
 *
 * Returns: whether @role may sign the doctor's judgement (接種可否): a doctor only
 */
gboolean
mado_staff_role_can_judge (MadoStaffRole role)
{
  return role == MADO_STAFF_ROLE_DOCTOR;
}

/**
 * mado_staff_role_can_record:
 * @role: a role
 *
 * Returns: whether @role may record a vaccination or mark one entered in
 *   error: a doctor or a nurse
 */
gboolean
mado_staff_role_can_record (MadoStaffRole role)
{
  return role == MADO_STAFF_ROLE_DOCTOR || role == MADO_STAFF_ROLE_NURSE;
}

static void
mado_staff_session_finalize (GObject *object)
{
  MadoStaffSession *self = MADO_STAFF_SESSION (object);

  g_free (self->staff_id);
  g_free (self->display_name);
  G_OBJECT_CLASS (mado_staff_session_parent_class)->finalize (object);
}

static void
mado_staff_session_class_init (MadoStaffSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_staff_session_finalize;
}

static void
mado_staff_session_init (MadoStaffSession *self)
{
}

/**
 * mado_staff_session_new:
 * @staff_id: who signed in
 * @role: their role
 * @idle_seconds: lock after this long without activity (0: never)
 * @now: the monotonic time of the sign-in, in µs
 *
 * Returns: (transfer full): a session
 */
MadoStaffSession *
mado_staff_session_new (const char    *staff_id,
                        MadoStaffRole  role,
                        guint          idle_seconds,
                        gint64         now)
{
  MadoStaffSession *self = g_object_new (MADO_TYPE_STAFF_SESSION, NULL);

  self->staff_id = g_strdup (staff_id);
  self->role = role;
  self->idle_us = (gint64) idle_seconds * G_USEC_PER_SEC;
  self->last_activity = now;
  return self;
}

/**
 * mado_staff_session_get_staff_id:
 * @self: a session
 *
 * Returns: (transfer none): the operator, for audit entries
 */
const char *
mado_staff_session_get_staff_id (MadoStaffSession *self)
{
  g_return_val_if_fail (MADO_IS_STAFF_SESSION (self), NULL);
  return self->staff_id;
}

/**
 * mado_staff_session_get_display_name:
 * @self: a session
 *
 * Returns: (transfer none): the name records carry (the vaccinating
 *   doctor, the performer): the account's name, or its ID when it has none
 */
const char *
mado_staff_session_get_display_name (MadoStaffSession *self)
{
  g_return_val_if_fail (MADO_IS_STAFF_SESSION (self), NULL);
  return self->display_name != NULL && *self->display_name != '\0' ? self->display_name
                                                                    : self->staff_id;
}

/**
 * mado_staff_session_set_display_name:
 * @self: a session
 * @name: (nullable): the person's name as records write it
 */
void
mado_staff_session_set_display_name (MadoStaffSession *self,
                                     const char       *name)
{
  g_return_if_fail (MADO_IS_STAFF_SESSION (self));
  g_free (self->display_name);
  self->display_name = g_strdup (name);
}

/**
 * mado_staff_session_get_role:
 * @self: a session
 *
 * Returns: the signed-in staff member's role
 */
MadoStaffRole
mado_staff_session_get_role (MadoStaffSession *self)
{
  g_return_val_if_fail (MADO_IS_STAFF_SESSION (self), MADO_STAFF_ROLE_RECEPTION);
  return self->role;
}

/**
 * mado_staff_session_get_last_activity:
 * @self: a session
 *
 * Returns: the monotonic time of the last activity, in µs
 */
gint64
mado_staff_session_get_last_activity (MadoStaffSession *self)
{
  g_return_val_if_fail (MADO_IS_STAFF_SESSION (self), 0);
  return self->last_activity;
}

/**
 * mado_staff_session_touch:
 * @self: a session
 * @now: the monotonic time of the activity, in µs
 *
 * Records activity. A session that has locked stays locked: only signing in
 * again (with the password) makes a new one.
 */
void
mado_staff_session_touch (MadoStaffSession *self,
                          gint64            now)
{
  g_return_if_fail (MADO_IS_STAFF_SESSION (self));
  if (mado_staff_session_is_locked (self, now))
    return;
  self->last_activity = MAX (self->last_activity, now);
}

/**
 * mado_staff_session_is_locked:
 * @self: a session
 * @now: the monotonic time, in µs
 *
 * Returns: %TRUE once the idle period has passed since the last activity
 */
gboolean
mado_staff_session_is_locked (MadoStaffSession *self,
                              gint64            now)
{
  g_return_val_if_fail (MADO_IS_STAFF_SESSION (self), TRUE);
  if (!self->locked && self->idle_us > 0 && now - self->last_activity >= self->idle_us)
    self->locked = TRUE;
  return self->locked;
}
