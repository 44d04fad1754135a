/* mado-visit-summary.c — the one-page visit summary's content and text
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-age.h"
#include "mado-date.h"
#include "mado-questionnaire-answers.h"
#include "mado-store-audit.h"
#include "mado-store-records.h"
#include "mado-subsidy-validity.h"
#include "mado-venue-record.h"
#include "mado-visit-summary.h"

typedef struct {
  char *certification_name;
  char *insurer_number;
  char *recipient_number;
  char *verdict;
  char *period;
  char *cap;
} SummarySubsidy;

struct _MadoVisitSummary
{
  char      *resident_ref;     /* (nullable): for the audit, never printed */
  char      *name;
  char      *birth;
  gboolean   not_disclosed;
  char      *subsidy_note;     /* (nullable): why no certificate is listed */
  GPtrArray *subsidies;        /* (element-type SummarySubsidy) */
  char      *questionnaire_note; /* (nullable): why no flagged item is listed */
  GPtrArray *flagged;          /* (element-type utf8): "question: answer (reason)" */
  char      *planned;          /* today's vaccine and dose as the bundle has them */
  char      *recorded;         /* (nullable): the dose recorded at this desk today */
  char      *judged;           /* (nullable): the judgement recorded at this desk today */
  char      *freshness;        /* when the hub confirmed the data, as a time */
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
  g_free (subsidy->cap);
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
      copy->cap = mado_subsidy_validity_describe_cap (subsidy);
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

/* The latest questionnaire naming a vaccine says what is planned today;
 * the schedule's due entry for that vaccine gives the dose. */
static char *
describe_planned (const MadoResidentBundle *bundle)
{
  const MadoQuestionnaire *latest = NULL;

  for (guint q = 0; bundle->questionnaires != NULL && q < bundle->questionnaires->len; q++)
    {
      const MadoQuestionnaire *questionnaire = g_ptr_array_index (bundle->questionnaires, q);

      if (questionnaire->vaccine == NULL)
        continue;
      if (latest == NULL || (questionnaire->answered_at != NULL && latest->answered_at != NULL
                             && g_date_time_compare (questionnaire->answered_at, latest->answered_at) > 0))
        latest = questionnaire;
    }
  if (latest == NULL)
    return g_strdup (_("No vaccine named in today's questionnaires."));
  for (guint d = 0; bundle->immunizations_due != NULL && d < bundle->immunizations_due->len; d++)
    {
      const MadoImmunizationDue *due = g_ptr_array_index (bundle->immunizations_due, d);

      if (g_strcmp0 (due->vaccine, latest->vaccine) == 0 && due->dose_number > 0)
        return g_strdup_printf (_("Planned: %s, dose %d (not recorded yet)"), latest->vaccine,
                                due->dose_number);
    }
  return g_strdup_printf (_("Planned: %s (not recorded yet)"), latest->vaccine);
}

typedef struct {
  GString    *out;
  gboolean    markup;
  const char *b, *end_b;
} Page;

/* Appends @text escaped for the page, between @before and @after. */
static void
page_add (Page       *page,
          const char *before,
          const char *text,
          const char *after)
{
  g_autofree char *escaped = page->markup ? g_markup_escape_text (text, -1) : g_strdup (text);

  g_string_append_printf (page->out, "%s%s%s", before, escaped, after);
}

static void
page_heading (Page       *page,
              const char *heading)
{
  g_string_append_c (page->out, '\n');
  page_add (page, page->b, heading, page->end_b);
  g_string_append_c (page->out, '\n');
}

static void
build_subsidies (const MadoVisitSummary *summary,
                 Page                   *page)
{
  const char *mono = page->markup ? "<span font_family=\"monospace\" size=\"large\" weight=\"bold\">" : "";
  const char *end_span = page->markup ? "</span>" : "";

  page_heading (page, _("Medical expense subsidies"));
  if (summary->subsidy_note != NULL)
    page_add (page, "", summary->subsidy_note, "\n");
  for (guint i = 0; i < summary->subsidies->len; i++)
    {
      const SummarySubsidy *s = g_ptr_array_index (summary->subsidies, i);

      page_add (page, "", s->certification_name, "  [");
      page_add (page, "", s->verdict, "]  ");
      page_add (page, "", s->period, "\n");
      page_add (page, "  ", _("Payer number:"), " ");
      page_add (page, mono, s->insurer_number, end_span);
      page_add (page, "    ", _("Recipient number:"), " ");
      page_add (page, mono, s->recipient_number, end_span);
      g_string_append_c (page->out, '\n');
      page_add (page, "  ", _("Monthly cap:"), " ");
      page_add (page, page->b, s->cap, page->end_b);
      g_string_append_c (page->out, '\n');
    }
}

