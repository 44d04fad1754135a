/* test-vaccination-checks.c — the checks before a vaccination is saved, and their overrides (mado-vaccination-checks.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"
#include "mado-test-util.h"

/* Every case vaccinates on 2026-11-21 (local time). */
static MadoResidentBundle *
bundle_born (const char *birth)
{
  MadoResidentBundle *b = mado_resident_bundle_new ();

  b->resident_ref = g_strdup ("r-test");
  b->basic_info.birth_date = mado_test_date (birth);
  b->immunizations = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_immunization_free);
  b->immunizations_due = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_immunization_due_free);
  b->questionnaires = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_questionnaire_free);
  return b;
}

static void
add_given (MadoResidentBundle *b,
           const char         *code,
           const char         *on,
           gint                dose)
{
  MadoImmunization *im = mado_immunization_new ();

  im->vaccine_code = g_strdup (code);
  im->occurrence_date = mado_test_date (on);
  im->dose_number = dose;
  im->status = g_strdup ("completed");
  g_ptr_array_add (b->immunizations, im);
}

static MadoVaccination *
intended (const char *code,
          guint       dose)
{
  MadoVaccination *v = mado_vaccination_new ();

  mado_vaccination_set_product (v, mado_vaccine_products_find_code (code));
  v->resident_ref = g_strdup ("r-test");
  v->dose_number = dose;
  v->lot_number = g_strdup ("LOT1");
  v->expiry = mado_test_date ("2027-12-31");
  v->site = g_strdup ("left-upper-arm");
  v->occurred_at = g_date_time_new_local (2026, 11, 21, 10, 0, 0);
  return v;
}

/* The checks' names, comma-joined, in the order found. */
static char *
run (const MadoVaccination    *v,
     const MadoResidentBundle *b)
{
  g_autoptr(GPtrArray) findings = mado_vaccination_checks_run (v, b, NULL, 0);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const MadoCheckFinding *f = g_ptr_array_index (findings, i);

      g_assert_true (f->message != NULL && *f->message != '\0');
      g_assert_true (f->blocks == (f->check == MADO_CHECK_LOT_EXPIRED));
      g_string_append_printf (names, "%s%s", names->len ? "," : "", mado_check_to_string (f->check));
    }
  return g_string_free (names, FALSE);
}

static void
test_checks_clean (void)
{
  g_autoptr(MadoResidentBundle) b = bundle_born ("2026-01-21");
  g_autoptr(MadoVaccination) v = intended ("HEPB-PED", 3);
  g_autofree char *found = NULL;

  add_given (b, "HEPB-PED", "2026-03-21", 1);
  add_given (b, "HEPB-PED", "2026-04-21", 2);
  found = run (v, b);
  g_assert_cmpstr (found, ==, "");
  g_assert_true (mado_vaccination_validate (v, NULL));
}

static void
test_checks_expired_lot_blocks (void)
{
  g_autoptr(MadoResidentBundle) b = bundle_born ("2026-01-21");
  g_autoptr(MadoVaccination) v = intended ("HEPB-PED", 1);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  /* the expiry day itself is still usable */
  v->expiry = mado_test_date ("2026-11-21");
  found = run (v, b);
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);

  v->expiry = mado_test_date ("2026-11-20");
  found = run (v, b);
  g_assert_cmpstr (found, ==, "lot-expired");
  findings = mado_vaccination_checks_run (v, b, NULL, 0);
  /* no override lets it through, not even all of them */
  g_assert_false (mado_vaccination_checks_resolve (findings, G_MAXUINT, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_LOT_EXPIRED);
}

