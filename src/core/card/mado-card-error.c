/* mado-card-error.c — every way a card operation can fail, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-card-error.h"

G_DEFINE_QUARK (mado-card-error-quark, mado_card_error)
