/* mado-orca-audit.h — every hand-off to ORCA in the audit log
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-orca-client.h"
#include "mado-store.h"

G_BEGIN_DECLS

char     *mado_orca_audit_detail (const MadoOrcaDiff        *diff,
                                  const char                *resident_ref,
                                  const MadoOrcaSendResult  *result,
                                  const GError              *failure);
gboolean  mado_orca_audit_send   (MadoStore                 *store,
                                  const char                *operator_id,
                                  const char                *resident_key,
                                  const char                *resident_ref,
                                  const MadoOrcaDiff        *diff,
                                  const MadoOrcaSendResult  *result,
                                  const GError              *failure,
                                  GError                   **error);

G_END_DECLS
