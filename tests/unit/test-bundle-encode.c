/* test-bundle-encode.c — a decoded bundle encoded again decodes to the same values
 *
 * What the offline cache stores is the bundle the hub sent, decoded and
 * encoded again: each fixture bundle is decoded, encoded, decoded once more
 * and compared field by field with the first decoding.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-bundle.h"
#include "mado-test-util.h"

/* Decodes @text, encodes the result, decodes that and compares; the second
 * encoding must also be byte for byte the first. */
static void
assert_round_trip (const char     *text,
                   gsize           length,
                   MadoHubConsent  consent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) sent = mado_bundle_decode (text, length, consent, &error);
  g_autoptr(MadoResidentBundle) cached = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (sent);
  bytes = mado_bundle_encode_bytes (sent);
  cached = mado_bundle_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               consent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cached);
  mado_test_assert_same_bundle (sent, cached);
  again = mado_bundle_encode_bytes (cached);
  g_assert_true (g_bytes_equal (bytes, again));
}

static void
test_file (gconstpointer data)
{
  gsize length;
  g_autofree char *text = mado_test_read_source_file (data, &length);

  assert_round_trip (text, length, MADO_HUB_CONSENT_ALL);
  assert_round_trip (text, length, MADO_HUB_CONSENT_SUBSIDY);
  assert_round_trip (text, length, MADO_HUB_CONSENT_VACCINATION | MADO_HUB_CONSENT_MATERNAL_CHILD);
}

static void
add_file_test (const char *folder,
               const char *name)
{
  g_autofree char *test_path = g_strdup_printf ("/hub/bundle-encode/round-trip/%s", name);

  g_test_add_data_func_full (test_path, g_build_filename (folder, name, NULL), test_file, g_free);
}

/* The fixtures' "@today-300d" (and "@today-1dT09:12:00Z") as the training
 * hub resolves them; these fixtures use no unit but days. */
static void
resolve_relative_dates (JsonNode    *node,
                        const GDate *today)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        resolve_relative_dates (l->data, today);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        resolve_relative_dates (json_array_get_element (array, i), today);
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING &&
           g_str_has_prefix (json_node_get_string (node), "@today"))
    {
      const char *text = json_node_get_string (node) + strlen ("@today");
      char *end;
      gint64 days = g_ascii_strtoll (text, &end, 10);
      GDate date = *today;
      g_autofree char *resolved = NULL;

      g_assert_true (*end == 'd');
      if (days >= 0)
        g_date_add_days (&date, (guint) days);
      else
        g_date_subtract_days (&date, (guint) -days);
      resolved = g_strdup_printf ("%04u-%02u-%02u%s", (guint) g_date_get_year (&date),
                                  (guint) g_date_get_month (&date), (guint) g_date_get_day (&date),
                                  end + 1);
      json_node_set_string (node, resolved);
    }
}

/* The training hub's residents, as it sends them: dates resolved and an
 * asOf added, here one with an offset and a fraction of a second. */
static void
test_training_residents (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixtures = mado_test_read_source_file ("data/training-hub/fixtures.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GDate today;
  JsonArray *residents;

  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);

  json_parser_load_from_data (parser, fixtures, -1, &error);
  g_assert_no_error (error);
  residents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "residents");
  g_assert_cmpuint (json_array_get_length (residents), >, 0);
  for (guint i = 0; i < json_array_get_length (residents); i++)
    {
      JsonObject *resident = json_array_get_object_element (residents, i);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      json_object_set_string_member (resident, "asOf", "2026-11-21T09:15:00.25+09:00");
      json_node_set_object (node, resident);
      resolve_relative_dates (node, &today);
      text = mado_json_write_to_string (node, FALSE);
      assert_round_trip (text, strlen (text), MADO_HUB_CONSENT_ALL);
    }
}

/* Numbers the decoder accepts in any spelling come back as the same double. */
static void
test_numbers (void)
{
  static const char *const answers[] = { "37.6", "0.1", "3120", "1e2", "-0.5", "36.95",
                                         "0.30000000000000004", "1.2345678901234568e-2",
                                         "0.012345678901234568", "0.099999999999999992",
                                         "1.0000000000000002e-5", "-3.3333333333333333e-2" };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"version\":\"1\",\"asOf\":\"2026-11-21T00:15:00Z\",\"residentRef\":\"r-1\","
        "\"isNotDisclosed\":false,\"basicInfo\":{\"name\":\"山田 花子\",\"nameKana\":\"ヤマダ ハナコ\","
        "\"birthDate\":\"2026-01-10\",\"sex\":\"2\"},\"questionnaires\":[{\"questionnaireId\":\"q\","
        "\"formCode\":\"f\",\"title\":\"予診票\",\"items\":[{\"itemId\":\"t\",\"text\":\"体温\","
        "\"answerType\":\"number\",\"answer\":%s}]}]}", answers[i]);

      assert_round_trip (text, strlen (text), MADO_HUB_CONSENT_ALL);
    }
}

/* Property: for bundles of random values, decode(encode(decode(x))) is
 * decode(x). The values are what the API allows and what a hub may well
 * send: times with any offset and 0–9 fraction digits, doubles of every
 * magnitude spelled with 17 digits or an exponent, strings with any
 * character the reader accepts. g_test_rand_*() follows --seed. */

