/* test-venue-recorder.c — roles, records written once with their outbox entry, today's list and the report (mado-venue-recorder.c, mado-store-records*.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"
#include "mado-test-store.h"

static MadoStaffSession *
staff (const char    *id,
       MadoStaffRole  role,
       const char    *name)
{
  MadoStaffSession *session = mado_staff_session_new (id, role, 0, 0);

  mado_staff_session_set_display_name (session, name);
  return session;
}

/* An infant of about ten months with today's HepB questionnaire, doses 1
 * and 2 given. */
static MadoResidentBundle *
infant_bundle (void)
{
  MadoResidentBundle *b = mado_resident_bundle_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) birth = g_date_time_add_days (now, -304);
  MadoQuestionnaire *q = mado_questionnaire_new ();
  MadoDoctorItem *decision = mado_doctor_item_new ();
  MadoDoctorItem *explained = mado_doctor_item_new ();
  const char *options[] = { "vaccinate", "postpone", "do-not-vaccinate", NULL };

  b->resident_ref = g_strdup ("r-1001");
  b->basic_info.name = g_strdup ("山田 陽翔");
  g_date_set_dmy (&b->basic_info.birth_date, (GDateDay) g_date_time_get_day_of_month (birth),
                  (GDateMonth) g_date_time_get_month (birth), (GDateYear) g_date_time_get_year (birth));
  b->immunizations = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_immunization_free);
  b->questionnaires = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_questionnaire_free);
  q->questionnaire_id = g_strdup ("q-hepb-3");
  q->vaccine = g_strdup ("B型肝炎");
  decision->item_id = g_strdup ("doctor-decision");
  decision->answer_type = g_strdup ("choice");
  decision->options = g_strdupv ((char **) options);
  explained->item_id = g_strdup ("explanation-given");
  explained->answer_type = g_strdup ("boolean");
  g_ptr_array_add (q->doctor_section, decision);
  g_ptr_array_add (q->doctor_section, explained);
  g_ptr_array_add (b->questionnaires, q);
  return b;
}

static MadoJudgement *
judgement (MadoDecision decision)
{
  MadoJudgement *j = mado_judgement_new ();

  j->resident_ref = g_strdup ("r-1001");
  j->resident_name = g_strdup ("山田 陽翔");
  j->questionnaire_id = g_strdup ("q-hepb-3");
  j->decision = decision;
  j->explained = TRUE;
  if (decision != MADO_DECISION_VACCINATE)
    j->reason_code = g_strdup ("fever");
  return j;
}

static MadoVaccination *
hepb_dose (guint dose)
{
  MadoVaccination *v = mado_vaccination_new ();
  MadoGs1 scan;

  g_assert_true (mado_gs1_parse ("(01)04912345000019(17)991231(10)HB2511A", -1, &scan, NULL));
  g_assert_true (mado_vaccination_set_scan (v, &scan, NULL));
  v->resident_ref = g_strdup ("r-1001");
  v->dose_number = dose;
  v->site = g_strdup ("left-thigh");
  return v;
}

static GPtrArray *
today (MadoStore      *store,
       MadoRecordKind  kind)
{
  MadoRecordFilter filter = MADO_RECORD_FILTER_ALL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  filter.kind = kind;
  filter.with_bodies = TRUE;
  records = mado_store_records_list (store, &filter, &error);
  g_assert_no_error (error);
  return records;
}

