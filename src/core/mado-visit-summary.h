/* mado-visit-summary.h — the one-page visit summary's content and text
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A summary is a snapshot taken when the resident screen is filled: it owns
 * copies of what it prints, so printing never reaches into a bundle the
 * reception session may already have dropped. It holds: the name, date of
 * birth, the subsidy numbers with today's verdicts and monthly caps, today's
 * vaccine and dose (the plan from the bundle, or what this desk recorded),
 * the flagged questionnaire items, the doctor's boxes, when the hub
 * confirmed the data (a time, never "now"), the terminal ID; the date and
 * time are given when the page is drawn. Every print and save is audited
 * (mado_visit_summary_audit()). The app draws it (mado-visit-summary-print.c).
 */
#pragma once

#include "mado-reception-session.h"
#include "mado-resident-bundle.h"
#include "mado-store.h"

G_BEGIN_DECLS

typedef struct _MadoVisitSummary MadoVisitSummary;

MadoVisitSummary *mado_visit_summary_new                (const MadoResidentBundle     *bundle,
                                                         const MadoReceptionFreshness *freshness,
                                                         const char                   *institution_code,
                                                         const char                   *terminal_id,
                                                         const GDate                  *today);
void              mado_visit_summary_free               (MadoVisitSummary             *summary);
const char       *mado_visit_summary_get_resident_ref   (const MadoVisitSummary       *summary);
char             *mado_visit_summary_to_text            (const MadoVisitSummary       *summary,
                                                         GDateTime                    *printed_at);
char             *mado_visit_summary_to_markup          (const MadoVisitSummary       *summary,
                                                         GDateTime                    *printed_at);
char             *mado_visit_summary_describe_birth     (const MadoBasicInfo          *info,
                                                         const GDate                  *today);
char             *mado_visit_summary_describe_freshness (const MadoReceptionFreshness *freshness);
char             *mado_visit_summary_describe_identity  (const MadoReceptionFreshness *freshness);
char             *mado_visit_summary_describe_confirmation (const MadoReceptionFreshness *freshness);
void              mado_visit_summary_set_recorded       (MadoVisitSummary             *summary,
                                                         const char                   *vaccine,
                                                         const char                   *description,
                                                         const char                   *author,
                                                         GDateTime                    *at);
void              mado_visit_summary_set_judged         (MadoVisitSummary             *summary,
                                                         const char                   *description,
                                                         const char                   *author,
                                                         GDateTime                    *at);
gboolean          mado_visit_summary_audit              (const MadoVisitSummary       *summary,
                                                         MadoStore                    *store,
                                                         const char                   *operator_id,
                                                         gboolean                      saved,
                                                         const char                   *where,
                                                         GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoVisitSummary, mado_visit_summary_free)

G_END_DECLS
