/* test-hub-decode.c — the hub's answers: challenge, status, receipt, problem
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

static void
test_challenge (void)
{
  const char *good = "{\"challenge\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\","
                     "\"expiresAt\":\"2026-11-21T00:16:00Z\"}";
  /* The same with non-zero unused bits in the last character. */
  const char *non_canonical = "{\"challenge\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9\","
                              "\"expiresAt\":\"2026-11-21T00:16:00Z\"}";
  const char *padded = "{\"challenge\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\","
                       "\"expiresAt\":\"2026-11-21T00:16:00Z\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubChallenge) c = mado_hub_decode_challenge (good, strlen (good), &error);
  g_autoptr(MadoHubChallenge) c2 = NULL;
  const guint8 *raw;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (c->raw), ==, 32);
  raw = g_bytes_get_data (c->raw, NULL);
  for (guint i = 0; i < 32; i++)
    g_assert_cmpuint (raw[i], ==, i);

  c2 = mado_hub_decode_challenge (non_canonical, strlen (non_canonical), &error);
  g_assert_null (c2);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
  g_clear_error (&error);
  c2 = mado_hub_decode_challenge (padded, strlen (padded), &error);
  g_assert_null (c2);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
}

static void
test_status_and_receipt (void)
{
  const char *status = "{\"status\":\"ok\",\"apiVersion\":\"1\",\"hubName\":\"training\","
                       "\"time\":\"2026-11-21T03:04:05Z\"}";
  const char *v2 = "{\"status\":\"ok\",\"apiVersion\":\"2\",\"time\":\"2026-11-21T03:04:05Z\"}";
  const char *receipt = "{\"recordId\":\"rec-1\",\"receivedAt\":\"2026-11-21T03:04:05.123Z\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) s = mado_hub_decode_status (status, strlen (status), &error);
  g_autoptr(MadoHubStatus) s2 = NULL;
  g_autoptr(MadoHubRecordReceipt) r = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (s->hub_name, ==, "training");
  s2 = mado_hub_decode_status (v2, strlen (v2), &error);
  g_assert_null (s2);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_MALFORMED_RESPONSE);
  g_clear_error (&error);
  r = mado_hub_decode_record_receipt (receipt, strlen (receipt), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->record_id, ==, "rec-1");
}

static void
test_problem_types (void)
{
  static const struct {
    const char   *type;
    MadoHubError  code;
  } cases[] = {
    { "bad-request", MADO_HUB_ERROR_BAD_REQUEST },
    { "unsupported-version", MADO_HUB_ERROR_UNSUPPORTED_VERSION },
    { "client-certificate-required", MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED },
    { "challenge-unknown", MADO_HUB_ERROR_CHALLENGE_UNKNOWN },
    { "challenge-expired", MADO_HUB_ERROR_CHALLENGE_EXPIRED },
    { "challenge-replayed", MADO_HUB_ERROR_CHALLENGE_REPLAYED },
    { "challenge-other-terminal", MADO_HUB_ERROR_CHALLENGE_OTHER_TERMINAL },
    { "certificate-untrusted", MADO_HUB_ERROR_CERTIFICATE_UNTRUSTED },
    { "certificate-expired", MADO_HUB_ERROR_CERTIFICATE_EXPIRED },
    { "certificate-not-yet-valid", MADO_HUB_ERROR_CERTIFICATE_NOT_YET_VALID },
    { "certificate-revoked", MADO_HUB_ERROR_CERTIFICATE_REVOKED },
    { "signature-invalid", MADO_HUB_ERROR_SIGNATURE_INVALID },
    { "visual-not-authorised", MADO_HUB_ERROR_VISUAL_NOT_AUTHORISED },
    { "resident-not-found", MADO_HUB_ERROR_RESIDENT_NOT_FOUND },
    { "token-invalid", MADO_HUB_ERROR_TOKEN_INVALID },
    { "consent-required", MADO_HUB_ERROR_CONSENT_REQUIRED },
    { "idempotency-key-required", MADO_HUB_ERROR_IDEMPOTENCY_KEY_REQUIRED },
    { "idempotency-key-reused", MADO_HUB_ERROR_IDEMPOTENCY_KEY_REUSED },
    { "record-invalid", MADO_HUB_ERROR_RECORD_INVALID },
    { "payload-too-large", MADO_HUB_ERROR_PAYLOAD_TOO_LARGE },
    { "rate-limited", MADO_HUB_ERROR_RATE_LIMITED },
    { "internal", MADO_HUB_ERROR_INTERNAL },
    { "terminal-mismatch", MADO_HUB_ERROR_TERMINAL_MISMATCH },
    { "no-such-problem", MADO_HUB_ERROR_REFUSED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"type\":\"https://madoguchi.invalid/problems/%s\","
                                               "\"title\":\"t\",\"status\":400,\"detail\":\"d\"}",
                                               cases[i].type);
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoHubProblem) p = mado_hub_decode_problem (text, strlen (text), &error);

      g_assert_no_error (error);
      g_assert_cmpint (p->code, ==, cases[i].code);
      g_assert_cmpint (p->status, ==, 400);
      /* Every code has advice for staff. */
      g_assert_cmpstr (mado_error_advice (MADO_HUB_ERROR, p->code), !=, "");
    }
  g_assert_cmpint (mado_hub_error_from_problem_type ("about:blank"), ==, MADO_HUB_ERROR_REFUSED);
  g_assert_cmpint (mado_hub_error_from_problem_type ("https://other.example/problems/internal"),
                   ==, MADO_HUB_ERROR_REFUSED);
  g_assert_cmpint (mado_hub_error_from_problem_type (NULL), ==, MADO_HUB_ERROR_REFUSED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/decode/challenge", test_challenge);
  g_test_add_func ("/hub/decode/status-and-receipt", test_status_and_receipt);
  g_test_add_func ("/hub/decode/problem-types", test_problem_types);

  return g_test_run ();
}
