/* mado-venue-recorder.c — the outbox's producer: a judgement, a vaccination or a correction, checked, saved once, queued
 *
 * Who may do what is decided here, in the core, so no screen or command
 * can skip it: only a doctor signs a judgement; a doctor or a nurse
 * records a dose or marks one entered-in-error; reception does neither.
 * Every record carries the signed-in person's name. A vaccination needs
 * today's judgement to vaccinate (unless a doctor records it), passes the
 * checks of mado-vaccination-checks.c or their explicit overrides, and is
 * written with its outbox entry and audit entry in one transaction
 * (mado_store_records_write()); the outbox sender delivers it, offline or
 * not, exactly once.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mado-error.h"
#include "mado-record-encode.h"
#include "mado-record-error.h"
#include "mado-store-records.h"
#include "mado-venue-recorder.h"

static gboolean
check_role (MadoStaffSession  *staff,
            gboolean           allowed,
            const char        *what,
            GError           **error)
{
  if (allowed)
    return TRUE;
  g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_ROLE_NOT_ALLOWED,
               _("%s: not allowed for the role “%s”. Ask a doctor (or a nurse, to record a dose) to sign in."),
               what, mado_staff_role_to_string (mado_staff_session_get_role (staff)));
  return FALSE;
}

static const MadoQuestionnaire *
find_questionnaire (const MadoResidentBundle *bundle,
                    const char               *questionnaire_id)
{
  for (guint i = 0; bundle->questionnaires != NULL && i < bundle->questionnaires->len; i++)
    {
      const MadoQuestionnaire *q = g_ptr_array_index (bundle->questionnaires, i);

      if (g_strcmp0 (q->questionnaire_id, questionnaire_id) == 0)
        return q;
    }
  return NULL;
}

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char *
write_record (MadoStore       *store,
              MadoRecordWrite *w,
              JsonNode        *hub_node,
              const char      *resident_name,
              GError         **error)
{
  g_autoptr(GBytes) hub_body = mado_record_encode_to_bytes (hub_node);
  g_autoptr(GBytes) local_body = mado_record_encode_local (hub_node, resident_name);

  w->hub_body = hub_body;
  w->local_body = local_body;
  if (!mado_store_records_write (store, w, NULL, error))
    return NULL;
  return g_strdup (w->record_id);
}

/**
 * mado_venue_recorder_sign_judgement:
 * @store: the desk's store
 * @staff: who is signed in: a doctor
 * @bundle: the resident's bundle, holding the 予診票 judged
 * @judgement: the decision; its ID, doctor and time are filled here
 * @error: %MADO_RECORD_ERROR_ROLE_NOT_ALLOWED, %MADO_RECORD_ERROR_INVALID or
 *   a #MADO_STORE_ERROR
 *
 * Saves the completed questionnaire (a decision other than vaccinate
 * makes the visit 予診のみ) and queues it for the hub.
 *
 * Returns: (transfer full) (nullable): the record's ID
 */
