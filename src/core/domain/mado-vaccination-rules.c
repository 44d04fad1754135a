/* mado-vaccination-rules.c — interval rules between vaccinations
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-vaccination-rules.h"

/* Intervals are written as the rules write them: "N日以上の間隔をおく",
 * counted from the day after the earlier dose, so the next dose is allowed
 * N + 1 days later (27日以上 → four weeks later, the same weekday).
 *
 * Sources: 厚生労働省「定期接種実施要領」(intervals between doses of the
 * same vaccine; the 27-day rule between injectable live vaccines, in force
 * since October 2020) and 国立感染症研究所's routine immunisation schedule,
 * which restates them. Rows marked (SECOND) rest on the schedule only. */
static const MadoVaccineKind kinds[] = {
  { "bcg",        N_("BCG"),                                    TRUE,  TRUE  },
  { "mr",         N_("Measles-rubella (MR)"),                   TRUE,  TRUE  },
  { "measles",    N_("Measles"),                                TRUE,  TRUE  },
  { "rubella",    N_("Rubella"),                                TRUE,  TRUE  },
  { "varicella",  N_("Varicella"),                              TRUE,  TRUE  },
  { "mumps",      N_("Mumps"),                                  TRUE,  TRUE  },
  { "rotavirus",  N_("Rotavirus"),                              TRUE,  FALSE },
  { "hib",        N_("Hib"),                                    FALSE, TRUE  },
  { "pcv",        N_("Paediatric pneumococcal"),                FALSE, TRUE  },
  { "hepb",       N_("Hepatitis B"),                            FALSE, TRUE  },
  { "dpt-ipv",    N_("DPT-IPV (four-in-one)"),                  FALSE, TRUE  },
  { "dpt-ipv-hib", N_("DPT-IPV-Hib (five-in-one)"),             FALSE, TRUE  },
  { "je",         N_("Japanese encephalitis"),                  FALSE, TRUE  },
  { "hpv",        N_("HPV"),                                    FALSE, TRUE  },
  { "influenza",  N_("Influenza"),                              FALSE, TRUE  },
};

/* Minimum interval from dose `from` to dose `to` of the same vaccine. */
typedef struct {
  const char *kind_id;
  guint       from_dose;
  guint       to_dose;
  guint       days;     /* "N日以上"; 0 when the rule is in months */
  guint       months;   /* "Nか月以上" */
} DoseInterval;

static const DoseInterval dose_intervals[] = {
  { "hib",         1, 2, 27, 0 },
  { "hib",         2, 3, 27, 0 },
  { "hib",         3, 4,  0, 7 },
  { "pcv",         1, 2, 27, 0 },
  { "pcv",         2, 3, 27, 0 },
  { "pcv",         3, 4, 60, 0 },
  { "hepb",        1, 2, 27, 0 },
  { "hepb",        1, 3, 139, 0 },
  { "dpt-ipv",     1, 2, 20, 0 },
  { "dpt-ipv",     2, 3, 20, 0 },
  { "dpt-ipv",     3, 4,  0, 6 },
  { "dpt-ipv-hib", 1, 2, 20, 0 },
  { "dpt-ipv-hib", 2, 3, 20, 0 },
  { "dpt-ipv-hib", 3, 4,  0, 6 },
  { "rotavirus",   1, 2, 27, 0 },
  { "rotavirus",   2, 3, 27, 0 },
  { "varicella",   1, 2,  0, 3 },
  { "je",          1, 2,  6, 0 },   /* (SECOND) */
};

#define LIVE_INJECTABLE_INTERVAL_DAYS 27

const MadoVaccineKind *
mado_vaccination_rules_lookup_kind (const char *id)
{
  if (id == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].id, id) == 0)
      return &kinds[i];
  return NULL;
}

static const char *
kind_name (const MadoVaccineKind *kind)
{
  return g_dgettext (GETTEXT_PACKAGE, kind->name);
}

static gboolean
is_injectable_live (const MadoVaccinationEvent *event)
{
  const MadoVaccineKind *kind = mado_vaccination_rules_lookup_kind (event->kind_id);

  if (kind != NULL)
    return kind->live && kind->injectable;
  return event->live && event->injectable;
}

