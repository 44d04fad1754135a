/* test-training-hub.c — the training hub over real mutual TLS on loopback, driven with libcurl
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hub-test-util.h"

#define INSTITUTION "1312345678"

static const char *hub_binary;
static HubProcess *hub;

/* One whole PIN verification: challenge, sign, verify. */
static HubResponse *
verify_pin (const char *card,
            const char *terminal,
            const char *consent)
{
  g_autofree char *challenge = hub_new_challenge (hub, terminal);
  g_autoptr(GBytes) data = hub_test_signed_bytes (challenge, INSTITUTION, terminal, TRUE);
  g_autofree char *signature = hub_test_sign (card, data);
  g_autofree char *body = hub_test_verification_body (challenge, card, signature, "pin",
                                                      consent, INSTITUTION, terminal);
  HubRequestOptions options = { terminal, NULL, body, 0, 0 };

  return hub_request (hub, "POST", "/v1/verifications", &options);
}

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static JsonObject *
bundle_of (HubResponse *response)
{
  return json_object_get_object_member (hub_response_object (response), "bundle");
}

static void
test_status (void)
{
  g_autoptr(HubResponse) response = hub_request (hub, "GET", "/v1/status", NULL);
  JsonObject *object;
  g_autoptr(GDateTime) time = NULL;

  g_assert_cmpint (response->rc, ==, CURLE_OK);
  g_assert_cmpint (response->status, ==, 200);
  object = hub_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "apiVersion"), ==, "1");
  time = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "time"), NULL);
  g_assert_nonnull (time);
}

static void
test_unknown_paths (void)
{
  g_autoptr(HubResponse) v2 = hub_request (hub, "GET", "/v2/status", NULL);
  g_autoptr(HubResponse) none = hub_request (hub, "GET", "/v1/nothing", NULL);
  g_autoptr(HubResponse) method = hub_request (hub, "POST", "/v1/status", NULL);

  g_assert_cmpint (v2->status, ==, 404);
  g_assert_cmpstr (hub_response_problem (v2), ==, "unsupported-version");
  g_assert_cmpint (none->status, ==, 404);
  g_assert_cmpstr (hub_response_problem (none), ==, "not-found");
  g_assert_cmpint (method->status, ==, 405);
  g_assert_cmpstr (hub_response_problem (method), ==, "method-not-allowed");
}

static void
test_tls_no_client_certificate (void)
{
  HubRequestOptions options = { NULL, NULL, NULL, 0, 0 };
  g_autoptr(HubResponse) response = hub_request (hub, "GET", "/v1/status", &options);

  /* Refused in the handshake: no HTTP answer at all. */
  g_assert_cmpint (response->rc, !=, CURLE_OK);
  g_assert_cmpint (response->status, ==, 0);
}

static void
test_tls_rogue_client (void)
{
  HubRequestOptions options = { "rogue-desk", NULL, NULL, 0, 0 };
  g_autoptr(HubResponse) response = hub_request (hub, "GET", "/v1/status", &options);

  g_assert_cmpint (response->rc, !=, CURLE_OK);
  g_assert_cmpint (response->status, ==, 0);
}

static void
test_tls_old_protocol (void)
{
  HubRequestOptions old = { "desk-1", NULL, NULL, 0, CURL_SSLVERSION_MAX_TLSv1_1 };
  HubRequestOptions tls12 = { "desk-1", NULL, NULL, 0, CURL_SSLVERSION_MAX_TLSv1_2 };
  g_autoptr(HubResponse) refused = hub_request (hub, "GET", "/v1/status", &old);
  g_autoptr(HubResponse) accepted = hub_request (hub, "GET", "/v1/status", &tls12);

  g_assert_cmpint (refused->rc, !=, CURLE_OK);
  g_assert_cmpint (refused->status, ==, 0);
  g_assert_cmpint (accepted->rc, ==, CURLE_OK);
  g_assert_cmpint (accepted->status, ==, 200);
}

