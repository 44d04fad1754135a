/* mado-resident-sections.c — the sections of the resident screen, built from a bundle
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-doctor-section.h"
#include "mado-resident-history.h"
#include "mado-resident-format.h"
#include "mado-resident-sections.h"

/* ---- small builders ---------------------------------------------------- */

/* Lines up to this many characters never wrap: a date, a dose, a lot
 * number, a heading. Longer ones (and labels filled in later) wrap, but
 * never narrower than WRAP_FLOOR_CHARS. GTK measures a wrapping label by
 * laying its text out again at every width it is asked about, and with no
 * minimum width it starts at width 0: one line per character in Japanese,
 * each line shaped anew. With every label wrapping, that was most of the
 * time from card to screen (docs/performance.md, "The resident screen"). */
#define WRAP_CHARS       12
/* Under the shortest line that wraps, so that the label's natural width
 * (its text on one line) is never under this minimum. */
#define WRAP_FLOOR_CHARS 8

static glong
longest_line_chars (const char *text)
{
  glong longest = 0;

  for (const char *line = text; line != NULL; )
    {
      const char *end = strchr (line, '\n');

      longest = MAX (longest, g_utf8_strlen (line, end != NULL ? end - line : -1));
      line = end != NULL ? end + 1 : NULL;
    }
  return longest;
}

GtkWidget *
mado_resident_label_new (const char *text,
                         const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (text == NULL || longest_line_chars (text) > WRAP_CHARS)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* Its natural width is the text on one line: asking for it takes one
       * layout, not a search for the best wrap. */
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
      /* Not for a label filled in later: empty, its natural width (0) would
       * be under that minimum. */
      if (text != NULL)
        gtk_label_set_width_chars (GTK_LABEL (label), WRAP_FLOOR_CHARS);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* An icon and words: colour is never the only carrier of meaning. */
GtkWidget *
mado_resident_note_new (const char *icon_name,
                        const char *text,
                        const char *css_class)
{
  GtkWidget *note = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = mado_resident_label_new (text, NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (note), icon);
  gtk_box_append (GTK_BOX (note), label);
  gtk_widget_add_css_class (note, "resident-note");
  if (css_class != NULL)
    gtk_widget_add_css_class (note, css_class);
  return note;
}

GtkBox *
mado_resident_section_new (GtkBox     *box,
                           const char *title)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *heading = mado_resident_label_new (title, "title-2");

  gtk_widget_add_css_class (section, "resident-section");
  gtk_accessible_update_property (GTK_ACCESSIBLE (section),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (section), heading);
  gtk_box_append (box, section);
  return GTK_BOX (section);
}

/* What stands in a section the resident did not share: never nothing. */
void
mado_resident_not_shared_add (GtkBox     *section,
                              const char *name,
                              const char *text)
{
  GtkWidget *note = mado_resident_note_new ("action-unavailable-symbolic", text, "not-shared");

  gtk_widget_set_name (note, name);
  gtk_box_append (section, note);
}

/* Names for tests: "<prefix>-<index>". */
void
mado_resident_set_named (GtkWidget  *widget,
                         const char *prefix,
                         guint       index)
{
  g_autofree char *name = g_strdup_printf ("%s-%u", prefix, index);

  gtk_widget_set_name (widget, name);
}

/* A table: bold header row, then cells; @n_columns strings per row. */
GtkGrid *
mado_resident_table_new (const char * const *headers,
           guint               n_columns)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_add_css_class (grid, "data-table");
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *header = mado_resident_label_new (_(headers[c]), "table-header");

      /* The last column takes the spare width, so the header band is whole. */
      gtk_widget_set_hexpand (header, c + 1 == n_columns);
      gtk_grid_attach (GTK_GRID (grid), header, (int) c, 0, 1, 1);
    }
  return GTK_GRID (grid);
}

void
mado_resident_table_set (GtkGrid    *grid,
           guint       row,
           guint       column,
           const char *text)
{
  GtkWidget *cell = mado_resident_label_new (text != NULL && *text != '\0' ? text : "—", NULL);

  gtk_grid_attach (grid, cell, (int) column, (int) row, 1, 1);
}

GtkWidget *
mado_resident_framed (GtkWidget *child)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_frame_set_child (GTK_FRAME (frame), child);
  return frame;
}

/* ---- 予診票 ------------------------------------------------------------- */

