/* mado-training-verifier.c — the training hub's certificate and signature checks (OpenSSL)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "mado-training-verifier.h"

/* The fixed prefix of the signed bytes; a zero byte follows it. */
#define IDENTITY_DOMAIN "MADOGUCHI-HUB-V1-IDENTITY"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE, X509_STORE_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE_CTX, X509_STORE_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MD_CTX, EVP_MD_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)

struct _MadoTrainingVerifier
{
  GObject parent_instance;

  X509_STORE *terminal_store;
  GPtrArray *anchors;     /* X509*: several roots may share one DN */
  GPtrArray *crls;        /* X509_CRL* */
  GHashTable *terminals;  /* fingerprint → "CN" of certificates already checked */
};

G_DEFINE_FINAL_TYPE (MadoTrainingVerifier, mado_training_verifier, G_TYPE_OBJECT)

static void
mado_training_verifier_finalize (GObject *object)
{
  MadoTrainingVerifier *self = MADO_TRAINING_VERIFIER (object);

  g_clear_pointer (&self->terminal_store, X509_STORE_free);
  g_clear_pointer (&self->anchors, g_ptr_array_unref);
  g_clear_pointer (&self->crls, g_ptr_array_unref);
  g_clear_pointer (&self->terminals, g_hash_table_unref);
  G_OBJECT_CLASS (mado_training_verifier_parent_class)->finalize (object);
}

static void
mado_training_verifier_class_init (MadoTrainingVerifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_training_verifier_finalize;
}

static void
mado_training_verifier_init (MadoTrainingVerifier *self)
{
  self->anchors = g_ptr_array_new_with_free_func ((GDestroyNotify) X509_free);
  self->crls = g_ptr_array_new_with_free_func ((GDestroyNotify) X509_CRL_free);
  self->terminals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static char *
openssl_error_string (void)
{
  unsigned long code = ERR_get_error ();
  char buf[256];

  ERR_clear_error ();
  if (code == 0)
    return g_strdup ("no detail");
  ERR_error_string_n (code, buf, sizeof buf);
  return g_strdup (buf);
}

/* Every certificate (or CRL) of a PEM file, in order. */
static gboolean
load_pem_objects (const char  *file,
                  gboolean     crls,
                  GPtrArray   *into,
                  GError     **error)
{
  g_autoptr(BIO) bio = BIO_new_file (file, "r");
  guint before = into->len;

  if (bio == NULL)
    {
      g_autofree char *why = openssl_error_string ();
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "Cannot open %s (%s)", file, why);
      return FALSE;
    }
  for (;;)
    {
      gpointer object = crls ? (gpointer) PEM_read_bio_X509_CRL (bio, NULL, NULL, NULL)
                             : (gpointer) PEM_read_bio_X509 (bio, NULL, NULL, NULL);
      if (object == NULL)
        break;
      g_ptr_array_add (into, object);
    }
  ERR_clear_error ();
  if (into->len == before)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s holds no PEM %s", file, crls ? "CRL" : "certificate");
      return FALSE;
    }
  return TRUE;
}

/**
 * mado_training_verifier_new:
 * @terminal_ca_file: PEM file of the CA(s) terminal client certificates chain to
 * @trust_anchors_file: PEM file of the card CA roots
 * @crl_file: (nullable): PEM file of card CRLs
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a verifier, or %NULL with @error set
 */
MadoTrainingVerifier *
mado_training_verifier_new (const char  *terminal_ca_file,
                            const char  *trust_anchors_file,
                            const char  *crl_file,
                            GError     **error)
{
  g_autoptr(MadoTrainingVerifier) self = g_object_new (MADO_TYPE_TRAINING_VERIFIER, NULL);
  g_autoptr(GPtrArray) terminal_cas = g_ptr_array_new_with_free_func ((GDestroyNotify) X509_free);

  if (!load_pem_objects (terminal_ca_file, FALSE, terminal_cas, error)
      || !load_pem_objects (trust_anchors_file, FALSE, self->anchors, error))
    return NULL;
  if (crl_file != NULL && !load_pem_objects (crl_file, TRUE, self->crls, error))
    return NULL;

  self->terminal_store = X509_STORE_new ();
  for (guint i = 0; i < terminal_cas->len; i++)
    X509_STORE_add_cert (self->terminal_store, g_ptr_array_index (terminal_cas, i));
  X509_STORE_set_purpose (self->terminal_store, X509_PURPOSE_SSL_CLIENT);
  return g_steal_pointer (&self);
}

