/* mado-resident-sections.h — the sections of the resident screen, built from a bundle
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to MadoResidentView: each function appends one section (title and
 * content) to @box. A category absent from the bundle (not consented) gets a
 * "not shared today" note rather than disappearing. Widget names are listed
 * in mado-resident-view.h.
 */
#pragma once

#include <gtk/gtk.h>

#include "mado-resident-bundle.h"

G_BEGIN_DECLS

void       mado_resident_sections_add_questionnaires  (GtkBox                   *box,
                                                       const MadoResidentBundle *bundle);
void       mado_resident_sections_add_vaccinations    (GtkBox                   *box,
                                                       const MadoResidentBundle *bundle,
                                                       const GDate              *today);
void       mado_resident_sections_add_maternal_child  (GtkBox                   *box,
                                                       const MadoResidentBundle *bundle);

GtkWidget *mado_resident_label_new       (const char *text,
                                          const char *css_class);
GtkWidget *mado_resident_note_new        (const char *icon_name,
                                          const char *text,
                                          const char *css_class);
GtkBox    *mado_resident_section_new     (GtkBox     *box,
                                          const char *title);
void       mado_resident_not_shared_add  (GtkBox     *section,
                                          const char *name,
                                          const char *text);
GtkGrid   *mado_resident_table_new       (const char * const *headers,
                                          guint               n_columns);
void       mado_resident_table_set       (GtkGrid    *grid,
                                          guint       row,
                                          guint       column,
                                          const char *text);
GtkWidget *mado_resident_framed          (GtkWidget  *child);
void       mado_resident_set_named       (GtkWidget  *widget,
                                          const char *prefix,
                                          guint       index);

G_END_DECLS
