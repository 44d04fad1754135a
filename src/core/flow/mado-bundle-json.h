/* mado-bundle-json.h — a resident bundle back to the hub API's JSON, and a compact JSON writer
 *
 * The hub client decodes bundles strictly and keeps no raw bytes; what the
 * offline cache stores, and what `madoguchi-cli verify --json` prints, is
 * the decoded bundle encoded again in the shape docs/hub-api.md gives, so
 * that the strict decoder reads it back to the same values.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-resident-bundle.h"

G_BEGIN_DECLS

JsonNode *mado_resident_bundle_to_json  (const MadoResidentBundle *bundle);
GBytes   *mado_resident_bundle_to_bytes (const MadoResidentBundle *bundle);
char     *mado_json_to_string           (JsonNode                 *node,
                                         gboolean                  pretty);

G_END_DECLS