static void
build_today (const MadoVisitSummary *summary,
             Page                   *page)
{
  page_heading (page, _("Today's vaccination"));
  page_add (page, "", summary->recorded != NULL ? summary->recorded : summary->planned, "\n");
  page_heading (page, _("Questionnaire answers needing attention"));
  if (summary->questionnaire_note != NULL)
    page_add (page, "", summary->questionnaire_note, "\n");
  for (guint i = 0; i < summary->flagged->len; i++)
    page_add (page, "• ", g_ptr_array_index (summary->flagged, i), "\n");
}

/* The doctor's boxes are always printed empty for the pen; a judgement
 * already signed at this desk is printed beside them. */
static void
build_doctor (const MadoVisitSummary *summary,
              Page                   *page)
{
  page_heading (page, _("Doctor's judgement"));
  for (MadoDecision d = MADO_DECISION_VACCINATE; d <= MADO_DECISION_DO_NOT_VACCINATE; d++)
    page_add (page, "☐ ", mado_decision_label (d), "    ");
  g_string_append_c (page->out, '\n');
  page_add (page, "☐ ", _("Explained to the resident (説明済み)"), "\n");
  if (summary->judged != NULL)
    page_add (page, "", summary->judged, "\n");
  page_add (page, "\n", _("Doctor's signature: ______________________    Time: ________"), "\n");
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
  g_autofree char *foot = NULL;
  Page page = { out, markup, markup ? "<b>" : "", markup ? "</b>" : "" };

  page_add (&page, page.b, _("Visit summary"), page.end_b);
  g_string_append_c (out, '\n');
  page_add (&page, markup ? "<span size=\"xx-large\" weight=\"bold\">" : "", summary->name,
            markup ? "</span>\n" : "\n");
  page_add (&page, "", summary->birth, "\n");
  if (summary->not_disclosed)
    page_add (&page, page.b, _("Not disclosed (非開示): show this page to no one else."), page.end_b);
  build_subsidies (summary, &page);
  build_today (summary, &page);
  build_doctor (summary, &page);
  page_add (&page, "\n", summary->freshness, "\n");
  page_add (&page, "", summary->identity, "\n");
  foot = g_strdup_printf (_("Printed %s · terminal %s"), when, summary->terminal_id);
  page_add (&page, "", foot, "\n");
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
  summary->resident_ref = g_strdup (bundle->resident_ref);
  summary->name = g_strdup (bundle->basic_info.name);
  summary->birth = mado_visit_summary_describe_birth (&bundle->basic_info, today);
  summary->not_disclosed = bundle->is_not_disclosed;
  take_subsidies (summary, bundle, today);
  take_flagged (summary, bundle);
  summary->planned = describe_planned (bundle);
  summary->freshness = mado_visit_summary_describe_confirmation (freshness);
  summary->identity = mado_visit_summary_describe_identity (freshness);
  summary->terminal_id = g_strdup (terminal_id != NULL ? terminal_id : "—");
  return summary;
}

void
mado_visit_summary_free (MadoVisitSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->resident_ref);
  g_free (summary->name);
  g_free (summary->birth);
  g_free (summary->subsidy_note);
  g_ptr_array_unref (summary->subsidies);
  g_free (summary->questionnaire_note);
  g_ptr_array_unref (summary->flagged);
  g_free (summary->planned);
  g_free (summary->recorded);
  g_free (summary->judged);
  g_free (summary->freshness);
  g_free (summary->identity);
  g_free (summary->terminal_id);
  g_free (summary);
}

/**
 * mado_visit_summary_get_resident_ref:
 *
 * Returns: (nullable) (transfer none): whose summary it is, for the audit
 */
