/* fuzz-hub-problem.c — the hub's problem documents (RFC 9457) on arbitrary bytes
 *
 * Every error answer of the hub is decoded by mado_hub_decode_problem(); a
 * problem either decodes whole, with its type mapped to a code of the
 * registry, or is refused with a named error whose message starts with the
 * JSON path.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubProblem) problem = NULL;

  problem = mado_hub_decode_problem ((const char *) data, size, &error);
  if (problem == NULL)
    {
      g_assert (error != NULL && error->domain == MADO_HUB_ERROR);
      g_assert (error->code == MADO_HUB_ERROR_MALFORMED_RESPONSE ||
                error->code == MADO_HUB_ERROR_RESPONSE_TOO_LARGE);
      g_assert (error->message[0] == '$');
      return 0;
    }
  g_assert (error == NULL);
  g_assert (problem->type != NULL && g_utf8_strlen (problem->type, -1) <= 256);
  g_assert (g_utf8_validate (problem->type, -1, NULL));
  g_assert (problem->title == NULL || g_utf8_validate (problem->title, -1, NULL));
  g_assert (problem->detail == NULL || g_utf8_validate (problem->detail, -1, NULL));
  g_assert (problem->status == 0 || (problem->status >= 100 && problem->status <= 599));
  /* The code is the registry's, and the same type always gives it. */
  g_assert (problem->code == mado_hub_error_from_problem_type (problem->type));
  g_assert (mado_error_code_name (MADO_HUB_ERROR, problem->code) != NULL);
  return 0;
}
