/* mado-bundle-encode.h — a resident bundle back to the hub API's JSON, for the cache and the CLI
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-resident-bundle.h"

G_BEGIN_DECLS

JsonNode *mado_bundle_encode       (const MadoResidentBundle *bundle);
GBytes   *mado_bundle_encode_bytes (const MadoResidentBundle *bundle);

G_END_DECLS
