/* mado-questionnaire-answers.h — a 予診票's answers: which come first, and in words
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screen lists every answer with the flagged ones first; the printed
 * summary and `madoguchi-cli verify` list only the flagged ones. All three
 * take them from mado_questionnaire_answers_flagged_first().
 */
#pragma once

#include "mado-resident-bundle.h"

G_BEGIN_DECLS

GPtrArray *mado_questionnaire_answers_flagged_first (const MadoQuestionnaire     *questionnaire,
                                                   guint                       *out_n_flagged);
char      *mado_questionnaire_answers_describe      (const MadoQuestionnaireItem *item);

G_END_DECLS
