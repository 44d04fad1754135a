/* mado-subsidy-validity.c — is a subsidy certificate valid today, in words
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-date.h"
#include "mado-subsidy-validity.h"

/**
 * mado_subsidy_validity_on:
 * @subsidy: a certificate from the bundle
 * @day: the day to judge, usually mado_date_today()
 *
 * An end the certificate does not state (a cleared #GDate) is open: no
 * first day means valid from the start, no last day means it never expires.
 */
MadoValidityVerdict
mado_subsidy_validity_on (const MadoSubsidy *subsidy,
                          const GDate       *day)
{
  const GDate *from = g_date_valid (&subsidy->valid_from) ? &subsidy->valid_from : NULL;
  const GDate *to = g_date_valid (&subsidy->valid_to) ? &subsidy->valid_to : NULL;

  return mado_validity_on (from, to, day, MADO_SUBSIDY_WARN_DAYS);
}

/**
 * mado_subsidy_validity_describe:
 *
 * Returns: (transfer full): mado_subsidy_validity_on() in words for staff
 */
char *
mado_subsidy_validity_describe (const MadoSubsidy *subsidy,
                                const GDate       *day)
{
  return mado_validity_describe (mado_subsidy_validity_on (subsidy, day));
}

/**
 * mado_subsidy_validity_describe_period:
 *
 * Returns: (transfer full): the first and last valid day, or the first day
 *   and "no end date"
 */
char *
mado_subsidy_validity_describe_period (const MadoSubsidy *subsidy)
{
  g_autofree char *from = mado_date_format (&subsidy->valid_from);
  g_autofree char *to = NULL;

  if (!g_date_valid (&subsidy->valid_to))
    return g_strdup_printf (_("%s – (no end date)"), from);
  to = mado_date_format (&subsidy->valid_to);
  return g_strdup_printf ("%s – %s", from, to);
}

/**
 * mado_subsidy_validity_describe_cap:
 *
 * Returns: (transfer full): the monthly cap on the co-payment, with
 *   thousands separators, or that the certificate states none
 */
char *
mado_subsidy_validity_describe_cap (const MadoSubsidy *subsidy)
{
  gint64 yen = subsidy->max_copayment_monthly_yen;
  g_autofree char *digits = NULL;
  g_autoptr(GString) grouped = NULL;
  gsize n;

  if (!subsidy->has_max_copayment)
    return g_strdup (_("Not stated"));
  /* Thousands separators by hand: the C.UTF-8 locale the desk may run in
   * has none, and an amount misread by a factor of ten is a real mistake. */
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) (yen < 0 ? -yen : yen));
  grouped = g_string_new (yen < 0 ? "-" : "");
  n = strlen (digits);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (grouped, ',');
      g_string_append_c (grouped, digits[i]);
    }
  /* TRANSLATORS: an amount of money; %s is the number with separators */
  return g_strdup_printf (_("%s yen"), grouped->str);
}
