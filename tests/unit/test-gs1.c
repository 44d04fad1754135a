/* test-gs1.c — GS1 element strings from a keyboard-wedge scanner (mado-gs1.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"

static void
assert_scan (const char *text,
             const char *gtin,
             const char *expiry,
             const char *lot)
{
  g_autoptr(GError) error = NULL;
  MadoGs1 scan;
  GDate expected;

  if (!mado_gs1_parse (text, -1, &scan, &error))
    g_error ("“%s” refused: %s", text, error->message);
  g_assert_cmpstr (scan.gtin, ==, gtin);
  g_assert_cmpstr (scan.lot, ==, lot);
  g_assert_true (mado_date_parse_iso (expiry, &expected));
  g_assert_cmpint (g_date_compare (&scan.expiry, &expected), ==, 0);
}

static void
assert_refused (const char *text,
                gssize      length,
                int         code,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  MadoGs1 scan;

  g_assert_false (mado_gs1_parse (text, length, &scan, &error));
  g_assert_error (error, MADO_RECORD_ERROR, code);
  if (reason != NULL && g_strstr_len (error->message, -1, reason) == NULL)
    g_error ("the refusal of “%s” says “%s”, not “%s”", text, error->message, reason);
}

static void
test_gs1_forms (void)
{
  /* human-readable, with parentheses, in the usual order and another */
  assert_scan ("(01)04912345000019(17)271231(10)HB2511A", "04912345000019", "2027-12-31", "HB2511A");
  assert_scan ("(10)HB2511A(01)04912345000019(17)271231", "04912345000019", "2027-12-31", "HB2511A");
  /* raw, with symbology identifiers, FNC1 first, GS after the lot */
  assert_scan ("]C1010491234500001917271231" "10HB2511A", "04912345000019", "2027-12-31", "HB2511A");
  assert_scan ("]d2\x1d" "0104912345000019" "10AB-12/3\x1d" "17280115", "04912345000019", "2028-01-15", "AB-12/3");
  assert_scan ("]e00104912345000019\x1d" "17271231\x1d" "10X1", "04912345000019", "2027-12-31", "X1");
  assert_scan ("]Q3010491234500001917271231" "10LOT", "04912345000019", "2027-12-31", "LOT");
  /* the scanner's Enter and spaces around */
  assert_scan ("  (01)04912345000019(17)271231(10)HB2511A\r\n", "04912345000019", "2027-12-31", "HB2511A");
  /* (11), (21) read and ignored */
  assert_scan ("01049123450000191125010117271231" "21SER9\x1d" "10L7", "04912345000019", "2027-12-31", "L7");
  /* a lot of 20 characters, the longest */
  assert_scan ("(01)04912345000019(17)271231(10)ABCDEFGHIJ0123456789", "04912345000019", "2027-12-31", "ABCDEFGHIJ0123456789");
}

static void
test_gs1_day_zero (void)
{
  g_autoptr(GError) error = NULL;
  MadoGs1 scan;

  assert_scan ("(01)04912345000019(17)270200(10)A", "04912345000019", "2027-02-28", "A");
  assert_scan ("(01)04912345000019(17)280200(10)A", "04912345000019", "2028-02-29", "A");
  assert_scan ("(01)04912345000019(17)271100(10)A", "04912345000019", "2027-11-30", "A");
  g_assert_true (mado_gs1_parse ("(01)04912345000019(17)271200(10)A", -1, &scan, &error));
  g_assert_true (scan.expiry_day_zero);
  g_assert_true (mado_gs1_parse ("(01)04912345000019(17)271231(10)A", -1, &scan, &error));
  g_assert_false (scan.expiry_day_zero);
}

static void
test_gs1_check_digit (void)
{
  g_assert_true (mado_gs1_gtin_is_valid ("04912345678904"));
  g_assert_true (mado_gs1_gtin_is_valid ("04912345000095"));
  g_assert_false (mado_gs1_gtin_is_valid ("04912345000096"));
  g_assert_false (mado_gs1_gtin_is_valid ("0491234500009"));
  g_assert_false (mado_gs1_gtin_is_valid ("0491234500009a"));
  g_assert_false (mado_gs1_gtin_is_valid (NULL));
  assert_refused ("(01)04912345000018(17)271231(10)A", -1, MADO_RECORD_ERROR_GS1_CHECK_DIGIT, "04912345000018");
}

