/* mado-json-guard.h — a strict, non-recursive JSON check before json-glib sees the text
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MADO_JSON_GUARD_MAX_DEPTH      32
#define MADO_JSON_GUARD_MAX_KEY_BYTES 256

gboolean mado_json_guard_check (const char  *data,
                                gsize        length,
                                guint        max_depth,
                                GError     **error);

G_END_DECLS
