/* test-certificate.c — certificate inspection and the chain verdicts
 *
 * Keys and certificates are made here with OpenSSL; nothing private is
 * committed. The J-LIS situation is rebuilt: two trusted roots and one
 * untrusted root, all three with the same DN and no key identifiers, so
 * only the signature can tell the issuer.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "madoguchi-core.h"
#include "test-pki-util.h"

#define LEAF_CN "0123456789ABCDEF0123456789ABCDEF"

static struct {
  EVP_PKEY *key_2019, *key_2023, *key_untrusted, *key_leaf;
  X509 *root_2019, *root_2023, *root_untrusted;
} pki;

static MadoCertificate *
certificate_from (X509 *x509)
{
  g_autoptr(GBytes) der = test_pki_der (x509);
  g_autoptr(GError) error = NULL;
  MadoCertificate *cert;

  cert = mado_certificate_new_from_der (g_bytes_get_data (der, NULL), g_bytes_get_size (der), &error);
  g_assert_no_error (error);
  g_assert_nonnull (cert);
  return cert;
}

static void
test_inspect (void)
{
  g_autoptr(X509) x509 = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_2023, pki.key_2023,
                                             0x1001, -1, 365);
  g_autoptr(GBytes) der = test_pki_der (x509);
  g_autoptr(MadoCertificate) cert = certificate_from (x509);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, der);
  g_autoptr(GString) expected_fp = g_string_new (NULL);

  g_assert_cmpstr (mado_certificate_get_subject (cert), ==, "CN=" LEAF_CN);
  g_assert_cmpstr (mado_certificate_get_issuer (cert), ==,
                   "OU=Japan Agency for Local Authority Information Systems,"
                   "OU=JPKI for user authentication,O=JPKI,C=JP");
  g_assert_cmpstr (mado_certificate_get_serial_hex (cert), ==, "1001");
  g_assert_true (g_bytes_equal (mado_certificate_get_der (cert), der));

  for (gsize i = 0; sha[i] != '\0'; i += 2)
    g_string_append_printf (expected_fp, "%s%c%c", i > 0 ? ":" : "",
                            g_ascii_toupper (sha[i]), g_ascii_toupper (sha[i + 1]));
  g_assert_cmpstr (mado_certificate_get_fingerprint_sha256 (cert), ==, expected_fp->str);

  g_assert_cmpint (ABS (g_date_time_difference (mado_certificate_get_not_after (cert), now)
                        - 365 * G_TIME_SPAN_DAY), <, 120 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (ABS (g_date_time_difference (now, mado_certificate_get_not_before (cert))
                        - G_TIME_SPAN_DAY), <, 120 * G_TIME_SPAN_SECOND);
  g_assert_nonnull (mado_certificate_get_public_key (cert));
  g_assert_cmpint (EVP_PKEY_get_bits (mado_certificate_get_public_key (cert)), ==, 2048);
}

static void
test_malformed (void)
{
  g_autoptr(X509) x509 = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_2023, pki.key_2023,
                                             0x1001, -1, 365);
  g_autoptr(GBytes) der = test_pki_der (x509);
  gsize len = g_bytes_get_size (der);
  g_autofree guint8 *padded = g_malloc0 (len + 16);
  const guint8 garbage[] = { 0x30, 0x82, 0x01, 0x00, 0x02, 0x01 };

  memcpy (padded, g_bytes_get_data (der, NULL), len);
  struct { const guint8 *data; gsize len; } cases[] = {
    { garbage, sizeof garbage },
    { padded, len - 1 },          /* truncated */
    { padded, len + 16 },         /* filler after the certificate */
    { padded + 1, len - 1 },
    { padded, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoCertificate) cert = mado_certificate_new_from_der (cases[i].data, cases[i].len, &error);

      g_assert_null (cert);
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_CERTIFICATE);
    }
}

