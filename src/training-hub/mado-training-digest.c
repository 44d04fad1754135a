/* mado-training-digest.c — SHA-256 for the training hub: what certificates are known by
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A verification hashes certificates five times (the terminal's for each
 * of its two requests, the card's for the chain cache, for the signature
 * check and for the answer). GLib's portable SHA-256 was a few per cent of
 * the hub's CPU; OpenSSL's is faster, but OpenSSL 3 looks an algorithm up
 * by name, under a lock, whenever it is given one of the old constants
 * (SHA256(), EVP_sha256()), which costs as much again. So it is fetched
 * once, for the process.
 */
#include "config.h"

#include "mado-training-digest.h"

/**
 * mado_training_digest_sha256:
 *
 * Returns: (transfer none): SHA-256, fetched once for the process
 */
const EVP_MD *
mado_training_digest_sha256 (void)
{
  static gsize md = 0;

  if (g_once_init_enter (&md))
    {
      EVP_MD *fetched = EVP_MD_fetch (NULL, "SHA256", NULL);

      if (fetched == NULL)
        g_error ("OpenSSL has no SHA-256");
      g_once_init_leave (&md, (gsize) fetched);
    }
  return (const EVP_MD *) md;
}

/**
 * mado_training_digest_sha256_hex:
 * @bytes: any bytes, a certificate's DER here
 *
 * Returns: (transfer full): the SHA-256 of @bytes in lowercase hex, as
 *   the hub's caches and its answers know a certificate
 */
char *
mado_training_digest_sha256_hex (GBytes *bytes)
{
  static const char hex[] = "0123456789abcdef";
  guchar digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  char *out;
  gsize len = 0;
  const guchar *data = g_bytes_get_data (bytes, &len);

  if (EVP_Digest (data, len, digest, &digest_len, mado_training_digest_sha256 (), NULL) != 1)
    g_error ("SHA-256 failed");
  out = g_malloc (2 * digest_len + 1);
  for (unsigned int i = 0; i < digest_len; i++)
    {
      out[2 * i] = hex[digest[i] >> 4];
      out[2 * i + 1] = hex[digest[i] & 0xf];
    }
  out[2 * digest_len] = '\0';
  return out;
}
