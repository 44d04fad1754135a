/* mado-date.h — calendar days: today at the desk, ISO dates in and out
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     mado_date_today     (GDate       *out_day);
gboolean mado_date_parse_iso (const char  *text,
                              GDate       *out_date);
char    *mado_date_format    (const GDate *date);

G_END_DECLS
