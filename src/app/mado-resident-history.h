/* mado-resident-history.h — the vaccinations given, on the resident screen: recent years open, older ones built when opened
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the resident screen (mado-resident-sections.c). A long history
 * (more than MADO_RESIDENT_HISTORY_LONG doses) shows this year and last year
 * as tables; each earlier year is a closed expander whose table is made
 * only when someone opens it, so a resident with years of doses reaches
 * the screen as fast as one with a few. What an expander will show is
 * copied into strings when the screen is filled: it never reaches back
 * into a bundle the visit may have dropped.
 */
#pragma once

#include <gtk/gtk.h>

#include "mado-resident-bundle.h"

G_BEGIN_DECLS

#define MADO_RESIDENT_HISTORY_LONG 20
/* More questionnaires than this: the latest this many open, the rest closed. */
#define MADO_RESIDENT_QUESTIONNAIRES_OPEN 3

typedef GtkWidget *(*MadoResidentLazyBuild) (GPtrArray *rows);

void       mado_resident_history_add               (GtkBox                   *section,
                                                    const MadoResidentBundle *bundle,
                                                    const GDate              *today);
GtkWidget *mado_resident_history_expander_new      (const char               *label,
                                                    const char               *name,
                                                    GPtrArray                *rows,
                                                    MadoResidentLazyBuild     build);
gboolean   mado_resident_history_expander_is_built (GtkWidget                *expander);

G_END_DECLS
