/* mado-reception-error.c — how a visit can end without the hub's answer, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-reception-error.h"

G_DEFINE_QUARK (mado-reception-error-quark, mado_reception_error)