/* One question and its answer; @reason is set when the answer needs the
 * doctor's attention. */
static GtkWidget *
question_row_new (const char *question_text,
                  const char *answer_text,
                  const char *reason,
                  const char *name_prefix,
                  guint       index)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *question = mado_resident_label_new (question_text, NULL);
  GtkWidget *answer = mado_resident_label_new (answer_text, "question-answer");

  gtk_widget_add_css_class (row, "questionnaire-row");
  mado_resident_set_named (row, name_prefix, index);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (answer), 1.0f);
  /* Short answers (37.6℃, Yes) never break (mado_resident_label_new());
   * long free text wraps, at most 30 characters wide. */
  gtk_label_set_max_width_chars (GTK_LABEL (answer), 30);
  gtk_widget_set_valign (answer, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (texts), question);
  if (reason != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("Needs the doctor's attention: %s"), reason);

      gtk_widget_add_css_class (row, "attention-row");
      gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_box_append (GTK_BOX (texts), mado_resident_label_new (why, "attention-reason"));
    }
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), answer);
  return row;
}

/* The doctor's section: read-only for reception, signed by a doctor
 * (mado-doctor-section.c). */
static void
add_doctor_section (GtkBox                   *box,
                    const MadoResidentBundle *bundle,
                    const MadoQuestionnaire  *questionnaire)
{
  if (questionnaire->doctor_section == NULL || questionnaire->doctor_section->len == 0)
    return;
  gtk_box_append (box, mado_resident_label_new (_("Doctor's section (filled in by the doctor)"),
                                                "heading"));
  gtk_box_append (box, mado_doctor_section_new (bundle, questionnaire));
}

static char *
describe_questionnaire (const MadoQuestionnaire *questionnaire)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (questionnaire->answered_at == NULL)
    return g_strdup_printf (_("Vaccine: %s"), questionnaire->vaccine ? questionnaire->vaccine : "—");
  local = g_date_time_to_local (questionnaire->answered_at);
  when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  return g_strdup_printf (_("Vaccine: %s · answered %s"),
                          questionnaire->vaccine ? questionnaire->vaccine : "—", when);
}

static GtkWidget *
questionnaire_card_new (const char *title,
                        const char *subtitle)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "questionnaire-card");
  gtk_box_append (GTK_BOX (card), mado_resident_label_new (title, "title-3"));
  gtk_box_append (GTK_BOX (card), mado_resident_label_new (subtitle, "dim-label"));
  return card;
}

/* The flagged answers first, as text: question, answer and reason ("" when
 * none) per item, after the title and subtitle. */
static GStrv
questionnaire_texts (const MadoQuestionnaire *questionnaire)
{
  g_autoptr(GPtrArray) items = mado_questionnaire_answers_flagged_first (questionnaire, NULL);
  GPtrArray *texts = g_ptr_array_new ();

  g_ptr_array_add (texts, g_strdup (questionnaire->title));
  g_ptr_array_add (texts, describe_questionnaire (questionnaire));
  for (guint i = 0; i < items->len; i++)
    {
      const MadoQuestionnaireItem *item = g_ptr_array_index (items, i);

      g_ptr_array_add (texts, g_strdup (item->text));
      g_ptr_array_add (texts, mado_questionnaire_answers_describe (item));
      g_ptr_array_add (texts, g_strdup (!item->needs_attention ? ""
                                        : item->attention_reason != NULL ? item->attention_reason
                                        : _("see the answer")));
    }
  g_ptr_array_add (texts, NULL);
  return (GStrv) g_ptr_array_free (texts, FALSE);
}

static GtkWidget *
card_from_texts (GStrv  texts,
                 const char *name_prefix,
                 guint *row_index)
{
  GtkWidget *card = questionnaire_card_new (texts[0], texts[1]);

  for (guint i = 2; texts[i] != NULL && texts[i + 1] != NULL && texts[i + 2] != NULL; i += 3)
    gtk_box_append (GTK_BOX (card), question_row_new (texts[i], texts[i + 1],
                                                      *texts[i + 2] != '\0' ? texts[i + 2] : NULL,
                                                      name_prefix, (*row_index)++));
  return card;
}

static void
add_questionnaire (GtkBox                   *section,
                   const MadoResidentBundle *bundle,
                   const MadoQuestionnaire  *questionnaire,
                   guint                    *row_index)
{
  g_auto(GStrv) texts = questionnaire_texts (questionnaire);
  GtkWidget *card = card_from_texts (texts, "questionnaire-row", row_index);

  add_doctor_section (GTK_BOX (card), bundle, questionnaire);
  gtk_box_append (section, card);
}

