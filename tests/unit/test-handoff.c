/* test-handoff.c — the QR text for desks without ORCA, and its code
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"

static MadoSubsidy *
subsidy (const char *payer,
         const char *recipient,
         int         from_year,
         int         to_year,
         gint64      cap)
{
  MadoSubsidy *s = mado_subsidy_new ();

  s->medical_subsidy_insurer_number = g_strdup (payer);
  s->medical_subsidy_recipient_number = g_strdup (recipient);
  g_date_set_dmy (&s->valid_from, 1, G_DATE_APRIL, (GDateYear) from_year);
  if (to_year > 0)
    g_date_set_dmy (&s->valid_to, 31, G_DATE_MARCH, (GDateYear) to_year);
  else
    g_date_clear (&s->valid_to, 1);
  s->has_max_copayment = cap >= 0;
  s->max_copayment_monthly_yen = cap;
  return s;
}

static void
test_text (void)
{
  g_autoptr(MadoResidentBundle) bundle = mado_resident_bundle_new ();
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  g_autoptr(GDateTime) checked = g_date_time_new (jst, 2026, 12, 3, 8, 15, 42);
  g_autofree char *text = NULL;
  GDate today;

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 3, G_DATE_DECEMBER, 2026);
  g_date_set_dmy (&bundle->basic_info.birth_date, 3, G_DATE_MARCH, 1968);
  bundle->basic_info.name = g_strdup ("佐藤 恵子");
  bundle->subsidies = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_subsidy_free);
  g_ptr_array_add (bundle->subsidies, subsidy ("54016027", "2304616", 2026, 2027, 10000));
  g_ptr_array_add (bundle->subsidies, subsidy ("80138019", "0045123", 2026, 0, -1));
  g_ptr_array_add (bundle->subsidies, subsidy ("88138243", "5302146", 2024, 2026, 0));  /* ended */

  text = mado_handoff_text (bundle, &today, checked);
  g_assert_cmpstr (text, ==,
                   "MADOGUCHI1;BIRTH=1968-03-03;CHECKED=2026-12-03T08:15+09:00"
                   ";PAYER=54016027;RECIPIENT=2304616;FROM=2026-04-01;TO=2027-03-31;CAP=10000"
                   ";PAYER=80138019;RECIPIENT=0045123;FROM=2026-04-01;TO=OPEN;CAP=NONE");
}

static void
test_qr (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoQr) qr = mado_qr_encode ("MADOGUCHI1;BIRTH=1968-03-03", &error);

  g_assert_no_error (error);
  /* Version 2 or more, and the finder patterns' dark corners. */
  g_assert_cmpuint (qr->width, >=, 21);
  g_assert_cmpuint ((qr->width - 17) % 4, ==, 0);
  g_assert_true (mado_qr_is_dark (qr, 0, 0));
  g_assert_true (mado_qr_is_dark (qr, qr->width - 1, 0));
  g_assert_true (mado_qr_is_dark (qr, 0, qr->width - 1));
  g_assert_false (mado_qr_is_dark (qr, 7, 7));
  g_assert_false (mado_qr_is_dark (qr, qr->width, 0));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/orca/handoff/text", test_text);
  g_test_add_func ("/core/orca/handoff/qr", test_qr);
  return g_test_run ();
}
