/* mado-visual-check-page.h — staff compare the face with the card photo
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_VISUAL_CHECK_PAGE (mado_visual_check_page_get_type ())
G_DECLARE_FINAL_TYPE (MadoVisualCheckPage, mado_visual_check_page, MADO, VISUAL_CHECK_PAGE, AdwBin)

GtkWidget  *mado_visual_check_page_new             (void);
void        mado_visual_check_page_set_desk        (MadoVisualCheckPage *self,
                                                    MadoDesk            *desk);
void        mado_visual_check_page_prepare         (MadoVisualCheckPage *self,
                                                    gboolean             pin_blocked,
                                                    const char          *operator_id);
void        mado_visual_check_page_set_busy        (MadoVisualCheckPage *self,
                                                    gboolean             busy);
const char *mado_visual_check_page_get_operator_id (MadoVisualCheckPage *self);

G_END_DECLS
