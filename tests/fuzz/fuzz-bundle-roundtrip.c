/* fuzz-bundle-roundtrip.c — what the cache keeps of a bundle decodes to what the hub sent
 *
 * For any input the decoder accepts, the bundle encoded (what the offline
 * cache stores) decodes again without error to the same values:
 * decode(encode(decode(x))) == decode(x), and encoding that gives the same
 * bytes again.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"
#include "mado-test-bundle.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) sent = NULL;
  g_autoptr(MadoResidentBundle) cached = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;

  sent = mado_bundle_decode ((const char *) data, size, MADO_HUB_CONSENT_ALL, &error);
  if (sent == NULL)
    return 0;
  bytes = mado_bundle_encode_bytes (sent);
  cached = mado_bundle_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               MADO_HUB_CONSENT_ALL, &error);
  if (cached == NULL)
    g_error ("the cached bundle does not decode: %s", error->message);
  mado_test_assert_same_bundle (sent, cached);
  again = mado_bundle_encode_bytes (cached);
  g_assert (g_bytes_equal (bytes, again));
  return 0;
}
