/* mado-offline-banner.h — "this is cached data" across the top of the screen
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_OFFLINE_BANNER (mado_offline_banner_get_type ())
G_DECLARE_FINAL_TYPE (MadoOfflineBanner, mado_offline_banner, MADO, OFFLINE_BANNER, AdwBin)

GtkWidget *mado_offline_banner_new            (void);
void       mado_offline_banner_set_freshness  (MadoOfflineBanner            *self,
                                               const MadoReceptionFreshness *freshness);
char      *mado_offline_banner_format         (const MadoReceptionFreshness *freshness);

G_END_DECLS
