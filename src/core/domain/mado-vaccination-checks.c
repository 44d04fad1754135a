/* mado-vaccination-checks.c — the checks before a vaccination is saved, and their overrides
 *
 * About 6,000–7,000 wrong vaccinations are reported in Japan a year:
 * expired vaccine, wrong interval, a vaccine not scheduled, a double dose.
 * Each is checked here before a record is saved. Every finding but an
 * expired lot can be overridden, and the override travels with the record
 * and into the audit log.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-age.h"
#include "mado-date.h"
#include "mado-record-error.h"
#include "mado-vaccination-checks.h"
#include "mado-vaccine-mapping.h"

static const char *const check_names[] = {
  "lot-expired", "live-interval", "dose-interval", "dose-already-given",
  "age-outside-schedule", "questionnaire-mismatch",
};

/* The routine schedule's target ages (予防接種法施行令 第1条の3 and the
 * 定期接種実施要領), from `min` up to but not including `max`. A dose of 0
 * matches every dose. Influenza is routine only from 65 and mumps not at
 * all, so neither has a row: nothing to check. */
typedef struct {
  const char *kind_id;
  guint       dose;
  gboolean    in_days;   /* the bounds are days after birth, else months */
  guint       min;
  guint       max;
} AgeRange;

static const AgeRange age_ranges[] = {
  { "hepb",        0, FALSE,   0,  12 },
  { "rotavirus",   0, TRUE,   42, 168 },   /* 1価: 6 weeks to 24 weeks */
  { "hib",         0, FALSE,   2,  60 },
  { "pcv",         0, FALSE,   2,  60 },
  { "dpt-ipv",     0, FALSE,   2,  90 },
  { "dpt-ipv-hib", 0, FALSE,   2,  90 },
  { "bcg",         0, FALSE,   0,  12 },
  { "mr",          1, FALSE,  12,  24 },
  { "mr",          2, FALSE,  60,  84 },   /* the year before school, roughly */
  { "varicella",   0, FALSE,  12,  36 },
  { "je",          4, FALSE, 108, 156 },
  { "je",          0, FALSE,   6,  90 },
  { "hpv",         0, FALSE, 144, 204 },
};

const char *
mado_check_to_string (MadoCheck check)
{
  g_return_val_if_fail ((guint) check < G_N_ELEMENTS (check_names), "lot-expired");
  return check_names[check];
}

gboolean
mado_check_from_string (const char *text,
                        MadoCheck  *check)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (check_names); i++)
    if (strcmp (text, check_names[i]) == 0)
      {
        *check = (MadoCheck) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mado_check_flags_to_string:
 * @flags: MADO_CHECK_FLAG() bits
 *
 * Returns: (transfer full): the checks' names joined by commas ("" for none)
 */
char *
mado_check_flags_to_string (guint flags)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (check_names); i++)
    if (flags & MADO_CHECK_FLAG (i))
      g_string_append_printf (text, "%s%s", text->len ? "," : "", check_names[i]);
  return g_string_free (text, FALSE);
}

void
mado_check_finding_free (MadoCheckFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->message);
  g_free (finding);
}

static void
add_finding (GPtrArray *findings,
             MadoCheck  check,
             char      *message)
{
  MadoCheckFinding *finding = g_new0 (MadoCheckFinding, 1);

  finding->check = check;
  finding->blocks = (check == MADO_CHECK_LOT_EXPIRED);
  finding->message = message;
  g_ptr_array_add (findings, finding);
}

static GDate
day_of (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  return day;
}

/**
 * mado_vaccination_checks_propose_dose:
 * @bundle: the resident's bundle
 * @local_history: (array length=n_local): vaccinations recorded at this desk
 *   and not yet in @bundle
 * @kind_id: the vaccine's schedule kind
 *
 * Returns: the dose the due list names for @kind_id, else one more than
 *   the doses given so far
 */