static void
test_recorder_roles (MadoTestStore *f,
                     gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(MadoResidentBundle) b = infant_bundle ();
  g_autoptr(MadoStaffSession) desk = staff ("uketsuke", MADO_STAFF_ROLE_RECEPTION, "受付 花子");
  g_autoptr(MadoStaffSession) nurse = staff ("kango", MADO_STAFF_ROLE_NURSE, "看護 桜");
  g_autoptr(MadoStaffSession) doctor = staff ("isha", MADO_STAFF_ROLE_DOCTOR, "佐藤 健一");
  g_autoptr(MadoJudgement) j = judgement (MADO_DECISION_VACCINATE);
  g_autoptr(MadoVaccination) v = hepb_dose (3);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  /* reception and a nurse cannot sign; nothing is written */
  g_assert_null (mado_venue_recorder_sign_judgement (store, desk, b, j, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_ROLE_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_null (mado_venue_recorder_sign_judgement (store, nurse, b, j, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_ROLE_NOT_ALLOWED);
  g_clear_error (&error);
  /* reception cannot record a dose; a nurse cannot before a judgement */
  g_assert_null (mado_venue_recorder_record_vaccination (store, desk, b, v, NULL, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_ROLE_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_null (mado_venue_recorder_record_vaccination (store, nurse, b, v, NULL, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_NOT_JUDGED);
  g_clear_error (&error);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM records"), ==, 0);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM outbox"), ==, 0);

  /* the doctor signs: one record, one outbox entry, one audit entry */
  id = mado_venue_recorder_sign_judgement (store, doctor, b, j, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (j->doctor_name, ==, "佐藤 健一");
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM records WHERE kind = 'judgement' AND outcome = 'vaccinate'"), ==, 1);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM outbox WHERE kind = 'questionnaire-record'"), ==, 1);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM audit WHERE action = 'record-written' AND operator = 'isha'"), ==, 1);
  g_clear_pointer (&id, g_free);

  /* now the nurse records; the record names the doctor and the nurse */
  id = mado_venue_recorder_record_vaccination (store, nurse, b, v, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v->doctor_name, ==, "佐藤 健一");
  g_assert_cmpstr (v->performer_name, ==, "看護 桜");
  g_assert_cmpstr (v->questionnaire_id, ==, "q-hepb-3");
  g_assert_cmpstr (v->judgement_id, ==, j->record_id);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM outbox WHERE kind = 'vaccination-record'"), ==, 1);
}

static const char *
body_string (const MadoStoredRecord *record,
             const char             *member,
             JsonParser             *parser)
{
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (record->local_body, NULL),
                                             (gssize) g_bytes_get_size (record->local_body), NULL));
  return json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                     member, NULL);
}

