/* mado-store-audit.h — the hash-chained audit log: who did what, when, to whose data
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-store.h"

G_BEGIN_DECLS

/**
 * MadoAuditAction:
 * @MADO_AUDIT_CARD_READ: a card's certificate was read
 * @MADO_AUDIT_VERIFICATION: an identity proof (PIN signature or visual check)
 * @MADO_AUDIT_VIEW: a resident's data was shown
 * @MADO_AUDIT_RECORD_WRITTEN: a record (vaccination, questionnaire) was written
 * @MADO_AUDIT_EXPORT: data left the terminal (including this log)
 * @MADO_AUDIT_SIGN_IN: a staff sign-in, successful or not
 * @MADO_AUDIT_SIGN_OUT: a staff sign-out
 * @MADO_AUDIT_ACCOUNT_CHANGE: a staff account was added, disabled or got a new password
 * @MADO_AUDIT_CACHE_PURGE: cached data was purged
 */
typedef enum {
  MADO_AUDIT_CARD_READ,
  MADO_AUDIT_VERIFICATION,
  MADO_AUDIT_VIEW,
  MADO_AUDIT_RECORD_WRITTEN,
  MADO_AUDIT_EXPORT,
  MADO_AUDIT_SIGN_IN,
  MADO_AUDIT_SIGN_OUT,
  MADO_AUDIT_ACCOUNT_CHANGE,
  MADO_AUDIT_CACHE_PURGE,
} MadoAuditAction;

/**
 * MadoAuditOutcome:
 * @MADO_AUDIT_SUCCESS: it happened
 * @MADO_AUDIT_FAILURE: it was attempted and failed or was refused
 */
typedef enum {
  MADO_AUDIT_SUCCESS,
  MADO_AUDIT_FAILURE,
} MadoAuditOutcome;

/**
 * MadoAuditProblem:
 * @MADO_AUDIT_PROBLEM_NONE: the chain verifies
 * @MADO_AUDIT_PROBLEM_EDITED: an entry's fields do not match its hash
 * @MADO_AUDIT_PROBLEM_BROKEN_LINK: an entry does not follow the one before it
 *   (an entry was deleted, inserted or moved)
 * @MADO_AUDIT_PROBLEM_MISSING: sequence numbers are missing (entries deleted)
 * @MADO_AUDIT_PROBLEM_TRUNCATED: the last entries were deleted
 * @MADO_AUDIT_PROBLEM_APPENDED: entries were added at the end outside Madoguchi
 * @MADO_AUDIT_PROBLEM_HEAD_FORGED: the keyed record of the last entry was altered
 * @MADO_AUDIT_PROBLEM_HEAD_MISSING: the keyed record of the last entry is gone and
 *   the log is empty: the log was wiped (every store has a head, even with no entries)
 */
typedef enum {
  MADO_AUDIT_PROBLEM_NONE,
  MADO_AUDIT_PROBLEM_EDITED,
  MADO_AUDIT_PROBLEM_BROKEN_LINK,
  MADO_AUDIT_PROBLEM_MISSING,
  MADO_AUDIT_PROBLEM_TRUNCATED,
  MADO_AUDIT_PROBLEM_APPENDED,
  MADO_AUDIT_PROBLEM_HEAD_FORGED,
  MADO_AUDIT_PROBLEM_HEAD_MISSING,
} MadoAuditProblem;

typedef struct {
  gint64           entries;    /* entries checked */
  gint64           bad_seq;    /* the first bad entry's sequence number; 0 if none */
  MadoAuditProblem problem;
} MadoAuditVerdict;

const char *mado_audit_action_to_string  (MadoAuditAction   action);
const char *mado_audit_problem_to_string (MadoAuditProblem  problem);

gint64      mado_store_audit_append      (MadoStore         *store,
                                          const char        *operator_id,
                                          MadoAuditAction    action,
                                          const char        *resident_key,
                                          MadoAuditOutcome   outcome,
                                          const char        *detail,
                                          GError           **error);
gboolean    mado_store_audit_verify      (MadoStore         *store,
                                          MadoAuditVerdict  *verdict,
                                          GError           **error);
gboolean    mado_store_audit_export      (MadoStore         *store,
                                          GDateTime         *from,
                                          GDateTime         *until,
                                          GOutputStream     *output,
                                          gint64            *exported,
                                          GError           **error);

G_END_DECLS
