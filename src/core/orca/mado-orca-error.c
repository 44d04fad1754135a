/* mado-orca-error.c — the ORCA hand-off's error domain
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-orca-error.h"

G_DEFINE_QUARK (mado-orca-error-quark, mado_orca_error)