static X509 *
x509_from_bytes (GBytes *der)
{
  gsize len = 0;
  const unsigned char *p = g_bytes_get_data (der, &len);
  const unsigned char *start = p;
  X509 *x509;

  if (len == 0 || len > G_MAXLONG)
    return NULL;
  x509 = d2i_X509 (NULL, &p, (long) len);
  /* Trailing bytes would mean the terminal sent something else than one
   * certificate; refuse rather than guess. */
  if (x509 != NULL && (gsize) (p - start) != len)
    g_clear_pointer (&x509, X509_free);
  ERR_clear_error ();
  return x509;
}

static char *
hex_encode (const guchar *data,
            gsize         len)
{
  GString *out = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", data[i]);
  return g_string_free (out, FALSE);
}

static char *
fingerprint_hex (X509 *x509)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;

  if (!X509_digest (x509, EVP_sha256 (), md, &md_len))
    return NULL;
  return hex_encode (md, md_len);
}

static char *
common_name (X509 *x509)
{
  X509_NAME *name = X509_get_subject_name (x509);
  int index = X509_NAME_get_index_by_NID (name, NID_commonName, -1);
  unsigned char *utf8 = NULL;
  char *result;
  int len;

  if (index < 0)
    return NULL;
  len = ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, index)));
  if (len < 0)
    return NULL;
  result = g_strndup ((const char *) utf8, len);
  OPENSSL_free (utf8);
  return result;
}

/* "C=JP, O=JPKI, OU=…" in certificate order: the form the fixtures use. */
static char *
name_to_string (const X509_NAME *name)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < X509_NAME_entry_count (name); i++)
    {
      const X509_NAME_ENTRY *entry = X509_NAME_get_entry (name, i);
      int nid = OBJ_obj2nid (X509_NAME_ENTRY_get_object (entry));
      unsigned char *utf8 = NULL;
      int len = ASN1_STRING_to_UTF8 (&utf8, X509_NAME_ENTRY_get_data (entry));

      if (len < 0)
        continue;
      g_string_append_printf (out, "%s%s=%.*s", i ? ", " : "",
                              nid != NID_undef ? OBJ_nid2sn (nid) : "?",
                              len, (const char *) utf8);
      OPENSSL_free (utf8);
    }
  return g_string_free (out, FALSE);
}

/**
 * mado_training_verifier_normalise_serial:
 * @serial: a serial number in hex, with or without `0x`, any case
 *
 * Returns: (transfer full): upper-case hex without leading zeros
 */
char *
mado_training_verifier_normalise_serial (const char *serial)
{
  g_autofree char *upper = NULL;
  const char *p = serial;

  if (g_str_has_prefix (p, "0x") || g_str_has_prefix (p, "0X"))
    p += 2;
  while (*p == '0' && p[1] != '\0')
    p++;
  upper = g_ascii_strup (p, -1);
  return g_steal_pointer (&upper);
}

/**
 * mado_training_verifier_check_terminal:
 * @self: a verifier
 * @der: the client certificate of the TLS connection
 * @out_fingerprint: (out) (transfer full): its SHA-256 fingerprint in hex
 * @out_common_name: (out) (transfer full): its CN, the terminal ID
 * @out_reason: (out) (transfer full) (optional): why it was refused
 *
 * The TLS layer already required a certificate chaining to the terminal CA;
 * this is the hub's own check, so that a misconfigured TLS backend cannot
 * let an unknown terminal in.
 *
 * Returns: %TRUE when the certificate chains to the terminal CA
 */
