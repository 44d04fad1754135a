/* mado-certificate.c — an X.509 certificate read from a card
 *
 * What the desk and the hub client need from the user-authentication
 * certificate (names, serial, dates, fingerprint, public key), and the one
 * trust decision the terminal may take by itself: does it chain to one of
 * the configured J-LIS roots on a given day. Three J-LIS root generations
 * share one distinguished name, so the issuer is chosen by signature, never
 * by name alone; the CA certificate the card carries is never trusted.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "mado-card-error.h"
#include "mado-certificate.h"
#include "mado-display-text.h"
#include "mado-error.h"

struct _MadoCertificate
{
  GObject    parent_instance;

  X509      *x509;
  GBytes    *der;
  char      *subject;
  char      *issuer;
  char      *serial_hex;
  char      *fingerprint;
  GDateTime *not_before;
  GDateTime *not_after;
};

G_DEFINE_FINAL_TYPE (MadoCertificate, mado_certificate, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE, X509_STORE_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE_CTX, X509_STORE_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY_CTX, EVP_PKEY_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)

static void
set_bad_certificate (GError    **error,
                     const char *why)
{
  g_debug ("certificate rejected: %s", why);
  ERR_clear_error ();
  mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_CERTIFICATE);
}

/* One line, RFC 2253 order and escaping, but UTF-8 kept as UTF-8. */
static char *
name_to_string (const X509_NAME *name)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;

  if (bio == NULL
      || X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
    return NULL;
  len = BIO_get_mem_data (bio, &data);
  if (len < 0)
    return NULL;
  return mado_display_text_sanitize (data, len, MADO_DISPLAY_TEXT_LINE);
}

static GDateTime *
asn1_time_to_date_time (const ASN1_TIME *time)
{
  struct tm tm = { 0 };

  if (time == NULL || ASN1_TIME_to_tm (time, &tm) != 1)
    return NULL;
  return g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                              tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static char *
serial_to_hex (const ASN1_INTEGER *serial)
{
  BIGNUM *bn = ASN1_INTEGER_to_BN (serial, NULL);
  char *hex;
  char *copy;

  if (bn == NULL)
    return NULL;
  hex = BN_bn2hex (bn);
  BN_free (bn);
  if (hex == NULL)
    return NULL;
  copy = g_strdup (hex);
  OPENSSL_free (hex);
  return copy;
}

static char *
fingerprint_sha256 (const X509 *x509)
{
  guint8 md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  GString *text;

  if (X509_digest (x509, EVP_sha256 (), md, &md_len) != 1)
    return NULL;
  text = g_string_sized_new (md_len * 3);
  for (unsigned int i = 0; i < md_len; i++)
    g_string_append_printf (text, "%s%02X", i > 0 ? ":" : "", md[i]);
  return g_string_free (text, FALSE);
}

/* The J-LIS roots share a name: a candidate issuer must also have made the
 * signature, or OpenSSL could settle on the first root with that name. */
static int
check_issued_by_signature (X509_STORE_CTX *ctx,
                           X509           *subject,
                           X509           *issuer)
{
  EVP_PKEY *key;
  int ok;

  if (X509_check_issued (issuer, subject) != X509_V_OK)
    return 0;
  key = X509_get0_pubkey (issuer);
  ok = key != NULL && X509_verify (subject, key) == 1;
  ERR_clear_error ();
  return ok;
}

static gboolean
load_anchors (X509_STORE *store,
              const char *path,
              GError    **error)
{
  g_autoptr(BIO) bio = BIO_new_file (path, "r");
  guint count = 0;
  X509 *anchor;

  if (bio != NULL)
    {
      while ((anchor = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) != NULL)
        {
          if (X509_STORE_add_cert (store, anchor) == 1)
            count++;
          X509_free (anchor);
        }
    }
  ERR_clear_error ();
  if (count == 0)
    {
      g_debug ("no trust anchors could be loaded from %s", path);
      g_set_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                   _("The card trust anchors in “%s” cannot be read. Check "
                     "[card] trust-anchors in the site configuration."), path);
      return FALSE;
    }
  return TRUE;
}

