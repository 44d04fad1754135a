/* mado-record-error.c — why a judgement or a vaccination record cannot be saved, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-record-error.h"

G_DEFINE_QUARK (mado-record-error-quark, mado_record_error)
