/* test-training-verifier.c — the training hub's certificate checks with the test PKI, and what its caches must not change
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verifier remembers terminal certificates and card chains it checked
 * once. These tests check a certificate a first time (so that it is
 * cached), then again where a cache could wrongly answer from memory: past
 * its expiry or its CA's, and for a revoked card. The certificates whose
 * CA expires before them, or that are made for another purpose, are made
 * here, with throwaway P-256 keys.
 */
#include "config.h"

#include "hub-test-util.h"
#include "mado-test-util.h"
#include "mado-training-digest.h"
#include "mado-training-terminal-database.h"
#include "mado-training-verifier.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

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


/* Unix times for the certificates made here. */
#define Y2024 G_GINT64_CONSTANT (1704067200)
#define Y2026 G_GINT64_CONSTANT (1767225600)
#define Y2030 G_GINT64_CONSTANT (1893456000)
#define Y2031 G_GINT64_CONSTANT (1924992000)
#define Y2040 G_GINT64_CONSTANT (2208988800)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)

static void
add_extension (X509       *x509,
               X509V3_CTX *ctx,
               int         nid,
               const char *value)
{
  X509_EXTENSION *extension = X509V3_EXT_conf_nid (NULL, ctx, nid, value);

  g_assert_nonnull (extension);
  g_assert_cmpint (X509_add_ext (x509, extension, -1), ==, 1);
  X509_EXTENSION_free (extension);
}

/* A certificate for @key, valid from @not_before to @not_after. Without
 * @issuer, a self-signed CA; with it, a leaf for @extended_usage
 * ("clientAuth", "serverAuth"). */
static X509 *
make_certificate (const char *cn,
                  EVP_PKEY   *key,
                  X509       *issuer,
                  EVP_PKEY   *issuer_key,
                  gint64      not_before,
                  gint64      not_after,
                  const char *extended_usage)
{
  static long serial = 1;
  X509 *x509 = X509_new ();
  X509_NAME *name = X509_get_subject_name (x509);
  X509V3_CTX ctx;

  X509_set_version (x509, 2);
  ASN1_INTEGER_set (X509_get_serialNumber (x509), serial++);
  ASN1_TIME_set (X509_getm_notBefore (x509), (time_t) not_before);
  ASN1_TIME_set (X509_getm_notAfter (x509), (time_t) not_after);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const guchar *) cn, -1, -1, 0);
  X509_set_issuer_name (x509, issuer != NULL ? X509_get_subject_name (issuer) : name);
  X509_set_pubkey (x509, key);
  X509V3_set_ctx (&ctx, issuer != NULL ? issuer : x509, x509, NULL, NULL, 0);
  if (issuer == NULL)
    {
      add_extension (x509, &ctx, NID_basic_constraints, "critical,CA:TRUE");
      add_extension (x509, &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
    }
  else
    {
      add_extension (x509, &ctx, NID_basic_constraints, "critical,CA:FALSE");
      add_extension (x509, &ctx, NID_key_usage, "critical,digitalSignature");
      add_extension (x509, &ctx, NID_ext_key_usage, extended_usage);
    }
  g_assert_cmpint (X509_sign (x509, issuer_key != NULL ? issuer_key : key, EVP_sha256 ()), >, 0);
  return x509;
}

