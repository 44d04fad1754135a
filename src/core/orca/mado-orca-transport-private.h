/* mado-orca-transport-private.h — one HTTP exchange with ORCA's API (libcurl)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-site-config.h"

G_BEGIN_DECLS

typedef struct _MadoOrcaTransport MadoOrcaTransport;

MadoOrcaTransport *mado_orca_transport_new  (const MadoSiteConfig  *config,
                                             GError               **error);
void               mado_orca_transport_free (MadoOrcaTransport     *self);
GBytes            *mado_orca_transport_call (MadoOrcaTransport     *self,
                                             const char            *path,
                                             const char            *body,
                                             GCancellable          *cancellable,
                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOrcaTransport, mado_orca_transport_free)

G_END_DECLS
