/* mado-training-json.h — the training hub's JSON helpers: the guarded body parser, tolerant getters and JSON answers
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

JsonNode   *mado_training_json_parse_object    (const char        *data,
                                                gsize              length,
                                                char             **detail);
JsonObject *mado_training_json_get_object      (JsonObject        *object,
                                                const char        *member);
JsonArray  *mado_training_json_get_array       (JsonObject        *object,
                                                const char        *member);
const char *mado_training_json_get_string      (JsonObject        *object,
                                                const char        *member);

void        mado_training_json_respond         (SoupServerMessage *msg,
                                                guint              status,
                                                JsonNode          *body);
void        mado_training_json_respond_object  (SoupServerMessage *msg,
                                                guint              status,
                                                JsonObject        *object);
void        mado_training_json_respond_strings (SoupServerMessage *msg,
                                                guint              status,
                                                const char        *first_member,
                                                ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
