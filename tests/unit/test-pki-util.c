/* test-pki-util.c — throwaway keys and certificates made in the test process
 *
 * Built with OpenSSL directly (not with the code under test), so that the
 * tests compare the core's answers with independently made facts. The
 * certificates carry no key identifiers on purpose: with same-name roots,
 * only the signature tells which root issued a certificate.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <unistd.h>

#include "test-pki-util.h"

EVP_PKEY *
test_pki_make_key (void)
{
  EVP_PKEY *key = EVP_RSA_gen (2048);

  g_assert_nonnull (key);
  return key;
}

static void
add_jlis_name (X509_NAME *name)
{
  g_assert_true (X509_NAME_add_entry_by_txt (name, "C", MBSTRING_ASC, (const guchar *) "JP", -1, -1, 0));
  g_assert_true (X509_NAME_add_entry_by_txt (name, "O", MBSTRING_ASC, (const guchar *) "JPKI", -1, -1, 0));
  g_assert_true (X509_NAME_add_entry_by_txt (name, "OU", MBSTRING_ASC,
                                             (const guchar *) "JPKI for user authentication", -1, -1, 0));
  g_assert_true (X509_NAME_add_entry_by_txt (name, "OU", MBSTRING_ASC,
                                             (const guchar *) "Japan Agency for Local Authority Information Systems",
                                             -1, -1, 0));
}

static void
add_extension (X509       *cert,
               X509       *issuer,
               int         nid,
               const char *value)
{
  X509V3_CTX ctx;
  X509_EXTENSION *ext;

  X509V3_set_ctx (&ctx, issuer, cert, NULL, NULL, 0);
  ext = X509V3_EXT_conf_nid (NULL, &ctx, nid, value);
  g_assert_nonnull (ext);
  g_assert_true (X509_add_ext (cert, ext, -1));
  X509_EXTENSION_free (ext);
}

static X509 *
new_cert (EVP_PKEY *key,
          long      serial,
          gint64    not_before_days,
          gint64    not_after_days)
{
  X509 *cert = X509_new ();

  g_assert_true (X509_set_version (cert, 2));
  g_assert_true (ASN1_INTEGER_set (X509_get_serialNumber (cert), serial));
  g_assert_nonnull (X509_gmtime_adj (X509_getm_notBefore (cert), (long) (not_before_days * 86400)));
  g_assert_nonnull (X509_gmtime_adj (X509_getm_notAfter (cert), (long) (not_after_days * 86400)));
  g_assert_true (X509_set_pubkey (cert, key));
  return cert;
}

X509 *
test_pki_make_root (EVP_PKEY *key,
                    long      serial)
{
  X509 *cert = new_cert (key, serial, -3650, 3650);

  add_jlis_name (X509_get_subject_name (cert));
  g_assert_true (X509_set_issuer_name (cert, X509_get_subject_name (cert)));
  add_extension (cert, cert, NID_basic_constraints, "critical,CA:TRUE");
  add_extension (cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  g_assert_cmpint (X509_sign (cert, key, EVP_sha256 ()), >, 0);
  return cert;
}

X509 *
test_pki_make_leaf (const char *common_name,
                    EVP_PKEY   *key,
                    X509       *issuer,
                    EVP_PKEY   *issuer_key,
                    long        serial,
                    gint64      not_before_days,
                    gint64      not_after_days)
{
  X509 *cert = new_cert (key, serial, not_before_days, not_after_days);

  g_assert_true (X509_NAME_add_entry_by_txt (X509_get_subject_name (cert), "CN", MBSTRING_UTF8,
                                             (const guchar *) common_name, -1, -1, 0));
  g_assert_true (X509_set_issuer_name (cert, X509_get_subject_name (issuer)));
  add_extension (cert, issuer, NID_basic_constraints, "critical,CA:FALSE");
  add_extension (cert, issuer, NID_key_usage, "critical,digitalSignature");
  add_extension (cert, issuer, NID_ext_key_usage, "clientAuth");
  g_assert_cmpint (X509_sign (cert, issuer_key, EVP_sha256 ()), >, 0);
  return cert;
}

GBytes *
test_pki_der (X509 *cert)
{
  unsigned char *der = NULL;
  int len = i2d_X509 (cert, &der);
  GBytes *bytes;

  g_assert_cmpint (len, >, 0);
  bytes = g_bytes_new (der, (gsize) len);
  OPENSSL_free (der);
  return bytes;
}

char *
test_pki_write_pem (X509 **certs,
                    guint  n_certs)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("mado-anchors-XXXXXX.pem", &path, &error);
  BIO *bio;

  g_assert_no_error (error);
  close (fd);
  bio = BIO_new_file (path, "w");
  g_assert_nonnull (bio);
  for (guint i = 0; i < n_certs; i++)
    g_assert_true (PEM_write_bio_X509 (bio, certs[i]));
  BIO_free (bio);
  return path;
}

GBytes *
test_pki_sign_sha256 (EVP_PKEY     *key,
                      const guint8 *digest)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new (key, NULL);
  guint8 signature[512];
  size_t len = sizeof signature;

  g_assert_nonnull (ctx);
  g_assert_cmpint (EVP_PKEY_sign_init (ctx), ==, 1);
  g_assert_cmpint (EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_PKCS1_PADDING), ==, 1);
  g_assert_cmpint (EVP_PKEY_CTX_set_signature_md (ctx, EVP_sha256 ()), ==, 1);
  g_assert_cmpint (EVP_PKEY_sign (ctx, signature, &len, digest, 32), ==, 1);
  EVP_PKEY_CTX_free (ctx);
  return g_bytes_new (signature, len);
}