static void
mado_certificate_finalize (GObject *object)
{
  MadoCertificate *self = MADO_CERTIFICATE (object);

  g_clear_pointer (&self->x509, X509_free);
  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->serial_hex, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);

  G_OBJECT_CLASS (mado_certificate_parent_class)->finalize (object);
}

static void
mado_certificate_class_init (MadoCertificateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_certificate_finalize;
}

static void
mado_certificate_init (MadoCertificate *self)
{
}

/**
 * mado_certificate_new_from_der:
 * @der: (array length=der_len): exactly one DER certificate, no trailing bytes
 * @der_len: its length
 * @error: return location for %MADO_CARD_ERROR_BAD_CERTIFICATE
 *
 * Returns: (transfer full) (nullable): the certificate, or %NULL
 */
MadoCertificate *
mado_certificate_new_from_der (const guint8 *der,
                               gsize         der_len,
                               GError      **error)
{
  g_autoptr(MadoCertificate) self = NULL;
  const unsigned char *p = der;

  g_return_val_if_fail (der != NULL || der_len == 0, NULL);

  if (der_len == 0 || der_len > G_MAXLONG)
    {
      set_bad_certificate (error, "empty or huge");
      return NULL;
    }

  self = g_object_new (MADO_TYPE_CERTIFICATE, NULL);
  self->x509 = d2i_X509 (NULL, &p, (long) der_len);
  if (self->x509 == NULL)
    {
      set_bad_certificate (error, "not DER X.509");
      return NULL;
    }
  if ((gsize) (p - der) != der_len)
    {
      set_bad_certificate (error, "trailing bytes after the certificate");
      return NULL;
    }

  self->der = g_bytes_new (der, der_len);
  self->subject = name_to_string (X509_get_subject_name (self->x509));
  self->issuer = name_to_string (X509_get_issuer_name (self->x509));
  self->serial_hex = serial_to_hex (X509_get0_serialNumber (self->x509));
  self->fingerprint = fingerprint_sha256 (self->x509);
  self->not_before = asn1_time_to_date_time (X509_get0_notBefore (self->x509));
  self->not_after = asn1_time_to_date_time (X509_get0_notAfter (self->x509));
  if (self->subject == NULL || self->issuer == NULL || self->serial_hex == NULL
      || self->fingerprint == NULL || self->not_before == NULL || self->not_after == NULL)
    {
      set_bad_certificate (error, "a field cannot be decoded");
      return NULL;
    }
  if (X509_get0_pubkey (self->x509) == NULL)
    {
      set_bad_certificate (error, "public key cannot be decoded");
      return NULL;
    }
  ERR_clear_error ();
  return g_steal_pointer (&self);
}

/**
 * mado_certificate_get_der:
 * @self: a #MadoCertificate
 *
 * Returns: (transfer none): the certificate's DER bytes
 */
GBytes *
mado_certificate_get_der (MadoCertificate *self)
{
  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), NULL);
  return self->der;
}

/**
 * mado_certificate_get_subject:
 * @self: a #MadoCertificate
 *
 * Returns: (transfer none): the subject as one RFC 2253 line
 */
const char *
mado_certificate_get_subject (MadoCertificate *self)
{
  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), NULL);
  return self->subject;
}

/**
 * mado_certificate_get_issuer:
 * @self: a #MadoCertificate
 *
 * Returns: (transfer none): the issuer as one RFC 2253 line
 */
const char *
mado_certificate_get_issuer (MadoCertificate *self)
{
  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), NULL);
  return self->issuer;
}

/**
 * mado_certificate_get_serial_hex:
 * @self: a #MadoCertificate
 *
 * Returns: (transfer none): the serial number in upper-case hex, without
 *   leading zeros (negative serials start with "-")
 */
const char *
mado_certificate_get_serial_hex (MadoCertificate *self)
{
  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), NULL);
  return self->serial_hex;
}