static void
test_challenge_shape (void)
{
  g_autoptr(HubResponse) a = hub_request (hub, "POST", "/v1/challenges", NULL);
  g_autoptr(HubResponse) b = hub_request (hub, "POST", "/v1/challenges", NULL);
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *value;
  GTimeSpan lifetime;

  g_assert_cmpint (a->status, ==, 201);
  value = json_object_get_string_member (hub_response_object (a), "challenge");
  /* 32 bytes in base64url without padding: 43 characters. */
  g_assert_cmpuint (strlen (value), ==, 43);
  g_assert_null (strpbrk (value, "+/="));
  g_assert_cmpstr (value, !=, json_object_get_string_member (hub_response_object (b), "challenge"));
  expires = g_date_time_new_from_iso8601 (json_object_get_string_member (hub_response_object (a), "expiresAt"), NULL);
  g_assert_nonnull (expires);
  lifetime = g_date_time_difference (expires, now) / G_TIME_SPAN_SECOND;
  g_assert_cmpint (lifetime, >=, 55);
  g_assert_cmpint (lifetime, <=, 61);
}

/* A challenge asked for with the card's certificate: the card judged first. */
static void
expect_challenge_answer (const char *card,
                         const char *body_or_null,
                         long        status,
                         const char *problem)
{
  g_autofree char *der = card != NULL ? hub_test_certificate_b64 (card) : NULL;
  g_autofree char *body = der != NULL ? g_strdup_printf ("{\"certificate\":\"%s\"}", der)
                                      : g_strdup (body_or_null);
  HubRequestOptions options = { "desk-1", NULL, body, 0, 0 };
  g_autoptr(HubResponse) response = hub_request (hub, "POST", "/v1/challenges", &options);

  g_test_message ("challenge for %s", card != NULL ? card : body);
  g_assert_cmpint (response->status, ==, status);
  if (problem != NULL)
    g_assert_cmpstr (hub_response_problem (response), ==, problem);
}

static void
test_challenge_judges_card (void)
{
  expect_challenge_answer ("infant", NULL, 201, NULL);
  /* A valid card nobody is linked to still gets its challenge. */
  expect_challenge_answer ("nobody", NULL, 201, NULL);
  expect_challenge_answer ("revoked", NULL, 422, "certificate-revoked");
  expect_challenge_answer ("expired", NULL, 422, "certificate-expired");
  expect_challenge_answer ("untrusted", NULL, 422, "certificate-untrusted");
  expect_challenge_answer (NULL, "{\"certificate\":\"not base64!\"}", 400, "bad-request");
  expect_challenge_answer (NULL, "[1,2]", 400, "bad-request");
}

static void
test_verify_pin_infant (void)
{
  g_autoptr(HubResponse) response = verify_pin ("infant", "desk-1", "subsidy,vaccination,maternalChild");
  g_autofree char *birth = date_from_today (-304);
  JsonObject *bundle, *basic, *subsidy, *questionnaire;
  JsonArray *items;
  guint flagged = 0;

  g_assert_cmpint (response->status, ==, 200);
  g_assert_cmpstr (g_hash_table_lookup (response->headers, "etag"), ==, "\"7\"");
  g_assert_nonnull (json_object_get_string_member (hub_response_object (response), "residentToken"));
  bundle = bundle_of (response);
  g_assert_cmpstr (json_object_get_string_member (bundle, "version"), ==, "7");
  g_assert_cmpstr (json_object_get_string_member (bundle, "residentRef"), ==, "r-1001-yamada-haruto");
  basic = json_object_get_object_member (bundle, "basicInfo");
  g_assert_cmpstr (json_object_get_string_member (basic, "name"), ==, "山田 陽翔");
  g_assert_cmpstr (json_object_get_string_member (basic, "nameKana"), ==, "ヤマダ ハルト");
  g_assert_cmpstr (json_object_get_string_member (basic, "birthDate"), ==, birth);
  g_assert_cmpstr (json_object_get_string_member (basic, "sex"), ==, "1");
  subsidy = json_array_get_object_element (json_object_get_array_member (bundle, "subsidies"), 0);
  g_assert_cmpstr (json_object_get_string_member (subsidy, "medicalSubsidyInsurerNumber"), ==, "88138243");
  questionnaire = json_array_get_object_element (json_object_get_array_member (bundle, "questionnaires"), 0);
  items = json_object_get_array_member (questionnaire, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (json_object_get_boolean_member (item, "needsAttention"))
        {
          flagged++;
          g_assert_cmpstr (json_object_get_string_member (item, "itemId"), ==, "temperature");
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "answer"), 37.6, 1e-9);
        }
    }
  g_assert_cmpuint (flagged, ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bundle, "immunizations")), ==, 11);
  g_assert_true (json_object_has_member (bundle, "maternalChild"));
}

/* The mother's card comes from the older root, which shares its DN with
 * the newer one: the hub must pick the issuer by signature. */
