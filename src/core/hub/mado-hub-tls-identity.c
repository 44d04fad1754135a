/* mado-hub-tls-identity.c — the terminal's key and certificate, loaded once, and the TLS sessions made with them
 *
 * libcurl's OpenSSL backend builds a new SSL_CTX for every connection and,
 * given CURLOPT_SSLCERT and CURLOPT_SSLKEY, reads and parses both PEM files
 * into it each time: OpenSSL 3's decoders made that most of a new
 * connection's CPU on the terminal's side. Here they are parsed once and
 * installed on each connection's SSL_CTX from the transport's
 * CURLOPT_SSL_CTX_FUNCTION. Before every exchange the files are looked at
 * (stat: device, inode, size, modification and change times); when either
 * changed, both are loaded again, and the TLS sessions made with the old
 * certificate are set aside with it, so that the next connection presents
 * the new one in a full handshake (a resumed session would carry the old
 * certificate to the hub). A file that fails to load is the named error
 * on every exchange until it loads again: the old key is dropped, never
 * used on. docs/hub-client.md says what this means for a renewal.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mado-hub-tls-identity-private.h"
#include "mado-hub-transport-private.h"

/* Far above any certificate chain or key a terminal has. */
#define MAX_FILE_BYTES (256 * 1024)

/* What tells a file on disk from its next version, without reading it. */
typedef struct {
  dev_t    dev;
  ino_t    ino;
  off_t    size;
  gint64   mtime_ns;
  gint64   ctime_ns;
} FileStamp;

struct _MadoHubTlsIdentity
{
  char      *certificate_path;  /* nullable: no client certificate */
  char      *key_path;

  GMutex     lock;              /* guards what follows */
  guint      generation;        /* 0: nothing loaded */
  FileStamp  certificate_stamp;
  FileStamp  key_stamp;
  X509      *certificate;
  STACK_OF (X509) *chain;
  EVP_PKEY  *key;
  CURLSH    *share;             /* the TLS sessions of this generation */
  GPtrArray *retired_shares;    /* of earlier generations: handles may still point at them */

  GMutex     share_locks[CURL_LOCK_DATA_LAST];
};

static void
share_lock_cb (CURL             *curl,
               curl_lock_data    data,
               curl_lock_access  access,
               void             *user_data)
{
  MadoHubTlsIdentity *self = user_data;

  g_mutex_lock (&self->share_locks[data]);
}

static void
share_unlock_cb (CURL           *curl,
                 curl_lock_data  data,
                 void           *user_data)
{
  MadoHubTlsIdentity *self = user_data;

  g_mutex_unlock (&self->share_locks[data]);
}

/* TLS sessions only: connections are kept per handle by the transport
 * (docs/hub-client.md says why). */
