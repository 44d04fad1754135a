/* mado-terminal-cert.c — the terminal's own key and certificates: enrolment and dates
 *
 * The terminal's key is made on the terminal and never leaves it: set-up
 * writes it with mode 0600 (created exclusively, so nothing else can have
 * opened it first) and hands the hub operator only a certificate request.
 * The same functions tell `config check` and the desk whether the key
 * belongs to the installed certificate and when certificates run out.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "mado-terminal-cert.h"
#include "mado-error.h"
#include "mado-site-config.h"

#define KEY_BITS 2048

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_REQ, X509_REQ_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)

static gboolean
set_openssl_error (GError              **error,
                   MadoSiteConfigError   code,
                   const char           *path,
                   const char           *what)
{
  char detail[256] = "";

  ERR_error_string_n (ERR_get_error (), detail, sizeof detail);
  ERR_clear_error ();
  /* Translators: a file, what went wrong, then OpenSSL's own words */
  g_set_error (error, MADO_SITE_CONFIG_ERROR, code, _("%s: %s (%s)"), path, what, detail);
  return FALSE;
}

/* Never ask for a passphrase on the terminal: an encrypted key is an error. */
static int
no_passphrase_cb (char *buf, int size, int rwflag, void *data)
{
  return 0;
}

static EVP_PKEY *
read_key (const char  *key_path,
          GError     **error)
{
  g_autoptr(BIO) bio = BIO_new_file (key_path, "r");
  EVP_PKEY *key;

  if (bio == NULL)
    {
      set_openssl_error (error, MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE, key_path,
                         _("the key cannot be opened"));
      return NULL;
    }
  key = PEM_read_bio_PrivateKey (bio, NULL, no_passphrase_cb, NULL);
  if (key == NULL)
    set_openssl_error (error, MADO_SITE_CONFIG_ERROR_KEY_MISMATCH, key_path,
                       _("not an unencrypted PEM private key"));
  return key;
}

static X509 *
read_certificate (const char  *path,
                  GError     **error)
{
  g_autoptr(BIO) bio = BIO_new_file (path, "r");
  X509 *cert;

  if (bio == NULL)
    {
      set_openssl_error (error, MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE, path,
                         _("the certificate cannot be opened"));
      return NULL;
    }
  cert = PEM_read_bio_X509 (bio, NULL, no_passphrase_cb, NULL);
  if (cert == NULL)
    set_openssl_error (error, MADO_SITE_CONFIG_ERROR_CERTIFICATE_INVALID, path,
                       _("no PEM certificate in the file"));
  return cert;
}

static gboolean
write_key_file (const char  *key_path,
                EVP_PKEY    *key,
                GError     **error)
{
  int fd = g_open (key_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  FILE *file;
  int ok;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, MADO_SITE_CONFIG_ERROR,
                   saved == EEXIST ? MADO_SITE_CONFIG_ERROR_EXISTS
                                   : MADO_SITE_CONFIG_ERROR_WRITE_FAILED,
                   _("%s cannot be created: %s"), key_path, g_strerror (saved));
      return FALSE;
    }
  file = fdopen (fd, "w");
  if (file == NULL)
    {
      close (fd);
      g_unlink (key_path);
      return set_openssl_error (error, MADO_SITE_CONFIG_ERROR_WRITE_FAILED, key_path,
                                _("the key cannot be written"));
    }
  ok = PEM_write_PrivateKey (file, key, NULL, NULL, 0, NULL, NULL);
  if (fclose (file) != 0 || !ok)
    {
      g_unlink (key_path);
      return set_openssl_error (error, MADO_SITE_CONFIG_ERROR_WRITE_FAILED, key_path,
                                _("the key cannot be written"));
    }
  return TRUE;
}

/**
 * mado_terminal_cert_make_key:
 * @key_path: where the new key goes; must not exist
 * @error: %MADO_SITE_CONFIG_ERROR_EXISTS when it does
 *
 * Makes a new RSA key, written unencrypted (the desk starts unattended)
 * with mode 0600.
 *
 * Returns: %TRUE when the key was written
 */
gboolean
mado_terminal_cert_make_key (const char  *key_path,
                             GError     **error)
{
  g_autoptr(EVP_PKEY) key = NULL;

  g_return_val_if_fail (key_path != NULL, FALSE);

  key = EVP_RSA_gen (KEY_BITS);
  if (key == NULL)
    return set_openssl_error (error, MADO_SITE_CONFIG_ERROR_WRITE_FAILED, key_path,
                              _("no key could be made"));
  return write_key_file (key_path, key, error);
}

static gboolean
add_name_entry (X509_NAME  *name,
                const char *field,
                const char *value)
{
  return X509_NAME_add_entry_by_txt (name, field, MBSTRING_ASC,
                                     (const unsigned char *) value, -1, -1, 0) == 1;
}

/**
 * mado_terminal_cert_make_request:
 * @key_path: the terminal's key
 * @institution_code: the 10-digit institution code (医療機関コード)
 * @terminal_id: the terminal ID, which the hub reads from the certificate's CN
 * @error: a #MadoSiteConfigError
 *
 * The request's subject is `C=JP, O=<institution code>, CN=<terminal ID>`,
 * signed with SHA-256.
 *
 * Returns: (transfer full) (nullable): the request in PEM
 */