/* The earlier questionnaires' cards, made when their expander opens. */
static GtkWidget *
older_questionnaires_new (GPtrArray *all_texts)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  guint row_index = 0;

  for (guint i = 0; i < all_texts->len; i++)
    gtk_box_append (GTK_BOX (box), card_from_texts (g_ptr_array_index (all_texts, i),
                                                    "questionnaire-older-row", &row_index));
  return box;
}

/* Many questionnaires: the latest ones in full, the others behind one
 * expander whose cards are made when it opens. */
static void
add_many_questionnaires (GtkBox                   *section,
                         const MadoResidentBundle *bundle)
{
  g_autoptr(GPtrArray) order = g_ptr_array_copy (bundle->questionnaires, NULL, NULL);
  GPtrArray *older = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *label = NULL;
  guint row_index = 0;

  /* The copy borrows the questionnaires: it must not free them. */
  g_ptr_array_set_free_func (order, NULL);
  g_ptr_array_sort (order, mado_questionnaire_compare_latest_first);
  for (guint i = 0; i < order->len; i++)
    {
      if (i < MADO_RESIDENT_QUESTIONNAIRES_OPEN)
        add_questionnaire (section, bundle, g_ptr_array_index (order, i), &row_index);
      else
        g_ptr_array_add (older, questionnaire_texts (g_ptr_array_index (order, i)));
    }
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u earlier questionnaire",
                                        "%u earlier questionnaires", older->len), older->len);
  gtk_box_append (section, mado_resident_history_expander_new (label, "questionnaires-older", older,
                                                               older_questionnaires_new));
}

void
mado_resident_sections_add_questionnaires (GtkBox                   *box,
                                           const MadoResidentBundle *bundle)
{
  GtkBox *section = mado_resident_section_new (box, _("Vaccination questionnaire"));
  guint row_index = 0;

  if (bundle->questionnaires == NULL)
    {
      mado_resident_not_shared_add (section, "questionnaire-not-shared",
                      _("Not shared today: the resident did not share vaccination data. "
                        "Use the paper questionnaire."));
      return;
    }
  if (bundle->questionnaires->len == 0)
    {
      mado_resident_not_shared_add (section, "questionnaire-not-shared",
                      _("No questionnaire was filled in online. Use the paper questionnaire."));
      return;
    }
  if (bundle->questionnaires->len > MADO_RESIDENT_QUESTIONNAIRES_OPEN)
    {
      add_many_questionnaires (section, bundle);
      return;
    }
  for (guint i = 0; i < bundle->questionnaires->len; i++)
    add_questionnaire (section, bundle, g_ptr_array_index (bundle->questionnaires, i), &row_index);
}

/* ---- 接種歴 ------------------------------------------------------------- */

static void
add_schedule_check (GtkBox                   *section,
                    const MadoResidentBundle *bundle,
                    const char               *vaccine,
                    const GDate              *today,
                    guint                    *warning_index)
{
  g_autoptr(GPtrArray) warnings = mado_vaccine_mapping_check_intended (bundle, vaccine, today);
  g_autofree char *text = NULL;

  if (warnings == NULL)
    {
      text = g_strdup_printf (_("Cannot tell which vaccine “%s” is: check the intervals by hand."),
                              vaccine);
      gtk_box_append (section, mado_resident_note_new ("dialog-warning-symbolic", text, "warning"));
      return;
    }
  if (warnings->len == 0)
    {
      text = g_strdup_printf (_("%s today: no interval problem found in the shared history."),
                              vaccine);
      gtk_box_append (section, mado_resident_note_new ("emblem-ok-symbolic", text, "success"));
      return;
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      const MadoScheduleWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *note;

      text = g_strdup_printf (_("Schedule warning for %s today: %s"), vaccine, warning->message);
      note = mado_resident_note_new ("dialog-error-symbolic", text, "error");
      gtk_widget_add_css_class (note, "schedule-warning");
      mado_resident_set_named (note, "vaccination-warning", (*warning_index)++);
      gtk_box_append (section, note);
      g_clear_pointer (&text, g_free);
    }
}

/* Where a due dose stands today: the desk sees at once what may be given
 * now and what was missed. */