static void
append_random_time (GString *out)
{
  guint digits = (guint) g_test_rand_int_range (0, 10);
  int offset = g_test_rand_int_range (-1439, 1440);

  g_string_append_printf (out, "\"%04d-%02d-%02dT%02d:%02d:%02d",
                          g_test_rand_int_range (1900, 2100), g_test_rand_int_range (1, 13),
                          g_test_rand_int_range (1, 29), g_test_rand_int_range (0, 24),
                          g_test_rand_int_range (0, 60), g_test_rand_int_range (0, 60));
  if (digits > 0)
    g_string_append_c (out, '.');
  for (guint i = 0; i < digits; i++)
    g_string_append_c (out, (char) ('0' + g_test_rand_int_range (0, 10)));
  if (g_test_rand_int_range (0, 4) == 0)
    g_string_append_c (out, 'Z');
  else
    g_string_append_printf (out, "%c%02d:%02d", offset < 0 ? '-' : '+', ABS (offset) / 60,
                            ABS (offset) % 60);
  g_string_append_c (out, '"');
}

/* A double in [min, max] with random bits in all of its 53. */
static void
append_random_double (GString *out,
                      double   min,
                      double   max)
{
  static const char *const formats[] = { "%.17g", "%.16e", "%.15g", "%.17f" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  do
    {
      double mantissa = g_test_rand_double_range (0.5, 1.0);
      int exponent = g_test_rand_int_range (-30, 21);

      value = ldexp (mantissa, exponent) * (g_test_rand_bit () ? -1 : 1);
    }
  while (value < min || value > max);
  g_ascii_formatd (buffer, sizeof buffer, formats[g_test_rand_int_range (0, 4)], value);
  /* "%.17f" of a tiny value would be 0, which is outside some ranges. */
  if (g_ascii_strtod (buffer, NULL) < min || g_ascii_strtod (buffer, NULL) > max)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  g_string_append (out, buffer);
}

/* One character of a string a hub may send: CJK, kana, astral, Latin, C1
 * controls, bidi overrides and isolates; line breaks and tabs in free text. */
static gunichar
random_character (gboolean free_text)
{
  static const gunichar picks[] = { 0x3042, 0x5C71, 0x7530, 0x30CF, 0xFF21, 0x1F600, 0x20BB7,
                                    0x00E9, 0x0085, 0x009B, 0x202E, 0x2066, 0x2069, 0x200F,
                                    0x2028, 0x00A0, 0xFEFF, '"', '\\', '/', 'a', ' ' };

  if (free_text && g_test_rand_int_range (0, 10) == 0)
    return "\n\t\r"[g_test_rand_int_range (0, 3)];
  if (g_test_rand_bit ())
    return (gunichar) g_test_rand_int_range (0x20, 0x7F);
  return picks[g_test_rand_int_range (0, G_N_ELEMENTS (picks))];
}

static void
append_random_string (GString *out,
                      guint    max_chars,
                      gboolean free_text)
{
  guint n = (guint) g_test_rand_int_range (1, (gint) MIN (max_chars, 40u) + 1);

  g_string_append_c (out, '"');
  for (guint i = 0; i < n; i++)
    {
      gunichar c = random_character (free_text);

      if (c < 0x20 || c == '"' || c == '\\')
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');
}

static char *
random_bundle (void)
{
  GString *out = g_string_new ("{\"version\":\"7\",\"asOf\":");

  append_random_time (out);
  g_string_append (out, ",\"residentRef\":\"r-1\",\"isNotDisclosed\":false,\"basicInfo\":{\"name\":");
  append_random_string (out, 100, FALSE);
  g_string_append (out, ",\"nameKana\":");
  append_random_string (out, 100, FALSE);
  g_string_append (out, ",\"birthDate\":\"2026-01-10\",\"sex\":\"2\"},\"questionnaires\":[{"
                        "\"questionnaireId\":\"q\",\"formCode\":\"f\",\"title\":");
  append_random_string (out, 200, FALSE);
  g_string_append (out, ",\"answeredAt\":");
  append_random_time (out);
  g_string_append (out, ",\"items\":[{\"itemId\":\"t\",\"text\":");
  append_random_string (out, 1000, TRUE);
  g_string_append (out, ",\"answerType\":\"number\",\"answer\":");
  append_random_double (out, -1e6, 1e6);
  g_string_append (out, "},{\"itemId\":\"u\",\"text\":\"?\",\"answerType\":\"text\",\"answer\":");
  append_random_string (out, 1000, TRUE);
  g_string_append (out, "}]}],\"immunizations\":[{\"vaccineCode\":{\"code\":\"c\"},"
                        "\"occurrenceDate\":\"2026-03-10\",\"status\":\"completed\","
                        "\"doseQuantityMl\":");
  append_random_double (out, 0.01, 10.0);
  g_string_append (out, "}],\"maternalChild\":{\"pregnancyCheckups\":[],\"infantCheckups\":[{"
                        "\"date\":\"2026-02-01\",\"weightKg\":");
  append_random_double (out, 0.2, 100);
  g_string_append (out, "}]}}");
  return g_string_free (out, FALSE);
}

static void
test_random_bundles (void)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *text = random_bundle ();

      if (g_test_verbose ())
        g_test_message ("%s", text);
      assert_round_trip (text, strlen (text), MADO_HUB_CONSENT_ALL);
    }
}

int
main (int    argc,
      char **argv)
{
  static const char *const corpus[] = { "full-bundle.json", "not-disclosed.json" };
  static const char *const ui[] = { "resident-infant.json", "resident-mother.json",
                                    "resident-nanbyo.json", "resident-withheld.json" };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    add_file_test ("tests/fuzz/corpus/hub-bundle", corpus[i]);
  for (guint i = 0; i < G_N_ELEMENTS (ui); i++)
    add_file_test ("tests/ui/data", ui[i]);
  g_test_add_func ("/hub/bundle-encode/round-trip/training-residents", test_training_residents);
  g_test_add_func ("/hub/bundle-encode/round-trip/numbers", test_numbers);
  g_test_add_func ("/hub/bundle-encode/round-trip/random", test_random_bundles);
  return g_test_run ();
}
