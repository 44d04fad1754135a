/* mado-staff-session.h — a signed-in member of staff, and when their screen locks
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MadoStaffRole:
 * @MADO_STAFF_ROLE_RECEPTION: reception staff
 * @MADO_STAFF_ROLE_DOCTOR: a doctor: signs the judgement (接種可否), records doses
 * @MADO_STAFF_ROLE_ADMINISTRATOR: manages accounts, exports the audit log
 * @MADO_STAFF_ROLE_NURSE: a nurse: records the dose a doctor decided on
 */
typedef enum {
  MADO_STAFF_ROLE_RECEPTION,
  MADO_STAFF_ROLE_DOCTOR,
  MADO_STAFF_ROLE_ADMINISTRATOR,
  MADO_STAFF_ROLE_NURSE,
} MadoStaffRole;

const char *mado_staff_role_to_string   (MadoStaffRole  role);
gboolean    mado_staff_role_from_string (const char    *text,
                                         MadoStaffRole *role);
gboolean    mado_staff_role_can_judge   (MadoStaffRole  role);
gboolean    mado_staff_role_can_record  (MadoStaffRole  role);

#define MADO_TYPE_STAFF_SESSION (mado_staff_session_get_type ())
G_DECLARE_FINAL_TYPE (MadoStaffSession, mado_staff_session, MADO, STAFF_SESSION, GObject)

MadoStaffSession *mado_staff_session_new               (const char       *staff_id,
                                                        MadoStaffRole     role,
                                                        guint             idle_seconds,
                                                        gint64            now);
const char       *mado_staff_session_get_staff_id      (MadoStaffSession *self);
const char       *mado_staff_session_get_display_name  (MadoStaffSession *self);
void              mado_staff_session_set_display_name  (MadoStaffSession *self,
                                                        const char       *name);
MadoStaffRole     mado_staff_session_get_role          (MadoStaffSession *self);
gint64            mado_staff_session_get_last_activity (MadoStaffSession *self);
void              mado_staff_session_touch             (MadoStaffSession *self,
                                                        gint64            now);
gboolean          mado_staff_session_is_locked         (MadoStaffSession *self,
                                                        gint64            now);

G_END_DECLS
