/* test-training-verifier.c — the training hub's certificate checks with the test PKI, and what its caches must not change
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verifier remembers terminal certificates and card chains it checked
 * once. These tests check a certificate a first time (so that it is
 * cached), then again where a cache could wrongly answer from memory: past
 * its expiry, and for a revoked card.
 */
#include "config.h"

#include "hub-test-util.h"
#include "mado-training-digest.h"
#include "mado-training-terminal-database.h"
#include "mado-training-verifier.h"

/* 2100-01-01: past every certificate of the test PKI. */
#define FAR_FUTURE G_GINT64_CONSTANT (4102444800)

static MadoTrainingVerifier *
new_verifier (void)
{
  g_autofree char *terminal_ca = hub_test_pki_path ("terminals/terminal-ca.pem");
  g_autofree char *anchors = hub_test_pki_path ("anchors.pem");
  g_autofree char *crl = hub_test_pki_path ("crl.pem");
  g_autoptr(GError) error = NULL;
  MadoTrainingVerifier *verifier = mado_training_verifier_new (terminal_ca, anchors, crl, &error);

  g_assert_no_error (error);
  return verifier;
}

static GBytes *
pem_file_der (const char *relative)
{
  g_autofree char *path = hub_test_pki_path (relative);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (path, &error);
  g_autoptr(GByteArray) der = NULL;

  g_assert_no_error (error);
  g_object_get (certificate, "certificate", &der, NULL);
  return g_bytes_new (der->data, der->len);
}

static GBytes *
card_der (const char *card)
{
  g_autofree char *path = g_strdup_printf ("%s/cards/%s.cert.der", hub_test_pki (), card);
  g_autoptr(GError) error = NULL;
  char *der = NULL;
  gsize len = 0;

  g_file_get_contents (path, &der, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (der, len);
}

static gboolean
terminal_accepted (MadoTrainingVerifier *verifier,
                   GBytes               *der,
                   char                **out_reason)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *cn = NULL;
  gboolean ok = mado_training_verifier_check_terminal (verifier, der, &fingerprint, &cn, out_reason);

  if (ok)
    {
      g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, der);

      g_assert_cmpstr (cn, ==, "desk-1");
      g_assert_cmpstr (fingerprint, ==, sha256);
    }
  return ok;
}

static MadoProblem
card_problem (MadoTrainingVerifier *verifier,
              GBytes               *der)
{
  g_autofree char *issuer = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *detail = NULL;

  return mado_training_verifier_check_card (verifier, der, &issuer, &serial, &detail);
}

/* A terminal certificate known by its SHA-256 is still refused once past
 * its expiry, and accepted again when the clock is back. */
static void
test_terminal_expires_while_cached (void)
{
  g_autoptr(MadoTrainingVerifier) verifier = new_verifier ();
  g_autoptr(GBytes) desk = pem_file_der ("terminals/desk-1.pem");
  g_autofree char *reason = NULL;

  g_assert_true (terminal_accepted (verifier, desk, NULL));
  g_assert_true (terminal_accepted (verifier, desk, NULL));
  mado_training_verifier_set_time (verifier, FAR_FUTURE);
  g_assert_false (terminal_accepted (verifier, desk, &reason));
  g_assert_nonnull (strstr (reason, "expired"));
  mado_training_verifier_set_time (verifier, 0);
  g_assert_true (terminal_accepted (verifier, desk, NULL));
}

/* A certificate of another CA with the same DN and CN is refused, cache or not. */
static void
test_rogue_terminal_refused (void)
{
  g_autoptr(MadoTrainingVerifier) verifier = new_verifier ();
  g_autoptr(GBytes) desk = pem_file_der ("terminals/desk-1.pem");
  g_autoptr(GBytes) rogue = pem_file_der ("terminals/rogue-desk.pem");
  g_autofree char *reason = NULL;

  g_assert_true (terminal_accepted (verifier, desk, NULL));
  g_assert_false (terminal_accepted (verifier, rogue, &reason));
  g_assert_nonnull (strstr (reason, "terminal CA"));
}

/* A revoked card's chain verifies and may be cached: the CRL still
 * refuses it, every time. */
static void
test_revoked_card_refused_every_time (void)
{
  g_autoptr(MadoTrainingVerifier) verifier = new_verifier ();
  g_autoptr(GBytes) revoked = card_der ("revoked");
  g_autoptr(GBytes) infant = card_der ("infant");

  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (card_problem (verifier, revoked), ==, MADO_PROBLEM_CERTIFICATE_REVOKED);
      g_assert_cmpint (card_problem (verifier, infant), ==, MADO_PROBLEM_NONE);
    }
}

