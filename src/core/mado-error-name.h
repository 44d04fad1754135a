/* mado-error-name.h — the stable name of any of Madoguchi's errors
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *mado_error_name (const GError *error);

G_END_DECLS
