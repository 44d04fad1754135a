/* test-cli-json-writer.c — the card commands' JSON: json-glib's text byte for byte, and always JSON
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "madoguchi-core.h"
#include "mado-cli-json-writer.h"

/* Every byte json-glib and JSON agree on: the short escapes, the other
 * controls json-glib escapes, DEL, '/', non-ASCII and U+2028 as they are. */
#define AWKWARD "q\"b\\s/\b\f\n\r\t\001\033\036\177 é 日本 \342\200\250 end"

static char *
json_glib_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* The same document through JsonBuilder (the desk program's way) and
 * through the writer (the small program's way). */
static void
build_both (JsonBuilder       *b,
            MadoCliJsonWriter *w)
{
  json_builder_begin_object (b);
  mado_cli_json_writer_begin_object (w);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, AWKWARD);
  mado_cli_json_writer_add_string (w, "text", AWKWARD);
  json_builder_set_member_name (b, "na\"me\n");
  json_builder_add_int_value (b, G_MININT64);
  mado_cli_json_writer_add_int (w, "na\"me\n", G_MININT64);
  json_builder_set_member_name (b, "none");
  json_builder_add_null_value (b);
  mado_cli_json_writer_add_string (w, "none", NULL);
  json_builder_set_member_name (b, "inner");
  json_builder_begin_object (b);
  mado_cli_json_writer_member (w, "inner");
  mado_cli_json_writer_begin_object (w);
  json_builder_set_member_name (b, "yes");
  json_builder_add_boolean_value (b, TRUE);
  mado_cli_json_writer_add_boolean (w, "yes", TRUE);
  json_builder_set_member_name (b, "empty");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  mado_cli_json_writer_member (w, "empty");
  mado_cli_json_writer_begin_object (w);
  mado_cli_json_writer_end_object (w);
  json_builder_end_object (b);
  mado_cli_json_writer_end_object (w);
  json_builder_set_member_name (b, "list");
  json_builder_begin_array (b);
  mado_cli_json_writer_member (w, "list");
  mado_cli_json_writer_begin_array (w);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "no");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_object (b);
  mado_cli_json_writer_begin_object (w);
  mado_cli_json_writer_add_boolean (w, "no", FALSE);
  mado_cli_json_writer_end_object (w);
  json_builder_add_int_value (b, 42);
  mado_cli_json_writer_int (w, 42);
  json_builder_begin_array (b);
  json_builder_end_array (b);
  mado_cli_json_writer_begin_array (w);
  mado_cli_json_writer_end_array (w);
  json_builder_begin_object (b);
  json_builder_end_object (b);
  mado_cli_json_writer_begin_object (w);
  mado_cli_json_writer_end_object (w);
  json_builder_add_null_value (b);
  mado_cli_json_writer_null (w);
  json_builder_end_array (b);
  mado_cli_json_writer_end_array (w);
  json_builder_end_object (b);
  mado_cli_json_writer_end_object (w);
}

static void
test_same_text_as_json_glib (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(MadoCliJsonWriter) writer = mado_cli_json_writer_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;

  build_both (builder, writer);
  root = json_builder_get_root (builder);
  expected = json_glib_text (root);
  text = mado_cli_json_writer_finish (writer);
  g_assert_cmpstr (text, ==, expected);
}

/* What the text says, read back by a JSON parser. */
static char *
parsed_string (const char *text,
               const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  member));
}

static char *
one_member (const char *name,
            const char *value)
{
  g_autoptr(MadoCliJsonWriter) writer = mado_cli_json_writer_new ();

  mado_cli_json_writer_begin_object (writer);
  mado_cli_json_writer_add_string (writer, name, value);
  mado_cli_json_writer_end_object (writer);
  return mado_cli_json_writer_finish (writer);
}

/* Every control character, escaped so that the text stays JSON (json-glib
 * leaves U+001F as it is), and each one read back as itself. */
static void
test_controls_escaped (void)
{
  for (int c = 1; c < 0x20; c++)
    {
      char value[] = { 'a', (char) c, 'b', '\0' };
      g_autofree char *text = one_member ("v", value);
      g_autofree char *back = parsed_string (text, "v");

      for (const char *p = text; *p != '\0'; p++)
        if (*p != '\n')
          g_assert_cmpint ((guchar) *p, >=, 0x20);
      g_assert_cmpstr (back, ==, value);
    }
  {
    g_autofree char *text = one_member ("v", "\037");

    g_assert_cmpstr (text, ==, "{\n  \"v\" : \"\\u001f\"\n}");
  }
}

/* Bytes that are not UTF-8 (from a reader name, say) become U+FFFD: the
 * text stays UTF-8 and JSON, in values and in names. */
static void
test_invalid_utf8_replaced (void)
{
  g_autofree char *text = one_member ("n\377", "x\377\376y");
  g_autofree char *back = parsed_string (text, "n\357\277\275");

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (back, ==, "x\357\277\275\357\277\275y");
}

/* The "error" member of a failure, as every --json command writes it. */
static void
test_error_member (void)
{
  g_autoptr(MadoCliJsonWriter) writer = mado_cli_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  mado_error_set (&error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_CARD);
  mado_cli_json_writer_begin_object (writer);
  mado_cli_json_writer_add_error (writer, error);
  mado_cli_json_writer_end_object (writer);
  text = mado_cli_json_writer_finish (writer);
  g_assert_true (g_str_has_prefix (text, "{\n  \"error\" : {\n    \"code\" : \"no-card\",\n"
                                         "    \"message\" : \""));
  g_assert_true (g_str_has_suffix (text, "\",\n    \"exitStatus\" : 12\n  }\n}"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-json-writer/same-text-as-json-glib", test_same_text_as_json_glib);
  g_test_add_func ("/cli-json-writer/controls-escaped", test_controls_escaped);
  g_test_add_func ("/cli-json-writer/invalid-utf8-replaced", test_invalid_utf8_replaced);
  g_test_add_func ("/cli-json-writer/error-member", test_error_member);
  return g_test_run ();
}