static void
test_gs1_refusals (void)
{
  static const struct {
    const char *text;
    const char *reason;
  } cases[] = {
    { "", "nothing" },
    { " \r\n", "nothing" },
    { "(01)04912345000019(17)271231", "no lot number" },
    { "(01)04912345000019(10)A", "(17)" },
    { "(17)271231(10)A", "(01)" },
    { "(01)04912345000019(17)271231(10)A(99)X", "(99)" },
    { "0104912345000019172712319912", "(99)" },
    { "(01)04912345000019(17)271331(10)A", "(17)" },
    { "(01)04912345000019(17)270230(10)A", "(17)" },
    { "(01)04912345000019(17)271232(10)A", "(17)" },
    { "(01)04912345000019(17)27123(10)A", "(17)" },
    { "(01)0491234500001(17)271231(10)A", "(01)" },
    { "(01)04912345000019(17)271231(10)ABCDEFGHIJ01234567890", "(10)" },
    { "(01)04912345000019(17)271231(10)A B", "(10)" },
    { "(01)04912345000019(17)271231(10)", "(10)" },
    { "(01)04912345000019(01)04912345000019(17)271231(10)A", "twice" },
    { "(01)０４912345000019(17)271231(10)A", "Japanese input" },
    { "(01)04912345000019\t(17)271231(10)A", "control" },
    { "]X9(01)04912345000019(17)271231(10)A", "symbology" },
    { "]C", "symbology" },
    { "(1)04912345000019", "2 to 4 digits" },
    { "(01", "2 to 4 digits" },
    { "(0104912345000019", "2 to 4 digits" },
    { "(01)04912345000019X(17)271231(10)A", "parentheses" },
    { "HB2511A", "two digits" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (cases[i].text, -1, MADO_RECORD_ERROR_GS1_MALFORMED, cases[i].reason);
  /* a NUL inside the given length */
  assert_refused ("(01)04912345000019\0(17)271231(10)A", 34, MADO_RECORD_ERROR_GS1_MALFORMED, "NUL");
}

static void
test_gs1_product_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoVaccination) v = mado_vaccination_new ();
  MadoGs1 scan;

  g_assert_true (mado_gs1_parse ("(01)04912345000019(17)271231(10)HB2511A", -1, &scan, &error));
  g_assert_true (mado_vaccination_set_scan (v, &scan, &error));
  g_assert_cmpstr (v->product->code, ==, "HEPB-PED");
  g_assert_cmpstr (v->lot_number, ==, "HB2511A");
  g_assert_cmpfloat (v->dose_ml, ==, 0.25);
  g_assert_cmpint (v->route, ==, MADO_ROUTE_SUBCUTANEOUS);

  /* a valid GTIN the table does not have */
  g_assert_true (mado_gs1_parse ("(01)04912345678904(17)271231(10)A", -1, &scan, &error));
  g_assert_false (mado_vaccination_set_scan (v, &scan, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_UNKNOWN_PRODUCT);
  /* every entry of the table has a valid GTIN and a known schedule kind */
  {
    gsize n;
    const MadoVaccineProduct *products = mado_vaccine_products_list (&n);

    for (gsize i = 0; i < n; i++)
      {
        g_assert_true (mado_gs1_gtin_is_valid (products[i].gtin));
        g_assert_nonnull (mado_vaccination_rules_lookup_kind (products[i].kind_id));
        g_assert_true (mado_vaccine_products_find_gtin (products[i].gtin) == &products[i]);
      }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain/gs1/forms", test_gs1_forms);
  g_test_add_func ("/domain/gs1/day-zero", test_gs1_day_zero);
  g_test_add_func ("/domain/gs1/check-digit", test_gs1_check_digit);
  g_test_add_func ("/domain/gs1/refusals", test_gs1_refusals);
  g_test_add_func ("/domain/gs1/product-defaults", test_gs1_product_defaults);
  return g_test_run ();
}