gboolean
mado_training_verifier_check_terminal (MadoTrainingVerifier  *self,
                                       GBytes                *der,
                                       char                 **out_fingerprint,
                                       char                 **out_common_name,
                                       char                 **out_reason)
{
  g_autoptr(X509) x509 = x509_from_bytes (der);
  g_autoptr(X509_STORE_CTX) ctx = NULL;
  g_autofree char *fingerprint = NULL;
  const char *cached_cn;

  if (x509 == NULL)
    {
      if (out_reason)
        *out_reason = g_strdup ("the client certificate cannot be parsed");
      return FALSE;
    }
  fingerprint = fingerprint_hex (x509);
  /* A terminal certificate verified once is remembered by fingerprint, but
   * not past its own expiry: then it is checked again, and refused. */
  if (X509_cmp_current_time (X509_get0_notAfter (x509)) < 0)
    g_hash_table_remove (self->terminals, fingerprint);
  cached_cn = g_hash_table_lookup (self->terminals, fingerprint);
  if (cached_cn == NULL)
    {
      g_autofree char *cn = NULL;

      ctx = X509_STORE_CTX_new ();
      if (!X509_STORE_CTX_init (ctx, self->terminal_store, x509, NULL)
          || X509_verify_cert (ctx) != 1)
        {
          if (out_reason)
            *out_reason = g_strdup_printf ("the client certificate does not chain to the terminal CA (%s)",
                                           X509_verify_cert_error_string (X509_STORE_CTX_get_error (ctx)));
          ERR_clear_error ();
          return FALSE;
        }
      cn = common_name (x509);
      if (cn == NULL)
        {
          if (out_reason)
            *out_reason = g_strdup ("the client certificate has no CN");
          return FALSE;
        }
      cached_cn = cn;
      g_hash_table_insert (self->terminals, g_strdup (fingerprint), g_steal_pointer (&cn));
    }
  *out_common_name = g_strdup (cached_cn);
  *out_fingerprint = g_steal_pointer (&fingerprint);
  return TRUE;
}

/* Several roots share one DN (key rollover), so the issuer is the anchor
 * whose key verifies the certificate's signature, not the first name match. */
static X509 *
find_issuer (MadoTrainingVerifier *self,
             X509                 *x509)
{
  for (guint i = 0; i < self->anchors->len; i++)
    {
      X509 *anchor = g_ptr_array_index (self->anchors, i);
      EVP_PKEY *key;

      if (X509_NAME_cmp (X509_get_subject_name (anchor), X509_get_issuer_name (x509)) != 0)
        continue;
      key = X509_get0_pubkey (anchor);
      if (key != NULL && X509_verify (x509, key) == 1)
        return anchor;
      ERR_clear_error ();
    }
  return NULL;
}

static MadoProblem
problem_from_verify_error (int error)
{
  switch (error)
    {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return MADO_PROBLEM_CERTIFICATE_EXPIRED;
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return MADO_PROBLEM_CERTIFICATE_NOT_YET_VALID;
    case X509_V_ERR_CERT_REVOKED:
      return MADO_PROBLEM_CERTIFICATE_REVOKED;
    default:
      return MADO_PROBLEM_CERTIFICATE_UNTRUSTED;
    }
}

/* The CRL that applies is the one this very anchor signed: the older root
 * generation shares the DN of the newer one, and its certificates must not
 * be judged by the other's list. No such CRL: status unknown, accepted. */
static gboolean
is_revoked (MadoTrainingVerifier *self,
            X509                 *anchor,
            X509                 *x509)
{
  for (guint i = 0; i < self->crls->len; i++)
    {
      X509_CRL *crl = g_ptr_array_index (self->crls, i);
      X509_REVOKED *entry = NULL;

      if (X509_NAME_cmp (X509_CRL_get_issuer (crl), X509_get_subject_name (anchor)) != 0)
        continue;
      if (X509_CRL_verify (crl, X509_get0_pubkey (anchor)) != 1)
        {
          ERR_clear_error ();
          continue;
        }
      if (X509_CRL_get0_by_cert (crl, &entry, x509) == 1)
        return TRUE;
    }
  return FALSE;
}

/**
 * mado_training_verifier_check_card:
 * @self: a verifier
 * @der: the card's user-authentication certificate
 * @out_issuer: (out) (transfer full): its issuer DN, as the fixtures write it
 * @out_serial: (out) (transfer full): its serial number, see mado_training_verifier_normalise_serial()
 * @out_detail: (out) (transfer full) (optional): why it was refused
 *
 * Chain to an anchor chosen by signature, validity dates, then the CRL.
 *
 * Returns: %MADO_PROBLEM_NONE, or the problem to answer with
 */
