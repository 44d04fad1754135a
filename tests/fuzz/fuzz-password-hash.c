/* fuzz-password-hash.c — stored password hashes, as read back from the store
 *
 * Someone with the database file can write anything into a staff row. A
 * stored hash is either one Madoguchi accepts (its format, and scrypt
 * parameters it can afford) or it matches no password at all. scrypt is
 * slow by design (tens of milliseconds at the accepted parameters), so an
 * accepted hash is not verified here: the parse is what the input reaches.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "store/mado-store-staff.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *encoded = g_strndup ((const char *) data, size);
  gboolean usable = mado_store_staff_password_hash_is_usable (encoded);

  /* The same text gives the same answer. */
  g_assert (usable == mado_store_staff_password_hash_is_usable (encoded));
  if (!usable)
    g_assert (!mado_store_staff_verify_password ("a long enough passphrase", encoded));
  g_assert (!mado_store_staff_password_hash_is_usable (NULL));
  return 0;
}
