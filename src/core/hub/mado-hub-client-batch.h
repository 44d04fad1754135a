/* mado-hub-client-batch.h — many records in one request: POST /v1/records/batch
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-hub-client.h"
#include "mado-record-decode.h"
#include "mado-record-encode.h"

G_BEGIN_DECLS

GPtrArray *mado_hub_client_submit_batch (MadoHubClient               *self,
                                         const MadoRecordBatchEntry  *entries,
                                         guint                        n_entries,
                                         gboolean                    *out_unsupported,
                                         GCancellable                *cancellable,
                                         GError                     **error);

G_END_DECLS
