/* mado-training-x509.c — reading certificates for the training hub's verifier (OpenSSL)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the verifier needs to know of a certificate besides its chain:
 * one DER certificate and nothing after it, its CN and DNs as text, and
 * the dates within which a verified chain holds.
 */
#include "config.h"

#include <time.h>

#include <gio/gio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "mado-training-x509.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)

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
gboolean
mado_training_x509_load_pem (const char  *file,
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

/* One DER certificate, or NULL. */
X509 *
mado_training_x509_from_der (GBytes *der)
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

/* The subject's CN as UTF-8, or NULL when it has none. */
char *
mado_training_x509_common_name (X509 *x509)
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
char *
mado_training_x509_name_to_string (const X509_NAME *name)
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

static gboolean
asn1_time_to_unix (const ASN1_TIME *when,
                   time_t          *out)
{
  struct tm tm;

  if (ASN1_TIME_to_tm (when, &tm) != 1)
    return FALSE;
  *out = timegm (&tm);
  return TRUE;
}

/* The chain's MadoTrainingValidity; FALSE when a date cannot be converted (then the
 * answer is not cached: it was checked, but cannot be re-checked). */
gboolean
mado_training_x509_chain_validity (X509_STORE_CTX       *ctx,
                                   MadoTrainingValidity *out)
{
  STACK_OF (X509) *chain = X509_STORE_CTX_get0_chain (ctx);

  if (chain == NULL || sk_X509_num (chain) == 0)
    return FALSE;
  for (int i = 0; i < sk_X509_num (chain); i++)
    {
      X509 *x509 = sk_X509_value (chain, i);
      time_t not_before, not_after;

      if (!asn1_time_to_unix (X509_get0_notBefore (x509), &not_before)
          || !asn1_time_to_unix (X509_get0_notAfter (x509), &not_after))
        return FALSE;
      out->not_before = i == 0 ? not_before : MAX (out->not_before, not_before);
      out->not_after = i == 0 ? not_after : MIN (out->not_after, not_after);
    }
  return TRUE;
}

/* Inside the window OpenSSL checks: notBefore ≤ now < notAfter. */
gboolean
mado_training_x509_validity_covers (const MadoTrainingValidity *validity,
                                    time_t                      now)
{
  return validity->not_before <= now && now < validity->not_after;
}
