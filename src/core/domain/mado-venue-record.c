/* mado-venue-record.c — what a vaccination venue records: the doctor's judgement, the dose given, a correction
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-record-error.h"
#include "mado-venue-record.h"

#define MAX_TEXT_CHARS 200

static const char *const decision_names[] = { "vaccinate", "postpone", "do-not-vaccinate" };

static const char *const decision_labels[] = {
  N_("Vaccinate (接種する)"), N_("Postpone (見合わせる)"), N_("Do not vaccinate (接種しない)"),
};

/* The exclusion criteria printed on the routine-vaccination forms, then
 * the doctor's own judgement and free text. */
static const MadoNotVaccinatingReason reasons[] = {
  { "fever",            N_("Fever of 37.5 °C or more (明らかな発熱)") },
  { "acute-illness",    N_("A serious acute illness (重篤な急性疾患)") },
  { "anaphylaxis",      N_("Anaphylaxis to a component of the vaccine (接種液の成分によるアナフィラキシー)") },
  { "immune-disorder",  N_("Immune disorder or immunosuppressive treatment (免疫機能の異常・免疫抑制)") },
  { "doctor-judgement", N_("Not suitable in the doctor's judgement (医師が不適当と判断)") },
  { "other",            N_("Other (その他: write the reason)") },
};

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_text (const char *text)
{
  return text != NULL && *text != '\0' && g_utf8_validate (text, -1, NULL)
         && g_utf8_strlen (text, -1) <= MAX_TEXT_CHARS;
}

/**
 * mado_decision_to_string:
 *
 * Returns: (transfer none): `vaccinate`, `postpone` or `do-not-vaccinate`
 */
const char *
mado_decision_to_string (MadoDecision decision)
{
  g_return_val_if_fail ((guint) decision < G_N_ELEMENTS (decision_names), "postpone");
  return decision_names[decision];
}

gboolean
mado_decision_from_string (const char   *text,
                           MadoDecision *decision)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (decision_names); i++)
    if (strcmp (text, decision_names[i]) == 0)
      {
        *decision = (MadoDecision) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mado_decision_label:
 *
 * Returns: (transfer none): the decision for the doctor, translated
 */
const char *
mado_decision_label (MadoDecision decision)
{
  g_return_val_if_fail ((guint) decision < G_N_ELEMENTS (decision_labels), "");
  return g_dgettext (GETTEXT_PACKAGE, decision_labels[decision]);
}

/**
 * mado_decision_reasons:
 * @n_reasons: (out): how many
 *
 * Returns: (transfer none) (array length=n_reasons): the reasons for not
 *   vaccinating, in the order the doctor sees them
 */
const MadoNotVaccinatingReason *
mado_decision_reasons (gsize *n_reasons)
{
  *n_reasons = G_N_ELEMENTS (reasons);
  return reasons;
}

gboolean
mado_decision_reason_is_known (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (reasons); i++)
    if (strcmp (code, reasons[i].code) == 0)
      return TRUE;
  return FALSE;
}

MadoJudgement *
mado_judgement_new (void)
{
  return g_new0 (MadoJudgement, 1);
}

void
mado_judgement_free (MadoJudgement *judgement)
{
  if (judgement == NULL)
    return;
  g_free (judgement->record_id);
  g_free (judgement->resident_ref);
  g_free (judgement->resident_name);
  g_free (judgement->questionnaire_id);
  g_free (judgement->vaccine);
  g_free (judgement->reason_code);
  g_free (judgement->reason_text);
  g_free (judgement->doctor_id);
  g_free (judgement->doctor_name);
  g_clear_pointer (&judgement->completed_at, g_date_time_unref);
  g_free (judgement);
}

/**
 * mado_judgement_is_examination_only:
 *
 * Returns: whether the visit ends as 予診のみ (examined, not vaccinated):
 *   every decision but %MADO_DECISION_VACCINATE
 */
gboolean
mado_judgement_is_examination_only (const MadoJudgement *judgement)
{
  return judgement->decision != MADO_DECISION_VACCINATE;
}

/**
 * mado_judgement_validate:
 * @judgement: a judgement about to be signed
 * @error: %MADO_RECORD_ERROR_INVALID saying what is missing
 *
 * Returns: whether it may be saved: a resident and 予診票, the explanation
 *   given before vaccinating, a known reason when not vaccinating, and
 *   the free text the code `other` needs
 */
gboolean
mado_judgement_validate (const MadoJudgement  *judgement,
                         GError              **error)
{
  g_return_val_if_fail (judgement != NULL, FALSE);

  if (!is_text (judgement->resident_ref) || !is_text (judgement->questionnaire_id))
    return invalid (error, _("The judgement names no resident or no questionnaire. Open the resident's questionnaire first."));
  if ((guint) judgement->decision >= G_N_ELEMENTS (decision_names))
    return invalid (error, _("Choose vaccinate, postpone or do not vaccinate."));
  if (judgement->decision == MADO_DECISION_VACCINATE && !judgement->explained)
    return invalid (error, _("Confirm that the explanation was given before deciding to vaccinate."));
  if (judgement->decision != MADO_DECISION_VACCINATE
      && !mado_decision_reason_is_known (judgement->reason_code))
    return invalid (error, _("Choose the reason for not vaccinating today."));
  if (g_strcmp0 (judgement->reason_code, "other") == 0 && !is_text (judgement->reason_text))
    return invalid (error, _("Write the reason for not vaccinating (at most 200 characters)."));
  if (judgement->reason_text != NULL && *judgement->reason_text != '\0'
      && !is_text (judgement->reason_text))
    return invalid (error, _("The reason is longer than 200 characters. Shorten it."));
  return TRUE;
}

