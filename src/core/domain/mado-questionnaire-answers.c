/* mado-questionnaire-answers.c — a 予診票's answers: which come first, and in words
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-questionnaire-answers.h"

/**
 * mado_questionnaire_answers_flagged_first:
 * @out_n_flagged: (out) (optional): how many of the items need attention;
 *   they are the first ones
 *
 * Returns: (transfer container) (element-type MadoQuestionnaireItem): the
 *   items needing the doctor's attention first, each group in the form's order
 */
GPtrArray *
mado_questionnaire_answers_flagged_first (const MadoQuestionnaire *questionnaire,
                                          guint                   *out_n_flagged)
{
  GPtrArray *sorted = g_ptr_array_new ();
  guint n_flagged = 0;

  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; questionnaire->items != NULL && i < questionnaire->items->len; i++)
        {
          MadoQuestionnaireItem *item = g_ptr_array_index (questionnaire->items, i);

          if (item->needs_attention == (pass == 0))
            g_ptr_array_add (sorted, item);
        }
      if (pass == 0)
        n_flagged = sorted->len;
    }
  if (out_n_flagged != NULL)
    *out_n_flagged = n_flagged;
  return sorted;
}

/**
 * mado_questionnaire_answers_describe:
 *
 * Returns: (transfer full): the answer as the resident gave it: a number
 *   with its unit, yes or no, the text, or "not answered"
 */
char *
mado_questionnaire_answers_describe (const MadoQuestionnaireItem *item)
{
  switch (item->answer_kind)
    {
    case MADO_ANSWER_NUMBER:
      {
        char number[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd (number, sizeof number, "%.10g", item->answer_number);
        return g_strdup_printf ("%s%s", number, item->unit != NULL ? item->unit : "");
      }
    case MADO_ANSWER_BOOLEAN:
      return g_strdup (item->answer_boolean ? _("Yes") : _("No"));
    case MADO_ANSWER_TEXT:
      return g_strdup (item->answer_text != NULL ? item->answer_text : "");
    case MADO_ANSWER_NONE:
    default:
      return g_strdup (_("Not answered"));
    }
}
