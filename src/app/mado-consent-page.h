/* mado-consent-page.h — the resident chooses what to share today
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_CONSENT_PAGE (mado_consent_page_get_type ())
G_DECLARE_FINAL_TYPE (MadoConsentPage, mado_consent_page, MADO, CONSENT_PAGE, AdwBin)

GtkWidget      *mado_consent_page_new         (void);
void            mado_consent_page_reset       (MadoConsentPage *self);
MadoHubConsent  mado_consent_page_get_consent (MadoConsentPage *self);
gboolean        mado_consent_page_handle_key  (MadoConsentPage *self,
                                               guint            keyval);
GtkCheckButton *mado_consent_page_get_choice  (MadoConsentPage *self,
                                               MadoHubConsent   category);

G_END_DECLS
