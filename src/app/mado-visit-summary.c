/* mado-visit-summary.c — the one-page visit summary: print or save as PDF
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-age.h"
#include "mado-resident-format.h"
#include "mado-visit-summary.h"

#define SUMMARY_FONT_POINTS     11.0
#define SUMMARY_MIN_FONT_POINTS  5.0

typedef struct {
  char *certification_name;
  char *insurer_number;
  char *recipient_number;
  char *verdict;
  char *period;
} SummarySubsidy;

struct _MadoVisitSummary
{
  char      *name;
  char      *birth;
  gboolean   not_disclosed;
  char      *subsidy_note;     /* (nullable): why no certificate is listed */
  GPtrArray *subsidies;        /* (element-type SummarySubsidy) */
  char      *questionnaire_note; /* (nullable): why no flagged item is listed */
  GPtrArray *flagged;          /* (element-type utf8): "question: answer (reason)" */
  char      *freshness;
  char      *identity;
  char      *terminal_id;
};

static void
summary_subsidy_free (SummarySubsidy *subsidy)
{
  g_free (subsidy->certification_name);
  g_free (subsidy->insurer_number);
  g_free (subsidy->recipient_number);
  g_free (subsidy->verdict);
  g_free (subsidy->period);
  g_free (subsidy);
}

static char *
birth_text (const MadoBasicInfo *info,
            const GDate         *today)
{
  g_autofree char *born = mado_format_date (&info->birth_date);
  MadoAge age;

  if (g_date_valid (&info->birth_date) && mado_age_on (&info->birth_date, today, &age))
    {
      g_autofree char *words = mado_age_describe (&age);

      return g_strdup_printf (_("Born %s · %s"), born, words);
    }
  return g_strdup_printf (_("Born %s"), born);
}

static void
take_subsidies (MadoVisitSummary         *summary,
                const MadoResidentBundle *bundle,
                const GDate              *today)
{
  summary->subsidies = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_subsidy_free);
  if (bundle->subsidies == NULL || bundle->subsidies->len == 0)
    {
      summary->subsidy_note = g_strdup (_("No subsidy certificate shared today: ask for the "
                                          "paper certificate."));
      return;
    }
  for (guint i = 0; i < bundle->subsidies->len; i++)
    {
      const MadoSubsidy *subsidy = g_ptr_array_index (bundle->subsidies, i);
      SummarySubsidy *copy = g_new0 (SummarySubsidy, 1);

      copy->certification_name = g_strdup (subsidy->certification_name);
      copy->insurer_number = g_strdup (subsidy->medical_subsidy_insurer_number);
      copy->recipient_number = g_strdup (subsidy->medical_subsidy_recipient_number);
      copy->verdict = mado_subsidy_validity_describe (subsidy, today);
      copy->period = mado_subsidy_validity_describe_period (subsidy);
      g_ptr_array_add (summary->subsidies, copy);
    }
}

static void
take_flagged (MadoVisitSummary         *summary,
              const MadoResidentBundle *bundle)
{
  summary->flagged = g_ptr_array_new_with_free_func (g_free);
  if (bundle->questionnaires == NULL)
    {
      summary->questionnaire_note = g_strdup (_("Questionnaires not shared today."));
      return;
    }
  for (guint q = 0; q < bundle->questionnaires->len; q++)
    {
      const MadoQuestionnaire *questionnaire = g_ptr_array_index (bundle->questionnaires, q);

      for (guint i = 0; questionnaire->items != NULL && i < questionnaire->items->len; i++)
        {
          const MadoQuestionnaireItem *item = g_ptr_array_index (questionnaire->items, i);
          g_autofree char *answer = NULL;

          if (!item->needs_attention)
            continue;
          answer = mado_format_answer (item);
          g_ptr_array_add (summary->flagged,
                           g_strdup_printf ("%s: %s (%s)", item->text, answer,
                                            item->attention_reason != NULL
                                              ? item->attention_reason : "—"));
        }
    }
  if (summary->flagged->len == 0)
    summary->questionnaire_note = g_strdup (_("No answer needs the doctor's attention."));
}

/**
 * mado_visit_summary_new:
 * @bundle: the resident's bundle; copied from, not kept
 * @freshness: (nullable): how fresh @bundle is
 * @institution_code: (nullable): unused on paper today; kept for symmetry
 *   with the screen
 * @terminal_id: (nullable): this terminal's ID, printed at the foot
 * @today: the day the verdicts are for
 *
 * Returns: (transfer full): a snapshot to print
 */
MadoVisitSummary *
mado_visit_summary_new (const MadoResidentBundle     *bundle,
                        const MadoReceptionFreshness *freshness,
                        const char                   *institution_code,
                        const char                   *terminal_id,
                        const GDate                  *today)
{
  MadoVisitSummary *summary;

  g_return_val_if_fail (bundle != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  (void) institution_code;
  summary = g_new0 (MadoVisitSummary, 1);
  summary->name = g_strdup (bundle->basic_info.name);
  summary->birth = birth_text (&bundle->basic_info, today);
  summary->not_disclosed = bundle->is_not_disclosed;
  take_subsidies (summary, bundle, today);
  take_flagged (summary, bundle);
  summary->freshness = mado_format_freshness (freshness);
  summary->identity = mado_format_identity (freshness);
  summary->terminal_id = g_strdup (terminal_id != NULL ? terminal_id : "—");
  return summary;
}

void
mado_visit_summary_free (MadoVisitSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->name);
  g_free (summary->birth);
  g_free (summary->subsidy_note);
  g_ptr_array_unref (summary->subsidies);
  g_free (summary->questionnaire_note);
  g_ptr_array_unref (summary->flagged);
  g_free (summary->freshness);
  g_free (summary->identity);
  g_free (summary->terminal_id);
  g_free (summary);
}

