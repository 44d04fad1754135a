/* mado-age.c — a resident's age on a given day, as the desk says it
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-age.h"

/**
 * mado_age_on:
 * @birth_date: date of birth
 * @day: the day to count to
 * @out_age: (out): completed years and months
 *
 * Counts by calendar birthdays, the way the desk and vaccination schedules
 * do ("生後10か月"): a month is completed on the same day-of-month, or on the
 * last day of a shorter month (born 31 January → one month on 28/29 February).
 *
 * Returns: %FALSE when @day is before @birth_date
 */
gboolean
mado_age_on (const GDate *birth_date,
             const GDate *day,
             MadoAge     *out_age)
{
  gint months;
  guint birth_day, day_of_month, last_of_month;

  g_return_val_if_fail (birth_date != NULL && g_date_valid (birth_date), FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);
  g_return_val_if_fail (out_age != NULL, FALSE);

  if (g_date_compare (day, birth_date) < 0)
    return FALSE;

  months = ((gint) g_date_get_year (day) - (gint) g_date_get_year (birth_date)) * 12
           + ((gint) g_date_get_month (day) - (gint) g_date_get_month (birth_date));

  birth_day = g_date_get_day (birth_date);
  day_of_month = g_date_get_day (day);
  last_of_month = g_date_get_days_in_month (g_date_get_month (day), g_date_get_year (day));
  /* The month is not complete until the birth day-of-month comes round, or
   * the month ends first. */
  if (day_of_month < birth_day && day_of_month < last_of_month)
    months--;

  out_age->years = (guint) months / 12;
  out_age->months = (guint) months % 12;
  return TRUE;
}

guint
mado_age_in_months (const MadoAge *age)
{
  g_return_val_if_fail (age != NULL, 0);

  return age->years * 12 + age->months;
}

/**
 * mado_age_describe:
 *
 * Returns: (transfer full): the age in words: months for infants under
 *   two, years and months for children under six, years after that
 */
char *
mado_age_describe (const MadoAge *age)
{
  g_return_val_if_fail (age != NULL, NULL);

  if (age->years < 2)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u month", "%u months",
                                         mado_age_in_months (age)),
                            mado_age_in_months (age));
  if (age->years < 6)
    /* Translators: an age, e.g. "3 years 4 months" */
    return g_strdup_printf (_("%u years %u months"), age->years, age->months);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u year", "%u years", age->years),
                          age->years);
}
