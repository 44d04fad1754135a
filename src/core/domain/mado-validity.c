/* mado-validity.c — is a certificate valid on a given day?
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

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
