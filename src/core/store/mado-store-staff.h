/* mado-store-staff.h — staff accounts: sign-in with ID and an scrypt-hashed password
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-staff-session.h"
#include "mado-store.h"

G_BEGIN_DECLS

/* MHLW guideline 6.0: 13 characters, or 8 with a second factor. Madoguchi
 * has no second factor yet, so 13 applies to every account. */
#define MADO_STAFF_PASSWORD_MIN_LENGTH            13
#define MADO_STAFF_PASSWORD_MIN_LENGTH_TWO_FACTOR  8

/* The operator of a change made by the terminal's system administrator
 * (the command-line tool, run by whoever can read the store's key file),
 * followed by the Unix user name. Staff IDs cannot contain ':'. */
#define MADO_STAFF_OPERATOR_SYSTEM_PREFIX "system:"

typedef struct {
  char          *staff_id;
  MadoStaffRole  role;
  char          *display_name;          /* "" when none was set */
  gboolean       disabled;
  gint64         created_at;            /* µs since the epoch, UTC */
  gint64         password_changed_at;
} MadoStaffAccount;

void              mado_staff_account_free                  (MadoStaffAccount *account);

gboolean          mado_store_staff_check_password_rules    (const char       *password,
                                                            gboolean          second_factor,
                                                            GError          **error);
gboolean          mado_store_staff_check_new_password      (const char       *password,
                                                            const char       *repeated,
                                                            GError          **error);
gboolean          mado_store_staff_check_name              (const char       *name,
                                                            GError          **error);
char             *mado_store_staff_hash_password           (const char       *password);
gboolean          mado_store_staff_verify_password         (const char       *password,
                                                            const char       *encoded);
gboolean          mado_store_staff_password_hash_is_usable (const char       *encoded);

gboolean          mado_store_staff_add                     (MadoStore        *store,
                                                            const char       *staff_id,
                                                            MadoStaffRole     role,
                                                            const char       *password,
                                                            const char       *operator_id,
                                                            GError          **error);
gboolean          mado_store_staff_set_password            (MadoStore        *store,
                                                            const char       *staff_id,
                                                            const char       *password,
                                                            const char       *operator_id,
                                                            GError          **error);
gboolean          mado_store_staff_set_name                (MadoStore        *store,
                                                            const char       *staff_id,
                                                            const char       *name,
                                                            const char       *operator_id,
                                                            GError          **error);
gboolean          mado_store_staff_disable                 (MadoStore        *store,
                                                            const char       *staff_id,
                                                            const char       *operator_id,
                                                            GError          **error);
gboolean          mado_store_staff_enable                  (MadoStore        *store,
                                                            const char       *staff_id,
                                                            const char       *operator_id,
                                                            GError          **error);
gboolean          mado_store_staff_set_role                (MadoStore        *store,
                                                            const char       *staff_id,
                                                            MadoStaffRole     role,
                                                            const char       *operator_id,
                                                            GError          **error);
GPtrArray        *mado_store_staff_list                    (MadoStore        *store,
                                                            GError          **error);
MadoStaffSession *mado_store_staff_sign_in                 (MadoStore        *store,
                                                            const char       *staff_id,
                                                            const char       *password,
                                                            guint             idle_seconds,
                                                            gint64            now,
                                                            GError          **error);
gboolean          mado_store_staff_sign_out                (MadoStore        *store,
                                                            MadoStaffSession *session,
                                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoStaffAccount, mado_staff_account_free)

G_END_DECLS