static void
test_signature (void)
{
  g_autoptr(X509) x509 = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_2023, pki.key_2023,
                                             0x1001, -1, 365);
  g_autoptr(MadoCertificate) cert = certificate_from (x509);
  guint8 digest[32];
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *bad = NULL;
  gsize len;

  memset (digest, 0x5A, sizeof digest);
  signature = test_pki_sign_sha256 (pki.key_leaf, digest);
  bad = g_bytes_unref_to_data (g_bytes_ref (signature), &len);
  g_assert_cmpuint (len, ==, 256);

  g_assert_true (mado_certificate_verify_sha256 (cert, digest, 32, bad, len, &error));
  g_assert_no_error (error);

  bad[100] ^= 0x01;
  g_assert_false (mado_certificate_verify_sha256 (cert, digest, 32, bad, len, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);
  bad[100] ^= 0x01;

  g_assert_false (mado_certificate_verify_sha256 (cert, digest, 32, bad, len - 1, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  digest[0] ^= 0x80;
  g_assert_false (mado_certificate_verify_sha256 (cert, digest, 32, bad, len, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_SIGNATURE);
}

static MadoCertificateVerdict
verdict_for (X509       *leaf,
             const char *anchors,
             GDateTime  *at)
{
  g_autoptr(MadoCertificate) cert = certificate_from (leaf);
  g_autoptr(GError) error = NULL;
  MadoCertificateVerdict verdict = MADO_CERTIFICATE_VERDICT_VALID;

  g_assert_true (mado_certificate_check_chain (cert, anchors, at, &verdict, &error));
  g_assert_no_error (error);
  return verdict;
}

static void
test_chain (void)
{
  X509 *anchors_list[] = { pki.root_2019, pki.root_2023 };
  X509 *reversed_list[] = { pki.root_2023, pki.root_2019 };
  g_autofree char *anchors = test_pki_write_pem (anchors_list, 2);
  g_autofree char *reversed = test_pki_write_pem (reversed_list, 2);
  g_autoptr(X509) by_2019 = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_2019, pki.key_2019, 0x1002, -1, 365);
  g_autoptr(X509) by_2023 = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_2023, pki.key_2023, 0x1001, -1, 365);
  g_autoptr(X509) untrusted = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_untrusted, pki.key_untrusted, 0x1008, -1, 365);
  g_autoptr(X509) expired = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_2023, pki.key_2023, 0x1007, -400, -10);
  g_autoptr(X509) not_yet = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_2023, pki.key_2023, 0x100B, 10, 400);
  g_autoptr(X509) expired_untrusted = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_untrusted, pki.key_untrusted, 0x100C, -400, -10);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2000);
  g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -100);

  /* Same-DN roots: whichever comes first in the file, the signature picks. */
  g_assert_cmpint (verdict_for (by_2019, anchors, NULL), ==, MADO_CERTIFICATE_VERDICT_VALID);
  g_assert_cmpint (verdict_for (by_2023, anchors, NULL), ==, MADO_CERTIFICATE_VERDICT_VALID);
  g_assert_cmpint (verdict_for (by_2019, reversed, NULL), ==, MADO_CERTIFICATE_VERDICT_VALID);
  g_assert_cmpint (verdict_for (by_2023, reversed, NULL), ==, MADO_CERTIFICATE_VERDICT_VALID);
  g_assert_cmpint (verdict_for (untrusted, anchors, NULL), ==, MADO_CERTIFICATE_VERDICT_INVALID);
  g_assert_cmpint (verdict_for (expired_untrusted, anchors, NULL), ==, MADO_CERTIFICATE_VERDICT_INVALID);
  g_assert_cmpint (verdict_for (expired, anchors, NULL), ==, MADO_CERTIFICATE_VERDICT_EXPIRED);
  g_assert_cmpint (verdict_for (not_yet, anchors, NULL), ==, MADO_CERTIFICATE_VERDICT_NOT_YET_VALID);

  /* The moment judged is the caller's. */
  g_assert_cmpint (verdict_for (by_2023, anchors, now), ==, MADO_CERTIFICATE_VERDICT_VALID);
  g_assert_cmpint (verdict_for (by_2023, anchors, later), ==, MADO_CERTIFICATE_VERDICT_EXPIRED);
  g_assert_cmpint (verdict_for (by_2023, anchors, earlier), ==, MADO_CERTIFICATE_VERDICT_NOT_YET_VALID);

  /* No anchors configured: unknown, not invalid. */
  g_assert_cmpint (verdict_for (by_2023, NULL, NULL), ==, MADO_CERTIFICATE_VERDICT_UNKNOWN);
  g_assert_cmpint (verdict_for (by_2023, "", NULL), ==, MADO_CERTIFICATE_VERDICT_UNKNOWN);

  g_unlink (anchors);
  g_unlink (reversed);
}

