/* mado-training-verifier.c — the training hub's certificate and signature checks (OpenSSL)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "mado-training-digest.h"
#include "mado-training-verifier.h"
#include "mado-training-x509.h"

/* The fixed prefix of the signed bytes; a zero byte follows it. */
#define IDENTITY_DOMAIN "MADOGUCHI-HUB-V1-IDENTITY"

/* Certificates come from outside (any terminal may send any card's): the
 * caches are bounded, and emptied when full. Only checked certificates are
 * kept, so filling them takes certificates the CAs really issued. */
#define MAX_CACHED 4096

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE, X509_STORE_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE_CTX, X509_STORE_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MD_CTX, EVP_MD_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)

/* A terminal certificate that chained to the terminal CA, by the SHA-256
 * of its DER: the next request on it needs no parsing, only the dates. */
typedef struct {
  char *common_name;
  MadoTrainingValidity validity;
} TerminalEntry;

/* A card certificate whose chain to @anchor verified, parsed once. What
 * can change while it is cached is checked again on every use: the
 * chain's dates and the CRL. */
typedef struct {
  X509 *x509;
  X509 *anchor;   /* borrowed from anchors */
  char *issuer;
  char *serial;
  MadoTrainingValidity validity;
} CardEntry;

struct _MadoTrainingVerifier
{
  GObject parent_instance;

  X509_STORE *terminal_store;
  GPtrArray *anchors;     /* X509*: several roots may share one DN */
  GPtrArray *crls;        /* X509_CRL* */
  GPtrArray *anchor_crls; /* per anchor, a GPtrArray of the CRLs (borrowed) it signed */
  gint64 fixed_time;      /* 0, or the clock for tests (Unix seconds) */

  GMutex lock;            /* guards the caches: requests are checked in worker threads */
  GHashTable *terminals;  /* SHA-256 hex → TerminalEntry */
  GHashTable *cards;      /* SHA-256 hex → CardEntry */
};

G_DEFINE_FINAL_TYPE (MadoTrainingVerifier, mado_training_verifier, G_TYPE_OBJECT)

static void
terminal_entry_free (gpointer data)
{
  TerminalEntry *entry = data;

  g_free (entry->common_name);
  g_free (entry);
}

static void
card_entry_free (gpointer data)
{
  CardEntry *entry = data;

  X509_free (entry->x509);
  g_free (entry->issuer);
  g_free (entry->serial);
  g_free (entry);
}

static void
mado_training_verifier_finalize (GObject *object)
{
  MadoTrainingVerifier *self = MADO_TRAINING_VERIFIER (object);

  g_clear_pointer (&self->terminal_store, X509_STORE_free);
  g_clear_pointer (&self->anchor_crls, g_ptr_array_unref);
  g_clear_pointer (&self->anchors, g_ptr_array_unref);
  g_clear_pointer (&self->crls, g_ptr_array_unref);
  g_clear_pointer (&self->terminals, g_hash_table_unref);
  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_mutex_clear (&self->lock);
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
  self->anchor_crls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->terminals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, terminal_entry_free);
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, card_entry_free);
  g_mutex_init (&self->lock);
}

/* The CRL that applies to a card is the one its very anchor signed: the
 * older root generation shares the DN of the newer one, and its
 * certificates must not be judged by the other's list. Which CRL each
 * anchor signed is worked out once, here, not on every verification. */
