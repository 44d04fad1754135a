/* mado-orca-audit.c — every hand-off to ORCA in the audit log
 *
 * One entry per hand-off staff confirmed, sent or not: who (the operator),
 * which resident (the hub's reference and the ORCA patient number), which
 * numbers went where (payer:recipient per change), and ORCA's answer (its
 * result code, or the error's stable name). The audit log is the store's
 * record of personal data leaving the terminal; messages, which ORCA
 * writes and staff read, stay out of it.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-orca-audit.h"
#include "mado-error.h"
#include "mado-store-audit.h"

static void
append_numbers (GString            *detail,
                const MadoOrcaDiff *diff,
                MadoOrcaChangeKind  kind)
{
  const char *separator = "=";

  if (mado_orca_diff_count (diff, kind) == 0)
    return;
  g_string_append_printf (detail, " %s", mado_orca_change_kind_to_string (kind));
  for (guint i = 0; i < diff->changes->len; i++)
    {
      const MadoOrcaChange *change = g_ptr_array_index (diff->changes, i);

      if (change->kind != kind)
        continue;
      g_string_append_printf (detail, "%s%s:%s", separator, change->payer_number,
                              change->recipient_number);
      separator = ",";
    }
}

/**
 * mado_orca_audit_detail:
 * @diff: what staff confirmed
 * @resident_ref: (nullable): the hub's reference of the resident
 * @result: (nullable): what happened, when it succeeded
 * @failure: (nullable): why it failed
 *
 * Returns: (transfer full): the audit entry's detail, e.g.
 *   `orca patient=00012 resident=r-1003 add=54016027:2304616 result=000`
 */
char *
mado_orca_audit_detail (const MadoOrcaDiff       *diff,
                        const char               *resident_ref,
                        const MadoOrcaSendResult *result,
                        const GError             *failure)
{
  GString *detail = g_string_new ("orca");

  g_string_append_printf (detail, " patient=%s resident=%s", diff->patient_id,
                          resident_ref != NULL ? resident_ref : "-");
  append_numbers (detail, diff, MADO_ORCA_CHANGE_ADD);
  append_numbers (detail, diff, MADO_ORCA_CHANGE_UPDATE);
  append_numbers (detail, diff, MADO_ORCA_CHANGE_UNCHANGED);
  if (failure != NULL)
    g_string_append_printf (detail, " error=%s", mado_error_name (failure));
  else if (result != NULL && result->sent)
    g_string_append_printf (detail, " result=%s", result->api_result);
  else
    g_string_append (detail, " result=unchanged");
  return g_string_free (detail, FALSE);
}

/**
 * mado_orca_audit_send:
 * @store: the desk's store
 * @operator_id: who confirmed the hand-off
 * @resident_key: (nullable): the resident's key in the store
 * @resident_ref: (nullable): the hub's reference of the resident
 * @diff: what staff confirmed
 * @result: (nullable): what happened, when it succeeded
 * @failure: (nullable): why it failed
 * @error: a #MadoStoreError
 *
 * Returns: whether the entry was written
 */
gboolean
mado_orca_audit_send (MadoStore                *store,
                      const char               *operator_id,
                      const char               *resident_key,
                      const char               *resident_ref,
                      const MadoOrcaDiff       *diff,
                      const MadoOrcaSendResult *result,
                      const GError             *failure,
                      GError                  **error)
{
  g_autofree char *detail = mado_orca_audit_detail (diff, resident_ref, result, failure);

  return mado_store_audit_append (store, operator_id, MADO_AUDIT_EXPORT, resident_key,
                                  failure == NULL ? MADO_AUDIT_SUCCESS : MADO_AUDIT_FAILURE,
                                  detail, error) > 0;
}