static void
test_checks_live_interval (void)
{
  g_autoptr(MadoResidentBundle) b = bundle_born ("2025-09-01");
  g_autoptr(MadoVaccination) v = intended ("MR", 1);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  /* varicella 27 days before: one day short (27日以上 → from day 28) */
  add_given (b, "VAR", "2026-10-25", 1);
  found = run (v, b);
  g_assert_cmpstr (found, ==, "live-interval");
  findings = mado_vaccination_checks_run (v, b, NULL, 0);
  g_assert_false (mado_vaccination_checks_resolve (findings, 0, &error));
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_NEEDS_OVERRIDE);
  g_assert_nonnull (g_strstr_len (error->message, -1, "live-interval"));
  g_clear_error (&error);
  /* another override does not do */
  g_assert_false (mado_vaccination_checks_resolve (findings, MADO_CHECK_FLAG (MADO_CHECK_DOSE_INTERVAL), NULL));
  g_assert_true (mado_vaccination_checks_resolve (findings, MADO_CHECK_FLAG (MADO_CHECK_LIVE_INTERVAL), &error));
  g_assert_no_error (error);

  /* 28 days before: allowed; the same day (同時接種): allowed */
  ((MadoImmunization *) g_ptr_array_index (b->immunizations, 0))->occurrence_date = mado_test_date ("2026-10-24");
  g_clear_pointer (&found, g_free);
  found = run (v, b);
  g_assert_cmpstr (found, ==, "");
  ((MadoImmunization *) g_ptr_array_index (b->immunizations, 0))->occurrence_date = mado_test_date ("2026-11-21");
  g_clear_pointer (&found, g_free);
  found = run (v, b);
  g_assert_cmpstr (found, ==, "");
}

static void
test_checks_dose_rules (void)
{
  g_autoptr(MadoResidentBundle) b = bundle_born ("2026-05-01");
  g_autoptr(MadoVaccination) v = intended ("HEPB-PED", 2);
  g_autofree char *found = NULL;

  /* HepB 1 → 2 needs 27 days */
  add_given (b, "HEPB-PED", "2026-11-01", 1);
  found = run (v, b);
  g_assert_cmpstr (found, ==, "dose-interval");
  g_clear_pointer (&found, g_free);

  /* dose 1 again */
  v->dose_number = 1;
  found = run (v, b);
  g_assert_cmpstr (found, ==, "dose-already-given");
  g_clear_pointer (&found, g_free);

  /* the same vaccine already today, whatever the dose number says */
  ((MadoImmunization *) g_ptr_array_index (b->immunizations, 0))->occurrence_date = mado_test_date ("2026-11-21");
  v->dose_number = 2;
  found = run (v, b);
  g_assert_nonnull (g_strstr_len (found, -1, "dose-already-given"));
}

static void
test_checks_age (void)
{
  g_autoptr(MadoResidentBundle) b = bundle_born ("2025-09-20");
  g_autoptr(MadoVaccination) v = intended ("HEPB-PED", 1);
  g_autoptr(MadoVaccination) rota = intended ("ROTA-2", 1);
  g_autofree char *found = run (v, b);

  /* HepB until the first birthday: 14 months is too late */
  g_assert_cmpstr (found, ==, "age-outside-schedule");
  g_clear_pointer (&found, g_free);
  /* rotavirus from 6 weeks: 30 days is too early, 50 days fine */
  b->basic_info.birth_date = mado_test_date ("2026-10-22");
  found = run (rota, b);
  g_assert_cmpstr (found, ==, "age-outside-schedule");
  g_clear_pointer (&found, g_free);
  b->basic_info.birth_date = mado_test_date ("2026-10-02");
  found = run (rota, b);
  g_assert_cmpstr (found, ==, "");
}

static void
test_checks_questionnaire (void)
{
  g_autoptr(MadoResidentBundle) b = bundle_born ("2026-01-21");
  g_autoptr(MadoVaccination) v = intended ("PCV-PED", 1);
  MadoQuestionnaire *q = mado_questionnaire_new ();
  g_autofree char *found = NULL;

  q->questionnaire_id = g_strdup ("q-1");
  q->vaccine = g_strdup ("B型肝炎");
  g_ptr_array_add (b->questionnaires, q);
  v->questionnaire_id = g_strdup ("q-1");
  found = run (v, b);
  g_assert_cmpstr (found, ==, "questionnaire-mismatch");
  g_clear_pointer (&found, g_free);
  g_free (q->vaccine);
  q->vaccine = g_strdup ("小児用肺炎球菌");
  found = run (v, b);
  g_assert_cmpstr (found, ==, "");
}