static void
pair_crls_with_anchors (MadoTrainingVerifier *self)
{
  for (guint i = 0; i < self->anchors->len; i++)
    {
      X509 *anchor = g_ptr_array_index (self->anchors, i);
      GPtrArray *signed_by = g_ptr_array_new ();

      for (guint j = 0; j < self->crls->len; j++)
        {
          X509_CRL *crl = g_ptr_array_index (self->crls, j);

          if (X509_NAME_cmp (X509_CRL_get_issuer (crl), X509_get_subject_name (anchor)) == 0
              && X509_CRL_verify (crl, X509_get0_pubkey (anchor)) == 1)
            g_ptr_array_add (signed_by, crl);
          ERR_clear_error ();
        }
      g_ptr_array_add (self->anchor_crls, signed_by);
    }
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

  if (!mado_training_x509_load_pem (terminal_ca_file, FALSE, terminal_cas, error)
      || !mado_training_x509_load_pem (trust_anchors_file, FALSE, self->anchors, error))
    return NULL;
  if (crl_file != NULL && !mado_training_x509_load_pem (crl_file, TRUE, self->crls, error))
    return NULL;

  self->terminal_store = X509_STORE_new ();
  for (guint i = 0; i < terminal_cas->len; i++)
    X509_STORE_add_cert (self->terminal_store, g_ptr_array_index (terminal_cas, i));
  X509_STORE_set_purpose (self->terminal_store, X509_PURPOSE_SSL_CLIENT);
  pair_crls_with_anchors (self);
  return g_steal_pointer (&self);
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

/* The clock the checks use: the real one, unless a test fixed it. */
static time_t
verifier_now (MadoTrainingVerifier *self)
{
  return self->fixed_time != 0 ? (time_t) self->fixed_time : time (NULL);
}

/* X509_verify_cert() with the verifier's clock. @out_validity, when the
 * chain verified: its dates, or not_after 0 when they could not be read. */
static gboolean
verify_chain (MadoTrainingVerifier *self,
              X509_STORE           *store,
              X509                 *x509,
              MadoTrainingValidity             *out_validity,
              int                  *out_error)
{
  g_autoptr(X509_STORE_CTX) ctx = X509_STORE_CTX_new ();
  gboolean ok;

  ok = X509_STORE_CTX_init (ctx, store, x509, NULL) == 1;
  if (ok && self->fixed_time != 0)
    X509_STORE_CTX_set_time (ctx, 0, (time_t) self->fixed_time);
  ok = ok && X509_verify_cert (ctx) == 1;
  *out_error = X509_STORE_CTX_get_error (ctx);
  if (ok && !mado_training_x509_chain_validity (ctx, out_validity))
    out_validity->not_after = 0;
  ERR_clear_error ();
  return ok;
}

/* A cache is emptied rather than let grow past MAX_CACHED. */
static void
cache_insert (GHashTable *cache,
              char       *key,
              gpointer    entry)
{
  if (g_hash_table_size (cache) >= MAX_CACHED)
    g_hash_table_remove_all (cache);
  g_hash_table_replace (cache, key, entry);
}

/* The CN of a cached terminal certificate still within its dates; an
 * entry past them is dropped, so that the full check refuses it. */
static char *
lookup_terminal (MadoTrainingVerifier *self,
                 const char           *fingerprint)
{
  time_t now = verifier_now (self);
  TerminalEntry *entry;
  char *cn = NULL;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->terminals, fingerprint);
  if (entry != NULL && !mado_training_x509_validity_covers (&entry->validity, now))
    g_hash_table_remove (self->terminals, fingerprint);
  else if (entry != NULL)
    cn = g_strdup (entry->common_name);
  g_mutex_unlock (&self->lock);
  return cn;
}

/* The full check of a terminal certificate: one DER certificate, chaining
 * to the terminal CA, within its dates, with a CN. Remembered when it passes. */
static char *
check_terminal_fully (MadoTrainingVerifier  *self,
                      GBytes                *der,
                      const char            *fingerprint,
                      char                 **out_reason)
{
  g_autoptr(X509) x509 = mado_training_x509_from_der (der);
  TerminalEntry *entry;
  MadoTrainingValidity validity;
  int error = 0;
  char *cn;

  if (x509 == NULL)
    {
      *out_reason = g_strdup ("the client certificate cannot be parsed");
      return NULL;
    }
  if (!verify_chain (self, self->terminal_store, x509, &validity, &error))
    {
      *out_reason = g_strdup_printf ("the client certificate does not chain to the terminal CA (%s)",
                                     X509_verify_cert_error_string (error));
      return NULL;
    }
  cn = mado_training_x509_common_name (x509);
  if (cn == NULL)
    {
      *out_reason = g_strdup ("the client certificate has no CN");
      return NULL;
    }
  /* Dates OpenSSL accepted but cannot convert: checked, not remembered. */
  if (validity.not_after == 0)
    return cn;
  entry = g_new0 (TerminalEntry, 1);
  entry->common_name = g_strdup (cn);
  entry->validity = validity;
  g_mutex_lock (&self->lock);
  cache_insert (self->terminals, g_strdup (fingerprint), entry);
  g_mutex_unlock (&self->lock);
  return cn;
}

/**
 * mado_training_verifier_check_terminal:
 * @self: a verifier
 * @der: the client certificate of the TLS connection
 * @out_fingerprint: (out) (transfer full): the SHA-256 of @der in hex
 * @out_common_name: (out) (transfer full): its CN, the terminal ID
 * @out_reason: (out) (transfer full) (optional): why it was refused
 *
 * The TLS layer already required a certificate chaining to the terminal CA;
 * this is the hub's own check, so that a misconfigured TLS backend (or a
 * resumed TLS session, in which none ran) cannot let an unknown terminal
 * in. A certificate checked once is known by its SHA-256 afterwards: only
 * its dates are checked again, so an expired one is still refused.
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
  g_autofree char *fingerprint = mado_training_digest_sha256_hex (der);
  g_autofree char *reason = NULL;
  char *cn = lookup_terminal (self, fingerprint);

  if (cn == NULL)
    cn = check_terminal_fully (self, der, fingerprint, &reason);
  if (cn == NULL)
    {
      if (out_reason)
        *out_reason = g_steal_pointer (&reason);
      return FALSE;
    }
  *out_common_name = cn;
  *out_fingerprint = g_steal_pointer (&fingerprint);
  return TRUE;
}

/* Several roots share one DN (key rollover), so the issuer is the anchor
 * whose key verifies the certificate's signature, not the first name match. */