static const char *
event_name (const MadoVaccinationEvent *event)
{
  const MadoVaccineKind *kind = mado_vaccination_rules_lookup_kind (event->kind_id);

  return kind != NULL ? kind_name (kind) : event->kind_id;
}

/* The first allowed day N days "以上" after @from: from + N + 1. */
static GDate
earliest_after_days (const GDate *from,
                     guint        days)
{
  GDate earliest = *from;

  g_date_add_days (&earliest, days + 1);
  return earliest;
}

static GDate
earliest_after_months (const GDate *from,
                       guint        months)
{
  GDate earliest = *from;

  g_date_add_months (&earliest, months);
  return earliest;
}

static void
add_warning (GPtrArray           *warnings,
             MadoScheduleProblem  problem,
             const GDate         *earliest,
             char                *message)
{
  MadoScheduleWarning *warning = g_new0 (MadoScheduleWarning, 1);

  warning->problem = problem;
  warning->earliest = *earliest;
  warning->message = message;
  g_ptr_array_add (warnings, warning);
}

static char *
format_date (const GDate *date)
{
  char buffer[32];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

static void
check_live_interval (GPtrArray                  *warnings,
                     const MadoVaccinationEvent *earlier,
                     const MadoVaccinationEvent *intended)
{
  GDate earliest;
  g_autofree char *given = NULL;
  g_autofree char *day = NULL;

  if (!is_injectable_live (earlier) || !is_injectable_live (intended))
    return;
  /* Given on the same day (同時接種) is allowed; the rule is about the
   * days between two separate visits. */
  if (g_date_compare (&earlier->date, &intended->date) >= 0)
    return;
  earliest = earliest_after_days (&earlier->date, LIVE_INJECTABLE_INTERVAL_DAYS);
  if (g_date_compare (&intended->date, &earliest) >= 0)
    return;

  given = format_date (&earlier->date);
  day = format_date (&earliest);
  add_warning (warnings, MADO_SCHEDULE_LIVE_INTERVAL, &earliest,
               g_strdup_printf (_("%s was given on %s. Injectable live vaccines need at least "
                                  "27 days between them: %s is possible from %s."),
                                event_name (earlier), given, event_name (intended), day));
}

static void
check_dose_interval (GPtrArray                  *warnings,
                     const MadoVaccinationEvent *earlier,
                     const MadoVaccinationEvent *intended)
{
  if (earlier->kind_id == NULL || intended->kind_id == NULL ||
      strcmp (earlier->kind_id, intended->kind_id) != 0)
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (dose_intervals); i++)
    {
      const DoseInterval *rule = &dose_intervals[i];
      GDate earliest;
      g_autofree char *day = NULL;

      if (strcmp (rule->kind_id, intended->kind_id) != 0 ||
          rule->from_dose != earlier->dose_number || rule->to_dose != intended->dose_number)
        continue;
      earliest = rule->days > 0 ? earliest_after_days (&earlier->date, rule->days)
                                : earliest_after_months (&earlier->date, rule->months);
      if (g_date_compare (&intended->date, &earliest) >= 0)
        continue;

      day = format_date (&earliest);
      add_warning (warnings, MADO_SCHEDULE_DOSE_INTERVAL, &earliest,
                   g_strdup_printf (_("Dose %u of %s is too soon after dose %u: "
                                      "possible from %s."),
                                    intended->dose_number, event_name (intended),
                                    earlier->dose_number, day));
    }
}

/**
 * mado_vaccination_rules_check:
 * @history: (array length=n_history): vaccinations already given
 * @intended: the vaccination planned, with its date
 *
 * Returns: (transfer full) (element-type MadoScheduleWarning): the rules the
 *   intended vaccination would break; empty when none
 */
GPtrArray *
mado_vaccination_rules_check (const MadoVaccinationEvent *history,
                              gsize                       n_history,
                              const MadoVaccinationEvent *intended)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_schedule_warning_free);

  g_return_val_if_fail (intended != NULL, warnings);
  g_return_val_if_fail (history != NULL || n_history == 0, warnings);

  for (gsize i = 0; i < n_history; i++)
    {
      check_live_interval (warnings, &history[i], intended);
      check_dose_interval (warnings, &history[i], intended);
    }
  return warnings;
}

void
mado_schedule_warning_free (MadoScheduleWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->message);
  g_free (warning);
}