/**
 * mado_certificate_get_not_before:
 * @self: a #MadoCertificate
 *
 * Returns: (transfer none): the start of validity, in UTC
 */
GDateTime *
mado_certificate_get_not_before (MadoCertificate *self)
{
  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), NULL);
  return self->not_before;
}

/**
 * mado_certificate_get_not_after:
 * @self: a #MadoCertificate
 *
 * Returns: (transfer none): the end of validity, in UTC
 */
GDateTime *
mado_certificate_get_not_after (MadoCertificate *self)
{
  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), NULL);
  return self->not_after;
}

/**
 * mado_certificate_get_fingerprint_sha256:
 * @self: a #MadoCertificate
 *
 * Returns: (transfer none): the SHA-256 of the DER, as upper-case hex pairs
 *   joined by colons
 */
const char *
mado_certificate_get_fingerprint_sha256 (MadoCertificate *self)
{
  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), NULL);
  return self->fingerprint;
}

/**
 * mado_certificate_get_public_key:
 * @self: a #MadoCertificate
 *
 * Returns: (transfer none): the subject's public key, owned by @self
 */
EVP_PKEY *
mado_certificate_get_public_key (MadoCertificate *self)
{
  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), NULL);
  return X509_get0_pubkey (self->x509);
}

/**
 * mado_certificate_verify_sha256:
 * @self: a #MadoCertificate
 * @digest: (array length=digest_len): a SHA-256 hash
 * @digest_len: 32
 * @signature: (array length=signature_len): a PKCS#1 v1.5 RSA signature
 * @signature_len: its length, which must be the key's size
 * @error: return location for %MADO_CARD_ERROR_BAD_SIGNATURE
 *
 * Checks that @signature is the certificate key's PKCS#1 v1.5 signature
 * of the SHA-256 DigestInfo of @digest.
 *
 * Returns: %TRUE when it is
 */
gboolean
mado_certificate_verify_sha256 (MadoCertificate *self,
                                const guint8    *digest,
                                gsize            digest_len,
                                const guint8    *signature,
                                gsize            signature_len,
                                GError         **error)
{
  g_autoptr(EVP_PKEY_CTX) ctx = NULL;
  EVP_PKEY *key;
  gboolean ok;

  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), FALSE);
  g_return_val_if_fail (digest != NULL && digest_len == 32, FALSE);

  key = X509_get0_pubkey (self->x509);
  ok = key != NULL
       && EVP_PKEY_is_a (key, "RSA")
       && signature != NULL
       && signature_len == (gsize) EVP_PKEY_get_size (key)
       && (ctx = EVP_PKEY_CTX_new (key, NULL)) != NULL
       && EVP_PKEY_verify_init (ctx) == 1
       && EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_PKCS1_PADDING) == 1
       && EVP_PKEY_CTX_set_signature_md (ctx, EVP_sha256 ()) == 1
       && EVP_PKEY_verify (ctx, signature, signature_len, digest, digest_len) == 1;
  ERR_clear_error ();
  if (!ok)
    {
      g_debug ("signature of %" G_GSIZE_FORMAT " bytes does not verify with the certificate key",
               signature_len);
      mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_SIGNATURE);
    }
  return ok;
}

/**
 * mado_certificate_check_chain:
 * @self: a #MadoCertificate
 * @anchors_pem_path: (nullable): a PEM file of trusted roots, or %NULL / ""
 *   when none are configured
 * @at_time: (nullable): the moment to judge, or %NULL for now
 * @verdict: (out): what the terminal can say
 * @error: return location for an error when the check cannot run
 *
 * Builds the trust store from @anchors_pem_path alone; nothing read from a
 * card is ever added to it. Of several roots with the certificate's issuer
 * name, only one whose key verifies the certificate's signature is taken.
 * An expired or not yet valid certificate is reported as such; a problem
 * anywhere else in the chain makes it %MADO_CERTIFICATE_VERDICT_INVALID.
 * Revocation is not decided here.
 *
 * Returns: %TRUE when a verdict was reached; %FALSE (verdict
 *   %MADO_CERTIFICATE_VERDICT_CHECK_FAILED) with @error set otherwise
 */
