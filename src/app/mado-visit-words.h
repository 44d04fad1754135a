/* mado-visit-words.h — what the desk window says when a visit stops, and while it waits for a card
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "madoguchi-core.h"

G_BEGIN_DECLS

void mado_visit_words_for_failure (const GError  *error,
                                   const char   **title,
                                   const char   **hint);
void mado_visit_words_for_idle    (gboolean       card_present,
                                   gboolean       closed_by_lock,
                                   const char   **title,
                                   char         **description);

G_END_DECLS
