/* mado-training-bundle-faults.c — the faults that serve a bundle and then rewrite it
 *
 * An adversarial hub has valid TLS and sends wrong answers: another
 * resident's bundle, an older one, times with an offset, names with
 * control and bidi characters, a duplicate member name full of terminal
 * escapes. Each rewrites the answer the endpoint just made (the
 * verification's `bundle`, or the bundle of `GET /v1/bundles/…`), so its
 * effects (a spent challenge, a token) are those of the real request.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-training-hub-private.h"

/* Another resident, as a mixed-up hub would send them. */
static void
make_foreign (JsonObject *bundle)
{
  JsonObject *basic = json_object_get_object_member (bundle, "basicInfo");

  json_object_set_string_member (bundle, "residentRef", "r-foreign-0001");
  if (basic != NULL)
    json_object_set_string_member (basic, "name", "別人 太郎");
}

/* Older than anything the hub served before: version 0, confirmed in 2001. */
static void
make_older (SoupServerMessage *msg,
            JsonObject        *bundle)
{
  json_object_set_string_member (bundle, "version", "0");
  json_object_set_string_member (bundle, "asOf", "2001-01-01T00:00:00Z");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"0\"");
}

/* The same instant written as a Japanese hub would: +09:00, with a fraction. */
static void
make_offset_times (JsonObject *bundle)
{
  const char *as_of = json_object_get_string_member_with_default (bundle, "asOf", NULL);
  g_autoptr(GDateTime) utc = as_of != NULL ? g_date_time_new_from_iso8601 (as_of, NULL) : NULL;
  g_autoptr(GTimeZone) jst = g_time_zone_new_offset (9 * 3600);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (utc == NULL)
    return;
  local = g_date_time_to_timezone (utc, jst);
  text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S.250+09:00");
  json_object_set_string_member (bundle, "asOf", text);
}

/* A name that would turn the text after it around (U+202E), a C1 NEL and
 * CSI, and an isolate left open. */
static void
make_control_characters (JsonObject *bundle)
{
  JsonObject *basic = json_object_get_object_member (bundle, "basicInfo");
  const char *name = basic != NULL ? json_object_get_string_member_with_default (basic, "name", "")
                                   : "";
  g_autofree char *text = g_strconcat ("\u202e", name, "\xc2\x85\xc2\x9b" "31m\u2066", NULL);

  if (basic != NULL)
    json_object_set_string_member (basic, "name", text);
}

static JsonObject *
bundle_of (JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);

  if (json_object_has_member (object, "bundle"))
    return json_object_get_object_member (object, "bundle");
  return object;
}

/* Text, not a tree, since a tree cannot hold a duplicate: the escape
 * clears a terminal and the newline starts a fake log line. */
static char *
insert_duplicate_key (const char *text)
{
  static const char member[] = "\"x\\u001b[2J\\nFAKE\":1,";
  const char *bundle = strstr (text, "\"bundle\":{");
  const char *at = bundle != NULL ? bundle + strlen ("\"bundle\":{") : strchr (text, '{') + 1;
  GString *out = g_string_new_len (text, at - text);

  g_string_append (out, member);
  g_string_append (out, member);
  g_string_append (out, at);
  return g_string_free (out, FALSE);
}

static void
rewrite (SoupServerMessage *msg,
         JsonObject        *bundle,
         const char        *fault)
{
  if (g_str_equal (fault, "foreign-resident"))
    make_foreign (bundle);
  else if (g_str_equal (fault, "older-bundle"))
    make_older (msg, bundle);
  else if (g_str_equal (fault, "offset-times"))
    make_offset_times (bundle);
  else if (g_str_equal (fault, "control-characters"))
    make_control_characters (bundle);
}

/**
 * mado_training_bundle_faults_apply:
 * @msg: a request the endpoints just answered
 * @fault: the X-Training-Fault value, one of the bundle faults
 *
 * Rewrites a successful answer that carries a bundle; any other answer
 * (a problem) goes out as it is.
 */
void
mado_training_bundle_faults_apply (SoupServerMessage *msg,
                                   const char        *fault)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  char *answer;

  if (soup_server_message_get_status (msg) != SOUP_STATUS_OK ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  rewrite (msg, bundle_of (json_parser_get_root (parser)), fault);
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  answer = g_str_equal (fault, "duplicate-key") ? insert_duplicate_key (text) : g_strdup (text);
  soup_message_body_truncate (body);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, answer,
                                    strlen (answer));
}