static void
test_checks_local_history_and_dose (void)
{
  g_autoptr(MadoResidentBundle) b = bundle_born ("2026-01-21");
  g_autoptr(MadoVaccination) v = intended ("HEPB-PED", 2);
  MadoVaccinationEvent local = { "hepb", { 0 }, 2, FALSE, TRUE };
  g_autoptr(GPtrArray) findings = NULL;
  MadoImmunizationDue *due = mado_immunization_due_new ();

  /* the dose recorded here an hour ago, not yet in the bundle */
  local.date = mado_test_date ("2026-11-21");
  findings = mado_vaccination_checks_run (v, b, &local, 1);
  g_assert_cmpuint (findings->len, >=, 1);
  g_assert_cmpint (((MadoCheckFinding *) g_ptr_array_index (findings, 0))->check, ==, MADO_CHECK_DOSE_ALREADY_GIVEN);

  /* the proposal: one more than given, or what the due list says */
  add_given (b, "HEPB-PED", "2026-03-21", 1);
  g_assert_cmpuint (mado_vaccination_checks_propose_dose (b, NULL, 0, "hepb"), ==, 2);
  g_assert_cmpuint (mado_vaccination_checks_propose_dose (b, &local, 1, "hepb"), ==, 3);
  g_assert_cmpuint (mado_vaccination_checks_propose_dose (b, NULL, 0, "mr"), ==, 1);
  due->vaccine = g_strdup ("B型肝炎");
  due->dose_number = 3;
  g_ptr_array_add (b->immunizations_due, due);
  g_assert_cmpuint (mado_vaccination_checks_propose_dose (b, NULL, 0, "hepb"), ==, 3);
}

static void
test_checks_names (void)
{
  g_autofree char *joined = mado_check_flags_to_string (MADO_CHECK_FLAG (MADO_CHECK_LIVE_INTERVAL) |
                                                        MADO_CHECK_FLAG (MADO_CHECK_AGE_OUTSIDE_SCHEDULE));
  MadoCheck check;

  g_assert_cmpstr (joined, ==, "live-interval,age-outside-schedule");
  g_assert_true (mado_check_from_string ("questionnaire-mismatch", &check));
  g_assert_cmpint (check, ==, MADO_CHECK_QUESTIONNAIRE_MISMATCH);
  g_assert_false (mado_check_from_string ("lot-expired-ok", &check));
}

static void
test_judgement_rules (void)
{
  g_autoptr(MadoJudgement) j = mado_judgement_new ();
  g_autoptr(GError) error = NULL;

  j->resident_ref = g_strdup ("r-test");
  j->questionnaire_id = g_strdup ("q-1");
  j->decision = MADO_DECISION_VACCINATE;
  g_assert_false (mado_judgement_validate (j, &error));     /* explanation not given */
  g_assert_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_INVALID);
  g_clear_error (&error);
  j->explained = TRUE;
  g_assert_true (mado_judgement_validate (j, &error));
  g_assert_false (mado_judgement_is_examination_only (j));

  j->decision = MADO_DECISION_POSTPONE;
  g_assert_true (mado_judgement_is_examination_only (j));
  g_assert_false (mado_judgement_validate (j, NULL));       /* no reason */
  j->reason_code = g_strdup ("fever");
  g_assert_true (mado_judgement_validate (j, NULL));
  g_free (j->reason_code);
  j->reason_code = g_strdup ("other");
  g_assert_false (mado_judgement_validate (j, NULL));       /* "other" needs text */
  j->reason_text = g_strdup ("保護者の希望");
  g_assert_true (mado_judgement_validate (j, NULL));
  g_free (j->reason_code);
  j->reason_code = g_strdup ("sneezing");
  g_assert_false (mado_judgement_validate (j, NULL));       /* not on the list */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain/vaccination-checks/clean", test_checks_clean);
  g_test_add_func ("/domain/vaccination-checks/expired-lot-blocks", test_checks_expired_lot_blocks);
  g_test_add_func ("/domain/vaccination-checks/live-interval", test_checks_live_interval);
  g_test_add_func ("/domain/vaccination-checks/dose-rules", test_checks_dose_rules);
  g_test_add_func ("/domain/vaccination-checks/age", test_checks_age);
  g_test_add_func ("/domain/vaccination-checks/questionnaire", test_checks_questionnaire);
  g_test_add_func ("/domain/vaccination-checks/local-history", test_checks_local_history_and_dose);
  g_test_add_func ("/domain/vaccination-checks/names", test_checks_names);
  g_test_add_func ("/domain/vaccination-checks/judgement", test_judgement_rules);
  return g_test_run ();
}
