/* mado-store-key.c — the store's key file, sealing rows with AES-256-GCM, resident keys
 *
 * The 32-byte master key lives in a file outside the database, readable only
 * by its owner. Subkeys for encryption, resident-key HMACs, the key check
 * value and the audit head are derived from it with HKDF-SHA-256, so no two
 * purposes ever share a key.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mado-store-error.h"
#include "mado-store-key.h"

#define KEY_LEN 32
#define KEY_FILE_MAGIC "madoguchi-store-key-v1"

struct _MadoStoreKey
{
  guint8 encrypt[KEY_LEN];
  guint8 resident[KEY_LEN];
  guint8 check[KEY_LEN];
  guint8 audit[KEY_LEN];
};

static gboolean
hkdf (const guint8 *master,
      const char   *info,
      guint8       *out)
{
  EVP_KDF *kdf = EVP_KDF_fetch (NULL, "HKDF", NULL);
  EVP_KDF_CTX *ctx = NULL;
  OSSL_PARAM params[5];
  int ok = 0;

  if (kdf == NULL)
    return FALSE;
  ctx = EVP_KDF_CTX_new (kdf);
  params[0] = OSSL_PARAM_construct_utf8_string (OSSL_KDF_PARAM_DIGEST, (char *) "SHA256", 0);
  params[1] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_KEY, (void *) master, KEY_LEN);
  params[2] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_SALT,
                                                 (void *) "madoguchi-store", 15);
  params[3] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_INFO,
                                                 (void *) info, strlen (info));
  params[4] = OSSL_PARAM_construct_end ();
  if (ctx != NULL)
    ok = EVP_KDF_derive (ctx, out, KEY_LEN, params);
  EVP_KDF_CTX_free (ctx);
  EVP_KDF_free (kdf);
  return ok == 1;
}

static char *
hmac_hex (const guint8 *key,
          const guint8 *data,
          gsize         length)
{
  guint8 mac[EVP_MAX_MD_SIZE];
  size_t mac_len = 0;

  if (EVP_Q_mac (NULL, "HMAC", NULL, "SHA256", NULL, key, KEY_LEN,
                 data, length, mac, sizeof mac, &mac_len) == NULL)
    g_error ("HMAC-SHA-256 is not available from OpenSSL");
  {
    GString *hex = g_string_sized_new (mac_len * 2);

    for (size_t i = 0; i < mac_len; i++)
      g_string_append_printf (hex, "%02x", mac[i]);
    return g_string_free (hex, FALSE);
  }
}

static gboolean
parse_key_text (const char *text,
                guint8     *master)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 3);

  if (g_strv_length (lines) < 2 || !g_str_equal (lines[0], KEY_FILE_MAGIC) ||
      strlen (lines[1]) != KEY_LEN * 2)
    return FALSE;
  for (int i = 0; i < KEY_LEN; i++)
    {
      int hi = g_ascii_xdigit_value (lines[1][2 * i]);
      int lo = g_ascii_xdigit_value (lines[1][2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      master[i] = (guint8) (hi << 4 | lo);
    }
  OPENSSL_cleanse (lines[1], strlen (lines[1]));
  return TRUE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
create_key_file (const char *path,
                 guint8     *master,
                 GError    **error)
{
  g_autofree char *text = NULL;
  GString *hex = g_string_new (KEY_FILE_MAGIC "\n");
  int fd;
  gboolean ok;

  if (RAND_bytes (master, KEY_LEN) != 1)
    {
      g_string_free (hex, TRUE);
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_IO, "%s",
                   _("No random numbers are available to make a store key. Restart the terminal and try again."));
      return FALSE;
    }
  for (int i = 0; i < KEY_LEN; i++)
    g_string_append_printf (hex, "%02x", master[i]);
  g_string_append_c (hex, '\n');
  text = g_string_free (hex, FALSE);

  /* O_EXCL: never overwrite a key someone else made a moment ago; 0600 from
   * the start, so there is no instant when the key is readable by others. */
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      OPENSSL_cleanse (text, strlen (text));
      g_set_error (error, MADO_STORE_ERROR, saved == ENOSPC ? MADO_STORE_ERROR_DISK_FULL
                                                            : MADO_STORE_ERROR_IO,
                   _("The store key file %s cannot be created (%s). Check that its folder exists and is writable."),
                   path, g_strerror (saved));
      return FALSE;
    }
  ok = fchmod (fd, 0600) == 0 && write_all (fd, text, strlen (text)) && fsync (fd) == 0;
  OPENSSL_cleanse (text, strlen (text));
  close (fd);
  if (!ok)
    {
      g_unlink (path);
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_IO,
                   _("The store key file %s could not be written. Check the free disk space and try again."),
                   path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_key_file (const char *path,
               guint8     *master,
               GError    **error)
{
  struct stat st;
  char buffer[256];
  ssize_t n;
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    {
      g_set_error (error, MADO_STORE_ERROR,
                   errno == ENOENT ? MADO_STORE_ERROR_KEY_MISSING : MADO_STORE_ERROR_IO,
                   _("The store key file %s cannot be opened (%s). Restore it from the backup, or recover the store to start an empty one."),
                   path, g_strerror (errno));
      return FALSE;
    }
  /* Checked on the open descriptor, so the file cannot be swapped between
   * the check and the read. */
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      (st.st_mode & (S_IRWXG | S_IRWXO)) != 0 || st.st_uid != geteuid ())
    {
      close (fd);
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_INSECURE,
                   _("The store key file %s can be read by other users or belongs to someone else, so it is not used. Run “chmod 600 %s” as its owner, and consider the key exposed: recover the store to start with a new key."),
                   path, path);
      return FALSE;
    }
  n = read (fd, buffer, sizeof buffer - 1);
  close (fd);
  buffer[MAX (n, 0)] = '\0';
  ok = n > 0 && parse_key_text (buffer, master);
  OPENSSL_cleanse (buffer, sizeof buffer);
  if (!ok)
    g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_INVALID,
                 _("The file %s is not a Madoguchi store key. Restore the key file from the backup."),
                 path);
  return ok;
}