/* Builds the page as Pango markup when @markup, else as plain text: the one
 * order of content serves the page and the tests. */
static char *
summary_build (const MadoVisitSummary *summary,
               GDateTime              *printed_at,
               gboolean                markup)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *when = g_date_time_format (printed_at, "%Y-%m-%d %H:%M");
  const char *b = markup ? "<b>" : "", *end_b = markup ? "</b>" : "";
  const char *big = markup ? "<span size=\"xx-large\" weight=\"bold\">" : "";
  const char *mono = markup ? "<span font_family=\"monospace\" size=\"large\" weight=\"bold\">" : "";
  const char *end_span = markup ? "</span>" : "";

#define ADD(...) g_string_append_printf (out, __VA_ARGS__)
#define ESC(text) (markup ? g_markup_escape_text ((text), -1) : g_strdup (text))
  {
    g_autofree char *name = ESC (summary->name);
    g_autofree char *birth = ESC (summary->birth);

    ADD ("%s%s%s\n", b, _("Visit summary"), end_b);
    ADD ("%s%s%s\n%s\n", big, name, end_span, birth);
    if (summary->not_disclosed)
      ADD ("%s%s%s\n", b, _("Not disclosed (非開示): show this page to no one else."), end_b);
  }
  ADD ("\n%s%s%s\n", b, _("Medical expense subsidies"), end_b);
  if (summary->subsidy_note != NULL)
    {
      g_autofree char *note = ESC (summary->subsidy_note);

      ADD ("%s\n", note);
    }
  for (guint i = 0; i < summary->subsidies->len; i++)
    {
      const SummarySubsidy *s = g_ptr_array_index (summary->subsidies, i);
      g_autofree char *cert = ESC (s->certification_name);
      g_autofree char *insurer = ESC (s->insurer_number);
      g_autofree char *recipient = ESC (s->recipient_number);
      g_autofree char *verdict = ESC (s->verdict);
      g_autofree char *period = ESC (s->period);

      ADD ("%s  [%s]  %s\n", cert, verdict, period);
      ADD ("  %s %s%s%s    %s %s%s%s\n", _("Payer number:"), mono, insurer, end_span,
           _("Recipient number:"), mono, recipient, end_span);
    }
  ADD ("\n%s%s%s\n", b, _("Questionnaire answers needing attention"), end_b);
  if (summary->questionnaire_note != NULL)
    {
      g_autofree char *note = ESC (summary->questionnaire_note);

      ADD ("%s\n", note);
    }
  for (guint i = 0; i < summary->flagged->len; i++)
    {
      g_autofree char *item = ESC (g_ptr_array_index (summary->flagged, i));

      ADD ("• %s\n", item);
    }
  {
    g_autofree char *freshness = ESC (summary->freshness);
    g_autofree char *identity = ESC (summary->identity);

    ADD ("\n%s\n%s\n", freshness, identity);
  }
  {
    g_autofree char *terminal = ESC (summary->terminal_id);

    ADD (_("Printed %s · terminal %s"), when, terminal);
    ADD ("\n");
  }
#undef ESC
#undef ADD
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * mado_visit_summary_to_text:
 * @printed_at: the date and time printed at the foot
 *
 * Returns: (transfer full): the page's text without formatting
 */
char *
mado_visit_summary_to_text (const MadoVisitSummary *summary,
                            GDateTime              *printed_at)
{
  g_return_val_if_fail (summary != NULL && printed_at != NULL, NULL);

  return summary_build (summary, printed_at, FALSE);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  (void) context;
  (void) user_data;
  gtk_print_operation_set_n_pages (operation, 1);
}

/* Shrinks the type until the page holds everything: one page, always. */
static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  MadoVisitSummary *summary = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *markup = summary_build (summary, now, TRUE);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double points = SUMMARY_FONT_POINTS;
  int layout_height;

  (void) operation;
  (void) page_nr;
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  do
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

      pango_font_description_set_size (font, (int) (points * PANGO_SCALE));
      pango_layout_set_font_description (layout, font);
      pango_layout_get_size (layout, NULL, &layout_height);
      points -= 0.5;
    }
  while ((double) layout_height / PANGO_SCALE > height && points >= SUMMARY_MIN_FONT_POINTS);

  cairo_move_to (gtk_print_context_get_cairo_context (context), 0, 0);
  pango_cairo_show_layout (gtk_print_context_get_cairo_context (context), layout);
}

/**
 * mado_visit_summary_create_operation:
 *
 * Returns: (transfer full): a print operation drawing @summary on one page;
 *   @summary must outlive it
 */
GtkPrintOperation *
mado_visit_summary_create_operation (MadoVisitSummary *summary)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  g_return_val_if_fail (summary != NULL, operation);

  gtk_print_operation_set_job_name (operation, _("Visit summary"));
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), summary);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), summary);
  return operation;
}

/**
 * mado_visit_summary_export_pdf:
 * @path: where to write the PDF
 *
 * Saves the summary as a one-page PDF without a dialog.
 */
gboolean
mado_visit_summary_export_pdf (MadoVisitSummary  *summary,
                               const char        *path,
                               GError           **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = mado_visit_summary_create_operation (summary);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
