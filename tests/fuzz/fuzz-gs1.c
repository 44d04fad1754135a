/* fuzz-gs1.c — the GS1 element-string parser on whatever a scanner might type
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "fuzz-target.h"

/* Input: the bytes a keyboard-wedge scanner typed, as they are. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  MadoGs1 scan;

  if (size > 4096)
    return 0;
  if (!mado_gs1_parse ((const char *) data, (gssize) size, &scan, &error))
    {
      /* A refusal is named and says why. */
      g_assert_true (error->domain == MADO_RECORD_ERROR);
      g_assert_true (error->code == MADO_RECORD_ERROR_GS1_MALFORMED ||
                     error->code == MADO_RECORD_ERROR_GS1_CHECK_DIGIT);
      g_assert_true (error->message != NULL && *error->message != '\0');
      return 0;
    }
  /* What is accepted is what the rules allow. */
  g_assert_true (mado_gs1_gtin_is_valid (scan.gtin));
  g_assert_true (g_date_valid (&scan.expiry));
  g_assert_true (mado_gs1_lot_is_valid (scan.lot));
  return 0;
}