static void
test_verify_older_root (void)
{
  g_autoptr(HubResponse) response = verify_pin ("mother", "desk-1", "maternalChild");
  JsonObject *bundle;

  g_assert_cmpint (response->status, ==, 200);
  bundle = bundle_of (response);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (bundle, "basicInfo"), "name"),
                   ==, "山田 美咲");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (bundle, "maternalChild"),
                                                                         "pregnancyCheckups")), ==, 7);
}

static void
expect_verification_problem (const char *card,
                             const char *expected,
                             long        status)
{
  g_autoptr(HubResponse) response = verify_pin (card, "desk-1", "subsidy");

  g_test_message ("card %s", card);
  g_assert_cmpint (response->status, ==, status);
  g_assert_cmpstr (hub_response_problem (response), ==, expected);
}

static void
test_verify_certificate_problems (void)
{
  expect_verification_problem ("revoked", "certificate-revoked", 422);
  expect_verification_problem ("expired", "certificate-expired", 422);
  expect_verification_problem ("untrusted", "certificate-untrusted", 422);
  /* A valid card whose serial no resident is linked to. */
  expect_verification_problem ("nobody", "resident-not-found", 404);
}

static HubResponse *
post_verification (const char *terminal,
                   const char *body)
{
  HubRequestOptions options = { terminal, NULL, body, 0, 0 };

  return hub_request (hub, "POST", "/v1/verifications", &options);
}

static void
test_challenge_single_use (void)
{
  g_autofree char *challenge = hub_new_challenge (hub, "desk-1");
  g_autoptr(GBytes) data = hub_test_signed_bytes (challenge, INSTITUTION, "desk-1", TRUE);
  g_autofree char *signature = hub_test_sign ("infant", data);
  g_autofree char *body = hub_test_verification_body (challenge, "infant", signature, "pin",
                                                      "subsidy", INSTITUTION, "desk-1");
  g_autoptr(HubResponse) first = post_verification ("desk-1", body);
  g_autoptr(HubResponse) again = post_verification ("desk-1", body);

  g_assert_cmpint (first->status, ==, 200);
  g_assert_cmpint (again->status, ==, 409);
  g_assert_cmpstr (hub_response_problem (again), ==, "challenge-replayed");
}

static void
test_challenge_other_terminal (void)
{
  /* Issued to desk-2, presented by desk-1 with a correct signature. */
  g_autofree char *challenge = hub_new_challenge (hub, "desk-2");
  g_autoptr(GBytes) data = hub_test_signed_bytes (challenge, INSTITUTION, "desk-1", TRUE);
  g_autofree char *signature = hub_test_sign ("infant", data);
  g_autofree char *body = hub_test_verification_body (challenge, "infant", signature, "pin",
                                                      "subsidy", INSTITUTION, "desk-1");
  g_autoptr(HubResponse) response = post_verification ("desk-1", body);

  g_assert_cmpint (response->status, ==, 403);
  g_assert_cmpstr (hub_response_problem (response), ==, "challenge-other-terminal");
}

static void
test_challenge_unknown (void)
{
  const char *made_up = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  g_autoptr(GBytes) data = hub_test_signed_bytes (made_up, INSTITUTION, "desk-1", TRUE);
  g_autofree char *signature = hub_test_sign ("infant", data);
  g_autofree char *body = hub_test_verification_body (made_up, "infant", signature, "pin",
                                                      "subsidy", INSTITUTION, "desk-1");
  g_autoptr(HubResponse) response = post_verification ("desk-1", body);

  g_assert_cmpint (response->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (response), ==, "challenge-unknown");
}

static void
test_challenge_expired (void)
{
  const char *args[] = { "--challenge-lifetime=1", NULL };
  HubProcess *short_hub = hub_process_start (hub_binary, args);
  HubProcess *saved = hub;
  g_autofree char *challenge = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *body = NULL;
  g_autoptr(HubResponse) response = NULL;

  hub = short_hub;
  challenge = hub_new_challenge (hub, "desk-1");
  data = hub_test_signed_bytes (challenge, INSTITUTION, "desk-1", TRUE);
  signature = hub_test_sign ("infant", data);
  body = hub_test_verification_body (challenge, "infant", signature, "pin", "subsidy",
                                     INSTITUTION, "desk-1");
  g_usleep (2200 * 1000);
  response = post_verification ("desk-1", body);
  hub = saved;
  hub_process_stop (short_hub);

  g_assert_cmpint (response->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (response), ==, "challenge-expired");
}

