/* mado-staff-error.c — the staff accounts' error domain
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-staff-error.h"

G_DEFINE_QUARK (mado-staff-error-quark, mado_staff_error)