static GtkWidget *
due_state_new (const MadoImmunizationDue *due,
               const GDate               *today,
               guint                      index)
{
  const char *words = _("Due now");
  const char *icon = "emblem-ok-symbolic";
  const char *style = "success";
  GtkWidget *state;

  if (g_date_valid (&due->due_to) && g_date_compare (today, &due->due_to) > 0)
    words = _("Overdue"), icon = "dialog-error-symbolic", style = "error";
  else if (g_date_valid (&due->due_from) && g_date_compare (today, &due->due_from) < 0)
    words = _("Not yet"), icon = "content-loading-symbolic", style = "dim-label";
  state = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (state), gtk_image_new_from_icon_name (icon));
  gtk_box_append (GTK_BOX (state), mado_resident_label_new (words, NULL));
  gtk_widget_add_css_class (state, "due-state");
  gtk_widget_add_css_class (state, style);
  mado_resident_set_named (state, "vaccination-due-state", index);
  return state;
}

static void
add_due (GtkBox                   *section,
         const MadoResidentBundle *bundle,
         const GDate              *today)
{
  static const char * const headers[] = {
    N_("Vaccine"), N_("Dose"), N_("From"), N_("Until"), N_("Today"),
  };
  GtkGrid *table;

  gtk_box_append (section, mado_resident_label_new (_("Due"), "title-4"));
  if (bundle->immunizations_due == NULL || bundle->immunizations_due->len == 0)
    {
      gtk_box_append (section, mado_resident_label_new (_("Nothing is due."), "dim-label"));
      return;
    }
  table = mado_resident_table_new (headers, G_N_ELEMENTS (headers));
  for (guint i = 0; i < bundle->immunizations_due->len; i++)
    {
      const MadoImmunizationDue *due = g_ptr_array_index (bundle->immunizations_due, i);
      g_autofree char *dose = due->dose_number > 0 ? g_strdup_printf ("%d", due->dose_number) : NULL;
      g_autofree char *from = mado_date_format (&due->due_from);
      g_autofree char *to = mado_date_format (&due->due_to);

      mado_resident_table_set (table, i + 1, 0, due->vaccine);
      mado_resident_table_set (table, i + 1, 1, dose);
      mado_resident_table_set (table, i + 1, 2, from);
      mado_resident_table_set (table, i + 1, 3, to);
      gtk_grid_attach (table, due_state_new (due, today, i), 4, (int) i + 1, 1, 1);
    }
  gtk_box_append (section, mado_resident_framed (GTK_WIDGET (table)));
}

void
mado_resident_sections_add_vaccinations (GtkBox                   *box,
                                         const MadoResidentBundle *bundle,
                                         const GDate              *today)
{
  GtkBox *section = mado_resident_section_new (box, _("Vaccination history"));
  guint warning_index = 0;

  if (bundle->immunizations == NULL && bundle->immunizations_due == NULL)
    {
      mado_resident_not_shared_add (section, "vaccination-not-shared",
                      _("Not shared today: the resident did not share vaccination data. "
                        "Ask for the maternal and child health handbook."));
      return;
    }
  /* The vaccine intended today is the one the questionnaire is for. */
  for (guint i = 0; bundle->questionnaires != NULL && i < bundle->questionnaires->len; i++)
    {
      const MadoQuestionnaire *questionnaire = g_ptr_array_index (bundle->questionnaires, i);

      if (questionnaire->vaccine != NULL)
        add_schedule_check (section, bundle, questionnaire->vaccine, today, &warning_index);
    }
  mado_resident_history_add (section, bundle, today);
  add_due (section, bundle, today);
}

/* ---- 母子保健 ----------------------------------------------------------- */

static char *
format_number (gboolean    has,
               double      value,
               const char *unit)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (!has)
    return NULL;
  g_ascii_formatd (number, sizeof number, "%.1f", value);
  return g_strdup_printf ("%s %s", number, unit);
}

