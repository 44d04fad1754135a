/* test-programme.c — the 法別番号 table
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

static void
test_lookup (void)
{
  const MadoProgramme *p54 = mado_programme_lookup (54);
  const MadoProgramme *p52 = mado_programme_lookup (52);

  g_assert_nonnull (p54);
  g_assert_cmpuint (p54->houbetsu, ==, 54);
  g_assert_cmpint (p54->strength, ==, MADO_SOURCE_CONFIRMED);
  g_assert_nonnull (p52);
  g_assert_cmpint (p52->strength, ==, MADO_SOURCE_UNCONFIRMED);
  g_assert_null (mado_programme_lookup (77));
  g_assert_null (mado_programme_lookup (0));
}

/* Every row names its source, and no 法別番号 appears twice. */
static void
test_table_rows_are_sourced_and_unique (void)
{
  guint seen = 0;

  for (guint h = 0; h < 100; h++)
    {
      const MadoProgramme *p = mado_programme_lookup (h);

      if (p == NULL)
        continue;
      seen++;
      g_assert_cmpuint (p->houbetsu, ==, h);
      g_assert_nonnull (p->source);
      g_assert_cmpstr (p->source, !=, "");
      g_assert_nonnull (p->name);
    }
  g_assert_cmpuint (seen, >=, 10);
}

static void
test_municipal_range (void)
{
  g_assert_false (mado_programme_is_municipal (79));
  g_assert_true (mado_programme_is_municipal (80));
  g_assert_true (mado_programme_is_municipal (99));
  g_assert_false (mado_programme_is_municipal (54));
}

static void
test_describe_unlisted (void)
{
  g_autofree char *municipal = mado_programme_describe (93);
  g_autofree char *unknown = mado_programme_describe (77);

  g_assert_nonnull (strstr (municipal, "93"));
  g_assert_nonnull (strstr (unknown, "77"));
  g_assert_cmpstr (municipal, !=, unknown);
}

/* The screen names a certificate's programme from its payer number. */
static void
test_describe_payer (void)
{
  g_autofree char *from_payer = mado_programme_describe_payer ("54016027");
  g_autofree char *from_houbetsu = mado_programme_describe (54);
  g_autofree char *municipal = mado_programme_describe_payer ("93138019");
  g_autofree char *short_number = mado_programme_describe_payer ("5");
  g_autofree char *none = mado_programme_describe_payer (NULL);
  g_autofree char *unknown = mado_programme_describe (0);

  g_assert_cmpstr (from_payer, ==, from_houbetsu);
  g_assert_nonnull (strstr (municipal, "93"));
  g_assert_cmpstr (short_number, ==, unknown);
  g_assert_cmpstr (none, ==, unknown);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/programme/lookup", test_lookup);
  g_test_add_func ("/core/programme/table", test_table_rows_are_sourced_and_unique);
  g_test_add_func ("/core/programme/municipal-range", test_municipal_range);
  g_test_add_func ("/core/programme/describe-unlisted", test_describe_unlisted);
  g_test_add_func ("/core/programme/describe-payer", test_describe_payer);

  return g_test_run ();
}
