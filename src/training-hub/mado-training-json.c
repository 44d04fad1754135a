/* mado-training-json.c — the training hub's JSON helpers: the guarded body parser, tolerant getters and JSON answers
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-json-guard.h"
#include "mado-json-write.h"
#include "mado-training-hub.h"
#include "mado-training-json.h"

/**
 * mado_training_json_parse_object:
 * @data: a request body, as received
 * @length: its length in bytes
 * @detail: (out) (transfer full) (optional): why it was refused
 *
 * Terminals are not trusted any more than the hub is: a body goes through
 * the client's own JSON guard (size, UTF-8, depth, duplicate members, RFC
 * 8259 only) before json-glib, whose recursive parser a few kilobytes of
 * `[` would otherwise take down with the whole hub.
 *
 * Returns: (transfer full) (nullable): the body's root, an object; %NULL
 *   when it is empty, too large, not strict JSON or not an object
 */
JsonNode *
mado_training_json_parse_object (const char  *data,
                                 gsize        length,
                                 char       **detail)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (length == 0 || length > MADO_TRAINING_HUB_MAX_BODY)
    {
      if (detail != NULL)
        *detail = g_strdup (length == 0 ? "the body is empty" : "bodies are limited to 4 MiB");
      return NULL;
    }
  if (!mado_json_guard_check (data, length, MADO_JSON_GUARD_MAX_DEPTH, &error))
    {
      if (detail != NULL)
        *detail = g_strdup_printf ("the body is not plain JSON: %s", error->message);
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    {
      if (detail != NULL)
        *detail = g_strdup_printf ("the body is not JSON: %s", error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (detail != NULL)
        *detail = g_strdup ("the body is not a JSON object");
      return NULL;
    }
  return json_node_ref (root);
}

/* json-glib's getters warn about a missing member or one of another type;
 * input from files and from terminals is checked with these instead. */
JsonObject *
mado_training_json_get_object (JsonObject *object,
                               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
mado_training_json_get_array (JsonObject *object,
                              const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
mado_training_json_get_string (JsonObject *object,
                               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Every answer, the verification's bundle above all, goes through the
 * core's writer rather than json-glib's generator: no generator object per
 * answer, plain runs of a string copied at once, and the same escaping
 * (invalid UTF-8 never sent) as every other JSON Madoguchi writes. */
void
mado_training_json_respond (SoupServerMessage *msg,
                            guint              status,
                            JsonNode          *body)
{
  g_autofree char *text = mado_json_write_to_string (body, FALSE);
  gsize len = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json",
                                    SOUP_MEMORY_TAKE, g_steal_pointer (&text), len);
}

/* Takes @object. */
void
mado_training_json_respond_object (SoupServerMessage *msg,
                                   guint              status,
                                   JsonObject        *object)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (root, object);
  mado_training_json_respond (msg, status, root);
}

/**
 * mado_training_json_respond_strings:
 * @msg: the message to answer
 * @status: the HTTP status
 * @first_member: the first member's name, followed by its value, then more
 *   name and value pairs, then %NULL
 *
 * Answers with a JSON object whose members are all strings, in that order.
 */
void
mado_training_json_respond_strings (SoupServerMessage *msg,
                                    guint              status,
                                    const char        *first_member,
                                    ...)
{
  JsonObject *object = json_object_new ();
  va_list args;

  va_start (args, first_member);
  for (const char *name = first_member; name != NULL; name = va_arg (args, const char *))
    json_object_set_string_member (object, name, va_arg (args, const char *));
  va_end (args);
  mado_training_json_respond_object (msg, status, object);
}
