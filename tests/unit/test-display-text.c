/* test-display-text.c — the hub's and the card's text, safe to show wherever it is decoded
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-json-guard.h"

/* True when @text holds nothing a terminal or a label could misread. */
static gboolean
is_shown_as_is (const char     *text,
                MadoDisplayText kind)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!mado_display_text_is_safe (g_utf8_get_char (p), kind))
      return FALSE;
  return TRUE;
}

static void
assert_sanitized (const char     *raw,
                  MadoDisplayText kind,
                  const char     *expected)
{
  g_autofree char *safe = mado_display_text_sanitize (raw, -1, kind);
  g_autofree char *again = mado_display_text_sanitize (safe, -1, kind);

  g_assert_cmpstr (safe, ==, expected);
  g_assert_true (is_shown_as_is (safe, kind));
  g_assert_cmpstr (again, ==, safe);
}

static void
test_controls (void)
{
  assert_sanitized ("山田 花子", MADO_DISPLAY_TEXT_LINE, "山田 花子");
  assert_sanitized ("a\033[2Jb", MADO_DISPLAY_TEXT_LINE, "a\xef\xbf\xbd[2Jb");
  assert_sanitized ("a\nb\tc", MADO_DISPLAY_TEXT_LINE, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c");
  assert_sanitized ("a\nb\tc", MADO_DISPLAY_TEXT_LINES, "a\nb\tc");
  assert_sanitized ("a\r\nb\rc", MADO_DISPLAY_TEXT_LINES, "a\nb\xef\xbf\xbd" "c");
  /* C1: NEL and the single-byte CSI. */
  assert_sanitized ("a\xc2\x85" "b\xc2\x9b" "c\x7f", MADO_DISPLAY_TEXT_LINES,
                    "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd");
}

static void
test_bidi (void)
{
  static const gunichar unsafe[] = { 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
                                     0x2068, 0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029,
                                     0xFFFE, 0xFDD0, 0xFFF9 };

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      char raw[16] = "x";
      int n = g_unichar_to_utf8 (unsafe[i], raw + 1);

      raw[1 + n] = 'y';
      raw[2 + n] = '\0';
      assert_sanitized (raw, MADO_DISPLAY_TEXT_LINES, "x\xef\xbf\xbdy");
    }
  /* What must stay: kana, kanji outside the BMP, emoji with their joiner. */
  assert_sanitized ("𠮷野家 ｶﾅ 👩‍⚕️", MADO_DISPLAY_TEXT_LINE, "𠮷野家 ｶﾅ 👩‍⚕️");
}

static void
test_invalid_utf8 (void)
{
  const char raw[] = "a\xff" "b\xe3\x81" "\0c";
  g_autofree char *safe = mado_display_text_sanitize (raw, sizeof raw - 1,
                                                      MADO_DISPLAY_TEXT_LINE);

  g_assert_cmpstr (safe, ==, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "c");
}

/* The decode boundary: the bundle's names, the guard's error text, the
 * problem documents. */
static void
test_hub_text (void)
{
  const char *bundle = "{\"version\":\"1\",\"asOf\":\"2026-11-21T00:15:00Z\",\"residentRef\":\"r-1\","
                       "\"isNotDisclosed\":false,\"basicInfo\":{\"name\":\"\\u202e子花 田山\","
                       "\"nameKana\":\"ﾔﾏﾀﾞ\\u0085\",\"birthDate\":\"2026-01-10\",\"sex\":\"2\"}}";
  const char *duplicate = "{\"a\\u001b]0;x\\u0007\\n\":1,\"a\\u001b]0;x\\u0007\\n\":2}";
  const char *revoked = "{\"type\":\"https://madoguchi.invalid/problems/certificate-revoked\","
                        "\"title\":\"Revoked\\u001b[31m\\u202e\",\"detail\":\"x\\u009b\","
                        "\"status\":422}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) b = mado_bundle_decode (bundle, strlen (bundle),
                                                        MADO_HUB_CONSENT_ALL, &error);
  g_autoptr(MadoHubProblem) p = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (b->basic_info.name, ==, "\xef\xbf\xbd子花 田山");
  g_assert_cmpstr (b->basic_info.name_kana, ==, "ﾔﾏﾀﾞ\xef\xbf\xbd");

  g_assert_false (mado_json_guard_check (duplicate, strlen (duplicate), 8, &error));
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
  g_assert_true (is_shown_as_is (error->message, MADO_DISPLAY_TEXT_LINE));
  g_assert_nonnull (strstr (error->message, "duplicate member"));
  g_clear_error (&error);

  p = mado_hub_decode_problem (revoked, strlen (revoked), &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->code, ==, MADO_HUB_ERROR_CERTIFICATE_REVOKED);
  g_assert_cmpstr (p->title, ==, "Revoked\xef\xbf\xbd[31m\xef\xbf\xbd");
  g_assert_cmpstr (p->detail, ==, "x\xef\xbf\xbd");
  g_assert_cmpint (p->status, ==, 422);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/display-text/controls", test_controls);
  g_test_add_func ("/display-text/bidi", test_bidi);
  g_test_add_func ("/display-text/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/display-text/hub-text", test_hub_text);
  return g_test_run ();
}
