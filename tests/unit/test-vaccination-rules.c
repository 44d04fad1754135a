/* test-vaccination-rules.c — intervals between vaccinations, and ages
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

static MadoVaccinationEvent
event (const char *kind_id,
       const char *iso_date,
       guint       dose)
{
  MadoVaccinationEvent e = { .kind_id = kind_id, .dose_number = dose };

  if (!mado_date_parse_iso (iso_date, &e.date))
    g_error ("bad test date %s", iso_date);
  return e;
}

static guint
count_problem (GPtrArray           *warnings,
               MadoScheduleProblem  problem)
{
  guint n = 0;

  for (guint i = 0; i < warnings->len; i++)
    if (((MadoScheduleWarning *) g_ptr_array_index (warnings, i))->problem == problem)
      n++;
  return n;
}

/* MR on 1 November: varicella is allowed from 29 November (27 days counted
 * from the day after — four weeks later, the same weekday), not on the 28th. */
static void
test_live_interval_boundary (void)
{
  MadoVaccinationEvent history[] = { event ("mr", "2026-11-01", 1) };
  MadoVaccinationEvent too_soon = event ("varicella", "2026-11-28", 1);
  MadoVaccinationEvent in_time = event ("varicella", "2026-11-29", 1);
  g_autoptr(GPtrArray) warnings = NULL;
  const MadoScheduleWarning *warning;
  GDate expected;

  warnings = mado_vaccination_rules_check (history, 1, &too_soon);
  g_assert_cmpuint (count_problem (warnings, MADO_SCHEDULE_LIVE_INTERVAL), ==, 1);
  warning = g_ptr_array_index (warnings, 0);
  g_assert_true (mado_date_parse_iso ("2026-11-29", &expected));
  g_assert_cmpint (g_date_compare (&warning->earliest, &expected), ==, 0);
  g_assert_nonnull (strstr (warning->message, "2026-11-29"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  warnings = mado_vaccination_rules_check (history, 1, &in_time);
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* Oral rotavirus and inactivated vaccines are not limited by the rule. */
static void
test_live_interval_only_injectable_live (void)
{
  MadoVaccinationEvent history[] = {
    event ("rotavirus", "2026-11-01", 1),
    event ("hib", "2026-11-10", 1),
  };
  MadoVaccinationEvent intended = event ("mr", "2026-11-12", 1);
  MadoVaccinationEvent inactivated = event ("pcv", "2026-11-02", 1);
  MadoVaccinationEvent mr_history[] = { event ("mr", "2026-11-01", 1) };
  g_autoptr(GPtrArray) a = mado_vaccination_rules_check (history, G_N_ELEMENTS (history),
                                                         &intended);
  g_autoptr(GPtrArray) b = mado_vaccination_rules_check (mr_history, 1, &inactivated);

  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (b->len, ==, 0);
}

/* A kind not in the table is judged by the flags recorded with it. */
static void
test_unknown_kind_uses_flags (void)
{
  MadoVaccinationEvent history[] = { event ("x-new-live", "2026-11-01", 1) };
  MadoVaccinationEvent intended = event ("bcg", "2026-11-15", 1);
  g_autoptr(GPtrArray) flagged = NULL;
  g_autoptr(GPtrArray) unflagged = NULL;

  unflagged = mado_vaccination_rules_check (history, 1, &intended);
  g_assert_cmpuint (unflagged->len, ==, 0);

  history[0].live = TRUE;
  history[0].injectable = TRUE;
  flagged = mado_vaccination_rules_check (history, 1, &intended);
  g_assert_cmpuint (count_problem (flagged, MADO_SCHEDULE_LIVE_INTERVAL), ==, 1);
}

static void
test_dose_intervals (void)
{
  /* Hepatitis B: dose 2 from 27 days after dose 1, dose 3 from 139 days after dose 1. */
  MadoVaccinationEvent history[] = {
    event ("hepb", "2026-03-10", 1),
    event ("hepb", "2026-04-07", 2),
  };
  MadoVaccinationEvent early_third = event ("hepb", "2026-07-27", 3);   /* 139 days between: one short */
  MadoVaccinationEvent third = event ("hepb", "2026-07-28", 3);         /* 140 days later: allowed */
  MadoVaccinationEvent early_second = event ("hepb", "2026-04-06", 2);  /* day 27 */
  g_autoptr(GPtrArray) a = mado_vaccination_rules_check (history, 2, &early_third);
  g_autoptr(GPtrArray) b = mado_vaccination_rules_check (history, 2, &third);
  g_autoptr(GPtrArray) c = mado_vaccination_rules_check (history, 1, &early_second);

  g_assert_cmpuint (count_problem (a, MADO_SCHEDULE_DOSE_INTERVAL), ==, 1);
  g_assert_cmpuint (b->len, ==, 0);
  g_assert_cmpuint (count_problem (c, MADO_SCHEDULE_DOSE_INTERVAL), ==, 1);
}

static void
test_dose_interval_in_months (void)
{
  MadoVaccinationEvent history[] = { event ("varicella", "2026-01-31", 1) };
  MadoVaccinationEvent early = event ("varicella", "2026-04-29", 2);
  MadoVaccinationEvent ok = event ("varicella", "2026-04-30", 2);
  g_autoptr(GPtrArray) a = mado_vaccination_rules_check (history, 1, &early);
  g_autoptr(GPtrArray) b = mado_vaccination_rules_check (history, 1, &ok);

  /* Both are also injectable live: the 27-day rule is met, only the dose rule speaks. */
  g_assert_cmpuint (count_problem (a, MADO_SCHEDULE_DOSE_INTERVAL), ==, 1);
  g_assert_cmpuint (count_problem (a, MADO_SCHEDULE_LIVE_INTERVAL), ==, 0);
  g_assert_cmpuint (b->len, ==, 0);
}

static void
test_kind_table (void)
{
  const MadoVaccineKind *mr = mado_vaccination_rules_lookup_kind ("mr");
  const MadoVaccineKind *rota = mado_vaccination_rules_lookup_kind ("rotavirus");

  g_assert_nonnull (mr);
  g_assert_true (mr->live && mr->injectable);
  g_assert_nonnull (rota);
  g_assert_true (rota->live);
  g_assert_false (rota->injectable);
  g_assert_null (mado_vaccination_rules_lookup_kind ("nonsense"));
  g_assert_null (mado_vaccination_rules_lookup_kind (NULL));
}

static MadoAge
age (const char *birth,
     const char *on)
{
  GDate b, d;
  MadoAge a = { 99, 99 };

  g_assert_true (mado_date_parse_iso (birth, &b));
  g_assert_true (mado_date_parse_iso (on, &d));
  g_assert_true (mado_age_on (&b, &d, &a));
  return a;
}

static void
test_age (void)
{
  MadoAge a;
  GDate b, d;

  a = age ("2026-01-10", "2026-11-21");
  g_assert_cmpuint (a.years, ==, 0);
  g_assert_cmpuint (a.months, ==, 10);

  a = age ("2026-01-10", "2026-11-09");
  g_assert_cmpuint (a.months, ==, 9);

  a = age ("2026-01-31", "2026-02-28");     /* month ends before the 31st */
  g_assert_cmpuint (mado_age_in_months (&a), ==, 1);

  a = age ("2026-01-31", "2026-02-27");
  g_assert_cmpuint (mado_age_in_months (&a), ==, 0);

  a = age ("1990-06-15", "2026-06-14");
  g_assert_cmpuint (a.years, ==, 35);
  a = age ("1990-06-15", "2026-06-15");
  g_assert_cmpuint (a.years, ==, 36);

  a = age ("2024-02-29", "2025-02-28");     /* leap-day birthday */
  g_assert_cmpuint (a.years, ==, 1);

  g_assert_true (mado_date_parse_iso ("2026-11-21", &b));
  g_assert_true (mado_date_parse_iso ("2026-11-20", &d));
  g_assert_false (mado_age_on (&b, &d, &a));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/vaccination/live-interval/boundary", test_live_interval_boundary);
  g_test_add_func ("/core/vaccination/live-interval/only-injectable-live",
                   test_live_interval_only_injectable_live);
  g_test_add_func ("/core/vaccination/live-interval/unknown-kind", test_unknown_kind_uses_flags);
  g_test_add_func ("/core/vaccination/dose-interval/days", test_dose_intervals);
  g_test_add_func ("/core/vaccination/dose-interval/months", test_dose_interval_in_months);
  g_test_add_func ("/core/vaccination/kinds", test_kind_table);
  g_test_add_func ("/core/age", test_age);

  return g_test_run ();
}
