/* mado-store-error.c — the offline store's error domain
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-store-error.h"

G_DEFINE_QUARK (mado-store-error-quark, mado_store_error)