guint
mado_vaccination_checks_propose_dose (const MadoResidentBundle   *bundle,
                                      const MadoVaccinationEvent *local_history,
                                      gsize                       n_local,
                                      const char                 *kind_id)
{
  g_autoptr(GArray) history = mado_vaccine_mapping_history (bundle);
  guint highest = 0;

  for (guint i = 0; bundle->immunizations_due != NULL && i < bundle->immunizations_due->len; i++)
    {
      const MadoImmunizationDue *due = g_ptr_array_index (bundle->immunizations_due, i);

      if (due->dose_number > 0
          && g_strcmp0 (mado_vaccine_mapping_kind_from_name (due->vaccine), kind_id) == 0)
        return (guint) due->dose_number;
    }
  g_array_append_vals (history, local_history, (guint) n_local);
  for (guint i = 0; i < history->len; i++)
    {
      const MadoVaccinationEvent *e = &g_array_index (history, MadoVaccinationEvent, i);

      if (g_strcmp0 (e->kind_id, kind_id) == 0)
        highest = MAX (highest, MAX (e->dose_number, 1));
    }
  return highest + 1;
}

static void
check_expiry (GPtrArray             *findings,
              const MadoVaccination *v,
              const GDate           *day)
{
  g_autofree char *expiry = NULL;

  if (!g_date_valid (&v->expiry) || g_date_compare (&v->expiry, day) >= 0)
    return;
  expiry = mado_date_format (&v->expiry);
  add_finding (findings, MADO_CHECK_LOT_EXPIRED,
               g_strdup_printf (_("Lot %s expired on %s. Do not use it: take a package from another lot."),
                                v->lot_number, expiry));
}

static void
check_schedule_rules (GPtrArray                  *findings,
                      GArray                     *history,
                      const MadoVaccinationEvent *intended)
{
  g_autoptr(GPtrArray) warnings =
    mado_vaccination_rules_check ((const MadoVaccinationEvent *) (void *) history->data,
                                  history->len, intended);

  for (guint i = 0; i < warnings->len; i++)
    {
      MadoScheduleWarning *warning = g_ptr_array_index (warnings, i);

      add_finding (findings,
                   warning->problem == MADO_SCHEDULE_LIVE_INTERVAL ? MADO_CHECK_LIVE_INTERVAL
                                                                   : MADO_CHECK_DOSE_INTERVAL,
                   g_steal_pointer (&warning->message));
    }
}

static void
check_already_given (GPtrArray                  *findings,
                     GArray                     *history,
                     const MadoVaccinationEvent *intended,
                     const char                 *display)
{
  for (guint i = 0; i < history->len; i++)
    {
      const MadoVaccinationEvent *e = &g_array_index (history, MadoVaccinationEvent, i);
      g_autofree char *day = NULL;

      if (g_strcmp0 (e->kind_id, intended->kind_id) != 0)
        continue;
      if (e->dose_number != intended->dose_number && g_date_compare (&e->date, &intended->date) != 0)
        continue;
      day = mado_date_format (&e->date);
      add_finding (findings, MADO_CHECK_DOSE_ALREADY_GIVEN,
                   g_strdup_printf (_("%s dose %u is already recorded on %s. Check the history before giving it again."),
                                    display, e->dose_number, day));
      return;
    }
}

static const AgeRange *
find_age_range (const char *kind_id,
                guint       dose)
{
  for (gsize i = 0; i < G_N_ELEMENTS (age_ranges); i++)
    if (strcmp (age_ranges[i].kind_id, kind_id) == 0
        && (age_ranges[i].dose == 0 || age_ranges[i].dose == dose))
      return &age_ranges[i];
  return NULL;
}

static void
check_age (GPtrArray                  *findings,
           const MadoResidentBundle   *bundle,
           const MadoVaccinationEvent *intended,
           const char                 *display)
{
  const AgeRange *range = find_age_range (intended->kind_id, intended->dose_number);
  const GDate *birth = &bundle->basic_info.birth_date;
  MadoAge age;
  guint value;

  if (range == NULL || !g_date_valid (birth) || !mado_age_on (birth, &intended->date, &age))
    return;
  value = range->in_days ? (guint) g_date_days_between (birth, &intended->date)
                         : mado_age_in_months (&age);
  if (value >= range->min && value < range->max)
    return;
  add_finding (findings, MADO_CHECK_AGE_OUTSIDE_SCHEDULE,
               range->in_days
               ? g_strdup_printf (_("The routine schedule gives %s from day %u to day %u after birth; the resident is %u days old."),
                                  display, range->min, range->max - 1, value)
               : g_strdup_printf (_("The routine schedule gives %s dose %u from %u to %u months of age; the resident is %u months old."),
                                  display, intended->dose_number, range->min, range->max - 1, value));
}