MadoProblem
mado_training_verifier_check_card (MadoTrainingVerifier  *self,
                                   GBytes                *der,
                                   char                 **out_issuer,
                                   char                 **out_serial,
                                   char                 **out_detail)
{
  g_autoptr(X509) x509 = x509_from_bytes (der);
  g_autoptr(X509_STORE) store = NULL;
  g_autoptr(X509_STORE_CTX) ctx = NULL;
  BIGNUM *serial_bn;
  char *serial_hex;
  X509 *anchor;

  if (x509 == NULL)
    {
      if (out_detail)
        *out_detail = g_strdup ("certificate is not one DER X.509 certificate");
      return MADO_PROBLEM_BAD_REQUEST;
    }
  anchor = find_issuer (self, x509);
  if (anchor == NULL)
    {
      if (out_detail)
        *out_detail = g_strdup ("no trust anchor signed this certificate");
      return MADO_PROBLEM_CERTIFICATE_UNTRUSTED;
    }

  store = X509_STORE_new ();
  X509_STORE_add_cert (store, anchor);
  ctx = X509_STORE_CTX_new ();
  if (!X509_STORE_CTX_init (ctx, store, x509, NULL) || X509_verify_cert (ctx) != 1)
    {
      int error = X509_STORE_CTX_get_error (ctx);

      ERR_clear_error ();
      if (out_detail)
        *out_detail = g_strdup (X509_verify_cert_error_string (error));
      return problem_from_verify_error (error);
    }
  if (is_revoked (self, anchor, x509))
    {
      if (out_detail)
        *out_detail = g_strdup ("the certificate is listed in the issuer's CRL");
      return MADO_PROBLEM_CERTIFICATE_REVOKED;
    }

  serial_bn = ASN1_INTEGER_to_BN (X509_get0_serialNumber (x509), NULL);
  serial_hex = BN_bn2hex (serial_bn);
  *out_serial = mado_training_verifier_normalise_serial (serial_hex);
  OPENSSL_free (serial_hex);
  BN_free (serial_bn);
  *out_issuer = name_to_string (X509_get_issuer_name (x509));
  return MADO_PROBLEM_NONE;
}

/**
 * mado_training_verifier_signed_bytes:
 * @challenge: the 32 raw challenge bytes
 * @institution_code: 10 ASCII digits
 * @terminal_id: 1–64 characters of [A-Za-z0-9._-]
 *
 * The bytes the card signs (docs/hub-api.md, "The identity proof").
 *
 * Returns: (transfer full): the bytes
 */
GBytes *
mado_training_verifier_signed_bytes (GBytes     *challenge,
                                     const char *institution_code,
                                     const char *terminal_id)
{
  GByteArray *out = g_byte_array_new ();
  gsize challenge_len = 0;
  const guint8 *challenge_data = g_bytes_get_data (challenge, &challenge_len);
  guint8 zero = 0;
  guint8 id_len = (guint8) strlen (terminal_id);

  g_byte_array_append (out, (const guint8 *) IDENTITY_DOMAIN, strlen (IDENTITY_DOMAIN));
  g_byte_array_append (out, &zero, 1);
  g_byte_array_append (out, challenge_data, challenge_len);
  g_byte_array_append (out, (const guint8 *) institution_code, strlen (institution_code));
  g_byte_array_append (out, &id_len, 1);
  g_byte_array_append (out, (const guint8 *) terminal_id, id_len);
  return g_byte_array_free_to_bytes (out);
}

/**
 * mado_training_verifier_check_signature:
 * @certificate_der: the card certificate (already checked)
 * @signed_bytes: see mado_training_verifier_signed_bytes()
 * @signature: the card's signature
 *
 * Returns: %TRUE when @signature is an RSA PKCS#1 v1.5 SHA-256 signature
 *   of @signed_bytes by the certificate's key
 */
gboolean
mado_training_verifier_check_signature (GBytes *certificate_der,
                                        GBytes *signed_bytes,
                                        GBytes *signature)
{
  g_autoptr(X509) x509 = x509_from_bytes (certificate_der);
  g_autoptr(EVP_MD_CTX) md = EVP_MD_CTX_new ();
  EVP_PKEY_CTX *pkey_ctx = NULL;
  EVP_PKEY *key;
  gsize sig_len = 0, data_len = 0;
  const guint8 *sig = g_bytes_get_data (signature, &sig_len);
  const guint8 *data = g_bytes_get_data (signed_bytes, &data_len);
  gboolean ok;

  if (x509 == NULL || (key = X509_get0_pubkey (x509)) == NULL
      || EVP_PKEY_get_base_id (key) != EVP_PKEY_RSA
      || sig_len != (gsize) EVP_PKEY_get_size (key))
    return FALSE;
  ok = EVP_DigestVerifyInit (md, &pkey_ctx, EVP_sha256 (), NULL, key) == 1
       && EVP_PKEY_CTX_set_rsa_padding (pkey_ctx, RSA_PKCS1_PADDING) == 1
       && EVP_DigestVerify (md, sig, sig_len, data, data_len) == 1;
  ERR_clear_error ();
  return ok;
}
