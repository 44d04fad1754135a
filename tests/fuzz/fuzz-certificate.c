/* fuzz-certificate.c — certificate DER and the chain check on arbitrary bytes
 *
 * Input: a 2-byte big-endian length N, N bytes read as the card's
 * certificate, and the rest as a trust anchor (written as the PEM file the
 * site configuration names). A certificate either decodes with every field
 * the desk shows, or is refused with a MadoCardError; the chain check gives
 * one verdict, and "valid" only when the anchor really issued it.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "madoguchi-core.h"
#include "fuzz-target.h"

static char *anchors_path;

static void
remove_anchors (void)
{
  g_unlink (anchors_path);
  g_clear_pointer (&anchors_path, g_free);
}

static void
write_anchor (const uint8_t *der,
              size_t         size)
{
  g_autofree char *base64 = g_base64_encode (der, size);
  g_autoptr(GString) pem = g_string_new ("-----BEGIN CERTIFICATE-----\n");

  if (anchors_path == NULL)
    {
      int fd = g_file_open_tmp ("fuzz-anchors-XXXXXX.pem", &anchors_path, NULL);

      g_assert (fd >= 0);
      g_close (fd, NULL);
      atexit (remove_anchors);
    }
  for (gsize i = 0, n = strlen (base64); i < n; i += 64)
    {
      g_string_append_len (pem, base64 + i, MIN ((gsize) 64, n - i));
      g_string_append_c (pem, '\n');
    }
  g_string_append (pem, "-----END CERTIFICATE-----\n");
  /* No fsync: the file lives only as long as this process. */
  g_assert (g_file_set_contents_full (anchors_path, pem->str, (gssize) pem->len,
                                      G_FILE_SET_CONTENTS_NONE, 0600, NULL));
}

static MadoCertificate *
decode (const uint8_t *der,
        size_t         size)
{
  g_autoptr(GError) error = NULL;
  MadoCertificate *cert = mado_certificate_new_from_der (der, size, &error);

  if (cert == NULL)
    {
      g_assert (error != NULL && error->domain == MADO_CARD_ERROR);
      return NULL;
    }
  g_assert (error == NULL);
  g_assert (g_utf8_validate (mado_certificate_get_subject (cert), -1, NULL));
  g_assert (g_utf8_validate (mado_certificate_get_issuer (cert), -1, NULL));
  g_assert (strlen (mado_certificate_get_fingerprint_sha256 (cert)) > 0);
  g_assert (mado_certificate_get_not_before (cert) != NULL);
  g_assert (mado_certificate_get_not_after (cert) != NULL);
  g_assert (g_bytes_get_size (mado_certificate_get_der (cert)) == size);
  return cert;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MadoCertificate) cert = NULL;
  g_autoptr(MadoCertificate) anchor = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_utc (2027, 6, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  MadoCertificateVerdict verdict;
  size_t n;

  if (size < 2)
    return 0;
  n = MIN ((size_t) (data[0] << 8 | data[1]), size - 2);
  cert = decode (data + 2, n);
  if (cert == NULL || size - 2 - n == 0)
    return 0;
  anchor = decode (data + 2 + n, size - 2 - n);
  if (anchor == NULL)
    return 0;
  write_anchor (data + 2 + n, size - 2 - n);
  if (mado_certificate_check_chain (cert, anchors_path, at, &verdict, &error))
    {
      g_assert (error == NULL);
      g_assert (verdict <= MADO_CERTIFICATE_VERDICT_NOT_YET_VALID);
      g_assert (mado_certificate_verdict_to_string (verdict) != NULL);
    }
  else
    g_assert (error != NULL && error->domain == MADO_CARD_ERROR &&
              verdict == MADO_CERTIFICATE_VERDICT_CHECK_FAILED);
  return 0;
}
