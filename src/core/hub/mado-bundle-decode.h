/* mado-bundle-decode.h — a resident bundle from the hub API's JSON, strictly, as far as consented
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-hub-error.h"
#include "mado-resident-bundle.h"

G_BEGIN_DECLS

MadoResidentBundle *mado_bundle_decode (const char      *data,
                                        gsize            length,
                                        MadoHubConsent   consent,
                                        GError         **error);

G_END_DECLS
