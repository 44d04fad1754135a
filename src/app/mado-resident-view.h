/* mado-resident-view.h — the resident screen: what the hub shares, read at a glance
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scrollable page in the desk stack. mado_resident_view_show() fills it
 * from a decoded bundle; nothing is kept but a deep-enough copy for printing.
 *
 * Actions (installed on the widget class, group "resident"):
 *   resident.print    — print a one-page visit summary (the print dialog
 *                       also offers "Print to File" as PDF); Ctrl+P
 *   resident.save-pdf — save that summary as a PDF file (file chooser)
 *   Both are disabled while the view is empty; see mado-visit-summary-print.h.
 *
 * Widget names (gtk_widget_set_name) for tests, findable with
 * mado_resident_view_find_named() or by walking the tree:
 *   "resident-content"               the box holding everything (scrolled)
 *   "resident-name"                  the name label
 *   "resident-freshness"             the freshness line (online / cached)
 *   "resident-print"                 the print button
 *   "resident-not-disclosed"         the 非開示 note (only when not disclosed)
 *   "subsidy-card-<i>"               the i-th certificate card (0-based)
 *   "subsidy-insurer-<i>"            its 公費負担者番号 label (text = exactly the number)
 *   "subsidy-recipient-<i>"          its 受給者番号 label (text = exactly the number)
 *   "subsidy-copy-insurer-<i>"       copy button for the 公費負担者番号
 *   "subsidy-copy-recipient-<i>"     copy button for the 受給者番号
 *   "subsidy-validity-<i>"           its validity verdict label (words + colour class)
 *   "subsidy-not-shared"             the "ask for the paper certificate" note
 *   "questionnaire-row-<i>"          the i-th questionnaire item row, flagged ones first
 *   "questionnaire-not-shared"       note when questionnaires are not shared
 *   "vaccination-warning-<i>"        the i-th schedule warning label
 *   "vaccination-not-shared"         note when vaccinations are not shared
 *   "maternal-child-not-shared"      note when maternal/child data is not shared
 */
#pragma once

#include <adwaita.h>

#include "mado-reception-session.h"
#include "mado-resident-bundle.h"

G_BEGIN_DECLS

#define MADO_TYPE_RESIDENT_VIEW (mado_resident_view_get_type ())
G_DECLARE_FINAL_TYPE (MadoResidentView, mado_resident_view, MADO, RESIDENT_VIEW, GtkWidget)

GtkWidget *mado_resident_view_new         (void);
void       mado_resident_view_show        (MadoResidentView             *self,
                                           const MadoResidentBundle     *bundle,
                                           const MadoReceptionFreshness *freshness,
                                           const char                   *institution_code,
                                           const GDate                  *today);
void       mado_resident_view_clear       (MadoResidentView             *self);
void       mado_resident_view_show_card_expiry (MadoResidentView        *self,
                                                MadoCertificate         *certificate);
void       mado_resident_view_set_terminal_id (MadoResidentView         *self,
                                               const char               *terminal_id);
gboolean   mado_resident_view_is_complete (MadoResidentView             *self);
GtkWidget *mado_resident_view_find_named  (MadoResidentView             *self,
                                           const char                   *name);
gboolean   mado_resident_view_save_summary (MadoResidentView            *self,
                                            const char                  *path,
                                            GError                     **error);

G_END_DECLS
