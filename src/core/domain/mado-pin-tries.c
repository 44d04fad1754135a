/* mado-pin-tries.c — what the PIN tries a card reports ask of the desk
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-pin-tries.h"

/**
 * mado_pin_tries_need_confirmation:
 * @tries_left: what the card reports before the PIN is sent
 *
 * At one try left a wrong PIN locks the card until the city office resets
 * it, so staff must confirm that the resident was told before the PIN is
 * sent: the PIN page's acknowledgement, the CLI's `--last-try`. With no try
 * left nothing is sent at all, so there is nothing to confirm.
 *
 * Returns: whether staff must confirm the warning first
 */
gboolean
mado_pin_tries_need_confirmation (guint tries_left)
{
  return tries_left == 1;
}