/**
 * mado_store_key_load:
 * @path: the key file
 * @create_if_missing: make a new random key when @path does not exist
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Reads the key file, refusing one that group or others can access.
 *
 * Returns: (transfer full) (nullable): the derived keys
 */
MadoStoreKey *
mado_store_key_load (const char  *path,
                     gboolean     create_if_missing,
                     GError     **error)
{
  guint8 master[KEY_LEN];
  MadoStoreKey *key;
  gboolean ok;

  if (create_if_missing && !g_file_test (path, G_FILE_TEST_EXISTS))
    ok = create_key_file (path, master, error);
  else
    ok = read_key_file (path, master, error);
  if (!ok)
    return NULL;

  key = g_new0 (MadoStoreKey, 1);
  ok = hkdf (master, "madoguchi cache and outbox encryption v1", key->encrypt) &&
       hkdf (master, "madoguchi resident key v1", key->resident) &&
       hkdf (master, "madoguchi key check v1", key->check) &&
       hkdf (master, "madoguchi audit head v1", key->audit);
  OPENSSL_cleanse (master, sizeof master);
  if (!ok)
    g_error ("HKDF-SHA-256 is not available from OpenSSL");
  return key;
}

/**
 * mado_store_key_free:
 * @key: (transfer full) (nullable): a key
 *
 * Zeroises and frees @key.
 */
void
mado_store_key_free (MadoStoreKey *key)
{
  if (key == NULL)
    return;
  OPENSSL_cleanse (key, sizeof *key);
  g_free (key);
}

/**
 * mado_store_key_seal:
 * @key: a key
 * @aad: the row's key columns, bound to the ciphertext
 * @plaintext: (array length=length): the bytes to encrypt
 * @length: their length
 *
 * Encrypts with AES-256-GCM under a fresh random 96-bit nonce.
 *
 * Returns: (transfer full): nonce ‖ ciphertext ‖ tag
 */
GBytes *
mado_store_key_seal (MadoStoreKey *key,
                     const char   *aad,
                     const guint8 *plaintext,
                     gsize         length)
{
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  gsize total = MADO_STORE_KEY_NONCE_LEN + length + MADO_STORE_KEY_TAG_LEN;
  guint8 *out = g_malloc (total);
  guint8 *ct = out + MADO_STORE_KEY_NONCE_LEN;
  int n = 0, ok;

  ok = ctx != NULL && RAND_bytes (out, MADO_STORE_KEY_NONCE_LEN) == 1 &&
       EVP_EncryptInit_ex (ctx, EVP_aes_256_gcm (), NULL, key->encrypt, out) == 1 &&
       EVP_EncryptUpdate (ctx, NULL, &n, (const guint8 *) aad, (int) strlen (aad)) == 1 &&
       (length == 0 || EVP_EncryptUpdate (ctx, ct, &n, plaintext, (int) length) == 1) &&
       EVP_EncryptFinal_ex (ctx, ct + length, &n) == 1 &&
       EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_GET_TAG, MADO_STORE_KEY_TAG_LEN,
                            ct + length) == 1;
  EVP_CIPHER_CTX_free (ctx);
  if (!ok)
    g_error ("AES-256-GCM encryption failed in OpenSSL");
  return g_bytes_new_take (out, total);
}