static void
test_chain_one_root (void)
{
  X509 *only_2023[] = { pki.root_2023 };
  g_autofree char *anchors = test_pki_write_pem (only_2023, 1);
  g_autoptr(X509) by_2019 = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_2019, pki.key_2019, 0x1002, -1, 365);

  /* A root with the right name but another key is no issuer. */
  g_assert_cmpint (verdict_for (by_2019, anchors, NULL), ==, MADO_CERTIFICATE_VERDICT_INVALID);
  g_unlink (anchors);
}

static void
test_chain_check_failed (void)
{
  g_autoptr(X509) by_2023 = test_pki_make_leaf (LEAF_CN, pki.key_leaf, pki.root_2023, pki.key_2023, 0x1001, -1, 365);
  g_autoptr(MadoCertificate) cert = certificate_from (by_2023);
  g_autofree char *empty = NULL;
  const char *paths[2];
  int fd;

  fd = g_file_open_tmp ("mado-empty-XXXXXX.pem", &empty, NULL);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "not a certificate\n", 18), ==, 18);
  close (fd);
  paths[0] = "/nonexistent/anchors.pem";
  paths[1] = empty;

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      MadoCertificateVerdict verdict = MADO_CERTIFICATE_VERDICT_VALID;

      g_assert_false (mado_certificate_check_chain (cert, paths[i], NULL, &verdict, &error));
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED);
      g_assert_cmpint (verdict, ==, MADO_CERTIFICATE_VERDICT_CHECK_FAILED);
    }
  g_unlink (empty);
}

static void
test_verdict_names (void)
{
  g_assert_cmpstr (mado_certificate_verdict_to_string (MADO_CERTIFICATE_VERDICT_VALID), ==, "valid");
  g_assert_cmpstr (mado_certificate_verdict_to_string (MADO_CERTIFICATE_VERDICT_NOT_YET_VALID), ==, "not-yet-valid");
  g_assert_cmpstr (mado_certificate_verdict_to_string (MADO_CERTIFICATE_VERDICT_CHECK_FAILED), ==, "check-failed");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  pki.key_2019 = test_pki_make_key ();
  pki.key_2023 = test_pki_make_key ();
  pki.key_untrusted = test_pki_make_key ();
  pki.key_leaf = test_pki_make_key ();
  pki.root_2019 = test_pki_make_root (pki.key_2019, 2019);
  pki.root_2023 = test_pki_make_root (pki.key_2023, 2023);
  pki.root_untrusted = test_pki_make_root (pki.key_untrusted, 666);

  g_test_add_func ("/card/certificate/inspect", test_inspect);
  g_test_add_func ("/card/certificate/malformed", test_malformed);
  g_test_add_func ("/card/certificate/signature", test_signature);
  g_test_add_func ("/card/certificate/chain/same-dn-roots", test_chain);
  g_test_add_func ("/card/certificate/chain/one-root", test_chain_one_root);
  g_test_add_func ("/card/certificate/chain/check-failed", test_chain_check_failed);
  g_test_add_func ("/card/certificate/verdict-names", test_verdict_names);

  status = g_test_run ();

  X509_free (pki.root_2019);
  X509_free (pki.root_2023);
  X509_free (pki.root_untrusted);
  EVP_PKEY_free (pki.key_2019);
  EVP_PKEY_free (pki.key_2023);
  EVP_PKEY_free (pki.key_untrusted);
  EVP_PKEY_free (pki.key_leaf);
  return status;
}