char *
mado_venue_recorder_sign_judgement (MadoStore                *store,
                                    MadoStaffSession         *staff,
                                    const MadoResidentBundle *bundle,
                                    MadoJudgement            *j,
                                    GError                  **error)
{
  const MadoQuestionnaire *q;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *detail = NULL;
  MadoRecordWrite w = { 0 };

  if (!check_role (staff, mado_staff_role_can_judge (mado_staff_session_get_role (staff)),
                   _("Signing the doctor's judgement"), error) ||
      !mado_judgement_validate (j, error))
    return NULL;
  q = find_questionnaire (bundle, j->questionnaire_id);
  if (q == NULL || g_strcmp0 (bundle->resident_ref, j->resident_ref) != 0)
    {
      g_set_error_literal (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_INVALID,
                           _("The questionnaire is not one of this resident's. Open the resident's questionnaire again."));
      return NULL;
    }
  g_free (j->record_id);
  j->record_id = g_uuid_string_random ();
  replace (&j->doctor_id, mado_staff_session_get_staff_id (staff));
  replace (&j->doctor_name, mado_staff_session_get_display_name (staff));
  replace (&j->vaccine, q->vaccine);
  if (j->completed_at == NULL)
    j->completed_at = g_date_time_new_now_utc ();
  node = mado_record_encode_judgement (j, q);
  detail = g_strdup_printf ("judgement %s decision=%s", j->record_id,
                            mado_decision_to_string (j->decision));
  w = (MadoRecordWrite) {
    .kind = MADO_RECORD_JUDGEMENT, .record_id = j->record_id,
    .outcome = mado_judgement_is_examination_only (j) ? "examination-only" : "vaccinate",
    .resident_ref = j->resident_ref, .vaccine_name = q->vaccine,
    .staff_id = j->doctor_id, .recorded_at = j->completed_at,
    .hub_kind = "questionnaire-record", .audit_detail = detail,
  };
  return write_record (store, &w, node, j->resident_name, error);
}

static GArray *
local_history (MadoStore  *store,
               const char *resident_ref)
{
  g_autoptr(GError) error = NULL;
  GArray *history = mado_store_records_history (store, resident_ref, &error);

  /* The checks still run on the bundle's history; the store's failure
   * shows again when the record is written. */
  if (history == NULL)
    {
      g_message ("venue: the local history could not be read: %s", error->message);
      history = g_array_new (FALSE, TRUE, sizeof (MadoVaccinationEvent));
    }
  return history;
}

/**
 * mado_venue_recorder_propose_dose:
 * @store: the desk's store
 * @bundle: the resident's bundle
 * @product: the product about to be given
 *
 * Returns: the dose number the schedule proposes, for staff to confirm
 */
guint
mado_venue_recorder_propose_dose (MadoStore                *store,
                                  const MadoResidentBundle *bundle,
                                  const MadoVaccineProduct *product)
{
  g_autoptr(GArray) history = local_history (store, bundle->resident_ref);

  return mado_vaccination_checks_propose_dose (bundle,
                                               (const MadoVaccinationEvent *) (void *) history->data,
                                               history->len, product->kind_id);
}

/**
 * mado_venue_recorder_check:
 * @store: the desk's store (its records add to the bundle's history)
 * @bundle: the resident's bundle
 * @vaccination: the vaccination as entered so far (product, dose, lot,
 *   expiry and time set)
 * @error: unused; reserved
 *
 * For a screen to show the findings before staff save.
 *
 * Returns: (transfer full) (element-type MadoCheckFinding): the findings
 */
GPtrArray *
mado_venue_recorder_check (MadoStore                *store,
                           const MadoResidentBundle *bundle,
                           const MadoVaccination    *vaccination,
                           GError                  **error)
{
  g_autoptr(GArray) history = local_history (store, bundle->resident_ref);

  return mado_vaccination_checks_run (vaccination, bundle,
                                      (const MadoVaccinationEvent *) (void *) history->data,
                                      history->len);
}

/* Today's last judgement for the resident: the doctor's name and the
 * questionnaire a nurse's record carries. */
static gboolean
take_judgement (MadoStore        *store,
                MadoVaccination  *v,
                gboolean          recorded_by_doctor,
                GError          **error)
{
  MadoRecordFilter filter = MADO_RECORD_FILTER_ALL;
  g_autoptr(GPtrArray) judgements = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const MadoStoredRecord *last;
  JsonObject *body;

  filter.kind = MADO_RECORD_JUDGEMENT;
  filter.resident_ref = v->resident_ref;
  filter.with_bodies = TRUE;
  judgements = mado_store_records_list (store, &filter, error);
  if (judgements == NULL)
    return FALSE;
  last = judgements->len > 0 ? g_ptr_array_index (judgements, judgements->len - 1) : NULL;
  if (last == NULL || g_strcmp0 (last->outcome, "vaccinate") != 0)
    {
      if (recorded_by_doctor)
        return TRUE;
      mado_error_set (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_NOT_JUDGED);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (last->local_body, NULL),
                                   (gssize) g_bytes_get_size (last->local_body), error))
    return FALSE;
  body = json_node_get_object (json_parser_get_root (parser));
  replace (&v->judgement_id, last->record_id);
  if (!recorded_by_doctor)
    replace (&v->doctor_name, json_object_get_string_member_with_default (body, "doctor", NULL));
  if (v->questionnaire_id == NULL)
    replace (&v->questionnaire_id,
             json_object_get_string_member_with_default (body, "questionnaireId", NULL));
  return TRUE;
}