MadoVaccination *
mado_vaccination_new (void)
{
  MadoVaccination *vaccination = g_new0 (MadoVaccination, 1);

  g_date_clear (&vaccination->expiry, 1);
  return vaccination;
}

void
mado_vaccination_free (MadoVaccination *vaccination)
{
  if (vaccination == NULL)
    return;
  g_free (vaccination->record_id);
  g_free (vaccination->resident_ref);
  g_free (vaccination->resident_name);
  g_free (vaccination->questionnaire_id);
  g_free (vaccination->judgement_id);
  g_free (vaccination->gtin);
  g_free (vaccination->lot_number);
  g_free (vaccination->site);
  g_clear_pointer (&vaccination->occurred_at, g_date_time_unref);
  g_free (vaccination->performer_id);
  g_free (vaccination->performer_name);
  g_free (vaccination->doctor_name);
  g_free (vaccination->override_reason);
  g_free (vaccination);
}

/**
 * mado_vaccination_set_product:
 * @vaccination: a vaccination being entered
 * @product: (transfer none): the product given
 *
 * Sets the product with its default volume and route.
 */
void
mado_vaccination_set_product (MadoVaccination          *vaccination,
                              const MadoVaccineProduct *product)
{
  vaccination->product = product;
  vaccination->dose_ml = product->dose_ml;
  vaccination->route = product->route;
}

/**
 * mado_vaccination_set_scan:
 * @vaccination: a vaccination being entered
 * @scan: a parsed GS1 element string (mado_gs1_parse())
 * @error: %MADO_RECORD_ERROR_UNKNOWN_PRODUCT
 *
 * Takes the product (with its defaults), the lot and the expiry from the scan.
 *
 * Returns: whether the product is in the table
 */
gboolean
mado_vaccination_set_scan (MadoVaccination  *vaccination,
                           const MadoGs1    *scan,
                           GError          **error)
{
  const MadoVaccineProduct *product = mado_vaccine_products_find_gtin (scan->gtin);

  if (product == NULL)
    {
      g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_UNKNOWN_PRODUCT,
                   _("The product with GTIN %s is not in this desk's product table. Choose the vaccine by hand, or ask the administrator to add the product."),
                   scan->gtin);
      return FALSE;
    }
  mado_vaccination_set_product (vaccination, product);
  g_free (vaccination->gtin);
  vaccination->gtin = g_strdup (scan->gtin);
  g_free (vaccination->lot_number);
  vaccination->lot_number = g_strdup (scan->lot);
  vaccination->expiry = scan->expiry;
  return TRUE;
}

/**
 * mado_vaccination_validate:
 * @vaccination: a vaccination about to be saved
 * @error: %MADO_RECORD_ERROR_INVALID saying what is missing
 *
 * Checks that the record is complete; the checks against the schedule
 * are mado_vaccination_checks_run()'s.
 *
 * Returns: whether every field is there and in range
 */
gboolean
mado_vaccination_validate (const MadoVaccination  *v,
                           GError                **error)
{
  g_return_val_if_fail (v != NULL, FALSE);

  if (!is_text (v->resident_ref))
    return invalid (error, _("The vaccination names no resident. Read the resident's card first."));
  if (v->product == NULL)
    return invalid (error, _("Scan the package or choose the vaccine."));
  if (v->dose_number < 1 || v->dose_number > 10)
    return invalid (error, _("Confirm the dose number (1 to 10)."));
  if (!mado_gs1_lot_is_valid (v->lot_number))
    return invalid (error, _("Enter the lot number as printed on the package (1 to 20 letters, digits or GS1 punctuation)."));
  if (!g_date_valid (&v->expiry))
    return invalid (error, _("Enter the lot's expiry date."));
  if (v->route != MADO_ROUTE_PERCUTANEOUS && (v->dose_ml <= 0 || v->dose_ml > 5))
    return invalid (error, _("The dose volume must be above 0 and at most 5 mL."));
  if (mado_vaccination_sites_find (v->site) == NULL)
    return invalid (error, _("Choose the site from the list."));
  if (v->override_reason != NULL && *v->override_reason != '\0' && !is_text (v->override_reason))
    return invalid (error, _("The override reason is longer than 200 characters. Shorten it."));
  return TRUE;
}

MadoCorrection *
mado_correction_new (void)
{
  return g_new0 (MadoCorrection, 1);
}

void
mado_correction_free (MadoCorrection *correction)
{
  if (correction == NULL)
    return;
  g_free (correction->record_id);
  g_free (correction->resident_ref);
  g_free (correction->corrects_record_id);
  g_free (correction->reason);
  g_free (correction->staff_id);
  g_free (correction->staff_name);
  g_clear_pointer (&correction->recorded_at, g_date_time_unref);
  g_free (correction);
}

/**
 * mado_correction_validate:
 * @correction: a correction about to be saved
 * @error: %MADO_RECORD_ERROR_INVALID
 *
 * Returns: whether it names the record it corrects and says why
 */
gboolean
mado_correction_validate (const MadoCorrection  *correction,
                          GError               **error)
{
  if (!is_text (correction->corrects_record_id))
    return invalid (error, _("Choose the record to mark as entered in error."));
  if (!is_text (correction->reason))
    return invalid (error, _("Write why the record was entered in error (at most 200 characters)."));
  return TRUE;
}
