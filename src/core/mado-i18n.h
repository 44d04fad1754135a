/* mado-i18n.h — one place that sets up translations for every program
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void mado_i18n_init          (void);
void mado_i18n_init_messages (void);

G_END_DECLS
