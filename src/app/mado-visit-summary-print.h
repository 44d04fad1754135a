/* mado-visit-summary-print.h — the one-page visit summary: print or save as PDF
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a MadoVisitSummary (its text comes from the core) on one page,
 * shrinking the type until everything fits; saves it where the clerk
 * chooses (mode 0600) and audits every print and save.
 */
#pragma once

#include <gtk/gtk.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

GtkPrintOperation *mado_visit_summary_print_create_operation (MadoVisitSummary  *summary);
gboolean           mado_visit_summary_print_export_pdf       (MadoVisitSummary  *summary,
                                                              const char        *path,
                                                              GError           **error);
GFile             *mado_visit_summary_print_default_folder   (void);
gboolean           mado_visit_summary_print_save             (MadoVisitSummary  *summary,
                                                              GtkWidget         *widget,
                                                              const char        *path,
                                                              GError           **error);
void               mado_visit_summary_print_run              (MadoVisitSummary  *summary,
                                                              GtkWidget         *widget);

G_END_DECLS
