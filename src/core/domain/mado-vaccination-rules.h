/* mado-vaccination-rules.h — interval rules between vaccinations
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;           /* stable kind id, e.g. "mr", "hib" */
  const char *name;         /* untranslated; translated in schedule warnings */
  gboolean    live;
  gboolean    injectable;   /* injected or percutaneous (BCG): what the 27-day rule covers */
} MadoVaccineKind;

/* One vaccination given, or intended. */
typedef struct {
  const char *kind_id;
  GDate       date;
  guint       dose_number;  /* 1-based; 0 when unknown */
  gboolean    live;         /* as recorded; used when the kind is not in the table */
  gboolean    injectable;
} MadoVaccinationEvent;

/**
 * MadoScheduleProblem:
 * @MADO_SCHEDULE_LIVE_INTERVAL: an injectable live vaccine less than 27 days
 *   (counted from the day after) after another one
 * @MADO_SCHEDULE_DOSE_INTERVAL: a dose sooner after an earlier dose of the
 *   same vaccine than the implementation rules allow
 */
typedef enum {
  MADO_SCHEDULE_LIVE_INTERVAL,
  MADO_SCHEDULE_DOSE_INTERVAL,
} MadoScheduleProblem;

typedef struct {
  MadoScheduleProblem problem;
  GDate               earliest;   /* first day the intended vaccination is allowed */
  char               *message;    /* translated, for staff and the doctor */
} MadoScheduleWarning;

const MadoVaccineKind *mado_vaccination_rules_lookup_kind (const char                 *id);
GPtrArray             *mado_vaccination_rules_check       (const MadoVaccinationEvent *history,
                                                           gsize                       n_history,
                                                           const MadoVaccinationEvent *intended);
void                   mado_schedule_warning_free         (MadoScheduleWarning        *warning);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoScheduleWarning, mado_schedule_warning_free)

G_END_DECLS
