/* fuzz-hub-bundle.c — the hub bundle decoder on arbitrary bytes
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) bundle = NULL;

  bundle = mado_bundle_decode ((const char *) data, size, MADO_HUB_CONSENT_ALL, &error);
  /* Either a whole bundle or a named error, never both, never neither. */
  if (bundle == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == MADO_HUB_ERROR);
      g_assert (error->code == MADO_HUB_ERROR_MALFORMED_RESPONSE ||
                error->code == MADO_HUB_ERROR_RESPONSE_TOO_LARGE);
      g_assert (error->message[0] == '$');
      return 0;
    }
  g_assert (error == NULL);
  g_assert (bundle->version != NULL && bundle->resident_ref != NULL);
  g_assert (bundle->basic_info.name != NULL);
  g_assert (g_date_valid (&bundle->basic_info.birth_date));
  g_assert (bundle->as_of != NULL);
  if (bundle->is_not_disclosed)
    g_assert (bundle->basic_info.name_kana == NULL &&
              bundle->basic_info.sex == MADO_SEX_NOT_DISCLOSED);
  for (guint i = 0; bundle->subsidies != NULL && i < bundle->subsidies->len; i++)
    {
      const MadoSubsidy *s = g_ptr_array_index (bundle->subsidies, i);

      g_assert (s->number_check != NULL);
      g_assert (g_date_valid (&s->valid_from));
    }
  return 0;
}
