/* mado-age.h — a resident's age on a given day, as the desk says it
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint years;
  guint months;   /* completed months after the last birthday, 0–11 */
} MadoAge;

gboolean mado_age_on        (const GDate *birth_date,
                             const GDate *day,
                             MadoAge     *out_age);
guint    mado_age_in_months (const MadoAge *age);
char    *mado_age_describe  (const MadoAge *age);

G_END_DECLS
