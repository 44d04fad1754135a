/* mado-validity.c — is a certificate valid on a given day?
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "mado-validity.h"

/**
 * mado_validity_on:
 * @valid_from: (nullable): first valid day, or %NULL when open
 * @valid_to: (nullable): last valid day (inclusive), or %NULL when open
 * @day: the day to judge, usually today in Japan
 * @warn_days: how many days ahead an ending counts as "expiring soon"
 *
 * Both ends are whole days and inclusive: a certificate valid to 30 November
 * is still valid on 30 November. It expires soon when its last day is at most
 * @warn_days days ahead.
 */
MadoValidityVerdict
mado_validity_on (const GDate *valid_from,
                  const GDate *valid_to,
                  const GDate *day,
                  guint        warn_days)
{
  MadoValidityVerdict verdict = { MADO_VALIDITY_VALID, G_MAXINT };

  g_return_val_if_fail (day != NULL && g_date_valid (day), verdict);

  if (valid_to != NULL)
    verdict.days_left = g_date_days_between (day, valid_to);

  if (valid_from != NULL && g_date_compare (day, valid_from) < 0)
    verdict.validity = MADO_VALIDITY_NOT_YET_VALID;
  else if (valid_to != NULL && verdict.days_left < 0)
    verdict.validity = MADO_VALIDITY_EXPIRED;
  else if (valid_to != NULL && verdict.days_left <= (gint) MIN (warn_days, (guint) G_MAXINT))
    verdict.validity = MADO_VALIDITY_EXPIRING_SOON;

  return verdict;
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

const char *
mado_validity_to_string (MadoValidity validity)
{
  switch (validity)
    {
    case MADO_VALIDITY_VALID:         return "valid";
    case MADO_VALIDITY_EXPIRING_SOON: return "expiring-soon";
    case MADO_VALIDITY_EXPIRED:       return "expired";
    case MADO_VALIDITY_NOT_YET_VALID: return "not-yet-valid";
    default:                          g_return_val_if_reached ("unknown");
    }
}

/**
 * mado_validity_describe:
 *
 * Returns: (transfer full): the verdict in words for staff
 */
char *
mado_validity_describe (MadoValidityVerdict verdict)
{
  switch (verdict.validity)
    {
    case MADO_VALIDITY_VALID:
      return g_strdup (_("Valid today"));
    case MADO_VALIDITY_EXPIRING_SOON:
      if (verdict.days_left == 0)
        return g_strdup (_("Valid today; today is the last day"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Valid today; ends in %d day",
                                           "Valid today; ends in %d days",
                                           (gulong) verdict.days_left),
                              verdict.days_left);
    case MADO_VALIDITY_EXPIRED:
      return g_strdup (_("Expired"));
    case MADO_VALIDITY_NOT_YET_VALID:
      return g_strdup (_("Not yet valid"));
    default:
      g_return_val_if_reached (g_strdup (_("Unknown")));
    }
}
