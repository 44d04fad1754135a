/* mado-setup-page.h — the administrator's page: what this terminal still lacks
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_SETUP_PAGE (mado_setup_page_get_type ())
G_DECLARE_FINAL_TYPE (MadoSetupPage, mado_setup_page, MADO, SETUP_PAGE, AdwBin)

GtkWidget *mado_setup_page_new        (void);
void       mado_setup_page_set_desk   (MadoSetupPage *self,
                                       MadoDesk      *desk);
gboolean   mado_setup_page_get_needed (MadoSetupPage *self);

G_END_DECLS