static CURLSH *
share_new (MadoHubTlsIdentity *self)
{
  CURLSH *share = curl_share_init ();

  if (share == NULL)
    return NULL;
  curl_share_setopt (share, CURLSHOPT_LOCKFUNC, share_lock_cb);
  curl_share_setopt (share, CURLSHOPT_UNLOCKFUNC, share_unlock_cb);
  curl_share_setopt (share, CURLSHOPT_USERDATA, self);
  curl_share_setopt (share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  return share;
}

/**
 * mado_hub_tls_identity_new:
 * @certificate: (nullable): the PEM file of the terminal's certificate,
 *   any chain after it; %NULL: the terminal presents none
 * @key: (nullable): the PEM file of its private key; %NULL: in @certificate
 *
 * Returns: (transfer full): nothing is read before the first refresh
 */
MadoHubTlsIdentity *
mado_hub_tls_identity_new (const char *certificate,
                           const char *key)
{
  MadoHubTlsIdentity *self = g_new0 (MadoHubTlsIdentity, 1);

  self->certificate_path = g_strdup (certificate);
  self->key_path = g_strdup (key != NULL ? key : certificate);
  g_mutex_init (&self->lock);
  for (guint i = 0; i < CURL_LOCK_DATA_LAST; i++)
    g_mutex_init (&self->share_locks[i]);
  self->retired_shares = g_ptr_array_new_with_free_func ((GDestroyNotify) curl_share_cleanup);
  return self;
}

static void
forget_loaded (MadoHubTlsIdentity *self)
{
  g_clear_pointer (&self->certificate, X509_free);
  g_clear_pointer (&self->key, EVP_PKEY_free);
  if (self->chain != NULL)
    sk_X509_pop_free (self->chain, X509_free);
  self->chain = NULL;
  memset (&self->certificate_stamp, 0, sizeof self->certificate_stamp);
  memset (&self->key_stamp, 0, sizeof self->key_stamp);
}

/* The transport's handles are gone by now, so no share is in use. */
void
mado_hub_tls_identity_free (MadoHubTlsIdentity *self)
{
  if (self == NULL)
    return;
  forget_loaded (self);
  g_clear_pointer (&self->share, curl_share_cleanup);
  g_clear_pointer (&self->retired_shares, g_ptr_array_unref);
  for (guint i = 0; i < CURL_LOCK_DATA_LAST; i++)
    g_mutex_clear (&self->share_locks[i]);
  g_mutex_clear (&self->lock);
  g_free (self->certificate_path);
  g_free (self->key_path);
  g_free (self);
}

static void
stamp_from (FileStamp         *stamp,
            const struct stat *st)
{
  memset (stamp, 0, sizeof *stamp);
  stamp->dev = st->st_dev;
  stamp->ino = st->st_ino;
  stamp->size = st->st_size;
  stamp->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  stamp->ctime_ns = (gint64) st->st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_ctim.tv_nsec;
}

/* Whether @path is still the file of @stamp; a file that cannot be
 * looked at is not. */
static gboolean
unchanged (const char      *path,
           const FileStamp *stamp)
{
  struct stat st;
  FileStamp now;

  if (g_stat (path, &st) != 0)
    return FALSE;
  stamp_from (&now, &st);
  return memcmp (&now, stamp, sizeof now) == 0;
}

/* Takes @detail, which names the file. */
static gboolean
fail_file (GError **error,
           char    *detail)
{
  g_autofree char *owned = detail;

  /* OpenSSL's queue would otherwise name this failure in a later one. */
  ERR_clear_error ();
  return mado_hub_transport_fail (error, MADO_HUB_ERROR_TLS_SETUP, owned);
}

/* The whole file, and the stamp of what was read (fstat of the same
 * descriptor, so that the stamp and the bytes belong together). */
static GBytes *
read_file (const char *path,
           FileStamp  *stamp,
           GError    **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  struct stat st = { 0 };
  guint8 *data = NULL;
  gssize n = -1;

  if (fd >= 0 && fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size <= MAX_FILE_BYTES)
    {
      data = g_malloc (st.st_size + 1);
      n = read (fd, data, st.st_size + 1);
      stamp_from (stamp, &st);
    }
  if (fd >= 0)
    close (fd);
  if (n < 0 || n > st.st_size)
    {
      g_free (data);
      fail_file (error, g_strdup_printf (_("%s cannot be read"), path));
      return NULL;
    }
  return g_bytes_new_take (data, (gsize) n);
}

/* A key is never asked a passphrase for: OpenSSL would prompt on a terminal. */
static int
no_passphrase_cb (char *buf,
                  int   size,
                  int   rwflag,
                  void *user_data)
{
  return 0;
}

static BIO *
bio_for (GBytes *bytes)
{
  gsize n;
  const void *data = g_bytes_get_data (bytes, &n);

  return BIO_new_mem_buf (data, (int) n);
}

static gboolean
parse_certificates (MadoHubTlsIdentity *self,
                    GBytes             *bytes,
                    GError            **error)
{
  BIO *bio = bio_for (bytes);
  X509 *extra;

  self->certificate = bio != NULL ? PEM_read_bio_X509_AUX (bio, NULL, no_passphrase_cb, NULL) : NULL;
  self->chain = sk_X509_new_null ();
  while (self->certificate != NULL && (extra = PEM_read_bio_X509 (bio, NULL, no_passphrase_cb, NULL)) != NULL)
    sk_X509_push (self->chain, extra);
  BIO_free (bio);
  ERR_clear_error ();  /* the end of the file */
  if (self->certificate == NULL)
    return fail_file (error, g_strdup_printf (_("%s holds no PEM certificate"), self->certificate_path));
  return TRUE;
}

static gboolean
parse_key (MadoHubTlsIdentity *self,
           GBytes             *bytes,
           GError            **error)
{
  BIO *bio = bio_for (bytes);

  self->key = bio != NULL ? PEM_read_bio_PrivateKey (bio, NULL, no_passphrase_cb, NULL) : NULL;
  BIO_free (bio);
  if (self->key == NULL)
    return fail_file (error, g_strdup_printf (_("%s holds no usable PEM private key"), self->key_path));
  if (X509_check_private_key (self->certificate, self->key) != 1)
    return fail_file (error, g_strdup_printf (_("the key in %s does not belong to the certificate"), self->key_path));
  return TRUE;
}

/* A file's bytes, zeroed before they are freed. */
static void
wipe (GBytes *bytes)
{
  gsize n = 0;
  gpointer data = bytes != NULL ? (gpointer) g_bytes_get_data (bytes, &n) : NULL;

  if (data != NULL)
    OPENSSL_cleanse (data, n);
}

/* Both files anew; on failure nothing of either is kept. The bytes read
 * are wiped whatever happens: the key is kept only as the parsed key, and
 * the certificate's file may hold the key too. */
static gboolean
load (MadoHubTlsIdentity *self,
      GError            **error)
{
  g_autoptr(GBytes) certificate = NULL;
  g_autoptr(GBytes) key = NULL;
  FileStamp certificate_stamp = { 0 }, key_stamp = { 0 };
  gboolean ok;

  forget_loaded (self);
  certificate = read_file (self->certificate_path, &certificate_stamp, error);
  key = certificate != NULL ? read_file (self->key_path, &key_stamp, error) : NULL;
  ok = key != NULL && parse_certificates (self, certificate, error) && parse_key (self, key, error);
  wipe (certificate);
  wipe (key);
  if (!ok)
    {
      forget_loaded (self);
      return FALSE;
    }
  self->certificate_stamp = certificate_stamp;
  self->key_stamp = key_stamp;
  return TRUE;
}

/* A new generation: the sessions of the last one are set aside with it. */
static void
next_generation (MadoHubTlsIdentity *self)
{
  if (self->share != NULL)
    g_ptr_array_add (self->retired_shares, g_steal_pointer (&self->share));
  self->share = share_new (self);
  self->generation++;
}

/**
 * mado_hub_tls_identity_refresh:
 * @out_share: (out) (transfer none) (nullable): the TLS sessions to share
 *   between this generation's connections; valid until @self is freed
 *
 * Loads the key and certificate when they were never loaded or either
 * file changed since; otherwise only looks at the files. To be called
 * before every exchange.
 *
 * Returns: the generation now loaded (it grows with every load), or 0
 *   with @error %MADO_HUB_ERROR_TLS_SETUP naming the file
 */
guint
mado_hub_tls_identity_refresh (MadoHubTlsIdentity  *self,
                               CURLSH             **out_share,
                               GError             **error)
{
  guint generation = 0;

  g_mutex_lock (&self->lock);
  if (self->certificate_path == NULL)
    {
      if (self->generation == 0)
        next_generation (self);
    }
  else if (self->certificate == NULL || !unchanged (self->certificate_path, &self->certificate_stamp) ||
           !unchanged (self->key_path, &self->key_stamp))
    {
      if (load (self, error))
        next_generation (self);
      else
        g_debug ("hub: the terminal's certificate or key did not load; no connection uses the old one");
    }
  if (self->certificate_path == NULL || self->certificate != NULL)
    {
      generation = self->generation;
      *out_share = self->share;
    }
  g_mutex_unlock (&self->lock);
  return generation;
}

/**
 * mado_hub_tls_identity_install:
 * @ctx: a new connection's SSL_CTX
 *
 * Gives @ctx the certificate, its chain and the key (references, not
 * copies); nothing when the terminal has no certificate.
 *
 * Returns: %FALSE when a certificate is configured and none is loaded
 */
gboolean
mado_hub_tls_identity_install (MadoHubTlsIdentity *self,
                               SSL_CTX            *ctx)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  if (self->certificate_path != NULL)
    ok = self->certificate != NULL &&
         SSL_CTX_use_cert_and_key (ctx, self->certificate, self->key, self->chain, 1) == 1;
  g_mutex_unlock (&self->lock);
  if (!ok)
    ERR_clear_error ();
  return ok;
}
