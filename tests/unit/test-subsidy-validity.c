/* test-subsidy-validity.c — one verdict for a certificate, on screen, on paper and in the CLI
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_test_init() makes a GLib-CRITICAL fatal: an open end that reached
 * mado_validity_on() as a cleared GDate would abort here.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "madoguchi-core.h"

static void
set_day (GDate      *date,
         const char *iso)
{
  if (iso == NULL)
    g_date_clear (date, 1);
  else if (!mado_date_parse_iso (iso, date))
    g_error ("bad test date %s", iso);
}

static MadoSubsidy
subsidy (const char *from,
         const char *to)
{
  MadoSubsidy s = { 0 };

  set_day (&s.valid_from, from);
  set_day (&s.valid_to, to);
  return s;
}

static void
test_verdicts (void)
{
  struct { const char *from, *to; MadoValidity expected; gint days_left; } cases[] = {
    { "2026-04-01", "2027-03-31", MADO_VALIDITY_VALID,          130 },
    { "2026-04-01", "2026-12-21", MADO_VALIDITY_EXPIRING_SOON,   30 },
    { "2026-04-01", "2026-12-22", MADO_VALIDITY_VALID,           31 },
    { "2026-04-01", "2026-11-21", MADO_VALIDITY_EXPIRING_SOON,    0 },
    { "2025-11-21", "2026-11-20", MADO_VALIDITY_EXPIRED,         -1 },
    { "2026-12-01", "2027-11-30", MADO_VALIDITY_NOT_YET_VALID,  374 },
  };
  GDate today;

  set_day (&today, "2026-11-21");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MadoSubsidy s = subsidy (cases[i].from, cases[i].to);
      MadoValidityVerdict verdict = mado_subsidy_validity_on (&s, &today);

      g_test_message ("%s – %s", cases[i].from, cases[i].to);
      g_assert_cmpint (verdict.validity, ==, cases[i].expected);
      g_assert_cmpint (verdict.days_left, ==, cases[i].days_left);
    }
}

/* No validTo: valid, never "today is the last day". */
static void
test_open_ended (void)
{
  MadoSubsidy open_end = subsidy ("2026-04-01", NULL);
  MadoSubsidy no_dates = subsidy (NULL, NULL);
  MadoSubsidy not_yet = subsidy ("2026-12-01", NULL);
  g_autofree char *words = NULL;
  g_autofree char *period = NULL;
  g_autofree char *expected_period = NULL;
  MadoValidityVerdict verdict;
  GDate today;

  set_day (&today, "2026-11-21");
  verdict = mado_subsidy_validity_on (&open_end, &today);
  g_assert_cmpint (verdict.validity, ==, MADO_VALIDITY_VALID);
  g_assert_cmpint (verdict.days_left, ==, G_MAXINT);
  words = mado_subsidy_validity_describe (&open_end, &today);
  g_assert_cmpstr (words, ==, _("Valid today"));
  g_assert_cmpint (mado_subsidy_validity_on (&no_dates, &today).validity, ==, MADO_VALIDITY_VALID);
  g_assert_cmpint (mado_subsidy_validity_on (&not_yet, &today).validity, ==,
                   MADO_VALIDITY_NOT_YET_VALID);

  period = mado_subsidy_validity_describe_period (&open_end);
  expected_period = g_strdup_printf (_("%s – (no end date)"), "2026-04-01");
  g_assert_cmpstr (period, ==, expected_period);
}

static void
test_describe (void)
{
  MadoSubsidy last_day = subsidy ("2026-04-01", "2026-11-21");
  MadoSubsidy expired = subsidy ("2025-11-21", "2026-11-20");
  MadoSubsidy closed = subsidy ("2026-04-01", "2027-03-31");
  g_autofree char *last_words = NULL;
  g_autofree char *expired_words = NULL;
  g_autofree char *period = NULL;
  GDate today;

  set_day (&today, "2026-11-21");
  last_words = mado_subsidy_validity_describe (&last_day, &today);
  g_assert_cmpstr (last_words, ==, _("Valid today; today is the last day"));
  expired_words = mado_subsidy_validity_describe (&expired, &today);
  g_assert_cmpstr (expired_words, ==, _("Expired"));
  period = mado_subsidy_validity_describe_period (&closed);
  g_assert_cmpstr (period, ==, "2026-04-01 – 2027-03-31");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/subsidy-validity/verdicts", test_verdicts);
  g_test_add_func ("/core/subsidy-validity/open-ended", test_open_ended);
  g_test_add_func ("/core/subsidy-validity/describe", test_describe);

  return g_test_run ();
}
