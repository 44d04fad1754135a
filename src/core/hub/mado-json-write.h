/* mado-json-write.h — JSON text with numbers in their shortest exact form and members in order
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *mado_json_write_to_string (JsonNode *node,
                                 gboolean  pretty);

G_END_DECLS
