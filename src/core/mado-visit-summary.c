/* mado-visit-summary.c — the one-page visit summary's content and text
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-age.h"
#include "mado-date.h"
#include "mado-questionnaire-answers.h"
#include "mado-subsidy-validity.h"
#include "mado-visit-summary.h"

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
      g_autoptr(GPtrArray) items = NULL;
      guint n_flagged;

      items = mado_questionnaire_answers_flagged_first (g_ptr_array_index (bundle->questionnaires, q),
                                                        &n_flagged);
      for (guint i = 0; i < n_flagged; i++)
        {
          const MadoQuestionnaireItem *item = g_ptr_array_index (items, i);
          g_autofree char *answer = mado_questionnaire_answers_describe (item);

          g_ptr_array_add (summary->flagged,
                           g_strdup_printf ("%s: %s (%s)", item->text, answer,
                                            item->attention_reason != NULL
                                              ? item->attention_reason : "—"));
        }
    }
  if (summary->flagged->len == 0)
    summary->questionnaire_note = g_strdup (_("No answer needs the doctor's attention."));
}

static char *
format_age_of_data (gint64 seconds)
{
  gint64 hours = seconds / 3600;

  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", (gulong) (seconds / 60)),
                            (int) (seconds / 60));
  if (hours < 48)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", (gulong) hours), (int) hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) (hours / 24)),
                          (int) (hours / 24));
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
  summary->birth = mado_visit_summary_describe_birth (&bundle->basic_info, today);
  summary->not_disclosed = bundle->is_not_disclosed;
  take_subsidies (summary, bundle, today);
  take_flagged (summary, bundle);
  summary->freshness = mado_visit_summary_describe_freshness (freshness);
  summary->identity = mado_visit_summary_describe_identity (freshness);
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

/**
 * mado_visit_summary_to_markup:
 * @printed_at: the date and time printed at the foot
 *
 * Returns: (transfer full): the page as Pango markup, in the same order as
 *   mado_visit_summary_to_text()
 */
char *
mado_visit_summary_to_markup (const MadoVisitSummary *summary,
                              GDateTime              *printed_at)
{
  g_return_val_if_fail (summary != NULL && printed_at != NULL, NULL);

  return summary_build (summary, printed_at, TRUE);
}

/**
 * mado_visit_summary_describe_birth:
 * @today: the day the age is for
 *
 * Returns: (transfer full): the date of birth and the age on @today
 */
char *
mado_visit_summary_describe_birth (const MadoBasicInfo *info,
                                   const GDate         *today)
{
  g_autofree char *born = mado_date_format (&info->birth_date);
  MadoAge age;

  if (g_date_valid (&info->birth_date) && mado_age_on (&info->birth_date, today, &age))
    {
      g_autofree char *words = mado_age_describe (&age);

      return g_strdup_printf (_("Born %s · %s"), born, words);
    }
  return g_strdup_printf (_("Born %s"), born);
}

/**
 * mado_visit_summary_describe_freshness:
 * @freshness: (nullable): how fresh the shown data is
 *
 * Returns: (transfer full): when the hub confirmed the data, and whether it
 *   is a cached copy
 */
char *
mado_visit_summary_describe_freshness (const MadoReceptionFreshness *freshness)
{
  g_autofree char *when = NULL;
  g_autofree char *age = NULL;

  if (freshness == NULL || freshness->confirmed_at == NULL)
    return g_strdup (_("Freshness unknown: check the data with the resident"));

  if (!freshness->offline)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (freshness->confirmed_at);

      when = g_date_time_format (local, "%H:%M");
      return g_strdup_printf (_("Confirmed with the hub now (%s)"), when);
    }

  {
    g_autoptr(GDateTime) local = g_date_time_to_local (freshness->confirmed_at);

    when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  }
  age = format_age_of_data (MAX (freshness->age_seconds, 0));
  return g_strdup_printf (_("Offline: cached data, last confirmed %s (%s ago). "
                            "Not confirmed today."), when, age);
}

/**
 * mado_visit_summary_describe_identity:
 * @freshness: (nullable): how fresh the shown data is
 *
 * Returns: (transfer full): how the resident's identity was checked
 */
char *
mado_visit_summary_describe_identity (const MadoReceptionFreshness *freshness)
{
  const char *operator_id;

  if (freshness == NULL)
    return g_strdup (_("Identity: not checked"));
  operator_id = freshness->operator_id != NULL ? freshness->operator_id : "—";
  switch (freshness->identity)
    {
    case MADO_IDENTITY_CHECK_PIN:
      return g_strdup (_("Identity: card PIN, verified by the hub"));
    case MADO_IDENTITY_CHECK_VISUAL:
      return g_strdup_printf (_("Identity: visual check by %s"), operator_id);
    case MADO_IDENTITY_CHECK_PIN_LOCAL:
      return g_strdup (_("Identity: card PIN, checked at this terminal (revocation unknown)"));
    case MADO_IDENTITY_CHECK_VISUAL_LOCAL:
      return g_strdup_printf (_("Identity: visual check by %s at this terminal (revocation unknown)"),
                              operator_id);
    case MADO_IDENTITY_CHECK_NONE:
    default:
      return g_strdup (_("Identity: not checked"));
    }
}
