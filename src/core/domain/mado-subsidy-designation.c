/* mado-subsidy-designation.c — may this institution treat under a certificate?
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-subsidy-designation.h"

/**
 * mado_subsidy_designation_of:
 * @institution_code: (nullable): this site's institution code
 *
 * hub-api.md: an empty list of designated institutions means any institution.
 */
MadoDesignation
mado_subsidy_designation_of (const MadoSubsidy *subsidy,
                             const char        *institution_code)
{
  GStrv list = subsidy->designated_medical_institutions;

  if (list == NULL || list[0] == NULL)
    return MADO_DESIGNATION_ANY;
  if (institution_code == NULL)
    return MADO_DESIGNATION_UNKNOWN;
  if (g_strv_contains ((const char * const *) list, institution_code))
    return MADO_DESIGNATION_DESIGNATED;
  return MADO_DESIGNATION_NOT_DESIGNATED;
}

/**
 * mado_subsidy_designation_describe:
 * @institution_code: (nullable): this site's institution code, named in the words
 *
 * Returns: (transfer full): @designation in words for staff
 */
char *
mado_subsidy_designation_describe (MadoDesignation  designation,
                                   const char      *institution_code)
{
  switch (designation)
    {
    case MADO_DESIGNATION_ANY:
      return g_strdup (_("Not limited: any institution may treat"));
    case MADO_DESIGNATION_UNKNOWN:
      return g_strdup (_("Limited to designated institutions; this terminal's institution code "
                         "is not set: check the paper certificate"));
    case MADO_DESIGNATION_DESIGNATED:
      return g_strdup_printf (_("Yes: this institution (%s) is designated"), institution_code);
    case MADO_DESIGNATION_NOT_DESIGNATED:
    default:
      return g_strdup_printf (_("No: this institution (%s) is not among the designated "
                                "institutions"), institution_code);
    }
}