static gint
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
        return (gint) i;
      ERR_clear_error ();
    }
  return -1;
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

/* Looked up on every verification, cached chain or not: a revocation is
 * never remembered as its absence. No CRL from the card's anchor: status
 * unknown, accepted. */
static gboolean
is_revoked (MadoTrainingVerifier *self,
            const CardEntry      *card)
{
  for (guint i = 0; i < self->anchors->len; i++)
    {
      GPtrArray *crls = g_ptr_array_index (self->anchor_crls, i);

      if (g_ptr_array_index (self->anchors, i) != card->anchor)
        continue;
      for (guint j = 0; j < crls->len; j++)
        {
          X509_REVOKED *entry = NULL;

          if (X509_CRL_get0_by_cert (g_ptr_array_index (crls, j), &entry, card->x509) == 1)
            return TRUE;
        }
    }
  return FALSE;
}

/* Entries leave the lock as copies: the cache may drop its own meanwhile. */
static CardEntry *
card_entry_copy (const CardEntry *entry)
{
  CardEntry *copy = g_memdup2 (entry, sizeof *entry);

  X509_up_ref (copy->x509);
  copy->issuer = g_strdup (entry->issuer);
  copy->serial = g_strdup (entry->serial);
  return copy;
}

/* A copy of the cached entry for @key, or NULL. */
static CardEntry *
lookup_card (MadoTrainingVerifier *self,
             const char           *key)
{
  CardEntry *entry, *copy = NULL;

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->cards, key);
  if (entry != NULL)
    copy = card_entry_copy (entry);
  g_mutex_unlock (&self->lock);
  return copy;
}

static char *
serial_string (X509 *x509)
{
  BIGNUM *serial_bn = ASN1_INTEGER_to_BN (X509_get0_serialNumber (x509), NULL);
  char *serial_hex = BN_bn2hex (serial_bn);
  char *serial = mado_training_verifier_normalise_serial (serial_hex);

  OPENSSL_free (serial_hex);
  BN_free (serial_bn);
  return serial;
}

/* Parses @der and verifies its chain to the anchor that signed it; the
 * dates are checked later, with the cached entries'. */
static MadoProblem
check_card_chain (MadoTrainingVerifier  *self,
                  GBytes                *der,
                  const char            *key,
                  CardEntry            **out_entry,
                  char                 **out_detail)
{
  g_autoptr(X509) x509 = mado_training_x509_from_der (der);
  g_autoptr(X509_STORE) store = NULL;
  CardEntry *entry;
  MadoTrainingValidity validity;
  int error = 0;
  gint anchor;

  if (x509 == NULL)
    {
      *out_detail = g_strdup ("certificate is not one DER X.509 certificate");
      return MADO_PROBLEM_BAD_REQUEST;
    }
  anchor = find_issuer (self, x509);
  if (anchor < 0)
    {
      *out_detail = g_strdup ("no trust anchor signed this certificate");
      return MADO_PROBLEM_CERTIFICATE_UNTRUSTED;
    }
  store = X509_STORE_new ();
  X509_STORE_add_cert (store, g_ptr_array_index (self->anchors, anchor));
  if (!verify_chain (self, store, x509, &validity, &error))
    {
      *out_detail = g_strdup (X509_verify_cert_error_string (error));
      return problem_from_verify_error (error);
    }
  entry = g_new0 (CardEntry, 1);
  entry->x509 = g_steal_pointer (&x509);
  entry->anchor = g_ptr_array_index (self->anchors, anchor);
  entry->issuer = mado_training_x509_name_to_string (X509_get_issuer_name (entry->x509));
  entry->serial = serial_string (entry->x509);
  entry->validity = validity;
  *out_entry = entry;
  /* Dates OpenSSL accepted but cannot convert: checked, not remembered. */
  if (validity.not_after == 0)
    return MADO_PROBLEM_NONE;
  g_mutex_lock (&self->lock);
  cache_insert (self->cards, g_strdup (key), card_entry_copy (entry));
  g_mutex_unlock (&self->lock);
  return MADO_PROBLEM_NONE;
}

/* What may have changed since the chain was verified: the chain's dates
 * pass (the card's and its anchor's), and the card is not (now) on its
 * anchor's CRL. An entry whose dates could not be read was verified just
 * now and is not cached: its dates are not checked twice. */
