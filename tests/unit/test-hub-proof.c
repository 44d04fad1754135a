/* test-hub-proof.c — the signed bytes of the identity proof, and the verification request
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

static GBytes *
counting_challenge (void)
{
  guint8 raw[32];

  for (guint i = 0; i < 32; i++)
    raw[i] = (guint8) i;
  return g_bytes_new (raw, sizeof raw);
}

static void
test_proof_message (void)
{
  static const guint8 expected[] = {
    'M', 'A', 'D', 'O', 'G', 'U', 'C', 'H', 'I', '-', 'H', 'U', 'B', '-', 'V', '1', '-',
    'I', 'D', 'E', 'N', 'T', 'I', 'T', 'Y', 0x00,
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
    '1', '3', '1', '2', '3', '4', '5', '6', '7', '8',
    0x06, 'd', 'e', 's', 'k', '-', '1',
  };
  /* sha256 of the bytes above, computed outside this code base */
  static const char expected_digest[] =
    "dca0a4417648bbb00db5d9c5cabaaf38ed35f2690ebde5b1da82a2b11eb3c545";
  g_autoptr(GBytes) challenge = counting_challenge ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) message = mado_hub_proof_message (challenge, "1312345678", "desk-1", &error);
  g_autoptr(GBytes) digest = mado_hub_proof_digest (challenge, "1312345678", "desk-1", &error);
  g_autoptr(GString) hex = g_string_new (NULL);
  gsize length;
  const guint8 *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (message, &length);
  g_assert_cmpmem (data, length, expected, sizeof expected);
  data = g_bytes_get_data (digest, &length);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  g_assert_cmpstr (hex->str, ==, expected_digest);
}

static void
test_proof_message_refuses (void)
{
  g_autoptr(GBytes) challenge = counting_challenge ();
  g_autoptr(GBytes) short_challenge = g_bytes_new ("abc", 3);
  g_autofree char *long_id = g_strnfill (65, 'a');
  const struct {
    GBytes     *challenge;
    const char *code;
    const char *terminal;
  } cases[] = {
    { short_challenge, "1312345678", "desk-1" },
    { challenge, "131234567", "desk-1" },
    { challenge, "131234567a", "desk-1" },
    { challenge, "1312345678", "" },
    { challenge, "1312345678", "desk 1" },
    { challenge, "1312345678", "desk/1" },
    { challenge, "1312345678", long_id },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) message = mado_hub_proof_message (cases[i].challenge, cases[i].code,
                                                          cases[i].terminal, &error);

      g_assert_null (message);
      g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
    }
}

static void
test_encode_verification (void)
{
  guint8 signature[256] = { 1, 2, 3 };
  g_autoptr(GBytes) certificate = g_bytes_new ("\x30\x82\x01\x00", 4);
  g_autoptr(GBytes) sig = g_bytes_new (signature, sizeof signature);
  MadoHubVerificationRequest request = {
    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", certificate, sig,
    MADO_HUB_IDENTITY_PIN, NULL, MADO_HUB_CONSENT_SUBSIDY | MADO_HUB_CONSENT_MATERNAL_CHILD,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *body = mado_hub_proof_encode_verification (&request, "1312345678", "desk-1",
                                                               &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *consent;
  g_autofree char *visual = NULL;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "certificate"), ==, "MIIBAA==");
  g_assert_cmpstr (json_object_get_string_member (root, "institutionCode"), ==, "1312345678");
  g_assert_cmpstr (json_object_get_string_member (root, "terminalId"), ==, "desk-1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "identity"),
                                                  "method"), ==, "pin");
  consent = json_object_get_array_member (root, "consent");
  g_assert_cmpuint (json_array_get_length (consent), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (consent, 0), ==, "subsidy");
  g_assert_cmpstr (json_array_get_string_element (consent, 1), ==, "maternalChild");
  g_assert_cmpuint (strlen (json_object_get_string_member (root, "signature")), ==, 344);

  /* Visual with a signature, PIN without one, no consent: refused before sending. */
  request.method = MADO_HUB_IDENTITY_VISUAL;
  request.operator_id = "staff-007";
  g_assert_null (mado_hub_proof_encode_verification (&request, "1312345678", "desk-1", &error));
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  request.signature = NULL;
  visual = mado_hub_proof_encode_verification (&request, "1312345678", "desk-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (visual, "\"operatorId\":\"staff-007\""));
  g_assert_null (strstr (visual, "signature"));
  request.method = MADO_HUB_IDENTITY_PIN;
  request.operator_id = NULL;
  g_assert_null (mado_hub_proof_encode_verification (&request, "1312345678", "desk-1", &error));
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  request.signature = sig;
  request.consent = MADO_HUB_CONSENT_NONE;
  g_assert_null (mado_hub_proof_encode_verification (&request, "1312345678", "desk-1", &error));
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/proof/message", test_proof_message);
  g_test_add_func ("/hub/proof/refuses", test_proof_message_refuses);
  g_test_add_func ("/hub/proof/encode-verification", test_encode_verification);

  return g_test_run ();
}
