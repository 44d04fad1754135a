/* mado-recorded-doses.h — what this desk recorded today for the resident on screen, and how far it got
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MADO_TYPE_RECORDED_DOSES (mado_recorded_doses_get_type ())
G_DECLARE_FINAL_TYPE (MadoRecordedDoses, mado_recorded_doses, MADO, RECORDED_DOSES, AdwBin)

GtkWidget *mado_recorded_doses_new      (const char        *resident_ref);
void       mado_recorded_doses_refresh  (MadoRecordedDoses *self);
guint      mado_recorded_doses_get_len  (MadoRecordedDoses *self);

G_END_DECLS