static void
test_recorder_examination_only (MadoTestStore *f,
                                gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(MadoResidentBundle) b = infant_bundle ();
  g_autoptr(MadoStaffSession) doctor = staff ("isha", MADO_STAFF_ROLE_DOCTOR, "佐藤 健一");
  g_autoptr(MadoStaffSession) nurse = staff ("kango", MADO_STAFF_ROLE_NURSE, NULL);
  g_autoptr(MadoJudgement) j = judgement (MADO_DECISION_POSTPONE);
  g_autoptr(MadoVaccination) v = hepb_dose (3);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mado_venue_recorder_sign_judgement (store, doctor, b, j, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  records = today (store, MADO_RECORD_JUDGEMENT);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((MadoStoredRecord *) g_ptr_array_index (records, 0))->outcome, ==, "examination-only");
  g_assert_cmpstr (body_string (g_ptr_array_index (records, 0), "residentName", parser), ==, "山田 陽翔");
  g_assert_cmpstr (body_string (g_ptr_array_index (records, 0), "reasonCode", parser), ==, "fever");
  /* the doctor said not today: a nurse cannot record a dose */
  g_assert_null (mado_venue_recorder_record_vaccination (store, nurse, b, v, NULL, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_NOT_JUDGED);
}

static void
test_recorder_overrides_and_history (MadoTestStore *f,
                                     gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(MadoResidentBundle) b = infant_bundle ();
  g_autoptr(MadoStaffSession) doctor = staff ("isha", MADO_STAFF_ROLE_DOCTOR, "佐藤 健一");
  g_autoptr(MadoVaccination) first = hepb_dose (3);
  g_autoptr(MadoVaccination) again = hepb_dose (3);
  g_autoptr(MadoVaccination) expired = hepb_dose (3);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  /* a doctor records without a separate judgement: they are the doctor */
  id = mado_venue_recorder_record_vaccination (store, doctor, b, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->doctor_name, ==, "佐藤 健一");
  g_assert_cmpuint (mado_venue_recorder_propose_dose (store, b, first->product), ==, 4);

  /* the same dose again, known from this desk's records alone */
  g_assert_null (mado_venue_recorder_record_vaccination (store, doctor, b, again, &findings, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_NEEDS_OVERRIDE);
  g_assert_cmpuint (findings->len, >=, 1);
  g_clear_error (&error);
  g_clear_pointer (&id, g_free);
  again->overrides = MADO_CHECK_FLAG (MADO_CHECK_DOSE_ALREADY_GIVEN) | MADO_CHECK_FLAG (MADO_CHECK_DOSE_INTERVAL)
                     | MADO_CHECK_FLAG (MADO_CHECK_AGE_OUTSIDE_SCHEDULE);
  again->override_reason = g_strdup ("前回の記録が誤り");
  id = mado_venue_recorder_record_vaccination (store, doctor, b, again, NULL, &error);
  g_assert_no_error (error);
  /* only the overrides that let something through are kept, and audited */
  g_assert_cmpuint (again->overrides & MADO_CHECK_FLAG (MADO_CHECK_AGE_OUTSIDE_SCHEDULE), ==, 0);
  g_assert_cmpuint (again->overrides & MADO_CHECK_FLAG (MADO_CHECK_DOSE_ALREADY_GIVEN), !=, 0);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM audit WHERE detail LIKE '%overrides=dose-already-given'"), ==, 1);

  /* an expired lot: refused, whatever is overridden */
  expired->expiry = first->expiry;
  g_date_set_dmy (&expired->expiry, 1, 1, 2020);
  expired->overrides = G_MAXUINT;
  g_assert_null (mado_venue_recorder_record_vaccination (store, doctor, b, expired, NULL, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_LOT_EXPIRED);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM records"), ==, 2);
}

static void
test_recorder_correction_and_report (MadoTestStore *f,
                                     gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(MadoResidentBundle) b = infant_bundle ();
  g_autoptr(MadoStaffSession) doctor = staff ("isha", MADO_STAFF_ROLE_DOCTOR, "佐藤 健一");
  g_autoptr(MadoStaffSession) desk = staff ("uketsuke", MADO_STAFF_ROLE_RECEPTION, NULL);
  g_autoptr(MadoVaccination) v = hepb_dose (3);
  g_autoptr(MadoCorrection) c = mado_correction_new ();
  g_autoptr(MadoCorrection) twice = mado_correction_new ();
  g_autoptr(MadoStoredRecord) original = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = mado_venue_recorder_record_vaccination (store, doctor, b, v, NULL, &error);
  g_autofree char *fix = NULL;
  g_autofree char *csv = NULL;

  g_assert_no_error (error);
  c->corrects_record_id = g_strdup (id);
  c->reason = g_strdup ("別の方の記録");
  g_assert_null (mado_venue_recorder_correct (store, desk, c, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_ROLE_NOT_ALLOWED);
  g_clear_error (&error);
  fix = mado_venue_recorder_correct (store, doctor, c, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->resident_ref, ==, "r-1001");

  /* the original is unchanged and points to its correction */
  original = mado_store_records_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (original->outcome, ==, "vaccinated");
  g_assert_cmpstr (original->corrected_by, ==, fix);
  twice->corrects_record_id = g_strdup (id);
  twice->reason = g_strdup ("again");
  g_assert_null (mado_venue_recorder_correct (store, doctor, twice, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_ALREADY_CORRECTED);
  g_clear_error (&error);
  g_free (twice->corrects_record_id);
  twice->corrects_record_id = g_strdup (fix);   /* a correction is not a vaccination */
  g_assert_null (mado_venue_recorder_correct (store, doctor, twice, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* corrected, the dose no longer counts as given */
  g_assert_cmpuint (mado_venue_recorder_propose_dose (store, b, v->product), ==, 1);

  rows = mado_store_records_report (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (((MadoDayReportRow *) g_ptr_array_index (rows, 0))->count, ==, 0);
  g_assert_cmpuint (((MadoDayReportRow *) g_ptr_array_index (rows, 0))->entered_in_error, ==, 1);
  csv = mado_store_records_report_csv (rows);
  g_assert_cmpstr (csv, ==,
                   "outcome,vaccineCode,vaccine,lotNumber,count,enteredInError,recordedSending,delivered,refused\r\n"
                   "vaccinated,HEPB-PED,B型肝炎ワクチン（小児用）,HB2511A,0,1,1,0,0\r\n");
}

static void
test_records_delivery_states (MadoTestStore *f,
                              gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(MadoResidentBundle) b = infant_bundle ();
  g_autoptr(MadoStaffSession) doctor = staff ("isha", MADO_STAFF_ROLE_DOCTOR, "佐藤 健一");
  g_autoptr(MadoJudgement) j = judgement (MADO_DECISION_VACCINATE);
  g_autoptr(MadoVaccination) v = hepb_dose (3);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jid = mado_venue_recorder_sign_judgement (store, doctor, b, j, &error);
  g_autofree char *vid = mado_venue_recorder_record_vaccination (store, doctor, b, v, NULL, &error);
  MadoRecordFilter filter = MADO_RECORD_FILTER_ALL;
  const MadoStoredRecord *first, *second;

  g_assert_no_error (error);
  g_assert_nonnull (jid);
  g_assert_nonnull (vid);
  all = mado_store_records_list (store, NULL, &error);
  g_assert_cmpuint (all->len, ==, 2);
  first = g_ptr_array_index (all, 0);
  second = g_ptr_array_index (all, 1);
  g_assert_cmpint (first->delivery, ==, MADO_DELIVERY_SENDING);
  g_assert_true (mado_store_outbox_mark_delivered (store, first->outbox_key, MADO_TEST_T0, &error));
  g_assert_true (mado_store_outbox_mark_failed (store, second->outbox_key, TRUE, "lotNumber is required", MADO_TEST_T0, &error));
  g_clear_pointer (&all, g_ptr_array_unref);

  all = mado_store_records_list (store, NULL, &error);
  g_assert_cmpint (((MadoStoredRecord *) g_ptr_array_index (all, 0))->delivery, ==, MADO_DELIVERY_DELIVERED);
  g_assert_cmpint (((MadoStoredRecord *) g_ptr_array_index (all, 1))->delivery, ==, MADO_DELIVERY_REFUSED);
  g_assert_cmpstr (((MadoStoredRecord *) g_ptr_array_index (all, 1))->refusal, ==, "lotNumber is required");
  filter.delivery = MADO_DELIVERY_REFUSED;
  refused = mado_store_records_list (store, &filter, &error);
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_cmpstr (((MadoStoredRecord *) g_ptr_array_index (refused, 0))->record_id, ==, vid);
  /* another day holds nothing */
  filter.delivery = -1;
  filter.day = "2000-01-01";
  g_clear_pointer (&refused, g_ptr_array_unref);
  refused = mado_store_records_list (store, &filter, &error);
  g_assert_cmpuint (refused->len, ==, 0);
  /* the resident's name is sealed, not in a column */
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM records WHERE CAST(sealed AS TEXT) LIKE '%r-1001%' OR resident_tag = 'r-1001'"), ==, 0);
}

static void
test_records_report_csv_quoting (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_day_report_row_free);
  MadoDayReportRow *row = g_new0 (MadoDayReportRow, 1);
  g_autofree char *csv = NULL;

  row->outcome = g_strdup ("vaccinated");
  row->vaccine_code = g_strdup ("X");
  row->vaccine_name = g_strdup ("a, \"b\"");
  row->lot_number = g_strdup ("=HYPERLINK()");
  row->count = 2;
  g_ptr_array_add (rows, row);
  csv = mado_store_records_report_csv (rows);
  g_assert_nonnull (g_strstr_len (csv, -1, "\r\nvaccinated,X,\"a, \"\"b\"\"\",'=HYPERLINK(),2,0,0,0,0\r\n"));
}

static void
test_staff_names (MadoTestStore *f,
                  gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStaffSession) session = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  MadoStaffRole role;

  g_assert_true (mado_staff_role_from_string ("nurse", &role));
  g_assert_cmpint (role, ==, MADO_STAFF_ROLE_NURSE);
  g_assert_true (mado_staff_role_can_record (role) && !mado_staff_role_can_judge (role));
  g_assert_false (mado_staff_role_can_record (MADO_STAFF_ROLE_RECEPTION));
  g_assert_false (mado_staff_role_can_judge (MADO_STAFF_ROLE_ADMINISTRATOR));

  g_assert_true (mado_store_staff_add (store, "kango", MADO_STAFF_ROLE_NURSE, "correct horse battery", "system:test", &error));
  session = mado_store_staff_sign_in (store, "kango", "correct horse battery", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mado_staff_session_get_display_name (session), ==, "kango");
  g_clear_object (&session);
  g_assert_false (mado_store_staff_set_name (store, "kango", "two\nlines", "system:test", &error));
  g_clear_error (&error);
  g_assert_true (mado_store_staff_set_name (store, "kango", "看護 桜", "system:test", &error));
  session = mado_store_staff_sign_in (store, "kango", "correct horse battery", 0, 0, &error);
  g_assert_cmpint (mado_staff_session_get_role (session), ==, MADO_STAFF_ROLE_NURSE);
  g_assert_cmpstr (mado_staff_session_get_display_name (session), ==, "看護 桜");
  accounts = mado_store_staff_list (store, &error);
  g_assert_cmpstr (((MadoStaffAccount *) g_ptr_array_index (accounts, 0))->display_name, ==, "看護 桜");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  MADO_TEST_STORE_ADD ("records/roles", test_recorder_roles);
  MADO_TEST_STORE_ADD ("records/examination-only", test_recorder_examination_only);
  MADO_TEST_STORE_ADD ("records/overrides-and-history", test_recorder_overrides_and_history);
  MADO_TEST_STORE_ADD ("records/correction-and-report", test_recorder_correction_and_report);
  MADO_TEST_STORE_ADD ("records/delivery-states", test_records_delivery_states);
  MADO_TEST_STORE_ADD ("records/staff-names", test_staff_names);
  g_test_add_func ("/store/records/csv-quoting", test_records_report_csv_quoting);
  return g_test_run ();
}
