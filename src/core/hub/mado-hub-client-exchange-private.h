/* mado-hub-client-exchange-private.h — one exchange with the hub, for the client's own files
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-hub-client.h"
#include "mado-hub-transport-private.h"

G_BEGIN_DECLS

/* @req once, or again after transient failures when it is idempotent,
 * all within the client's call deadline; reports reachability. */
gboolean mado_hub_client_exchange (MadoHubClient                 *self,
                                   const MadoHubTransportRequest *req,
                                   MadoHubTransportResponse      *r,
                                   GCancellable                  *cancellable,
                                   GError                       **error);

G_END_DECLS