static MadoProblem
check_card_status (MadoTrainingVerifier  *self,
                   const CardEntry       *card,
                   char                 **out_detail)
{
  time_t now = verifier_now (self);
  gboolean dated = card->validity.not_after != 0;

  if (dated && now < card->validity.not_before)
    {
      *out_detail = g_strdup (X509_verify_cert_error_string (X509_V_ERR_CERT_NOT_YET_VALID));
      return MADO_PROBLEM_CERTIFICATE_NOT_YET_VALID;
    }
  if (dated && now >= card->validity.not_after)
    {
      *out_detail = g_strdup (X509_verify_cert_error_string (X509_V_ERR_CERT_HAS_EXPIRED));
      return MADO_PROBLEM_CERTIFICATE_EXPIRED;
    }
  if (is_revoked (self, card))
    {
      *out_detail = g_strdup ("the certificate is listed in the issuer's CRL");
      return MADO_PROBLEM_CERTIFICATE_REVOKED;
    }
  return MADO_PROBLEM_NONE;
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
 * A chain that verified is remembered by the certificate's SHA-256 (parsed
 * once, for mado_training_verifier_check_signature() too); the dates and
 * the CRL are checked on every call.
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
  g_autofree char *key = mado_training_digest_sha256_hex (der);
  g_autofree char *detail = NULL;
  CardEntry *card = lookup_card (self, key);
  MadoProblem problem = MADO_PROBLEM_NONE;

  if (card == NULL)
    problem = check_card_chain (self, der, key, &card, &detail);
  if (problem == MADO_PROBLEM_NONE)
    problem = check_card_status (self, card, &detail);
  if (problem == MADO_PROBLEM_NONE)
    {
      *out_issuer = g_steal_pointer (&card->issuer);
      *out_serial = g_steal_pointer (&card->serial);
    }
  else if (out_detail)
    *out_detail = g_steal_pointer (&detail);
  g_clear_pointer (&card, card_entry_free);
  return problem;
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

/* The card's public key: from the cached chain when the card was just
 * checked (the usual case), parsed otherwise. */
static EVP_PKEY *
card_public_key (MadoTrainingVerifier *self,
                 GBytes               *certificate_der)
{
  g_autofree char *key = mado_training_digest_sha256_hex (certificate_der);
  g_autoptr(X509) x509 = NULL;
  CardEntry *card = lookup_card (self, key);

  if (card != NULL)
    x509 = g_steal_pointer (&card->x509);
  else
    x509 = mado_training_x509_from_der (certificate_der);
  g_clear_pointer (&card, card_entry_free);
  return x509 != NULL ? X509_get_pubkey (x509) : NULL;
}

/**
 * mado_training_verifier_check_signature:
 * @self: a verifier
 * @certificate_der: the card certificate (already checked)
 * @signed_bytes: see mado_training_verifier_signed_bytes()
 * @signature: the card's signature
 *
 * Returns: %TRUE when @signature is an RSA PKCS#1 v1.5 SHA-256 signature
 *   of @signed_bytes by the certificate's key
 */
gboolean
mado_training_verifier_check_signature (MadoTrainingVerifier *self,
                                        GBytes               *certificate_der,
                                        GBytes               *signed_bytes,
                                        GBytes               *signature)
{
  g_autoptr(EVP_PKEY) key = card_public_key (self, certificate_der);
  g_autoptr(EVP_MD_CTX) md = EVP_MD_CTX_new ();
  EVP_PKEY_CTX *pkey_ctx = NULL;
  gsize sig_len = 0, data_len = 0;
  const guint8 *sig = g_bytes_get_data (signature, &sig_len);
  const guint8 *data = g_bytes_get_data (signed_bytes, &data_len);
  gboolean ok;

  if (key == NULL || EVP_PKEY_get_base_id (key) != EVP_PKEY_RSA
      || sig_len != (gsize) EVP_PKEY_get_size (key))
    return FALSE;
  ok = EVP_DigestVerifyInit (md, &pkey_ctx, mado_training_digest_sha256 (), NULL, key) == 1
       && EVP_PKEY_CTX_set_rsa_padding (pkey_ctx, RSA_PKCS1_PADDING) == 1
       && EVP_DigestVerify (md, sig, sig_len, data, data_len) == 1;
  ERR_clear_error ();
  return ok;
}

/**
 * mado_training_verifier_set_time:
 * @self: a verifier
 * @unix_seconds: the time the checks use from now on; 0 for the real clock
 *
 * For tests: certificates that expire while they are cached.
 */
void
mado_training_verifier_set_time (MadoTrainingVerifier *self,
                                 gint64                unix_seconds)
{
  g_return_if_fail (MADO_IS_TRAINING_VERIFIER (self));

  self->fixed_time = unix_seconds;
}
