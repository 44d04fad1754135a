/* mado-json-escape.h — a string as a JSON string literal, appended to a GString
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void mado_json_escape_append (GString    *out,
                              const char *text);

G_END_DECLS
