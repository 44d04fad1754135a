/* mado-patient-questionnaire.c — the resident's own 予診票 questions on the patient window, in their language
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-patient-questionnaire.h"

/* The list scrolls inside the done screen so that the screen still fits
 * 1024×600 with sixteen questions. */
#define LIST_MAX_HEIGHT 260

/**
 * mado_patient_questionnaire_new:
 *
 * Returns: (transfer floating): an empty, hidden block for the done screen
 */
GtkWidget *
mado_patient_questionnaire_new (void)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), LIST_MAX_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_set_name (scroller, "patient-questionnaire");
  gtk_widget_add_css_class (scroller, "patient-questionnaire");
  gtk_widget_set_visible (scroller, FALSE);
  return scroller;
}

static GtkBox *
list_of (GtkWidget *questionnaire)
{
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (questionnaire));

  /* The scrolled window wraps the box in a viewport. */
  if (GTK_IS_VIEWPORT (child))
    child = gtk_viewport_get_child (GTK_VIEWPORT (child));
  return GTK_BOX (child);
}

/**
 * mado_patient_questionnaire_clear:
 *
 * Removes every question and hides the block.
 */
void
mado_patient_questionnaire_clear (GtkWidget *questionnaire)
{
  GtkBox *box = list_of (questionnaire);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  gtk_widget_set_visible (questionnaire, FALSE);
}

/* Pango is told the language of each line, so a Han character takes its
 * Chinese or Japanese form: a question the hub did not translate is
 * Japanese whatever the resident chose. Plain text, never markup: the
 * decoder has sanitised it, and nothing in it is read as formatting. */
static GtkWidget *
line_new (const char *text,
          const char *language,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_language_new (pango_language_from_string (language)));
  gtk_label_set_attributes (GTK_LABEL (label), attributes);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/**
 * mado_patient_questionnaire_show:
 * @bundle: the visit's bundle; only its latest questionnaire's questions
 *   are read, and copied
 * @language: the resident's language (mado_patient_text_languages())
 * @heading: the block's title, already in @language
 *
 * Lists the questions in @language where the hub sent a translation, else
 * as written (Japanese). Never an answer, a unit or an attention flag.
 *
 * Returns: how many questions are shown (0: the block stays hidden)
 */
guint
mado_patient_questionnaire_show (GtkWidget                *questionnaire,
                                 const MadoResidentBundle *bundle,
                                 const char               *language,
                                 const char               *heading)
{
  const MadoQuestionnaire *q;
  GtkBox *box = list_of (questionnaire);
  GtkWidget *title;

  mado_patient_questionnaire_clear (questionnaire);
  q = bundle != NULL ? mado_resident_bundle_get_latest_questionnaire (bundle) : NULL;
  if (q == NULL || q->items == NULL || q->items->len == 0)
    return 0;
  title = line_new (heading, language, "patient-questionnaire-heading");
  gtk_widget_set_name (title, "patient-questionnaire-heading");
  gtk_box_append (box, title);
  for (guint i = 0; i < q->items->len; i++)
    {
      const MadoQuestionnaireItem *item = g_ptr_array_index (q->items, i);
      const char *text = mado_questionnaire_item_get_text_in (item, language);
      g_autofree char *line = g_strdup_printf ("%u. %s", i + 1, text != NULL ? text : item->text);

      gtk_box_append (box, line_new (line, text != NULL ? language : "ja", "patient-questionnaire-item"));
    }
  gtk_widget_set_visible (questionnaire, TRUE);
  return q->items->len;
}
