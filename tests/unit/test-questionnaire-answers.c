/* test-questionnaire-answers.c — flagged answers first, and answers in words
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "madoguchi-core.h"

static MadoQuestionnaireItem *
item_new (const char *id,
          gboolean    needs_attention)
{
  MadoQuestionnaireItem *item = mado_questionnaire_item_new ();

  item->item_id = g_strdup (id);
  item->needs_attention = needs_attention;
  return item;
}

static MadoQuestionnaire *
form_new (const char * const *ids,
          const gboolean     *flags,
          guint               n)
{
  MadoQuestionnaire *q = mado_questionnaire_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (q->items, item_new (ids[i], flags[i]));
  return q;
}

static void
assert_order (GPtrArray          *items,
              const char * const *expected,
              guint               n)
{
  g_assert_cmpuint (items->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (((MadoQuestionnaireItem *) g_ptr_array_index (items, i))->item_id, ==,
                     expected[i]);
}

static void
test_flagged_first (void)
{
  const char * const ids[] = { "a", "b", "c", "d", "e" };
  const gboolean flags[] = { FALSE, TRUE, FALSE, TRUE, FALSE };
  const char * const expected[] = { "b", "d", "a", "c", "e" };
  MadoQuestionnaire *q = form_new (ids, flags, G_N_ELEMENTS (ids));
  g_autoptr(GPtrArray) items = NULL;
  guint n_flagged = 99;

  items = mado_questionnaire_answers_flagged_first (q, &n_flagged);
  g_assert_cmpuint (n_flagged, ==, 2);
  assert_order (items, expected, G_N_ELEMENTS (expected));
  g_clear_pointer (&items, g_ptr_array_unref);
  /* The count is optional; the order stays. */
  items = mado_questionnaire_answers_flagged_first (q, NULL);
  assert_order (items, expected, G_N_ELEMENTS (expected));
  mado_questionnaire_free (q);
}

static void
test_none_flagged (void)
{
  const char * const ids[] = { "a", "b" };
  const gboolean flags[] = { FALSE, FALSE };
  MadoQuestionnaire *q = form_new (ids, flags, G_N_ELEMENTS (ids));
  MadoQuestionnaire *empty = mado_questionnaire_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) no_items = NULL;
  guint n_flagged = 99;

  items = mado_questionnaire_answers_flagged_first (q, &n_flagged);
  g_assert_cmpuint (n_flagged, ==, 0);
  assert_order (items, ids, G_N_ELEMENTS (ids));

  g_clear_pointer (&empty->items, g_ptr_array_unref);
  no_items = mado_questionnaire_answers_flagged_first (empty, &n_flagged);
  g_assert_cmpuint (no_items->len, ==, 0);
  g_assert_cmpuint (n_flagged, ==, 0);
  mado_questionnaire_free (q);
  mado_questionnaire_free (empty);
}

static void
test_describe (void)
{
  MadoQuestionnaireItem *item = item_new ("temperature", TRUE);
  g_autofree char *number = NULL;
  g_autofree char *yes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;

  item->answer_kind = MADO_ANSWER_NUMBER;
  item->answer_number = 37.6;
  item->unit = g_strdup ("℃");
  number = mado_questionnaire_answers_describe (item);
  g_assert_cmpstr (number, ==, "37.6℃");

  item->answer_kind = MADO_ANSWER_BOOLEAN;
  item->answer_boolean = TRUE;
  yes = mado_questionnaire_answers_describe (item);
  g_assert_cmpstr (yes, ==, _("Yes"));

  item->answer_kind = MADO_ANSWER_TEXT;
  item->answer_text = g_strdup ("発熱時の対応を知りたい");
  text = mado_questionnaire_answers_describe (item);
  g_assert_cmpstr (text, ==, "発熱時の対応を知りたい");

  item->answer_kind = MADO_ANSWER_NONE;
  none = mado_questionnaire_answers_describe (item);
  g_assert_cmpstr (none, ==, _("Not answered"));
  mado_questionnaire_item_free (item);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/questionnaire-answers/flagged-first", test_flagged_first);
  g_test_add_func ("/core/questionnaire-answers/none-flagged", test_none_flagged);
  g_test_add_func ("/core/questionnaire-answers/describe", test_describe);

  return g_test_run ();
}
