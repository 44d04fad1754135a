/* mado-resident-subsidies.h — the resident screen's 医療費助成 section: one card per certificate
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to MadoResidentView, like mado-resident-sections.h: each card shows
 * the two numbers with copy buttons, today's verdict, the programme, the
 * details and any number issue. Widget names are listed in
 * mado-resident-view.h.
 */
#pragma once

#include <gtk/gtk.h>

#include "mado-resident-bundle.h"

G_BEGIN_DECLS

void mado_resident_subsidies_add (GtkBox                   *box,
                                  const MadoResidentBundle *bundle,
                                  const char               *institution_code,
                                  const GDate              *today);

G_END_DECLS