static void
check_questionnaire (GPtrArray                *findings,
                     const MadoVaccination    *v,
                     const MadoResidentBundle *bundle)
{
  for (guint i = 0; v->questionnaire_id != NULL && bundle->questionnaires != NULL
                    && i < bundle->questionnaires->len; i++)
    {
      const MadoQuestionnaire *q = g_ptr_array_index (bundle->questionnaires, i);

      if (g_strcmp0 (q->questionnaire_id, v->questionnaire_id) != 0)
        continue;
      if (g_strcmp0 (mado_vaccine_mapping_kind_from_name (q->vaccine), v->product->kind_id) != 0)
        add_finding (findings, MADO_CHECK_QUESTIONNAIRE_MISMATCH,
                     g_strdup_printf (_("Today's questionnaire is for %s, but the package is %s. Check the vaccine before giving it."),
                                      q->vaccine != NULL ? q->vaccine : "?", v->product->display));
      return;
    }
}

/**
 * mado_vaccination_checks_run:
 * @vaccination: the vaccination about to be saved (product, dose, lot,
 *   expiry and time set)
 * @bundle: the resident's bundle: birth date, history, questionnaires
 * @local_history: (array length=n_local) (nullable): vaccinations recorded at
 *   this desk that the bundle may not hold yet
 *
 * Returns: (transfer full) (element-type MadoCheckFinding): what the checks
 *   found, empty when nothing
 */
GPtrArray *
mado_vaccination_checks_run (const MadoVaccination      *vaccination,
                             const MadoResidentBundle   *bundle,
                             const MadoVaccinationEvent *local_history,
                             gsize                       n_local)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_check_finding_free);
  g_autoptr(GArray) history = NULL;
  MadoVaccinationEvent intended = { 0 };

  g_return_val_if_fail (vaccination != NULL && vaccination->product != NULL, findings);
  g_return_val_if_fail (vaccination->occurred_at != NULL && bundle != NULL, findings);

  intended.kind_id = vaccination->product->kind_id;
  intended.date = day_of (vaccination->occurred_at);
  intended.dose_number = vaccination->dose_number;
  history = mado_vaccine_mapping_history (bundle);
  if (local_history != NULL)
    g_array_append_vals (history, local_history, (guint) n_local);

  check_expiry (findings, vaccination, &intended.date);
  check_schedule_rules (findings, history, &intended);
  check_already_given (findings, history, &intended, vaccination->product->display);
  check_age (findings, bundle, &intended, vaccination->product->display);
  check_questionnaire (findings, vaccination, bundle);
  return findings;
}

/**
 * mado_vaccination_checks_resolve:
 * @findings: (element-type MadoCheckFinding): mado_vaccination_checks_run()'s
 * @overrides: MADO_CHECK_FLAG() bits staff explicitly overrode
 * @error: %MADO_RECORD_ERROR_LOT_EXPIRED (no override exists) or
 *   %MADO_RECORD_ERROR_NEEDS_OVERRIDE naming the findings not overridden
 *
 * Returns: whether the vaccination may be saved
 */
gboolean
mado_vaccination_checks_resolve (GPtrArray  *findings,
                                 guint       overrides,
                                 GError    **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const MadoCheckFinding *f = g_ptr_array_index (findings, i);

      if (f->blocks)
        {
          g_set_error_literal (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_LOT_EXPIRED, f->message);
          return FALSE;
        }
      if ((overrides & MADO_CHECK_FLAG (f->check)) == 0)
        g_string_append_printf (missing, "%s%s (%s)", missing->len ? "; " : "", f->message,
                                mado_check_to_string (f->check));
    }
  if (missing->len == 0)
    return TRUE;
  g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_NEEDS_OVERRIDE,
               _("Not saved: %s. Save only if the doctor decided so, with an explicit override."),
               missing->str);
  return FALSE;
}
