/* mado-hub-proof-ids.c — the identities a proof names: institution code, terminal ID
 *
 * Apart from mado-hub-proof.c so that the site configuration, which checks
 * them too, links without json-glib: the small madoguchi-cli loads neither
 * it nor GIO.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-hub-proof.h"
#include "mado-json-read-private.h"

/**
 * mado_hub_proof_is_institution_code:
 *
 * Returns: whether @text is a 医療機関コード: exactly 10 ASCII digits
 */
gboolean
mado_hub_proof_is_institution_code (const char *text)
{
  return text != NULL && mado_json_read_is_digits (text, 10);
}

/**
 * mado_hub_proof_is_terminal_id:
 *
 * Returns: whether @text is 1–64 of [A-Za-z0-9._-]
 */
gboolean
mado_hub_proof_is_terminal_id (const char *text)
{
  return mado_json_read_is_token (text, 64, "._-");
}
