/* mado-vcard-card.h — the virtual My Number Card's applications and files
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mado-vcard-profile.h"

G_BEGIN_DECLS

typedef struct _MadoVcardCard MadoVcardCard;

MadoVcardCard *mado_vcard_card_new      (MadoVcardProfile *profile);
void           mado_vcard_card_free     (MadoVcardCard    *card);
void           mado_vcard_card_power    (MadoVcardCard    *card);
const guint8  *mado_vcard_card_get_atr  (gsize            *length);
GByteArray    *mado_vcard_card_process  (MadoVcardCard    *card,
                                         const guint8     *command,
                                         gsize             length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoVcardCard, mado_vcard_card_free)

G_END_DECLS
