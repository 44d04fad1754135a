/* mado-json-write-private.h — members for a JsonBuilder, each left out when it has no value
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-json-write.h"

G_BEGIN_DECLS

/* Writes the members of one object, @item being one element of an array. */
typedef void (*MadoJsonWriteFunc) (JsonBuilder   *b,
                                   gconstpointer  item);

void mado_json_write_string   (JsonBuilder        *b,
                               const char         *name,
                               const char         *value);
void mado_json_write_date     (JsonBuilder        *b,
                               const char         *name,
                               const GDate        *date);
void mado_json_write_time     (JsonBuilder        *b,
                               const char         *name,
                               GDateTime          *time);
void mado_json_write_double   (JsonBuilder        *b,
                               const char         *name,
                               gboolean            present,
                               double              value);
void mado_json_write_int      (JsonBuilder        *b,
                               const char         *name,
                               gboolean            present,
                               gint64              value);
void mado_json_write_bool     (JsonBuilder        *b,
                               const char         *name,
                               gboolean            value);
void mado_json_write_strv     (JsonBuilder        *b,
                               const char         *name,
                               GStrv               values);
void mado_json_write_objects  (JsonBuilder        *b,
                               const char         *name,
                               GPtrArray          *items,
                               MadoJsonWriteFunc   write_item);

G_END_DECLS
