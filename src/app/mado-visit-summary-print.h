/* mado-visit-summary-print.h — the one-page visit summary: print or save as PDF
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws a MadoVisitSummary (its text comes from the core) on one page,
 * shrinking the type until everything fits.
 */
#pragma once

#include <gtk/gtk.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

GtkPrintOperation *mado_visit_summary_print_create_operation (MadoVisitSummary  *summary);
gboolean           mado_visit_summary_print_export_pdf       (MadoVisitSummary  *summary,
                                                              const char        *path,
                                                              GError           **error);

G_END_DECLS
