/* test-orca-response.c — ORCA's answers read strictly: shapes, result codes, bounds, sanitising
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

/* An answer in the shape ORCA's API documents: the patient, one 公費, the
 * array padded with empty objects. */
#define PATIENT \
  "\"Patient_Information\": {\"Patient_ID\": \"00012\", \"WholeName\": \"佐藤　恵子\", " \
  "\"BirthDate\": \"1968-03-03\", \"Sex\": \"2\"}"
#define PUBLICS \
  "\"PublicInsurance_Information\": {\"PublicInsurance_Info\": [" \
  "{\"PublicInsurance_Id\": \"0000000004\", \"PublicInsurance_Class\": \"054\", " \
  "\"PublicInsurance_Name\": \"難病\", \"PublicInsurer_Number\": \"54016027\", " \
  "\"PublicInsuredPerson_Number\": \"2304616\", \"Certificate_IssuedDate\": \"2026-04-01\", " \
  "\"Certificate_ExpiredDate\": \"9999-12-31\", \"Certificate_CheckDate\": \"2026-11-02\"}, {}, {}]}"

static MadoOrcaResponse *
parse (const char  *body,
       GError     **error)
{
  return mado_orca_response_parse (body, strlen (body), "patientmodv3res2", error);
}

static char *
answer (const char *result,
        const char *extra)
{
  return g_strdup_printf ("{\"patientmodv3res2\": {\"Request_Number\": \"01\", "
                          "\"Response_Number\": \"02\", \"Orca_Uid\": \"c585dc3e-fa42-4f45\", "
                          "\"Api_Result\": \"%s\", \"Api_Result_Message\": \"処理終了\", "
                          PATIENT ", " PUBLICS "%s}}", result, extra);
}

static void
test_patient_and_publics (void)
{
  g_autofree char *body = answer ("000", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoOrcaResponse) r = parse (body, &error);
  const MadoOrcaPublic *item;

  g_assert_no_error (error);
  g_assert_true (mado_orca_response_check (r, NULL));
  g_assert_cmpstr (r->orca_uid, ==, "c585dc3e-fa42-4f45");
  g_assert_cmpstr (r->response_number, ==, "02");
  g_assert_cmpstr (r->patient->id, ==, "00012");
  g_assert_cmpstr (r->patient->name, ==, "佐藤　恵子");
  g_assert_cmpuint (g_date_get_year (&r->patient->birth_date), ==, 1968);
  /* The two padding objects are not 公費. */
  g_assert_cmpuint (r->patient->publics->len, ==, 1);
  item = g_ptr_array_index (r->patient->publics, 0);
  g_assert_cmpstr (item->id, ==, "0000000004");
  g_assert_cmpstr (item->payer_number, ==, "54016027");
  g_assert_cmpstr (item->recipient_number, ==, "2304616");
  g_assert_cmpuint (g_date_get_month (&item->issued), ==, 4);
  /* 9999-12-31 is ORCA's "no end". */
  g_assert_false (g_date_valid (&item->expired));
  g_assert_cmpuint (g_date_get_day (&item->checked), ==, 2);
}

static const struct {
  const char *result;
  gboolean    ok;
  int         code;
} results[] = {
  { "00", TRUE, 0 },
  { "000", TRUE, 0 },
  { "W00", TRUE, 0 },
  { "W01", FALSE, MADO_ORCA_ERROR_REFUSED },
  { "E90", FALSE, MADO_ORCA_ERROR_LOCKED },
  { "E9999", FALSE, MADO_ORCA_ERROR_LOCKED },
  { "E10", FALSE, MADO_ORCA_ERROR_PATIENT_NOT_FOUND },
  { "S20", FALSE, MADO_ORCA_ERROR_QUESTION },
  { "E50", FALSE, MADO_ORCA_ERROR_VALIDATION },
  { "01", FALSE, MADO_ORCA_ERROR_REFUSED },
  { "E13", FALSE, MADO_ORCA_ERROR_REFUSED },
};

static void
test_result_codes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *body = answer (results[i].result, "");
      g_autoptr(MadoOrcaResponse) r = parse (body, NULL);
      g_autoptr(GError) error = NULL;

      g_test_message ("Api_Result %s", results[i].result);
      g_assert_nonnull (r);
      g_assert_cmpint (mado_orca_response_check (r, &error), ==, results[i].ok);
      if (results[i].ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, MADO_ORCA_ERROR, results[i].code);
          /* ORCA's code is in the message staff read. */
          g_assert_nonnull (strstr (error->message, results[i].result));
        }
    }
}

