/* test-vaccine-mapping.c — which vaccine kind a bundle's codes and names mean
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"
#include "mado-test-util.h"

static void
test_mapping (void)
{
  g_assert_cmpstr (mado_vaccine_mapping_kind_from_name ("麻しん風しん混合（MR）"), ==, "mr");
  g_assert_cmpstr (mado_vaccine_mapping_kind_from_name ("5種混合"), ==, "dpt-ipv-hib");
  g_assert_cmpstr (mado_vaccine_mapping_kind_from_name ("B型肝炎"), ==, "hepb");
  g_assert_cmpstr (mado_vaccine_mapping_kind_from_name ("水痘"), ==, "varicella");
  g_assert_cmpstr (mado_vaccine_mapping_kind_from_name ("小児用肺炎球菌"), ==, "pcv");
  g_assert_null (mado_vaccine_mapping_kind_from_name ("謎のワクチン"));
  g_assert_null (mado_vaccine_mapping_kind_from_name (NULL));
  g_assert_cmpstr (mado_vaccine_mapping_kind_from_code ("DPT-IPV-HIB"), ==, "dpt-ipv-hib");
  g_assert_cmpstr (mado_vaccine_mapping_kind_from_code ("DPT-IPV"), ==, "dpt-ipv");
  g_assert_cmpstr (mado_vaccine_mapping_kind_from_code ("bcg"), ==, "bcg");
  g_assert_cmpstr (mado_vaccine_mapping_kind_from_code ("ROTA-2"), ==, "rotavirus");
  g_assert_null (mado_vaccine_mapping_kind_from_code ("XYZ"));
}

/* The infant of tests/ui/data, whose varicella was given on 2026-11-09. */
static MadoResidentBundle *
infant_bundle (void)
{
  gsize length;
  g_autofree char *data = mado_test_read_source_file ("tests/ui/data/resident-infant.json", &length);
  g_autoptr(GError) error = NULL;
  MadoResidentBundle *bundle = mado_bundle_decode (data, length, MADO_HUB_CONSENT_ALL, &error);

  g_assert_no_error (error);
  return bundle;
}

static void
test_check_unknown (void)
{
  g_autoptr(MadoResidentBundle) bundle = infant_bundle ();
  g_autoptr(GPtrArray) hepb = NULL;
  g_autoptr(GPtrArray) mr = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  /* Not a vaccine the rules know: no answer rather than a false "fine". */
  g_assert_null (mado_vaccine_mapping_check_intended (bundle, "謎のワクチン", &today));
  /* An inactive vaccine is not held back by the varicella 12 days ago. */
  hepb = mado_vaccine_mapping_check_intended (bundle, "B型肝炎", &today);
  g_assert_nonnull (hepb);
  g_assert_cmpuint (hepb->len, ==, 0);
  /* A live one is: 27 days must pass between two live injectables. */
  mr = mado_vaccine_mapping_check_intended (bundle, "麻しん風しん混合（MR）", &today);
  g_assert_nonnull (mr);
  g_assert_cmpuint (mr->len, >=, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/vaccine-mapping/names-and-codes", test_mapping);
  g_test_add_func ("/core/vaccine-mapping/check-unknown", test_check_unknown);

  return g_test_run ();
}
