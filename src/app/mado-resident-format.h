/* mado-resident-format.h — words and numbers of the resident screen and its summary
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the screen (mado-resident-view.c) and the printed summary
 * (mado-visit-summary.c), so both say the same thing the same way.
 */
#pragma once

#include "mado-reception-session.h"
#include "mado-resident-bundle.h"
#include "mado-subsidy-validity.h"

G_BEGIN_DECLS

char               *mado_format_date            (const GDate *date);
char               *mado_format_yen             (gint64       yen);
char               *mado_format_freshness       (const MadoReceptionFreshness *freshness);
char               *mado_format_identity        (const MadoReceptionFreshness *freshness);
char               *mado_format_answer          (const MadoQuestionnaireItem  *item);
const char         *mado_validity_style_class   (MadoValidity       validity);
const char         *mado_validity_icon_name     (MadoValidity       validity);
GPtrArray          *mado_questionnaire_items_flagged_first (const MadoQuestionnaire *questionnaire);

G_END_DECLS
