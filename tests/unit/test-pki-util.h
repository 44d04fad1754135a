/* test-pki-util.h — throwaway keys and certificates made in the test process
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

/* The DN J-LIS gives all its user-authentication roots. */
#define TEST_JLIS_DN "C=JP, O=JPKI, OU=JPKI for user authentication, " \
                     "OU=Japan Agency for Local Authority Information Systems"

EVP_PKEY *test_pki_make_key      (void);
X509     *test_pki_make_root     (EVP_PKEY     *key,
                                  long          serial);
X509     *test_pki_make_leaf     (const char   *common_name,
                                  EVP_PKEY     *key,
                                  X509         *issuer,
                                  EVP_PKEY     *issuer_key,
                                  long          serial,
                                  gint64        not_before_days,
                                  gint64        not_after_days);
GBytes   *test_pki_der           (X509         *cert);
char     *test_pki_write_pem     (X509        **certs,
                                  guint         n_certs);
GBytes   *test_pki_sign_sha256   (EVP_PKEY     *key,
                                  const guint8 *digest);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)

G_END_DECLS
