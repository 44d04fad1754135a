/* mado-pin-tries.h — what the PIN tries a card reports ask of the desk
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean mado_pin_tries_need_confirmation (guint tries_left);

G_END_DECLS