/* A CA valid 2024–2030, written to a PEM file under @dir; the caller's key. */
static X509 *
make_short_ca (const char *dir,
               EVP_PKEY   *key,
               char      **out_path)
{
  X509 *ca = make_certificate ("Short-lived CA", key, NULL, NULL, Y2024, Y2030, NULL);
  FILE *file;

  *out_path = g_build_filename (dir, "short-ca.pem", NULL);
  file = fopen (*out_path, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (PEM_write_X509 (file, ca), ==, 1);
  fclose (file);
  return ca;
}

static GBytes *
x509_der (X509 *x509)
{
  guchar *der = NULL;
  int len = i2d_X509 (x509, &der);
  GBytes *bytes;

  g_assert_cmpint (len, >, 0);
  bytes = g_bytes_new (der, len);
  OPENSSL_free (der);
  return bytes;
}

static GTlsCertificateFlags
x509_handshake_verdict (GTlsDatabase *database,
                        X509         *x509)
{
  g_autoptr(GBytes) der = x509_der (x509);
  g_autoptr(GByteArray) array = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  GTlsCertificateFlags flags;

  g_byte_array_append (array, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  certificate = g_initable_new (g_tls_backend_get_certificate_type (g_tls_backend_get_default ()),
                                NULL, &error, "certificate", array, NULL);
  g_assert_no_error (error);
  flags = g_tls_database_verify_chain (database, certificate, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_CLIENT,
                                       NULL, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  g_assert_no_error (error);
  return flags;
}

static gboolean
terminal_ok (MadoTrainingVerifier *verifier,
             GBytes               *der,
             char                **out_reason)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *cn = NULL;

  return mado_training_verifier_check_terminal (verifier, der, &fingerprint, &cn, out_reason);
}

/* A terminal certificate valid to 2040 from a CA valid to 2030: accepted
 * (and cached) in 2026, refused in 2031 although the certificate itself
 * is still within its dates, by the cache and by a fresh check alike. */
static void
test_terminal_ca_expires_while_cached (void)
{
  g_autofree char *dir = mado_test_make_dir ("verifier-XXXXXX");
  g_autoptr(EVP_PKEY) ca_key = EVP_EC_gen ("P-256");
  g_autoptr(EVP_PKEY) desk_key = EVP_EC_gen ("P-256");
  g_autofree char *ca_path = NULL;
  g_autoptr(X509) ca = make_short_ca (dir, ca_key, &ca_path);
  g_autoptr(X509) desk = make_certificate ("desk-9", desk_key, ca, ca_key, Y2024, Y2040, "clientAuth");
  g_autoptr(GBytes) der = x509_der (desk);
  g_autofree char *anchors = hub_test_pki_path ("anchors.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTrainingVerifier) verifier = mado_training_verifier_new (ca_path, anchors, NULL, &error);
  g_autoptr(MadoTrainingVerifier) fresh = mado_training_verifier_new (ca_path, anchors, NULL, &error);
  g_autofree char *reason = NULL;

  g_assert_no_error (error);
  mado_training_verifier_set_time (verifier, Y2026);
  g_assert_true (terminal_ok (verifier, der, NULL));
  g_assert_true (terminal_ok (verifier, der, NULL));
  mado_training_verifier_set_time (verifier, Y2031);
  g_assert_false (terminal_ok (verifier, der, &reason));
  g_assert_nonnull (strstr (reason, "expired"));
  mado_training_verifier_set_time (fresh, Y2031);
  g_assert_false (terminal_ok (fresh, der, NULL));
  mado_test_remove_dir (dir);
}

/* The same for a card whose anchor expires first. */
static void
test_card_anchor_expires_while_cached (void)
{
  g_autofree char *dir = mado_test_make_dir ("verifier-XXXXXX");
  g_autoptr(EVP_PKEY) ca_key = EVP_EC_gen ("P-256");
  g_autoptr(EVP_PKEY) card_key = EVP_EC_gen ("P-256");
  g_autofree char *ca_path = NULL;
  g_autoptr(X509) ca = make_short_ca (dir, ca_key, &ca_path);
  g_autoptr(X509) card = make_certificate ("card-9", card_key, ca, ca_key, Y2024, Y2040, "clientAuth");
  g_autoptr(GBytes) der = x509_der (card);
  g_autofree char *terminal_ca = hub_test_pki_path ("terminals/terminal-ca.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTrainingVerifier) verifier = mado_training_verifier_new (terminal_ca, ca_path, NULL, &error);

  g_assert_no_error (error);
  mado_training_verifier_set_time (verifier, Y2026);
  g_assert_cmpint (card_problem (verifier, der), ==, MADO_PROBLEM_NONE);
  g_assert_cmpint (card_problem (verifier, der), ==, MADO_PROBLEM_NONE);
  mado_training_verifier_set_time (verifier, Y2031);
  g_assert_cmpint (card_problem (verifier, der), ==, MADO_PROBLEM_CERTIFICATE_EXPIRED);
  mado_training_verifier_set_time (verifier, Y2026);
  g_assert_cmpint (card_problem (verifier, der), ==, MADO_PROBLEM_NONE);
  mado_test_remove_dir (dir);
}

/* The handshake's database, on certificates it has not seen: one of the
 * terminal CA made for servers, and one already expired, are refused;
 * the same CA's client certificate within its dates is not. */
static void
test_handshake_purpose_and_expiry (void)
{
  g_autofree char *dir = mado_test_make_dir ("verifier-XXXXXX");
  g_autoptr(EVP_PKEY) ca_key = EVP_EC_gen ("P-256");
  g_autoptr(EVP_PKEY) key = EVP_EC_gen ("P-256");
  g_autofree char *ca_path = NULL;
  g_autoptr(X509) ca = make_short_ca (dir, ca_key, &ca_path);
  g_autoptr(X509) client = make_certificate ("desk-9", key, ca, ca_key, Y2024, Y2030, "clientAuth");
  g_autoptr(X509) server = make_certificate ("desk-9", key, ca, ca_key, Y2024, Y2030, "serverAuth");
  g_autoptr(X509) expired = make_certificate ("desk-9", key, ca, ca_key, Y2024, Y2026 - 86400, "clientAuth");
  g_autofree char *anchors = hub_test_pki_path ("anchors.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTrainingVerifier) verifier = mado_training_verifier_new (ca_path, anchors, NULL, &error);
  g_autoptr(GTlsDatabase) database = NULL;

  g_assert_no_error (error);
  database = mado_training_terminal_database_new (verifier);
  mado_training_verifier_set_time (verifier, Y2026);
  g_assert_cmpuint (x509_handshake_verdict (database, server), !=, 0);
  g_assert_cmpuint (x509_handshake_verdict (database, expired), !=, 0);
  g_assert_cmpuint (x509_handshake_verdict (database, client), ==, 0);
  mado_test_remove_dir (dir);
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
  g_test_add_func ("/training-verifier/terminal-ca-expires-while-cached", test_terminal_ca_expires_while_cached);
  g_test_add_func ("/training-verifier/card-anchor-expires-while-cached", test_card_anchor_expires_while_cached);
  g_test_add_func ("/training-verifier/handshake-purpose-and-expiry", test_handshake_purpose_and_expiry);
  return g_test_run ();
}
