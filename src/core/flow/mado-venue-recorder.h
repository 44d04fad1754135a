/* mado-venue-recorder.h — the outbox's producer: a judgement, a vaccination or a correction, checked, saved once, queued
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-resident-bundle.h"
#include "mado-staff-session.h"
#include "mado-store.h"
#include "mado-vaccination-checks.h"
#include "mado-venue-record.h"

G_BEGIN_DECLS

char      *mado_venue_recorder_sign_judgement     (MadoStore                *store,
                                                   MadoStaffSession         *staff,
                                                   const MadoResidentBundle *bundle,
                                                   MadoJudgement            *judgement,
                                                   GError                  **error);
guint      mado_venue_recorder_propose_dose       (MadoStore                *store,
                                                   const MadoResidentBundle *bundle,
                                                   const MadoVaccineProduct *product);
GPtrArray *mado_venue_recorder_check              (MadoStore                *store,
                                                   const MadoResidentBundle *bundle,
                                                   const MadoVaccination    *vaccination,
                                                   GError                  **error);
char      *mado_venue_recorder_record_vaccination (MadoStore                *store,
                                                   MadoStaffSession         *staff,
                                                   const MadoResidentBundle *bundle,
                                                   MadoVaccination          *vaccination,
                                                   GPtrArray               **out_findings,
                                                   GError                  **error);
char      *mado_venue_recorder_correct            (MadoStore                *store,
                                                   MadoStaffSession         *staff,
                                                   MadoCorrection           *correction,
                                                   GError                  **error);

G_END_DECLS
