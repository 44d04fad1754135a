/* test-json-escape.c — string literals for JSON: every escape, and never a byte JSON refuses
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "madoguchi-core.h"

static char *
escaped (const char *text)
{
  GString *out = g_string_new ("<");

  mado_json_escape_append (out, text);
  g_string_append_c (out, '>');
  return g_string_free (out, FALSE);
}

static void
assert_escaped (const char *text,
                const char *expected)
{
  g_autofree char *got = escaped (text);

  g_assert_cmpstr (got, ==, expected);
}

/* Each escape on its own, between plain bytes, so that dropping any one
 * of them (or copying a run past it) changes the text. */
static void
test_each_escape (void)
{
  assert_escaped ("", "<\"\">");
  assert_escaped ("plain text / 日本", "<\"plain text / 日本\">");
  assert_escaped ("a\"b", "<\"a\\\"b\">");
  assert_escaped ("a\\b", "<\"a\\\\b\">");
  assert_escaped ("a\bb", "<\"a\\bb\">");
  assert_escaped ("a\fb", "<\"a\\fb\">");
  assert_escaped ("a\nb", "<\"a\\nb\">");
  assert_escaped ("a\rb", "<\"a\\rb\">");
  assert_escaped ("a\tb", "<\"a\\tb\">");
  assert_escaped ("a\001b", "<\"a\\u0001b\">");
  assert_escaped ("a\037b", "<\"a\\u001fb\">");
  assert_escaped ("a\177b", "<\"a\\u007fb\">");
  assert_escaped ("\"\\\n", "<\"\\\"\\\\\\n\">");
  /* U+2028 is JSON as it is. */
  assert_escaped ("\342\200\250", "<\"\342\200\250\">");
}

/* Every byte below 0x20 and DEL: no raw control in the text, and a JSON
 * parser reads the value back as it was. */
static void
test_every_control_reads_back (void)
{
  for (int c = 1; c < 0x80; c++)
    {
      char value[] = { 'a', (char) c, 'b', '\0' };
      g_autoptr(GString) out = g_string_new ("{\"v\":");
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      mado_json_escape_append (out, value);
      g_string_append_c (out, '}');
      for (const char *p = out->str; *p != '\0'; p++)
        g_assert_true ((guchar) *p >= 0x20 && (guchar) *p != 0x7f);
      g_assert_true (json_parser_load_from_data (parser, out->str, -1, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "v"),
                       ==, value);
    }
}

/* Bytes that are not UTF-8 become U+FFFD; the text stays UTF-8. */
static void
test_invalid_utf8_replaced (void)
{
  assert_escaped ("x\377\376y", "<\"x\357\277\275\357\277\275y\">");
  assert_escaped ("\"\303", "<\"\\\"\357\277\275\">");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-escape/each-escape", test_each_escape);
  g_test_add_func ("/json-escape/every-control-reads-back", test_every_control_reads_back);
  g_test_add_func ("/json-escape/invalid-utf8-replaced", test_invalid_utf8_replaced);
  return g_test_run ();
}
