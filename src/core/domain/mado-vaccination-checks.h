/* mado-vaccination-checks.h — the checks before a vaccination is saved, and their overrides
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-resident-bundle.h"
#include "mado-vaccination-rules.h"
#include "mado-venue-record.h"

G_BEGIN_DECLS

/**
 * MadoCheck:
 * @MADO_CHECK_LOT_EXPIRED: `lot-expired`: the lot is past its expiry on the
 *   day of vaccination; blocks, no override
 * @MADO_CHECK_LIVE_INTERVAL: `live-interval`: an injectable live vaccine less
 *   than 27 days after another one
 * @MADO_CHECK_DOSE_INTERVAL: `dose-interval`: too soon after the previous
 *   dose of the same vaccine
 * @MADO_CHECK_DOSE_ALREADY_GIVEN: `dose-already-given`: this dose (or this
 *   vaccine today) is already recorded
 * @MADO_CHECK_AGE_OUTSIDE_SCHEDULE: `age-outside-schedule`: the resident's
 *   age is outside the routine schedule for this vaccine and dose
 * @MADO_CHECK_QUESTIONNAIRE_MISMATCH: `questionnaire-mismatch`: the vaccine
 *   is not the one today's 予診票 is for
 */
typedef enum {
  MADO_CHECK_LOT_EXPIRED,
  MADO_CHECK_LIVE_INTERVAL,
  MADO_CHECK_DOSE_INTERVAL,
  MADO_CHECK_DOSE_ALREADY_GIVEN,
  MADO_CHECK_AGE_OUTSIDE_SCHEDULE,
  MADO_CHECK_QUESTIONNAIRE_MISMATCH,
} MadoCheck;

#define MADO_CHECK_FLAG(check) (1u << (check))

/**
 * MadoCheckFinding:
 * @check: which check
 * @blocks: no override exists (an expired lot)
 * @message: for staff, translated: what is wrong and what to do
 */
typedef struct {
  MadoCheck  check;
  gboolean   blocks;
  char      *message;
} MadoCheckFinding;

const char *mado_check_to_string          (MadoCheck                   check);
gboolean    mado_check_from_string        (const char                 *text,
                                           MadoCheck                  *check);
char       *mado_check_flags_to_string    (guint                       flags);
void        mado_check_finding_free       (MadoCheckFinding           *finding);

guint       mado_vaccination_checks_propose_dose (const MadoResidentBundle   *bundle,
                                                  const MadoVaccinationEvent *local_history,
                                                  gsize                       n_local,
                                                  const char                 *kind_id);
GPtrArray  *mado_vaccination_checks_run   (const MadoVaccination      *vaccination,
                                           const MadoResidentBundle   *bundle,
                                           const MadoVaccinationEvent *local_history,
                                           gsize                       n_local);
gboolean    mado_vaccination_checks_resolve (GPtrArray                *findings,
                                             guint                     overrides,
                                             GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoCheckFinding, mado_check_finding_free)

G_END_DECLS
