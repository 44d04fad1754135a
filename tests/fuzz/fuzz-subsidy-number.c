/* fuzz-subsidy-number.c — the subsidy number checks on arbitrary input
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "fuzz-target.h"

/* Input: payer number, optionally a NUL byte and a recipient number. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_malloc (size + 1);
  g_autoptr(MadoSubsidyCheck) check = NULL;
  const char *recipient = NULL;
  size_t first_len;

  memcpy (text, data, size);
  text[size] = '\0';
  first_len = strlen (text);
  if (first_len < size)
    recipient = text + first_len + 1;

  check = mado_subsidy_number_check (text, recipient);
  g_assert (check != NULL);
  /* The verdict must agree with the issues it reports. */
  for (guint i = 0; i < check->issues->len; i++)
    {
      const MadoNumberIssue *issue = g_ptr_array_index (check->issues, i);

      g_assert (issue->message != NULL);
      if (issue->severity == MADO_NUMBER_SEVERITY_ERROR)
        g_assert (check->verdict == MADO_NUMBER_INVALID);
    }
  if (check->verdict == MADO_NUMBER_VALID)
    g_assert (check->issues->len == 0 &&
              mado_subsidy_number_check_digit_matches (check->insurer_number));
  return 0;
}
