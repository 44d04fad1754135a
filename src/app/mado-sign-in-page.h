/* mado-sign-in-page.h — the staff sign-in and lock screen of the desk
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MADO_TYPE_SIGN_IN_PAGE (mado_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (MadoSignInPage, mado_sign_in_page, MADO, SIGN_IN_PAGE, AdwBin)

GtkWidget  *mado_sign_in_page_new            (void);
void        mado_sign_in_page_sync           (MadoSignInPage *self);
const char *mado_sign_in_page_get_error_text (MadoSignInPage *self);

G_END_DECLS