static gboolean
run_checks (MadoStore                *store,
            const MadoResidentBundle *bundle,
            MadoVaccination          *v,
            GPtrArray               **out_findings,
            GError                  **error)
{
  g_autoptr(GPtrArray) findings = mado_venue_recorder_check (store, bundle, v, NULL);
  guint found = 0;
  gboolean ok;

  for (guint i = 0; i < findings->len; i++)
    found |= MADO_CHECK_FLAG (((MadoCheckFinding *) g_ptr_array_index (findings, i))->check);
  ok = mado_vaccination_checks_resolve (findings, v->overrides, error);
  /* Only an override that let a finding through is recorded as one. */
  v->overrides &= found;
  if (out_findings != NULL)
    *out_findings = g_steal_pointer (&findings);
  return ok;
}

static gboolean
prepare_vaccination (MadoStore                *store,
                     MadoStaffSession         *staff,
                     const MadoResidentBundle *bundle,
                     MadoVaccination          *v,
                     GError                  **error)
{
  gboolean doctor = mado_staff_session_get_role (staff) == MADO_STAFF_ROLE_DOCTOR;

  if (!check_role (staff, mado_staff_role_can_record (mado_staff_session_get_role (staff)),
                   _("Recording a vaccination"), error))
    return FALSE;
  if (v->occurred_at == NULL)
    v->occurred_at = g_date_time_new_now_utc ();
  if (!mado_vaccination_validate (v, error))
    return FALSE;
  if (g_strcmp0 (bundle->resident_ref, v->resident_ref) != 0)
    {
      g_set_error_literal (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_INVALID,
                           _("The vaccination is for another resident than the one on screen. Read the card again."));
      return FALSE;
    }
  replace (&v->performer_id, mado_staff_session_get_staff_id (staff));
  replace (&v->performer_name, mado_staff_session_get_display_name (staff));
  if (doctor)
    replace (&v->doctor_name, mado_staff_session_get_display_name (staff));
  return take_judgement (store, v, doctor, error);
}

/**
 * mado_venue_recorder_record_vaccination:
 * @store: the desk's store
 * @staff: who is signed in: a doctor or a nurse
 * @bundle: the resident's bundle (birth date, history, questionnaires)
 * @vaccination: the dose given; its ID, performer and doctor are filled here
 * @out_findings: (out) (optional) (transfer full) (element-type MadoCheckFinding):
 *   what the checks found, overridden or not
 * @error: %MADO_RECORD_ERROR_ROLE_NOT_ALLOWED, %MADO_RECORD_ERROR_NOT_JUDGED,
 *   %MADO_RECORD_ERROR_LOT_EXPIRED, %MADO_RECORD_ERROR_NEEDS_OVERRIDE,
 *   %MADO_RECORD_ERROR_INVALID or a #MADO_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the record's ID
 */