static void
add_pregnancy (GtkBox            *section,
               const GPtrArray   *checkups)
{
  static const char * const headers[] = {
    N_("Date"), N_("Weeks"), N_("Weight"), N_("Blood pressure"), N_("Findings"),
  };
  GtkGrid *table;

  gtk_box_append (section, mado_resident_label_new (_("Pregnancy check-ups"), "title-4"));
  if (checkups->len == 0)
    {
      gtk_box_append (section, mado_resident_label_new (_("None recorded."), "dim-label"));
      return;
    }
  table = mado_resident_table_new (headers, G_N_ELEMENTS (headers));
  for (guint i = 0; i < checkups->len; i++)
    {
      const MadoPregnancyCheckup *checkup = g_ptr_array_index (checkups, i);
      g_autofree char *date = mado_date_format (&checkup->date);
      g_autofree char *weeks = checkup->gestation_weeks >= 0
                               ? g_strdup_printf ("%d", checkup->gestation_weeks) : NULL;
      g_autofree char *weight = format_number (checkup->has_weight, checkup->weight_kg, "kg");

      mado_resident_table_set (table, i + 1, 0, date);
      mado_resident_table_set (table, i + 1, 1, weeks);
      mado_resident_table_set (table, i + 1, 2, weight);
      mado_resident_table_set (table, i + 1, 3, checkup->blood_pressure);
      mado_resident_table_set (table, i + 1, 4, checkup->findings);
    }
  gtk_box_append (section, mado_resident_framed (GTK_WIDGET (table)));
}

static void
add_infant_row (GtkGrid                 *table,
                guint                    row,
                const MadoInfantCheckup *checkup)
{
  g_autofree char *date = mado_date_format (&checkup->date);
  g_autofree char *kind = mado_format_checkup_kind (checkup->kind);
  g_autofree char *age = checkup->age_months >= 0 ? g_strdup_printf ("%d", checkup->age_months) : NULL;
  g_autofree char *height = format_number (checkup->has_height, checkup->height_cm, "cm");
  g_autofree char *weight = format_number (checkup->has_weight, checkup->weight_kg, "kg");
  g_autofree char *head = format_number (checkup->has_head_circumference,
                                         checkup->head_circumference_cm, "cm");
  g_autofree char *chest = format_number (checkup->has_chest_circumference,
                                          checkup->chest_circumference_cm, "cm");

  mado_resident_table_set (table, row, 0, date);
  mado_resident_table_set (table, row, 1, kind);
  mado_resident_table_set (table, row, 2, age);
  mado_resident_table_set (table, row, 3, height);
  mado_resident_table_set (table, row, 4, weight);
  mado_resident_table_set (table, row, 5, head);
  mado_resident_table_set (table, row, 6, chest);
  mado_resident_table_set (table, row, 7, checkup->urine_test);
  mado_resident_table_set (table, row, 8, checkup->notes);
}

static void
add_infant (GtkBox          *section,
            const GPtrArray *checkups)
{
  static const char * const headers[] = {
    N_("Date"), N_("Check-up"), N_("Months"), N_("Height"), N_("Weight"),
    N_("Head"), N_("Chest"), N_("Urine"), N_("Notes"),
  };
  GtkGrid *table;

  gtk_box_append (section, mado_resident_label_new (_("Infant check-ups"), "title-4"));
  if (checkups->len == 0)
    {
      gtk_box_append (section, mado_resident_label_new (_("None recorded."), "dim-label"));
      return;
    }
  table = mado_resident_table_new (headers, G_N_ELEMENTS (headers));
  for (guint i = 0; i < checkups->len; i++)
    add_infant_row (table, i + 1, g_ptr_array_index (checkups, i));
  gtk_box_append (section, mado_resident_framed (GTK_WIDGET (table)));
}

void
mado_resident_sections_add_maternal_child (GtkBox                   *box,
                                           const MadoResidentBundle *bundle)
{
  GtkBox *section = mado_resident_section_new (box, _("Maternal and child health"));
  const MadoMaternalChild *mc = bundle->maternal_child;

  if (mc == NULL)
    {
      mado_resident_not_shared_add (section, "maternal-child-not-shared",
                      _("Not shared today: the resident did not share maternal and child "
                        "health data. Ask for the maternal and child health handbook."));
      return;
    }
  if (mc->pregnancy_checkups != NULL && mc->pregnancy_checkups->len > 0)
    add_pregnancy (section, mc->pregnancy_checkups);
  if (mc->infant_checkups != NULL && mc->infant_checkups->len > 0)
    add_infant (section, mc->infant_checkups);
  if ((mc->pregnancy_checkups == NULL || mc->pregnancy_checkups->len == 0) &&
      (mc->infant_checkups == NULL || mc->infant_checkups->len == 0))
    gtk_box_append (section, mado_resident_label_new (_("No check-up was recorded."), "dim-label"));
}