static void
test_question_and_messages (void)
{
  g_autofree char *question = answer ("S20", ", \"Patient_Select_Information\": {"
                                      "\"Patient_Select\": \"K910\", "
                                      "\"Patient_Select_Message\": \"期間外の診療が発生します\"}");
  g_autofree char *invalid = answer ("E50", ", \"Patient_Message_Information\": {"
                                     "\"Patient_Message_Info\": [{\"Patient_Result\": \"0081\", "
                                     "\"Patient_Result_Message\": \"開始日を確認して下さい\"}, {}]}");
  g_autoptr(MadoOrcaResponse) q = parse (question, NULL);
  g_autoptr(MadoOrcaResponse) v = parse (invalid, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (q->select_code, ==, "K910");
  g_assert_false (mado_orca_response_check (q, &error));
  g_assert_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_QUESTION);
  g_assert_nonnull (strstr (error->message, "期間外の診療が発生します"));
  g_clear_error (&error);
  g_assert_cmpuint (g_strv_length (v->messages), ==, 1);
  g_assert_false (mado_orca_response_check (v, &error));
  g_assert_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "開始日を確認して下さい"));
}

static void
test_search (void)
{
  const char *body = "{\"patientlst2res\": {\"Api_Result\": \"00\", \"Patient_Information\": ["
                     "{\"Patient_ID\": \"00005\", \"WholeName\": \"田中　由美\", \"BirthDate\": \"1985-09-30\"},"
                     "{\"Patient_ID\": \"00015\", \"WholeName\": \"田中　由美\", \"BirthDate\": \"1985-09-30\"}, {}]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoOrcaResponse) r = mado_orca_response_parse (body, strlen (body), "patientlst2res", &error);

  g_assert_no_error (error);
  g_assert_null (r->patient);
  g_assert_cmpuint (r->candidates->len, ==, 2);
  g_assert_cmpstr (((MadoOrcaPatient *) g_ptr_array_index (r->candidates, 1))->id, ==, "00015");
}

static const char *const malformed[] = {
  "",
  "[]",
  "{\"patientmodv3res\": {\"Api_Result\": \"000\"}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"000\"}, \"other\": {}}",
  "{\"patientmodv3res2\": {\"Api_Result_Message\": \"no result\"}}",
  "{\"patientmodv3res2\": {\"Api_Result\": 0}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"e90\"}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"000\", \"Orca_Uid\": \"<script>\"}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"000\", \"Patient_Information\": {\"Patient_ID\": \"12a\"}}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"000\", \"Patient_Information\": {\"WholeName\": \"x\"}}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"000\", \"Patient_Information\": {\"Patient_ID\": \"1\", \"BirthDate\": \"2026-02-30\"}}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"000\", \"Patient_Information\": {\"Patient_ID\": \"1\"}, "
    "\"PublicInsurance_Information\": {\"PublicInsurance_Info\": [{\"PublicInsurer_Number\": \"1\"}]}}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"000\", \"Patient_Information\": {\"Patient_ID\": \"1\"}, "
    "\"PublicInsurance_Information\": {\"PublicInsurance_Info\": [1]}}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"000\", \"Api_Result\": \"E90\"}}",
  "{\"patientmodv3res2\": {\"Api_Result\": \"000\"}",
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoOrcaResponse) r = parse (malformed[i], &error);

      g_test_message ("%s", malformed[i]);
      g_assert_null (r);
      g_assert_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_MALFORMED_RESPONSE);
    }
}

static void
test_bounds (void)
{
  g_autoptr(GString) many = g_string_new ("{\"patientmodv3res2\": {\"Api_Result\": \"000\", "
                                          PATIENT ", \"PublicInsurance_Information\": "
                                          "{\"PublicInsurance_Info\": [{}");
  g_autofree char *huge = g_malloc0 (MADO_ORCA_MAX_RESPONSE_BYTES + 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoOrcaResponse) r = NULL;

  for (guint i = 0; i < MADO_ORCA_MAX_ARRAY; i++)
    g_string_append (many, ", {}");
  g_string_append (many, "]}}}");
  r = parse (many->str, &error);
  g_assert_null (r);
  g_assert_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_MALFORMED_RESPONSE);
  g_clear_error (&error);
  memset (huge, ' ', MADO_ORCA_MAX_RESPONSE_BYTES + 1);
  g_assert_null (parse (huge, &error));
  g_assert_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_RESPONSE_TOO_LARGE);
}

static void
test_sanitise (void)
{
  g_autofree char *bidi = mado_orca_response_sanitise ("ロック\u202Eabc\a 中 ", 100);
  g_autofree char *long_text = mado_orca_response_sanitise ("あいうえお", 3);

  g_assert_cmpstr (bidi, ==, "ロックabc 中");
  g_assert_cmpstr (long_text, ==, "あいう");
  g_assert_null (mado_orca_response_sanitise ("\u200B\t", 10));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/orca/response/patient-and-publics", test_patient_and_publics);
  g_test_add_func ("/core/orca/response/result-codes", test_result_codes);
  g_test_add_func ("/core/orca/response/question-and-messages", test_question_and_messages);
  g_test_add_func ("/core/orca/response/search", test_search);
  g_test_add_func ("/core/orca/response/malformed", test_malformed);
  g_test_add_func ("/core/orca/response/bounds", test_bounds);
  g_test_add_func ("/core/orca/response/sanitise", test_sanitise);
  return g_test_run ();
}
