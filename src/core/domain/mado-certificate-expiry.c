/* mado-certificate-expiry.c — when a certificate's end deserves a warning
 *
 * Expired certificates are among a desk's commonest failures: the
 * terminal's stops every hub call, a resident's card stops every visit.
 * One rule decides when staff hear of it, so the status bar, the support
 * report, `config check` and the resident screen never disagree.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-certificate-expiry.h"

/**
 * mado_certificate_expiry_days_left:
 * @not_after: the certificate's end of validity
 * @now: (nullable): the time to count from (default: now)
 *
 * Returns: whole days until @not_after; negative once it has passed
 */
gint64
mado_certificate_expiry_days_left (GDateTime *not_after,
                                   GDateTime *now)
{
  g_autoptr(GDateTime) from = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  GTimeSpan span;

  g_return_val_if_fail (not_after != NULL, -1);

  span = g_date_time_difference (not_after, from);
  /* Round towards the past: a second after the end is day -1, not 0. */
  if (span < 0)
    return -1 - (-span - 1) / G_TIME_SPAN_DAY;
  return span / G_TIME_SPAN_DAY;
}

/**
 * mado_certificate_expiry_judge:
 * @not_after: the certificate's end of validity
 * @now: (nullable): the time to judge at (default: now)
 * @out_days_left: (out) (optional): what mado_certificate_expiry_days_left() says
 *
 * Returns: whether the end is far, within %MADO_CERTIFICATE_EXPIRY_WARN_DAYS
 *   days, or past
 */
MadoCertificateExpiry
mado_certificate_expiry_judge (GDateTime *not_after,
                               GDateTime *now,
                               gint64    *out_days_left)
{
  gint64 days = mado_certificate_expiry_days_left (not_after, now);

  if (out_days_left != NULL)
    *out_days_left = days;
  if (days < 0)
    return MADO_CERTIFICATE_EXPIRY_PASSED;
  if (days < MADO_CERTIFICATE_EXPIRY_WARN_DAYS)
    return MADO_CERTIFICATE_EXPIRY_SOON;
  return MADO_CERTIFICATE_EXPIRY_FAR;
}

const char *
mado_certificate_expiry_to_string (MadoCertificateExpiry expiry)
{
  switch (expiry)
    {
    case MADO_CERTIFICATE_EXPIRY_FAR:    return "far";
    case MADO_CERTIFICATE_EXPIRY_SOON:   return "soon";
    case MADO_CERTIFICATE_EXPIRY_PASSED: return "passed";
    default:                             g_return_val_if_reached ("unknown");
    }
}
