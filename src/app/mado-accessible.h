/* mado-accessible.h — names for screen readers: buttons announced without their mnemonic underscore
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void mado_accessible_init (void);

G_END_DECLS