gboolean
mado_certificate_check_chain (MadoCertificate        *self,
                              const char             *anchors_pem_path,
                              GDateTime              *at_time,
                              MadoCertificateVerdict *verdict,
                              GError                **error)
{
  g_autoptr(X509_STORE) store = NULL;
  g_autoptr(X509_STORE_CTX) ctx = NULL;
  gint64 when;
  int rc, code, depth;

  g_return_val_if_fail (MADO_IS_CERTIFICATE (self), FALSE);
  g_return_val_if_fail (verdict != NULL, FALSE);

  *verdict = MADO_CERTIFICATE_VERDICT_CHECK_FAILED;
  if (anchors_pem_path == NULL || anchors_pem_path[0] == '\0')
    {
      *verdict = MADO_CERTIFICATE_VERDICT_UNKNOWN;
      return TRUE;
    }

  store = X509_STORE_new ();
  ctx = X509_STORE_CTX_new ();
  if (store == NULL || ctx == NULL)
    {
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                           _("The certificate could not be checked: out of memory."));
      return FALSE;
    }
  if (!load_anchors (store, anchors_pem_path, error))
    return FALSE;
  X509_STORE_set_check_issued (store, check_issued_by_signature);

  if (X509_STORE_CTX_init (ctx, store, self->x509, NULL) != 1)
    {
      ERR_clear_error ();
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                           _("The certificate could not be checked. Report this with the log."));
      return FALSE;
    }
  when = at_time != NULL ? g_date_time_to_unix (at_time) : g_get_real_time () / G_USEC_PER_SEC;
  X509_VERIFY_PARAM_set_time (X509_STORE_CTX_get0_param (ctx), (time_t) when);

  rc = X509_verify_cert (ctx);
  code = X509_STORE_CTX_get_error (ctx);
  depth = X509_STORE_CTX_get_error_depth (ctx);
  ERR_clear_error ();
  if (rc == 1)
    {
      *verdict = MADO_CERTIFICATE_VERDICT_VALID;
      return TRUE;
    }
  if (rc < 0)
    {
      g_debug ("chain check could not run: %s", X509_verify_cert_error_string (code));
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                           _("The certificate could not be checked. Report this with the log."));
      return FALSE;
    }

  g_debug ("chain check: %s at depth %d", X509_verify_cert_error_string (code), depth);
  if (code == X509_V_ERR_CERT_HAS_EXPIRED && depth == 0)
    *verdict = MADO_CERTIFICATE_VERDICT_EXPIRED;
  else if (code == X509_V_ERR_CERT_NOT_YET_VALID && depth == 0)
    *verdict = MADO_CERTIFICATE_VERDICT_NOT_YET_VALID;
  else
    *verdict = MADO_CERTIFICATE_VERDICT_INVALID;
  return TRUE;
}

/**
 * mado_certificate_verdict_to_string:
 * @verdict: a #MadoCertificateVerdict
 *
 * Returns: (transfer none): a stable kebab-case name for JSON and logs
 */
const char *
mado_certificate_verdict_to_string (MadoCertificateVerdict verdict)
{
  switch (verdict)
    {
    case MADO_CERTIFICATE_VERDICT_VALID:         return "valid";
    case MADO_CERTIFICATE_VERDICT_INVALID:       return "invalid";
    case MADO_CERTIFICATE_VERDICT_EXPIRED:       return "expired";
    case MADO_CERTIFICATE_VERDICT_NOT_YET_VALID: return "not-yet-valid";
    case MADO_CERTIFICATE_VERDICT_UNKNOWN:       return "unknown";
    case MADO_CERTIFICATE_VERDICT_CHECK_FAILED:  return "check-failed";
    default:                                     return "unknown";
    }
}