/* A card accepted (and cached) is refused as expired once past its date. */
static void
test_card_expires_while_cached (void)
{
  g_autoptr(MadoTrainingVerifier) verifier = new_verifier ();
  g_autoptr(GBytes) infant = card_der ("infant");
  g_autoptr(GBytes) expired = card_der ("expired");

  g_assert_cmpint (card_problem (verifier, infant), ==, MADO_PROBLEM_NONE);
  g_assert_cmpint (card_problem (verifier, infant), ==, MADO_PROBLEM_NONE);
  mado_training_verifier_set_time (verifier, FAR_FUTURE);
  g_assert_cmpint (card_problem (verifier, infant), ==, MADO_PROBLEM_CERTIFICATE_EXPIRED);
  mado_training_verifier_set_time (verifier, 0);
  g_assert_cmpint (card_problem (verifier, infant), ==, MADO_PROBLEM_NONE);
  g_assert_cmpint (card_problem (verifier, expired), ==, MADO_PROBLEM_CERTIFICATE_EXPIRED);
  g_assert_cmpint (card_problem (verifier, expired), ==, MADO_PROBLEM_CERTIFICATE_EXPIRED);
}

/* The signature check uses the cached certificate's key, and only its own. */
static void
test_signature_by_cached_card (void)
{
  g_autoptr(MadoTrainingVerifier) verifier = new_verifier ();
  g_autoptr(GBytes) infant = card_der ("infant");
  g_autoptr(GBytes) mother = card_der ("mother");
  g_autoptr(GBytes) data = g_bytes_new_static ("some bytes to sign", 18);
  g_autofree char *b64 = hub_test_sign ("infant", data);
  gsize len = 0;
  g_autofree guchar *raw = g_base64_decode (b64, &len);
  g_autoptr(GBytes) signature = g_bytes_new (raw, len);

  g_assert_true (mado_training_verifier_check_signature (verifier, infant, data, signature));
  g_assert_cmpint (card_problem (verifier, infant), ==, MADO_PROBLEM_NONE);
  g_assert_cmpint (card_problem (verifier, mother), ==, MADO_PROBLEM_NONE);
  g_assert_true (mado_training_verifier_check_signature (verifier, infant, data, signature));
  g_assert_false (mado_training_verifier_check_signature (verifier, mother, data, signature));
}

/* What certificates are known by: the hex SHA-256 of any length of bytes,
 * as GLib spells it (the answer's certificateSha256 is compared with it). */
static void
test_sha256_hex (void)
{
  g_autoptr(GBytes) infant = card_der ("infant");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, infant);
  g_autofree char *actual = mado_training_digest_sha256_hex (infant);
  g_autofree char *empty_actual = mado_training_digest_sha256_hex (empty);

  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpstr (empty_actual, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static GTlsCertificateFlags
handshake_verdict (GTlsDatabase *database,
                   const char   *relative,
                   const char   *purpose)
{
  g_autofree char *path = hub_test_pki_path (relative);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (path, &error);
  GTlsCertificateFlags flags;

  g_assert_no_error (error);
  flags = g_tls_database_verify_chain (database, certificate, purpose, NULL, NULL,
                                       G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  g_assert_no_error (error);
  return flags;
}

/* What the TLS handshake is told: a terminal of the terminal CA, for
 * client authentication only; a rogue one never; an expired one not even
 * when the handshake checked it before (the cache it shares with the
 * requests keeps the dates). */
static void
test_handshake_database (void)
{
  g_autoptr(MadoTrainingVerifier) verifier = new_verifier ();
  g_autoptr(GTlsDatabase) database = mado_training_terminal_database_new (verifier);
  const char *client = G_TLS_DATABASE_PURPOSE_AUTHENTICATE_CLIENT;

  g_assert_cmpuint (handshake_verdict (database, "terminals/desk-1.pem", client), ==, 0);
  g_assert_cmpuint (handshake_verdict (database, "terminals/desk-1.pem", client), ==, 0);
  g_assert_cmpuint (handshake_verdict (database, "terminals/desk-1.pem",
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER), !=, 0);
  g_assert_cmpuint (handshake_verdict (database, "terminals/rogue-desk.pem", client), !=, 0);
  mado_training_verifier_set_time (verifier, FAR_FUTURE);
  g_assert_cmpuint (handshake_verdict (database, "terminals/desk-1.pem", client), !=, 0);
  mado_training_verifier_set_time (verifier, 0);
  g_assert_cmpuint (handshake_verdict (database, "terminals/desk-1.pem", client), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("MADOGUCHI_TEST_PKI") == NULL)
    {
      g_test_skip ("MADOGUCHI_TEST_PKI is not set");
      return g_test_run ();
    }
  g_test_add_func ("/training-verifier/terminal-expires-while-cached", test_terminal_expires_while_cached);
  g_test_add_func ("/training-verifier/rogue-terminal-refused", test_rogue_terminal_refused);
  g_test_add_func ("/training-verifier/revoked-card-refused-every-time", test_revoked_card_refused_every_time);
  g_test_add_func ("/training-verifier/card-expires-while-cached", test_card_expires_while_cached);
  g_test_add_func ("/training-verifier/signature-by-cached-card", test_signature_by_cached_card);
  g_test_add_func ("/training-verifier/sha256-hex", test_sha256_hex);
  g_test_add_func ("/training-verifier/handshake-database", test_handshake_database);
  return g_test_run ();
}