static void
test_terminal_mismatch (void)
{
  /* desk-2's certificate, claiming to be desk-1. */
  g_autofree char *challenge = hub_new_challenge (hub, "desk-2");
  g_autoptr(GBytes) data = hub_test_signed_bytes (challenge, INSTITUTION, "desk-1", TRUE);
  g_autofree char *signature = hub_test_sign ("infant", data);
  g_autofree char *body = hub_test_verification_body (challenge, "infant", signature, "pin",
                                                      "subsidy", INSTITUTION, "desk-1");
  g_autoptr(HubResponse) response = post_verification ("desk-2", body);

  g_assert_cmpint (response->status, ==, 403);
  g_assert_cmpstr (hub_response_problem (response), ==, "terminal-mismatch");
}

/* Each variation signs bytes other than the documented ones; each must be
 * refused, while the documented bytes pass (test_verify_pin_infant). */
static void
test_signed_bytes_rule (void)
{
  struct {
    const char *what;
    const char *signer;
    const char *signed_institution;
    const char *signed_terminal;
    gboolean zero_byte;
  } cases[] = {
    { "no zero byte after the domain string", "infant", INSTITUTION, "desk-1", FALSE },
    { "another institution code", "infant", "1399999999", "desk-1", TRUE },
    { "another terminal ID", "infant", INSTITUTION, "desk-2", TRUE },
    { "another card's key", "nanbyou", INSTITUTION, "desk-1", TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *challenge = hub_new_challenge (hub, "desk-1");
      g_autoptr(GBytes) data = hub_test_signed_bytes (challenge, cases[i].signed_institution,
                                                      cases[i].signed_terminal, cases[i].zero_byte);
      g_autofree char *signature = hub_test_sign (cases[i].signer, data);
      g_autofree char *body = hub_test_verification_body (challenge, "infant", signature, "pin",
                                                          "subsidy", INSTITUTION, "desk-1");
      g_autoptr(HubResponse) response = post_verification ("desk-1", body);

      g_test_message ("case: %s", cases[i].what);
      g_assert_cmpint (response->status, ==, 422);
      g_assert_cmpstr (hub_response_problem (response), ==, "signature-invalid");
    }
}

static void
test_visual (void)
{
  g_autofree char *challenge = hub_new_challenge (hub, "desk-1");
  g_autofree char *body = hub_test_verification_body (challenge, "infant", NULL, "visual",
                                                      "subsidy", INSTITUTION, "desk-1");
  g_autoptr(HubResponse) ok = post_verification ("desk-1", body);
  g_autoptr(HubResponse) again = post_verification ("desk-1", body);
  g_autofree char *challenge2 = hub_new_challenge (hub, "desk-2");
  g_autofree char *body2 = hub_test_verification_body (challenge2, "infant", NULL, "visual",
                                                       "subsidy", INSTITUTION, "desk-2");
  g_autoptr(HubResponse) refused = post_verification ("desk-2", body2);

  g_assert_cmpint (ok->status, ==, 200);
  /* The challenge is consumed by a visual check too. */
  g_assert_cmpint (again->status, ==, 409);
  g_assert_cmpstr (hub_response_problem (again), ==, "challenge-replayed");
  g_assert_cmpint (refused->status, ==, 403);
  g_assert_cmpstr (hub_response_problem (refused), ==, "visual-not-authorised");
}

static void
test_bad_requests (void)
{
  g_autofree char *challenge = hub_new_challenge (hub, "desk-1");
  g_autofree char *no_consent = hub_test_verification_body (challenge, "infant", NULL, "visual",
                                                            "", INSTITUTION, "desk-1");
  g_autoptr(HubResponse) consent = post_verification ("desk-1", no_consent);
  g_autoptr(HubResponse) not_json = post_verification ("desk-1", "{\"challenge\":");
  g_autoptr(HubResponse) missing = post_verification ("desk-1", "{\"challenge\":\"x\"}");

  g_assert_cmpint (consent->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (consent), ==, "consent-required");
  g_assert_cmpint (not_json->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (not_json), ==, "bad-request");
  g_assert_cmpint (missing->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (missing), ==, "bad-request");
}

static void
test_consent_filtering (void)
{
  g_autoptr(HubResponse) response = verify_pin ("infant", "desk-1", "subsidy");
  JsonObject *bundle = bundle_of (response);
  const char *token = json_object_get_string_member (hub_response_object (response), "residentToken");
  g_autofree char *wider = g_strdup_printf ("/v1/bundles/%s?consent=vaccination", token);
  g_autofree char *same = g_strdup_printf ("/v1/bundles/%s?consent=subsidy", token);
  g_autoptr(HubResponse) refused = hub_request (hub, "GET", wider, NULL);
  g_autoptr(HubResponse) allowed = hub_request (hub, "GET", same, NULL);

  g_assert_cmpint (response->status, ==, 200);
  g_assert_true (json_object_has_member (bundle, "subsidies"));
  g_assert_true (json_object_has_member (bundle, "basicInfo"));
  g_assert_false (json_object_has_member (bundle, "questionnaires"));
  g_assert_false (json_object_has_member (bundle, "immunizations"));
  g_assert_false (json_object_has_member (bundle, "immunizationsDue"));
  g_assert_false (json_object_has_member (bundle, "maternalChild"));
  g_assert_cmpint (refused->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (refused), ==, "consent-required");
  g_assert_cmpint (allowed->status, ==, 200);
  g_assert_false (json_object_has_member (hub_response_object (allowed), "immunizations"));
}

static void
test_not_disclosed (void)
{
  g_autoptr(HubResponse) response = verify_pin ("hidden", "desk-1", "subsidy");
  JsonObject *bundle = bundle_of (response);
  JsonObject *basic = json_object_get_object_member (bundle, "basicInfo");

  g_assert_cmpint (response->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (bundle, "isNotDisclosed"));
  g_assert_cmpstr (json_object_get_string_member (basic, "name"), ==, "田中 由美");
  g_assert_true (json_object_has_member (basic, "birthDate"));
  g_assert_false (json_object_has_member (basic, "nameKana"));
  g_assert_false (json_object_has_member (basic, "sex"));
  g_assert_cmpuint (json_object_get_size (basic), ==, 2);
}

static void
test_bundle_etag (void)
{
  g_autoptr(HubResponse) response = verify_pin ("nanbyou", "desk-1", "subsidy");
  const char *token = json_object_get_string_member (hub_response_object (response), "residentToken");
  g_autofree char *path = g_strdup_printf ("/v1/bundles/%s", token);
  const char *same[] = { "If-None-Match: \"12\"", NULL };
  const char *other[] = { "If-None-Match: \"11\"", NULL };
  HubRequestOptions same_options = { "desk-1", same, NULL, 0, 0 };
  HubRequestOptions other_options = { "desk-1", other, NULL, 0, 0 };
  HubRequestOptions desk2 = { "desk-2", NULL, NULL, 0, 0 };
  g_autoptr(HubResponse) unchanged = hub_request (hub, "GET", path, &same_options);
  g_autoptr(HubResponse) changed = hub_request (hub, "GET", path, &other_options);
  g_autoptr(HubResponse) stolen = hub_request (hub, "GET", path, &desk2);
  g_autoptr(HubResponse) unknown = hub_request (hub, "GET", "/v1/bundles/not-a-token", NULL);

  g_assert_cmpint (response->status, ==, 200);
  g_assert_cmpint (unchanged->status, ==, 304);
  g_assert_cmpuint (unchanged->body->len, ==, 0);
  g_assert_cmpstr (g_hash_table_lookup (unchanged->headers, "etag"), ==, "\"12\"");
  g_assert_cmpint (changed->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (hub_response_object (changed), "version"), ==, "12");
  g_assert_cmpint (stolen->status, ==, 401);
  g_assert_cmpstr (hub_response_problem (stolen), ==, "token-invalid");
  g_assert_cmpint (unknown->status, ==, 401);
  g_assert_cmpstr (hub_response_problem (unknown), ==, "token-invalid");
}

static gint64
records_count (const char *member)
{
  g_autoptr(HubResponse) response = hub_request (hub, "GET", "/v1/training/records-count", NULL);

  g_assert_cmpint (response->status, ==, 200);
  return json_object_get_int_member (hub_response_object (response), member);
}

static char *
vaccination_record (const char *lot)
{
  g_autofree char *today = date_from_today (0);

  return g_strdup_printf ("{\"residentRef\":\"r-1001-yamada-haruto\","
                          "\"vaccineCode\":{\"system\":\"https://madoguchi.invalid/training/vaccine-codes\","
                          "\"code\":\"HEPB-PED\",\"display\":\"B型肝炎ワクチン（小児用）\"},"
                          "\"targetDisease\":[\"B型肝炎\"],\"occurrenceDate\":\"%s\",\"doseNumber\":3,"
                          "\"lotNumber\":\"%s\",\"site\":\"左大腿\",\"doseQuantityMl\":0.25,"
                          "\"performer\":\"やまだ小児科クリニック 佐藤 健一\",\"questionnaireId\":\"q-1001-hepb-3\"}",
                          today, lot);
}

static HubResponse *
post_record (const char *path,
             const char *key,
             const char *body,
             const char *fault)
{
  g_autofree char *key_header = key ? g_strdup_printf ("Idempotency-Key: %s", key) : NULL;
  g_autofree char *fault_header = fault ? g_strdup_printf ("X-Training-Fault: %s", fault) : NULL;
  const char *headers[3] = { NULL, NULL, NULL };
  guint n = 0;
  HubRequestOptions options = { "desk-1", headers, body, 0, 0 };

  if (key_header)
    headers[n++] = key_header;
  if (fault_header)
    headers[n++] = fault_header;
  return hub_request (hub, "POST", path, &options);
}

static void
test_records_idempotent (void)
{
  g_autofree char *body = vaccination_record ("HB2409F");
  g_autofree char *other = vaccination_record ("HB9999Z");
  gint64 before = records_count ("vaccinations");
  g_autoptr(HubResponse) first = post_record ("/v1/records/vaccinations", "key-idem-1", body, NULL);
  g_autoptr(HubResponse) repeat = post_record ("/v1/records/vaccinations", "key-idem-1", body, NULL);
  g_autoptr(HubResponse) reused = post_record ("/v1/records/vaccinations", "key-idem-1", other, NULL);
  g_autoptr(HubResponse) no_key = post_record ("/v1/records/vaccinations", NULL, body, NULL);

  g_assert_cmpint (first->status, ==, 201);
  g_assert_cmpint (repeat->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (hub_response_object (first), "recordId"), ==,
                   json_object_get_string_member (hub_response_object (repeat), "recordId"));
  g_assert_cmpint (reused->status, ==, 422);
  g_assert_cmpstr (hub_response_problem (reused), ==, "idempotency-key-reused");
  g_assert_cmpint (no_key->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (no_key), ==, "idempotency-key-required");
  g_assert_cmpint (records_count ("vaccinations"), ==, before + 1);
}

/* How many times @lot stands in @card's bundle. */
static guint
verification_lot_count (const char *card,
                        const char *lot)
{
  g_autoptr(HubResponse) response = verify_pin (card, "desk-1", "vaccination");
  g_autofree char *text = NULL;
  guint count = 0;

  g_assert_cmpint (response->status, ==, 200);
  text = g_strndup ((const char *) response->body->data, response->body->len);
  for (const char *at = strstr (text, lot); at != NULL; at = strstr (at + 1, lot))
    count++;
  return count;
}

/* Each verification reads the history of its own resident, whoever was
 * verified before (the hub reuses one prepared statement for it), and adds
 * it to that verification's bundle only: a record is in every later
 * bundle once. */
static void
test_history_per_resident (void)
{
  g_autofree char *body = vaccination_record ("HB-HIST-7");
  g_autoptr(HubResponse) stored = post_record ("/v1/records/vaccinations", "key-history-7", body, NULL);

  g_assert_cmpint (stored->status, ==, 201);
  g_assert_cmpuint (verification_lot_count ("mother", "HB-HIST-7"), ==, 0);
  g_assert_cmpuint (verification_lot_count ("infant", "HB-HIST-7"), ==, 1);
  g_assert_cmpuint (verification_lot_count ("mother", "HB-HIST-7"), ==, 0);
  g_assert_cmpuint (verification_lot_count ("infant", "HB-HIST-7"), ==, 1);
  g_assert_cmpuint (verification_lot_count ("infant", "HB-HIST-7"), ==, 1);
}

static void
test_records_invalid (void)
{
  g_autofree char *today = date_from_today (0);
  g_autofree char *future = date_from_today (3);
  g_autofree char *body = vaccination_record ("HB2409F");
  g_autofree char *bad_date = NULL;
  g_autoptr(HubResponse) wrong_resident = NULL;
  g_autoptr(HubResponse) future_date = NULL;
  gint64 before = records_count ("total");
  char *p;

  p = strstr (body, "r-1001");
  memcpy (p, "r-9999", 6);
  wrong_resident = post_record ("/v1/records/vaccinations", "key-invalid-1", body, NULL);
  bad_date = vaccination_record ("HB2409F");
  p = strstr (bad_date, today);
  memcpy (p, future, strlen (future));
  future_date = post_record ("/v1/records/vaccinations", "key-invalid-2", bad_date, NULL);

  g_assert_cmpint (wrong_resident->status, ==, 422);
  g_assert_cmpstr (hub_response_problem (wrong_resident), ==, "record-invalid");
  g_assert_cmpint (future_date->status, ==, 422);
  g_assert_cmpstr (hub_response_problem (future_date), ==, "record-invalid");
  g_assert_cmpint (records_count ("total"), ==, before);
}

static void
test_records_questionnaire (void)
{
  const char *body = "{\"residentRef\":\"r-1001-yamada-haruto\",\"questionnaireId\":\"q-1001-hepb-3\","
                     "\"doctorSection\":[{\"itemId\":\"doctor-decision\",\"answer\":\"postpone\"},"
                     "{\"itemId\":\"explanation-given\",\"answer\":true}],"
                     "\"decision\":\"postpone\",\"completedAt\":\"2026-11-21T10:05:00+09:00\"}";
  gint64 before = records_count ("questionnaires");
  g_autoptr(HubResponse) response = post_record ("/v1/records/questionnaires", "q-key-1", body, NULL);

  g_assert_cmpint (response->status, ==, 201);
  g_assert_cmpint (records_count ("questionnaires"), ==, before + 1);
}

static void
test_payload_too_large (void)
{
  gsize size = 5 * 1024 * 1024;
  g_autofree char *big = g_malloc (size + 1);
  g_autoptr(HubResponse) response = NULL;

  memset (big, ' ', size);
  big[0] = '{';
  big[size - 1] = '}';
  big[size] = '\0';
  response = post_record ("/v1/records/vaccinations", "key-big", big, NULL);
  g_assert_cmpint (response->status, ==, 413);
  g_assert_cmpstr (hub_response_problem (response), ==, "payload-too-large");
}

static HubResponse *
status_with_fault (const char *fault)
{
  g_autofree char *header = g_strdup_printf ("X-Training-Fault: %s", fault);
  const char *headers[] = { header, NULL };
  HubRequestOptions options = { "desk-1", headers, NULL, 0, 0 };

  return hub_request (hub, "GET", "/v1/status", &options);
}

static void
test_fault_delay (void)
{
  g_autoptr(HubResponse) response = status_with_fault ("delay=700");

  g_assert_cmpint (response->status, ==, 200);
  g_assert_cmpfloat (response->seconds, >=, 0.7);
}

static void
test_fault_status (void)
{
  g_autoptr(HubResponse) unavailable = status_with_fault ("status=503");
  g_autoptr(HubResponse) limited = status_with_fault ("status=429");
  g_autoptr(HubResponse) typo = status_with_fault ("stauts=503");

  g_assert_cmpint (unavailable->status, ==, 503);
  g_assert_cmpstr (hub_response_problem (unavailable), ==, "internal");
  g_assert_nonnull (g_hash_table_lookup (unavailable->headers, "retry-after"));
  g_assert_cmpint (limited->status, ==, 429);
  g_assert_cmpstr (hub_response_problem (limited), ==, "rate-limited");
  g_assert_cmpstr (g_hash_table_lookup (limited->headers, "retry-after"), ==, "1");
  g_assert_cmpint (typo->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (typo), ==, "bad-request");
}

static void
test_fault_truncate (void)
{
  g_autoptr(HubResponse) response = status_with_fault ("truncate");

  g_assert_cmpint (response->rc, ==, CURLE_PARTIAL_FILE);
  g_assert_cmpint (response->status, ==, 200);
}

static void
test_fault_drop (void)
{
  g_autoptr(HubResponse) response = status_with_fault ("drop");

  g_assert_cmpint (response->rc, !=, CURLE_OK);
  g_assert_cmpint (response->status, ==, 0);
}

static void
test_fault_oversize (void)
{
  g_autoptr(HubResponse) response = status_with_fault ("oversize=5000000");

  g_assert_cmpint (response->rc, ==, CURLE_OK);
  g_assert_cmpint (response->status, ==, 200);
  g_assert_cmpuint (response->body->len, ==, 5000000);
  g_assert_cmpstr (g_hash_table_lookup (response->headers, "content-length"), ==, "5000000");
  g_assert_nonnull (response->json);
}

/* The answer to a record is lost after the hub stored it; the terminal
 * retries with the same key and must get the first record, not a second. */
static void
test_fault_lost_answer_exactly_once (void)
{
  g_autofree char *body = vaccination_record ("HB2410G");
  gint64 before = records_count ("vaccinations");
  g_autoptr(HubResponse) dropped = post_record ("/v1/records/vaccinations", "key-lost-1", body, "drop");
  g_autoptr(HubResponse) truncated = post_record ("/v1/records/vaccinations", "key-lost-1", body, "truncate");
  g_autoptr(HubResponse) retry = post_record ("/v1/records/vaccinations", "key-lost-1", body, NULL);

  g_assert_cmpint (dropped->rc, !=, CURLE_OK);
  g_assert_cmpint (truncated->rc, ==, CURLE_PARTIAL_FILE);
  g_assert_cmpint (retry->status, ==, 200);
  g_assert_nonnull (json_object_get_string_member (hub_response_object (retry), "recordId"));
  g_assert_cmpint (records_count ("vaccinations"), ==, before + 1);
}

static void
test_faults_need_the_option (void)
{
  HubProcess *plain = hub_process_start (hub_binary, NULL);
  HubProcess *saved = hub;
  g_autoptr(HubResponse) response = NULL;

  hub = plain;
  response = status_with_fault ("status=503");
  hub = saved;
  hub_process_stop (plain);
  g_assert_cmpint (response->status, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--enable-faults", NULL };
  int result;

  g_test_init (&argc, &argv, NULL);
  if (hub_test_pki () == NULL || argc < 2)
    {
      g_test_skip ("needs MADOGUCHI_TEST_PKI and the hub binary as argument");
      return 77;
    }
  hub_binary = argv[1];
  curl_global_init (CURL_GLOBAL_DEFAULT);

  g_test_add_func ("/hub/status", test_status);
  g_test_add_func ("/hub/unknown-paths", test_unknown_paths);
  g_test_add_func ("/hub/tls/no-client-certificate", test_tls_no_client_certificate);
  g_test_add_func ("/hub/tls/rogue-client", test_tls_rogue_client);
  g_test_add_func ("/hub/tls/old-protocol", test_tls_old_protocol);
  g_test_add_func ("/hub/challenge/shape", test_challenge_shape);
  g_test_add_func ("/hub/challenge/single-use", test_challenge_single_use);
  g_test_add_func ("/hub/challenge/other-terminal", test_challenge_other_terminal);
  g_test_add_func ("/hub/challenge/unknown", test_challenge_unknown);
  g_test_add_func ("/hub/challenge/expired", test_challenge_expired);
  g_test_add_func ("/hub/verify/pin-infant", test_verify_pin_infant);
  g_test_add_func ("/hub/verify/older-root", test_verify_older_root);
  g_test_add_func ("/hub/verify/certificate-problems", test_verify_certificate_problems);
  g_test_add_func ("/hub/challenge/judges-card", test_challenge_judges_card);
  g_test_add_func ("/hub/verify/terminal-mismatch", test_terminal_mismatch);
  g_test_add_func ("/hub/verify/signed-bytes", test_signed_bytes_rule);
  g_test_add_func ("/hub/verify/visual", test_visual);
  g_test_add_func ("/hub/verify/bad-requests", test_bad_requests);
  g_test_add_func ("/hub/bundle/consent", test_consent_filtering);
  g_test_add_func ("/hub/bundle/not-disclosed", test_not_disclosed);
  g_test_add_func ("/hub/bundle/etag", test_bundle_etag);
  g_test_add_func ("/hub/records/idempotent", test_records_idempotent);
  g_test_add_func ("/hub/records/history-per-resident", test_history_per_resident);
  g_test_add_func ("/hub/records/invalid", test_records_invalid);
  g_test_add_func ("/hub/records/questionnaire", test_records_questionnaire);
  g_test_add_func ("/hub/records/payload-too-large", test_payload_too_large);
  g_test_add_func ("/hub/faults/delay", test_fault_delay);
  g_test_add_func ("/hub/faults/status", test_fault_status);
  g_test_add_func ("/hub/faults/truncate", test_fault_truncate);
  g_test_add_func ("/hub/faults/drop", test_fault_drop);
  g_test_add_func ("/hub/faults/oversize", test_fault_oversize);
  g_test_add_func ("/hub/faults/lost-answer-exactly-once", test_fault_lost_answer_exactly_once);
  g_test_add_func ("/hub/faults/need-the-option", test_faults_need_the_option);

  hub = hub_process_start (hub_binary, args);
  result = g_test_run ();
  hub_process_stop (hub);
  curl_global_cleanup ();
  return result;
}
