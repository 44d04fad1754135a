/* mado-venue-bar.h — the resident screen's vaccination actions
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_VENUE_BAR (mado_venue_bar_get_type ())
G_DECLARE_FINAL_TYPE (MadoVenueBar, mado_venue_bar, MADO, VENUE_BAR, AdwBin)

GtkWidget                *mado_venue_bar_new                (void);
const MadoResidentBundle *mado_venue_bar_get_bundle         (GtkWidget *widget);
MadoStaffSession         *mado_venue_bar_get_staff_session  (GtkWidget *widget);
MadoDesk                 *mado_venue_bar_get_desk           (GtkWidget *widget);

G_END_DECLS
