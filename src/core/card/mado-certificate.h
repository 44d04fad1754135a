/* mado-certificate.h — an X.509 certificate read from a card
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

/**
 * MadoCertificateVerdict:
 * @MADO_CERTIFICATE_VERDICT_VALID: chains to a trust anchor and is within its dates
 * @MADO_CERTIFICATE_VERDICT_INVALID: no trusted issuer (or a broken chain)
 * @MADO_CERTIFICATE_VERDICT_EXPIRED: past its notAfter
 * @MADO_CERTIFICATE_VERDICT_NOT_YET_VALID: before its notBefore
 * @MADO_CERTIFICATE_VERDICT_UNKNOWN: no trust anchors are configured
 * @MADO_CERTIFICATE_VERDICT_CHECK_FAILED: the check itself could not run
 *
 * What the terminal can say about a card certificate on its own. It never
 * says "revoked": revocation is the hub's to decide.
 */
typedef enum {
  MADO_CERTIFICATE_VERDICT_VALID,
  MADO_CERTIFICATE_VERDICT_INVALID,
  MADO_CERTIFICATE_VERDICT_EXPIRED,
  MADO_CERTIFICATE_VERDICT_NOT_YET_VALID,
  MADO_CERTIFICATE_VERDICT_UNKNOWN,
  MADO_CERTIFICATE_VERDICT_CHECK_FAILED,
} MadoCertificateVerdict;

#define MADO_TYPE_CERTIFICATE (mado_certificate_get_type ())
G_DECLARE_FINAL_TYPE (MadoCertificate, mado_certificate, MADO, CERTIFICATE, GObject)

MadoCertificate *mado_certificate_new_from_der          (const guint8      *der,
                                                         gsize              der_len,
                                                         GError           **error);
GBytes          *mado_certificate_get_der               (MadoCertificate   *self);
const char      *mado_certificate_get_subject           (MadoCertificate   *self);
const char      *mado_certificate_get_issuer            (MadoCertificate   *self);
const char      *mado_certificate_get_serial_hex        (MadoCertificate   *self);
GDateTime       *mado_certificate_get_not_before        (MadoCertificate   *self);
GDateTime       *mado_certificate_get_not_after         (MadoCertificate   *self);
const char      *mado_certificate_get_fingerprint_sha256 (MadoCertificate  *self);
EVP_PKEY        *mado_certificate_get_public_key        (MadoCertificate   *self);
gboolean         mado_certificate_verify_sha256         (MadoCertificate   *self,
                                                         const guint8      *digest,
                                                         gsize              digest_len,
                                                         const guint8      *signature,
                                                         gsize              signature_len,
                                                         GError           **error);
gboolean         mado_certificate_check_chain           (MadoCertificate   *self,
                                                         const char        *anchors_pem_path,
                                                         GDateTime         *at_time,
                                                         MadoCertificateVerdict *verdict,
                                                         GError           **error);

const char      *mado_certificate_verdict_to_string     (MadoCertificateVerdict verdict);

G_END_DECLS
