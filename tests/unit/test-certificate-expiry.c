/* test-certificate-expiry.c — when a certificate's end deserves a warning
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"

static GDateTime *
at (GDateTime *base,
    gint64     seconds)
{
  return g_date_time_add_seconds (base, (double) seconds);
}

static void
test_judge (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 3, 10, 0, 0);
  const struct {
    gint64                seconds;
    MadoCertificateExpiry expiry;
    gint64                days;
  } cases[] = {
    { 400 * 86400,       MADO_CERTIFICATE_EXPIRY_FAR,    400 },
    { 90 * 86400,        MADO_CERTIFICATE_EXPIRY_FAR,    90 },
    { 90 * 86400 - 1,    MADO_CERTIFICATE_EXPIRY_SOON,   89 },
    { 30 * 86400 + 3600, MADO_CERTIFICATE_EXPIRY_SOON,   30 },
    { 1,                 MADO_CERTIFICATE_EXPIRY_SOON,   0 },
    { 0,                 MADO_CERTIFICATE_EXPIRY_SOON,   0 },
    { -1,                MADO_CERTIFICATE_EXPIRY_PASSED, -1 },
    { -86400,            MADO_CERTIFICATE_EXPIRY_PASSED, -1 },
    { -86401,            MADO_CERTIFICATE_EXPIRY_PASSED, -2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) end = at (now, cases[i].seconds);
      gint64 days = G_MININT64;

      g_test_message ("end at now %+" G_GINT64_FORMAT " s", cases[i].seconds);
      g_assert_cmpstr (mado_certificate_expiry_to_string (mado_certificate_expiry_judge (end, now, &days)),
                       ==, mado_certificate_expiry_to_string (cases[i].expiry));
      g_assert_cmpint (days, ==, cases[i].days);
    }
}

/* The terminal's certificate follows the same rule as the cards'. */
static void
test_terminal_same_rule (void)
{
  g_assert_cmpint (MADO_TERMINAL_CERT_WARN_DAYS, ==, 90);
  g_assert_cmpint (MADO_CERTIFICATE_EXPIRY_WARN_DAYS, ==, 90);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certificate-expiry/judge", test_judge);
  g_test_add_func ("/certificate-expiry/terminal-same-rule", test_terminal_same_rule);
  return g_test_run ();
}
