/* test-subsidy-designation.c — may this institution treat under a certificate?
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

static void
test_of (void)
{
  const char *designated[] = { "1312345678", "1399999999", NULL };
  const char *nobody[] = { NULL };
  MadoSubsidy limited = { 0 };
  MadoSubsidy empty_list = { 0 };
  MadoSubsidy no_list = { 0 };

  limited.designated_medical_institutions = (GStrv) designated;
  empty_list.designated_medical_institutions = (GStrv) nobody;

  g_assert_cmpint (mado_subsidy_designation_of (&limited, "1312345678"), ==,
                   MADO_DESIGNATION_DESIGNATED);
  g_assert_cmpint (mado_subsidy_designation_of (&limited, "1311111111"), ==,
                   MADO_DESIGNATION_NOT_DESIGNATED);
  g_assert_cmpint (mado_subsidy_designation_of (&limited, NULL), ==, MADO_DESIGNATION_UNKNOWN);
  /* hub-api.md: an empty list means any institution, code or not. */
  g_assert_cmpint (mado_subsidy_designation_of (&empty_list, "1312345678"), ==,
                   MADO_DESIGNATION_ANY);
  g_assert_cmpint (mado_subsidy_designation_of (&empty_list, NULL), ==, MADO_DESIGNATION_ANY);
  g_assert_cmpint (mado_subsidy_designation_of (&no_list, NULL), ==, MADO_DESIGNATION_ANY);
}

static void
test_describe (void)
{
  g_autofree char *yes = mado_subsidy_designation_describe (MADO_DESIGNATION_DESIGNATED,
                                                            "1312345678");
  g_autofree char *no = mado_subsidy_designation_describe (MADO_DESIGNATION_NOT_DESIGNATED,
                                                           "1311111111");
  g_autofree char *any = mado_subsidy_designation_describe (MADO_DESIGNATION_ANY, NULL);
  g_autofree char *unknown = mado_subsidy_designation_describe (MADO_DESIGNATION_UNKNOWN, NULL);

  g_assert_nonnull (strstr (yes, "1312345678"));
  g_assert_nonnull (strstr (no, "1311111111"));
  g_assert_cmpstr (yes, !=, no);
  g_assert_cmpstr (any, !=, unknown);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/subsidy-designation/of", test_of);
  g_test_add_func ("/core/subsidy-designation/describe", test_describe);

  return g_test_run ();
}
