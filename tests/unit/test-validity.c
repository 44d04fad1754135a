/* test-validity.c — certificate validity on a given day
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-util.h"

static void
test_verdicts (void)
{
  GDate from = mado_test_date ("2026-04-01");
  GDate to = mado_test_date ("2027-03-31");
  struct { const char *day; MadoValidity expected; gint days_left; } cases[] = {
    { "2026-03-31", MADO_VALIDITY_NOT_YET_VALID, 365 },
    { "2026-04-01", MADO_VALIDITY_VALID,         364 },
    { "2026-11-21", MADO_VALIDITY_VALID,         130 },
    { "2027-03-01", MADO_VALIDITY_EXPIRING_SOON,  30 },
    { "2027-02-28", MADO_VALIDITY_VALID,          31 },
    { "2027-03-31", MADO_VALIDITY_EXPIRING_SOON,   0 },   /* last day is still valid */
    { "2027-04-01", MADO_VALIDITY_EXPIRED,        -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate day = mado_test_date (cases[i].day);
      MadoValidityVerdict verdict = mado_validity_on (&from, &to, &day, 30);

      g_test_message ("day %s", cases[i].day);
      g_assert_cmpint (verdict.validity, ==, cases[i].expected);
      g_assert_cmpint (verdict.days_left, ==, cases[i].days_left);
    }
}

static void
test_open_ended (void)
{
  GDate day = mado_test_date ("2026-11-21");
  GDate from = mado_test_date ("2026-01-01");
  MadoValidityVerdict verdict;

  verdict = mado_validity_on (NULL, NULL, &day, 30);
  g_assert_cmpint (verdict.validity, ==, MADO_VALIDITY_VALID);
  g_assert_cmpint (verdict.days_left, ==, G_MAXINT);

  verdict = mado_validity_on (&from, NULL, &day, 30);
  g_assert_cmpint (verdict.validity, ==, MADO_VALIDITY_VALID);
}

static void
test_zero_warning_period (void)
{
  GDate to = mado_test_date ("2026-11-22");
  GDate day = mado_test_date ("2026-11-21");
  GDate last = mado_test_date ("2026-11-22");

  g_assert_cmpint (mado_validity_on (NULL, &to, &day, 0).validity, ==, MADO_VALIDITY_VALID);
  g_assert_cmpint (mado_validity_on (NULL, &to, &last, 0).validity, ==,
                   MADO_VALIDITY_EXPIRING_SOON);
}

static void
test_describe (void)
{
  MadoValidityVerdict verdict = { MADO_VALIDITY_EXPIRING_SOON, 3 };
  g_autofree char *text = mado_validity_describe (verdict);

  g_assert_nonnull (strstr (text, "3"));
  g_assert_cmpstr (mado_validity_to_string (MADO_VALIDITY_EXPIRED), ==, "expired");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/validity/verdicts", test_verdicts);
  g_test_add_func ("/core/validity/open-ended", test_open_ended);
  g_test_add_func ("/core/validity/zero-warning-period", test_zero_warning_period);
  g_test_add_func ("/core/validity/describe", test_describe);

  return g_test_run ();
}