char *
mado_venue_recorder_record_vaccination (MadoStore                *store,
                                        MadoStaffSession         *staff,
                                        const MadoResidentBundle *bundle,
                                        MadoVaccination          *v,
                                        GPtrArray               **out_findings,
                                        GError                  **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *overrides = NULL;
  MadoRecordWrite w = { 0 };

  if (!prepare_vaccination (store, staff, bundle, v, error) ||
      !run_checks (store, bundle, v, out_findings, error))
    return NULL;
  g_free (v->record_id);
  v->record_id = g_uuid_string_random ();
  node = mado_record_encode_vaccination (v);
  overrides = mado_check_flags_to_string (v->overrides);
  detail = g_strdup_printf ("vaccination %s code=%s dose=%u%s%s", v->record_id, v->product->code,
                            v->dose_number, v->overrides ? " overrides=" : "", overrides);
  w = (MadoRecordWrite) {
    .kind = MADO_RECORD_VACCINATION, .record_id = v->record_id, .outcome = "vaccinated",
    .resident_ref = v->resident_ref, .vaccine_code = v->product->code,
    .vaccine_name = v->product->display, .lot_number = v->lot_number,
    .dose_number = v->dose_number, .staff_id = v->performer_id, .recorded_at = v->occurred_at,
    .hub_kind = "vaccination-record", .audit_detail = detail,
  };
  return write_record (store, &w, node, v->resident_name, error);
}

static char *
resident_of (const MadoStoredRecord  *record,
             GError                 **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, g_bytes_get_data (record->local_body, NULL),
                                   (gssize) g_bytes_get_size (record->local_body), error))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (
                     json_node_get_object (json_parser_get_root (parser)), "residentRef", NULL));
}

/**
 * mado_venue_recorder_correct:
 * @store: the desk's store
 * @staff: who is signed in: a doctor or a nurse
 * @correction: the record to mark entered-in-error and why; the rest is
 *   filled here
 * @error: %MADO_RECORD_ERROR_ROLE_NOT_ALLOWED, %MADO_RECORD_ERROR_NOT_FOUND,
 *   %MADO_RECORD_ERROR_ALREADY_CORRECTED, %MADO_RECORD_ERROR_INVALID or a
 *   #MADO_STORE_ERROR
 *
 * Saves a new record that refers to the vaccination; the vaccination
 * itself is never changed.
 *
 * Returns: (transfer full) (nullable): the correction's ID
 */
char *
mado_venue_recorder_correct (MadoStore         *store,
                             MadoStaffSession  *staff,
                             MadoCorrection    *c,
                             GError           **error)
{
  g_autoptr(MadoStoredRecord) original = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *detail = NULL;
  MadoRecordWrite w = { 0 };

  if (!check_role (staff, mado_staff_role_can_record (mado_staff_session_get_role (staff)),
                   _("Marking a record entered in error"), error) ||
      !mado_correction_validate (c, error))
    return NULL;
  original = mado_store_records_get (store, c->corrects_record_id, error);
  if (original == NULL)
    return NULL;
  g_free (c->resident_ref);
  c->resident_ref = resident_of (original, error);
  if (c->resident_ref == NULL)
    return NULL;
  g_free (c->record_id);
  c->record_id = g_uuid_string_random ();
  replace (&c->staff_id, mado_staff_session_get_staff_id (staff));
  replace (&c->staff_name, mado_staff_session_get_display_name (staff));
  if (c->recorded_at == NULL)
    c->recorded_at = g_date_time_new_now_utc ();
  node = mado_record_encode_correction (c);
  detail = g_strdup_printf ("correction %s of %s", c->record_id, c->corrects_record_id);
  w = (MadoRecordWrite) {
    .kind = MADO_RECORD_CORRECTION, .record_id = c->record_id, .outcome = "entered-in-error",
    .resident_ref = c->resident_ref, .vaccine_code = original->vaccine_code,
    .vaccine_name = original->vaccine_name, .lot_number = original->lot_number,
    .dose_number = original->dose_number, .staff_id = c->staff_id, .corrects = original->record_id,
    .recorded_at = c->recorded_at, .hub_kind = "vaccination-record", .audit_detail = detail,
  };
  return write_record (store, &w, node, NULL, error);
}
