/* mado-orca-handoff.h — one hand-off to ORCA off the main thread: prepare the diff, send, audit
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-orca-client.h"
#include "mado-store.h"

G_BEGIN_DECLS

typedef struct {
  MadoOrcaPatient *patient;      /* (nullable) */
  MadoOrcaDiff    *diff;         /* (nullable) */
  GPtrArray       *candidates;   /* (nullable) several matches (element-type MadoOrcaPatient) */
} MadoOrcaPrepared;

void              mado_orca_prepared_free          (MadoOrcaPrepared     *prepared);

void              mado_orca_handoff_prepare_async  (MadoOrcaClient       *client,
                                                    GBytes               *bundle,
                                                    const char           *patient_id,
                                                    const GDate          *today,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
MadoOrcaPrepared *mado_orca_handoff_prepare_finish (GAsyncResult         *result,
                                                    GError              **error);
void              mado_orca_handoff_send_async     (MadoOrcaClient       *client,
                                                    MadoStore            *store,
                                                    const char           *operator_id,
                                                    GBytes               *bundle,
                                                    MadoOrcaDiff         *diff,
                                                    MadoOrcaAnswer        answer,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean          mado_orca_handoff_send_finish    (GAsyncResult         *result,
                                                    MadoOrcaSendResult   *out,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOrcaPrepared, mado_orca_prepared_free)

G_END_DECLS
