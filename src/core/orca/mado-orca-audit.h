/* mado-orca-audit.h — every hand-off to ORCA in the audit log
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-orca-client.h"
#include "mado-store.h"

G_BEGIN_DECLS

/**
 * MadoOrcaAuditState:
 * @MADO_ORCA_AUDIT_SENT: ORCA registered the changes
 * @MADO_ORCA_AUDIT_UNCHANGED: ORCA already held everything; nothing was sent
 * @MADO_ORCA_AUDIT_NOT_SENT: the hand-off failed or was refused; the entry names why
 */
typedef enum {
  MADO_ORCA_AUDIT_SENT,
  MADO_ORCA_AUDIT_UNCHANGED,
  MADO_ORCA_AUDIT_NOT_SENT,
} MadoOrcaAuditState;

/* One hand-off as the audit log holds it. */
typedef struct {
  gint64              at;            /* µs since the epoch, UTC */
  char               *operator_id;
  char               *resident_ref;  /* nullable */
  char               *patient_id;
  MadoOrcaAuditState  state;
  char               *orca_result;   /* nullable: ORCA's Api_Result when sent */
  char               *error_name;    /* nullable: the error's stable name when not sent */
} MadoOrcaAuditEntry;

char       *mado_orca_audit_detail          (const MadoOrcaDiff        *diff,
                                             const char                *resident_ref,
                                             const MadoOrcaSendResult  *result,
                                             const GError              *failure);
gboolean    mado_orca_audit_send            (MadoStore                 *store,
                                             const char                *operator_id,
                                             const char                *resident_key,
                                             const char                *resident_ref,
                                             const MadoOrcaDiff        *diff,
                                             const MadoOrcaSendResult  *result,
                                             const GError              *failure,
                                             GError                   **error);
const char *mado_orca_audit_state_to_string (MadoOrcaAuditState         state);
void        mado_orca_audit_entry_free      (MadoOrcaAuditEntry        *entry);
char       *mado_orca_audit_entry_describe  (const MadoOrcaAuditEntry  *entry);
GPtrArray  *mado_orca_audit_list_day        (MadoStore                 *store,
                                             const char                *day,
                                             GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOrcaAuditEntry, mado_orca_audit_entry_free)

G_END_DECLS
