/* mado-bundle-decode-private.h — the bundle decoder inside a larger answer (a verification)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-bundle-decode.h"
#include "mado-json-read-private.h"

G_BEGIN_DECLS

MadoResidentBundle *mado_bundle_decode_object (MadoJsonRead   *ctx,
                                               JsonObject     *object,
                                               MadoHubConsent  consent);

G_END_DECLS
