/* test-date.c — today at the desk, ISO dates in and out
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"

static void
test_parse_iso (void)
{
  GDate d;

  g_assert_true (mado_date_parse_iso ("2026-11-21", &d));
  g_assert_cmpint (g_date_get_year (&d), ==, 2026);
  g_assert_cmpint (g_date_get_month (&d), ==, 11);
  g_assert_cmpint (g_date_get_day (&d), ==, 21);
  g_assert_true (mado_date_parse_iso ("2028-02-29", &d));

  g_assert_false (mado_date_parse_iso ("2026-02-29", &d));   /* not a leap year */
  g_assert_false (mado_date_parse_iso ("2026-13-01", &d));
  g_assert_false (mado_date_parse_iso ("2026-11-1", &d));
  g_assert_false (mado_date_parse_iso ("2026-11-011", &d));
  g_assert_false (mado_date_parse_iso ("2026/11/01", &d));
  g_assert_false (mado_date_parse_iso ("", &d));
  g_assert_false (mado_date_parse_iso (NULL, &d));
  g_assert_false (mado_date_parse_iso ("0000-01-01", &d));
}

static void
test_format (void)
{
  GDate day;
  GDate none;
  g_autofree char *text = NULL;
  g_autofree char *dash = NULL;
  g_autofree char *null_dash = NULL;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 9, G_DATE_MARCH, 2027);
  text = mado_date_format (&day);
  g_assert_cmpstr (text, ==, "2027-03-09");

  g_date_clear (&none, 1);
  dash = mado_date_format (&none);
  g_assert_cmpstr (dash, ==, "—");
  null_dash = mado_date_format (NULL);
  g_assert_cmpstr (null_dash, ==, "—");
}

/* The desk's clock runs on Japan time (main() sets TZ): today is the
 * calendar day in UTC+9, whatever the day in UTC. */
static void
test_today (void)
{
  g_autoptr(GTimeZone) japan = g_time_zone_new_identifier ("+09:00");

  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GDateTime) before = g_date_time_new_now (japan);
      g_autoptr(GDateTime) after = NULL;
      GDate today;

      mado_date_today (&today);
      after = g_date_time_new_now (japan);
      /* Midnight passed between the readings: read again. */
      if (g_date_time_get_day_of_month (before) != g_date_time_get_day_of_month (after))
        continue;
      g_assert_true (g_date_valid (&today));
      g_assert_cmpint (g_date_get_year (&today), ==, g_date_time_get_year (before));
      g_assert_cmpint (g_date_get_month (&today), ==, g_date_time_get_month (before));
      g_assert_cmpint (g_date_get_day (&today), ==, g_date_time_get_day_of_month (before));
      return;
    }
  g_assert_not_reached ();
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "JST-9", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date/parse-iso", test_parse_iso);
  g_test_add_func ("/core/date/format", test_format);
  g_test_add_func ("/core/date/today", test_today);

  return g_test_run ();
}
