/* mado-expiry-banner.h — certificates that end soon: the terminal's in the status bar, a card's on the resident screen
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_EXPIRY_BANNER (mado_expiry_banner_get_type ())
G_DECLARE_FINAL_TYPE (MadoExpiryBanner, mado_expiry_banner, MADO, EXPIRY_BANNER, GtkBox)

void       mado_expiry_banner_refresh            (MadoExpiryBanner *self);
char      *mado_expiry_banner_format_day         (GDateTime        *not_after);
char      *mado_expiry_banner_describe_terminal  (GDateTime        *not_after,
                                                  GDateTime        *now);
char      *mado_expiry_banner_describe_card      (GDateTime        *not_after,
                                                  GDateTime        *now);
GtkWidget *mado_expiry_banner_card_note_new      (GDateTime        *not_after,
                                                  GDateTime        *now);

G_END_DECLS
