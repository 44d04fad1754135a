/* mado-test-cert.c — certificates with chosen dates, signed by a test PKI CA
 *
 * The test PKI (tests/pki/make-test-pki.sh) issues for years; the expiry
 * warnings need certificates that end in a few days or ended yesterday,
 * which `openssl x509 -req` cannot backdate. These are issued here, from
 * the PKI's terminal CA and desk-1's key, so the key still matches.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "mado-test-cert.h"
#include "mado-test-util.h"

static EVP_PKEY *
read_key (const char *path)
{
  FILE *file = fopen (path, "r");
  EVP_PKEY *key;

  g_assert_nonnull (file);
  key = PEM_read_PrivateKey (file, NULL, NULL, NULL);
  fclose (file);
  g_assert_nonnull (key);
  return key;
}

static X509 *
read_cert (const char *path)
{
  FILE *file = fopen (path, "r");
  X509 *cert;

  g_assert_nonnull (file);
  cert = PEM_read_X509 (file, NULL, NULL, NULL);
  fclose (file);
  g_assert_nonnull (cert);
  return cert;
}

static void
write_pem (X509       *cert,
           const char *path)
{
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  g_assert_cmpint (PEM_write_X509 (file, cert), ==, 1);
  g_assert_cmpint (fclose (file), ==, 0);
}

/**
 * mado_test_cert_issue:
 * @pki_dir: the test PKI's folder (MADOGUCHI_TEST_PKI)
 * @common_name: the subject's CN
 * @start_seconds: notBefore, in seconds from now (negative: in the past)
 * @end_seconds: notAfter, in seconds from now
 * @out_pem: (nullable): where to write the certificate as PEM
 *
 * Issues a certificate for terminals/desk-1.key, signed by the terminal CA.
 *
 * Returns: (transfer full): the certificate's DER
 */
GBytes *
mado_test_cert_issue (const char *pki_dir,
                      const char *common_name,
                      gint64      start_seconds,
                      gint64      end_seconds,
                      const char *out_pem)
{
  g_autofree char *ca_path = g_build_filename (pki_dir, "terminals", "terminal-ca.pem", NULL);
  g_autofree char *ca_key_path = g_build_filename (pki_dir, "terminals", "terminal-ca.key", NULL);
  g_autofree char *key_path = g_build_filename (pki_dir, "terminals", "desk-1.key", NULL);
  X509 *ca = read_cert (ca_path);
  EVP_PKEY *ca_key = read_key (ca_key_path);
  EVP_PKEY *key = read_key (key_path);
  X509 *cert = X509_new ();
  X509_NAME *name = X509_get_subject_name (cert);
  unsigned char *der = NULL;
  GBytes *bytes;
  int der_len;

  g_assert_cmpint (X509_set_version (cert, 2), ==, 1);
  ASN1_INTEGER_set (X509_get_serialNumber (cert), g_random_int_range (0x5000, 0x7fffffff));
  X509_NAME_add_entry_by_txt (name, "O", MBSTRING_ASC, (const unsigned char *) "Madoguchi test", -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_ASC, (const unsigned char *) common_name, -1, -1, 0);
  g_assert_cmpint (X509_set_issuer_name (cert, X509_get_subject_name (ca)), ==, 1);
  g_assert_nonnull (X509_gmtime_adj (X509_getm_notBefore (cert), (long) start_seconds));
  g_assert_nonnull (X509_gmtime_adj (X509_getm_notAfter (cert), (long) end_seconds));
  g_assert_cmpint (X509_set_pubkey (cert, key), ==, 1);
  g_assert_cmpint (X509_sign (cert, ca_key, EVP_sha256 ()), >, 0);
  if (out_pem != NULL)
    write_pem (cert, out_pem);
  der_len = i2d_X509 (cert, &der);
  g_assert_cmpint (der_len, >, 0);
  bytes = g_bytes_new (der, (gsize) der_len);
  OPENSSL_free (der);
  X509_free (cert);
  X509_free (ca);
  EVP_PKEY_free (ca_key);
  EVP_PKEY_free (key);
  return bytes;
}

/**
 * mado_test_cert_write_site:
 * @dir: the test's folder
 * @start_seconds: the terminal certificate's notBefore, from now
 * @end_seconds: its notAfter, from now
 *
 * A site configuration in @dir with [site] and a [hub] (on a closed port)
 * whose client certificate, `terminal.pem` in @dir, has those dates; no
 * [cache], so the app opens on the administrator's page.
 *
 * Returns: (transfer full): the site configuration's path
 */
char *
mado_test_cert_write_site (const char *dir,
                           gint64      start_seconds,
                           gint64      end_seconds)
{
  const char *pki = g_getenv ("MADOGUCHI_TEST_PKI");
  g_autofree char *cert = g_build_filename (dir, "terminal.pem", NULL);
  g_autofree char *conf = NULL;
  g_autoptr(GBytes) der = NULL;

  g_assert_nonnull (pki);
  der = mado_test_cert_issue (pki, "desk-1", start_seconds, end_seconds, cert);
  conf = g_strdup_printf ("[site]\ninstitution-code=1312345678\nterminal-id=desk-1\n"
                          "[hub]\nurl=https://127.0.0.1:9\nca=%s/hub/hub-ca.pem\n"
                          "client-certificate=%s\nclient-key=%s/terminals/desk-1.key\n",
                          pki, cert, pki);
  mado_test_write_file (dir, "site.conf", conf);
  return g_build_filename (dir, "site.conf", NULL);
}
