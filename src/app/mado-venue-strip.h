/* mado-venue-strip.h — the desk's venue strip: residents under observation, today's records
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MADO_TYPE_VENUE_STRIP (mado_venue_strip_get_type ())
G_DECLARE_FINAL_TYPE (MadoVenueStrip, mado_venue_strip, MADO, VENUE_STRIP, AdwBin)

GtkWidget *mado_venue_strip_new              (void);
void       mado_venue_strip_observe          (MadoVenueStrip *self,
                                              const char     *resident_key,
                                              const char     *label,
                                              guint           minutes,
                                              gint64          now);
gboolean   mado_venue_strip_release          (MadoVenueStrip *self,
                                              const char     *resident_key);
void       mado_venue_strip_tick             (MadoVenueStrip *self,
                                              gint64          now);
guint      mado_venue_strip_get_n_observed   (MadoVenueStrip *self);
gint64     mado_venue_strip_get_remaining    (MadoVenueStrip *self,
                                              const char     *resident_key,
                                              gint64          now);

G_END_DECLS