const char *
mado_visit_summary_get_resident_ref (const MadoVisitSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  return summary->resident_ref;
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

/**
 * mado_visit_summary_describe_confirmation:
 * @freshness: (nullable): how fresh the data is
 *
 * The confirmation as paper says it: a date and a time, never "now" (the
 * page is read later), and for cached data that it is cached and since when.
 *
 * Returns: (transfer full): when the hub confirmed the data
 */
char *
mado_visit_summary_describe_confirmation (const MadoReceptionFreshness *freshness)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (freshness == NULL || freshness->confirmed_at == NULL)
    return g_strdup (_("Freshness unknown: check the data with the resident"));
  local = g_date_time_to_local (freshness->confirmed_at);
  when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  if (!freshness->offline)
    return g_strdup_printf (_("Confirmed with the hub at %s"), when);
  return g_strdup_printf (_("Cached data: last confirmed with the hub at %s; "
                            "not confirmed at this visit"), when);
}

static char *
local_hour_minute (GDateTime *at)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (at);

  return g_date_time_format (local, "%H:%M");
}

/**
 * mado_visit_summary_set_recorded:
 * @vaccine: (nullable): the product's name
 * @description: the dose and lot, as the desk's list says them
 * @author: (nullable): who recorded it
 * @at: when
 *
 * Prints the dose recorded at this desk today in place of the plan.
 */
void
mado_visit_summary_set_recorded (MadoVisitSummary *summary,
                                 const char       *vaccine,
                                 const char       *description,
                                 const char       *author,
                                 GDateTime        *at)
{
  g_autofree char *when = NULL;

  g_return_if_fail (summary != NULL && description != NULL && at != NULL);

  when = local_hour_minute (at);
  g_free (summary->recorded);
  summary->recorded = g_strdup_printf (_("Given: %s · %s · recorded %s by %s"),
                                       vaccine != NULL ? vaccine : "—", description, when,
                                       author != NULL ? author : "—");
}

/**
 * mado_visit_summary_set_judged:
 * @description: the decision, as the desk's list says it
 * @author: (nullable): the doctor who signed it
 * @at: when
 *
 * Prints the judgement signed at this desk today beside the doctor's boxes.
 */
void
mado_visit_summary_set_judged (MadoVisitSummary *summary,
                               const char       *description,
                               const char       *author,
                               GDateTime        *at)
{
  g_autofree char *when = NULL;

  g_return_if_fail (summary != NULL && description != NULL && at != NULL);

  when = local_hour_minute (at);
  g_free (summary->judged);
  summary->judged = g_strdup_printf (_("Signed at this desk: %s · %s at %s"), description,
                                     author != NULL ? author : "—", when);
}

/**
 * mado_visit_summary_audit:
 * @store: the desk's store
 * @operator_id: who printed or saved it
 * @saved: %TRUE for a file, %FALSE for a printer
 * @where: the file's path or the printer's name
 *
 * Writes who sent the summary where, and whose it was (the keyed tag the
 * records use, never the reference), to the audit log; never what it says.
 * A file is recorded by its folder: the clerk may have named it after the
 * resident, and the log holds no personal data.
 *
 * Returns: whether the entry was written
 */
gboolean
mado_visit_summary_audit (const MadoVisitSummary  *summary,
                          MadoStore               *store,
                          const char              *operator_id,
                          gboolean                 saved,
                          const char              *where,
                          GError                 **error)
{
  g_autofree char *tag = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (summary != NULL && store != NULL, FALSE);
  g_return_val_if_fail (operator_id != NULL && where != NULL, FALSE);

  tag = summary->resident_ref != NULL ? mado_store_records_resident_tag (store, summary->resident_ref)
                                      : NULL;
  if (saved)
    {
      folder = g_path_get_dirname (where);
      detail = g_strdup_printf ("visit summary saved in %s", folder);
    }
  else
    detail = g_strdup_printf ("visit summary printed on %s", where);
  return mado_store_audit_append (store, operator_id, MADO_AUDIT_EXPORT, tag, MADO_AUDIT_SUCCESS,
                                  detail, error) != 0;
}