/**
 * mado_store_key_open:
 * @key: a key
 * @aad: the row's key columns, as given to mado_store_key_seal()
 * @sealed: (array length=length): nonce ‖ ciphertext ‖ tag
 * @length: its length
 * @error: return location for %MADO_STORE_ERROR_TAMPERED
 *
 * Returns: (transfer full) (nullable): the plaintext, or %NULL when the row
 *   was edited, moved to another row, damaged, or sealed with another key
 */
GBytes *
mado_store_key_open (MadoStoreKey  *key,
                     const char    *aad,
                     const guint8  *sealed,
                     gsize          length,
                     GError       **error)
{
  EVP_CIPHER_CTX *ctx;
  gsize pt_len;
  guint8 *out;
  int n = 0, ok;

  if (length < MADO_STORE_KEY_NONCE_LEN + MADO_STORE_KEY_TAG_LEN)
    goto tampered;
  pt_len = length - MADO_STORE_KEY_NONCE_LEN - MADO_STORE_KEY_TAG_LEN;
  out = g_malloc (MAX (pt_len, 1));
  ctx = EVP_CIPHER_CTX_new ();
  ok = ctx != NULL &&
       EVP_DecryptInit_ex (ctx, EVP_aes_256_gcm (), NULL, key->encrypt, sealed) == 1 &&
       EVP_DecryptUpdate (ctx, NULL, &n, (const guint8 *) aad, (int) strlen (aad)) == 1 &&
       (pt_len == 0 || EVP_DecryptUpdate (ctx, out, &n,
                                          sealed + MADO_STORE_KEY_NONCE_LEN,
                                          (int) pt_len) == 1) &&
       EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_SET_TAG, MADO_STORE_KEY_TAG_LEN,
                            (void *) (sealed + length - MADO_STORE_KEY_TAG_LEN)) == 1 &&
       EVP_DecryptFinal_ex (ctx, out + pt_len, &n) == 1;
  EVP_CIPHER_CTX_free (ctx);
  if (ok)
    return g_bytes_new_take (out, pt_len);
  OPENSSL_cleanse (out, pt_len);
  g_free (out);

tampered:
  g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_TAMPERED, "%s",
               _("A stored record failed its integrity check: it was changed outside Madoguchi or damaged. It is not shown. Run “madoguchi-cli audit verify” and tell the administrator."));
  return NULL;
}

/**
 * mado_store_key_resident_key:
 * @key: a key
 * @issuer: the certificate's issuer DN, in one fixed text form
 * @serial: the certificate's serial number, in one fixed text form (hex)
 *
 * The lookup key of a resident: HMAC-SHA-256 over issuer and serial under a
 * key derived from the store key, so the database does not show the serial.
 *
 * Returns: (transfer full): 64 lower-case hex digits
 */
char *
mado_store_key_resident_key (MadoStoreKey *key,
                             const char   *issuer,
                             const char   *serial)
{
  /* Length-prefixed, so "ab"+"c" and "a"+"bc" differ. */
  g_autofree char *message = g_strdup_printf ("%zu:%s%zu:%s", strlen (issuer), issuer,
                                              strlen (serial), serial);

  return hmac_hex (key->resident, (const guint8 *) message, strlen (message));
}

/**
 * mado_store_key_check_value:
 * @key: a key
 *
 * Returns: (transfer full): a value stored in the database that tells
 *   whether a key file belongs to it, without revealing the key
 */
char *
mado_store_key_check_value (MadoStoreKey *key)
{
  static const char label[] = "madoguchi key check";

  return hmac_hex (key->check, (const guint8 *) label, sizeof label - 1);
}

/**
 * mado_store_key_audit_mac:
 * @key: a key
 * @message: the audit head (sequence number and hash)
 *
 * Returns: (transfer full): HMAC of @message under the audit subkey
 */
char *
mado_store_key_audit_mac (MadoStoreKey *key,
                          const char   *message)
{
  return hmac_hex (key->audit, (const guint8 *) message, strlen (message));
}
