/* mado-date.c — calendar days: today at the desk, ISO dates in and out
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "mado-date.h"

/**
 * mado_date_today:
 * @out_day: (out caller-allocates): where to store today
 *
 * Today in Japan, the day every verdict of a visit is for. The desk's clock
 * runs on Japan time, so that is the local calendar day; the training hub
 * resolves its relative fixture dates against the same clock.
 */
void
mado_date_today (GDate *out_day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (out_day != NULL);

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

/**
 * mado_date_parse_iso:
 * @text: a calendar date as YYYY-MM-DD
 * @out_date: (out): where to store it
 *
 * Strict: exactly four, two and two digits, a real calendar day.
 */
gboolean
mado_date_parse_iso (const char *text,
                     GDate      *out_date)
{
  guint year, month, day;

  g_return_val_if_fail (out_date != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      gboolean dash = (i == 4 || i == 7);

      if (text[i] == '\0' || (dash ? text[i] != '-' : !g_ascii_isdigit (text[i])))
        return FALSE;
    }
  if (text[10] != '\0')
    return FALSE;

  year = (guint) strtoul (text, NULL, 10);
  month = (guint) strtoul (text + 5, NULL, 10);
  day = (guint) strtoul (text + 8, NULL, 10);
  if (year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * mado_date_format:
 * @date: (nullable): a day, or a cleared #GDate for "none"
 *
 * Dates as the receipt computer and municipal forms write them.
 *
 * Returns: (transfer full): YYYY-MM-DD, or "—" without a valid @date
 */
char *
mado_date_format (const GDate *date)
{
  char buffer[32];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}