char *
mado_terminal_cert_make_request (const char  *key_path,
                                 const char  *institution_code,
                                 const char  *terminal_id,
                                 GError     **error)
{
  g_autoptr(EVP_PKEY) key = read_key (key_path, error);
  g_autoptr(X509_REQ) request = NULL;
  g_autoptr(BIO) out = NULL;
  X509_NAME *subject;
  char *data = NULL;
  long len;

  if (key == NULL)
    return NULL;
  request = X509_REQ_new ();
  subject = X509_REQ_get_subject_name (request);
  if (X509_REQ_set_version (request, 0) != 1 ||
      !add_name_entry (subject, "C", "JP") ||
      !add_name_entry (subject, "O", institution_code) ||
      !add_name_entry (subject, "CN", terminal_id) ||
      X509_REQ_set_pubkey (request, key) != 1 ||
      X509_REQ_sign (request, key, EVP_sha256 ()) <= 0)
    {
      set_openssl_error (error, MADO_SITE_CONFIG_ERROR_WRITE_FAILED, key_path,
                         _("the certificate request cannot be made"));
      return NULL;
    }
  out = BIO_new (BIO_s_mem ());
  if (PEM_write_bio_X509_REQ (out, request) != 1)
    {
      set_openssl_error (error, MADO_SITE_CONFIG_ERROR_WRITE_FAILED, key_path,
                         _("the certificate request cannot be made"));
      return NULL;
    }
  len = BIO_get_mem_data (out, &data);
  return g_strndup (data, (gsize) len);
}

/**
 * mado_terminal_cert_key_matches:
 * @certificate_path: the terminal's certificate (PEM; the first one counts)
 * @key_path: the terminal's key
 * @error: %MADO_SITE_CONFIG_ERROR_KEY_MISMATCH when they do not belong together
 *
 * Returns: %TRUE when @key_path holds the private key of the certificate
 */
gboolean
mado_terminal_cert_key_matches (const char  *certificate_path,
                                const char  *key_path,
                                GError     **error)
{
  g_autoptr(X509) cert = read_certificate (certificate_path, error);
  g_autoptr(EVP_PKEY) key = NULL;

  if (cert == NULL)
    return FALSE;
  key = read_key (key_path, error);
  if (key == NULL)
    return FALSE;
  if (X509_check_private_key (cert, key) != 1)
    {
      ERR_clear_error ();
      g_set_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_KEY_MISMATCH,
                   _("The key %s is not the private key of the certificate %s"),
                   key_path, certificate_path);
      return FALSE;
    }
  return TRUE;
}

static GDateTime *
asn1_to_date_time (const ASN1_TIME *time)
{
  struct tm tm = { 0 };

  if (ASN1_TIME_to_tm (time, &tm) != 1)
    return NULL;
  return g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                              tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void
merge_dates (MadoTerminalCertDates *dates,
             X509                  *cert)
{
  GDateTime *start = asn1_to_date_time (X509_get0_notBefore (cert));
  GDateTime *end = asn1_to_date_time (X509_get0_notAfter (cert));

  if (start != NULL &&
      (dates->not_before == NULL || g_date_time_compare (start, dates->not_before) > 0))
    {
      g_clear_pointer (&dates->not_before, g_date_time_unref);
      dates->not_before = g_date_time_ref (start);
    }
  if (end != NULL &&
      (dates->not_after == NULL || g_date_time_compare (end, dates->not_after) < 0))
    {
      g_clear_pointer (&dates->not_after, g_date_time_unref);
      dates->not_after = g_date_time_ref (end);
    }
  g_clear_pointer (&start, g_date_time_unref);
  g_clear_pointer (&end, g_date_time_unref);
}

static char *
subject_line (X509 *cert)
{
  g_autoptr(BIO) out = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;

  X509_NAME_print_ex (out, X509_get_subject_name (cert), 0, XN_FLAG_RFC2253);
  len = BIO_get_mem_data (out, &data);
  return g_strndup (data, (gsize) len);
}

/**
 * mado_terminal_cert_read_dates:
 * @pem_path: a PEM file of one or more certificates
 * @error: %MADO_SITE_CONFIG_ERROR_CERTIFICATE_INVALID when it holds none
 *
 * Returns: (transfer full) (nullable): the dates that limit the whole file:
 *   it is usable from the latest start to the earliest end
 */
MadoTerminalCertDates *
mado_terminal_cert_read_dates (const char  *pem_path,
                               GError     **error)
{
  g_autoptr(BIO) bio = BIO_new_file (pem_path, "r");
  g_autoptr(MadoTerminalCertDates) dates = g_new0 (MadoTerminalCertDates, 1);
  X509 *cert;

  if (bio == NULL)
    {
      set_openssl_error (error, MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE, pem_path,
                         _("the certificate cannot be opened"));
      return NULL;
    }
  while ((cert = PEM_read_bio_X509 (bio, NULL, no_passphrase_cb, NULL)) != NULL)
    {
      if (dates->count++ == 0)
        dates->subject = subject_line (cert);
      merge_dates (dates, cert);
      X509_free (cert);
    }
  ERR_clear_error ();
  if (dates->count == 0 || dates->not_after == NULL || dates->not_before == NULL)
    {
      g_set_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_CERTIFICATE_INVALID,
                   _("%s holds no readable PEM certificate"), pem_path);
      return NULL;
    }
  return g_steal_pointer (&dates);
}

/**
 * mado_terminal_cert_days_left:
 * @dates: what mado_terminal_cert_read_dates() found
 * @now: (nullable): the time to count from (default: now)
 *
 * Returns: whole days until the earliest end of validity; negative once
 *   it has passed
 */
gint64
mado_terminal_cert_days_left (const MadoTerminalCertDates *dates,
                              GDateTime                   *now)
{
  return mado_certificate_expiry_days_left (dates->not_after, now);
}

void
mado_terminal_cert_dates_free (MadoTerminalCertDates *dates)
{
  if (dates == NULL)
    return;
  g_clear_pointer (&dates->not_before, g_date_time_unref);
  g_clear_pointer (&dates->not_after, g_date_time_unref);
  g_free (dates->subject);
  g_free (dates);
}
