/* mado-venue-record.h — what a vaccination venue records: the doctor's judgement, the dose given, a correction
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gs1.h"
#include "mado-vaccine-products.h"

G_BEGIN_DECLS

/**
 * MadoDecision:
 * @MADO_DECISION_VACCINATE: 接種する (`vaccinate`)
 * @MADO_DECISION_POSTPONE: 見合わせる (`postpone`): 予診のみ today, perhaps another day
 * @MADO_DECISION_DO_NOT_VACCINATE: 接種しない (`do-not-vaccinate`): 予診のみ
 */
typedef enum {
  MADO_DECISION_VACCINATE,
  MADO_DECISION_POSTPONE,
  MADO_DECISION_DO_NOT_VACCINATE,
} MadoDecision;

/**
 * MadoNotVaccinatingReason:
 * @code: stable name sent to the hub (`fever`, …, `other`)
 * @label: for the doctor, untranslated (translate with _())
 *
 * No standard code exists for the reason; this local list starts from the
 * exclusion criteria printed on the forms.
 */
typedef struct {
  const char *code;
  const char *label;
} MadoNotVaccinatingReason;

/**
 * MadoJudgement:
 * @record_id: the local record's ID (a UUID), made when saved
 * @resident_ref: the hub's reference to the resident
 * @resident_name: (nullable): for today's list at the desk; never sent
 * @questionnaire_id: the 予診票 judged
 * @vaccine: (nullable): the vaccine the 予診票 is for
 * @decision: the doctor's decision
 * @explained: the doctor explained effects, side effects and the relief system
 * @reason_code: (nullable): why not vaccinating (one of the list); required
 *   unless @decision is %MADO_DECISION_VACCINATE
 * @reason_text: (nullable): free text; required with the code `other`
 * @doctor_id: (nullable): filled from the signed-in doctor when saved
 * @doctor_name: (nullable): likewise
 * @completed_at: (nullable): when it was signed; now when saved if unset
 */
typedef struct {
  char         *record_id;
  char         *resident_ref;
  char         *resident_name;
  char         *questionnaire_id;
  char         *vaccine;
  MadoDecision  decision;
  gboolean      explained;
  char         *reason_code;
  char         *reason_text;
  char         *doctor_id;
  char         *doctor_name;
  GDateTime    *completed_at;
} MadoJudgement;

/**
 * MadoVaccination:
 * @record_id: the local record's ID, made when saved
 * @resident_ref: the hub's reference to the resident
 * @resident_name: (nullable): for today's list; never sent
 * @questionnaire_id: (nullable): today's 予診票, when there is one
 * @judgement_id: (nullable): the judgement that allowed it, filled when saved
 * @product: the product given
 * @gtin: (nullable): the scanned GTIN (NULL when typed by hand)
 * @dose_number: 1-based, proposed by the schedule and confirmed by staff
 * @lot_number: 製造番号
 * @expiry: the lot's last day of use
 * @dose_ml: the volume given (the product's default unless changed)
 * @route: the route (the product's default unless changed)
 * @site: the site's stable name (mado_vaccination_sites_list())
 * @occurred_at: when it was given
 * @performer_id: (nullable): filled from the signed-in person when saved
 * @performer_name: (nullable): likewise
 * @doctor_name: (nullable): the vaccinating doctor, filled when saved
 * @overrides: the checks staff overrode (MADO_CHECK_FLAG() bits)
 * @override_reason: (nullable): why, as staff wrote it
 */
typedef struct {
  char                     *record_id;
  char                     *resident_ref;
  char                     *resident_name;
  char                     *questionnaire_id;
  char                     *judgement_id;
  const MadoVaccineProduct *product;
  char                     *gtin;
  guint                     dose_number;
  char                     *lot_number;
  GDate                     expiry;
  double                    dose_ml;
  MadoVaccineRoute          route;
  char                     *site;
  GDateTime                *occurred_at;
  char                     *performer_id;
  char                     *performer_name;
  char                     *doctor_name;
  guint                     overrides;
  char                     *override_reason;
} MadoVaccination;

/**
 * MadoCorrection:
 * @record_id: the correction's own ID, made when saved
 * @resident_ref: the resident of the corrected record
 * @corrects_record_id: the vaccination marked entered-in-error
 * @reason: why, as staff wrote it
 * @staff_id: (nullable): filled from the signed-in person when saved
 * @staff_name: (nullable): likewise
 * @recorded_at: (nullable): now when saved
 */
typedef struct {
  char      *record_id;
  char      *resident_ref;
  char      *corrects_record_id;
  char      *reason;
  char      *staff_id;
  char      *staff_name;
  GDateTime *recorded_at;
} MadoCorrection;

const char    *mado_decision_to_string        (MadoDecision        decision);
gboolean       mado_decision_from_string      (const char         *text,
                                               MadoDecision       *decision);
const char    *mado_decision_label            (MadoDecision        decision);
const MadoNotVaccinatingReason *mado_decision_reasons (gsize      *n_reasons);
gboolean       mado_decision_reason_is_known  (const char         *code);

MadoJudgement *mado_judgement_new             (void);
void           mado_judgement_free            (MadoJudgement      *judgement);
gboolean       mado_judgement_validate        (const MadoJudgement *judgement,
                                               GError            **error);
gboolean       mado_judgement_is_examination_only (const MadoJudgement *judgement);

MadoVaccination *mado_vaccination_new         (void);
void           mado_vaccination_free          (MadoVaccination    *vaccination);
void           mado_vaccination_set_product   (MadoVaccination    *vaccination,
                                               const MadoVaccineProduct *product);
gboolean       mado_vaccination_set_scan      (MadoVaccination    *vaccination,
                                               const MadoGs1      *scan,
                                               GError            **error);
gboolean       mado_vaccination_validate      (const MadoVaccination *vaccination,
                                               GError            **error);

MadoCorrection *mado_correction_new           (void);
void           mado_correction_free           (MadoCorrection     *correction);
gboolean       mado_correction_validate       (const MadoCorrection *correction,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoJudgement, mado_judgement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoVaccination, mado_vaccination_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoCorrection, mado_correction_free)

G_END_DECLS
