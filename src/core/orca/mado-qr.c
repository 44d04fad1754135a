/* mado-qr.c — a QR code's modules (libqrencode), for the screen, the slip and files
 *
 * Error correction M (15 %): a slip may be creased or smudged, and the
 * texts are short enough that the code stays small.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <qrencode.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mado-qr.h"

/**
 * mado_qr_encode:
 * @text: what the code holds (8-bit mode, as written)
 * @error: a #GIOError when @text does not fit in a QR code
 *
 * Returns: (transfer full) (nullable): the code
 */
MadoQr *
mado_qr_encode (const char  *text,
                GError     **error)
{
  QRcode *code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  MadoQr *qr;

  if (code == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The text does not fit in a QR code: %s"), g_strerror (errno));
      return NULL;
    }
  qr = g_new0 (MadoQr, 1);
  qr->width = (guint) code->width;
  qr->dark = g_malloc ((gsize) qr->width * qr->width);
  /* libqrencode's lowest bit of each byte is the module's colour. */
  for (gsize i = 0; i < (gsize) qr->width * qr->width; i++)
    qr->dark[i] = code->data[i] & 1;
  QRcode_free (code);
  return qr;
}

void
mado_qr_free (MadoQr *qr)
{
  if (qr == NULL)
    return;
  g_free (qr->dark);
  g_free (qr);
}

gboolean
mado_qr_is_dark (const MadoQr *qr,
                 guint         x,
                 guint         y)
{
  return x < qr->width && y < qr->width && qr->dark[(gsize) y * qr->width + x] != 0;
}

/**
 * mado_qr_write_pbm:
 * @qr: the code
 * @scale: pixels per module
 * @path: the file to write (plain PBM, with the quiet zone)
 * @error: a #GFileError
 *
 * Returns: whether the file was written
 */
gboolean
mado_qr_write_pbm (const MadoQr  *qr,
                   guint          scale,
                   const char    *path,
                   GError       **error)
{
  guint side = (qr->width + 2 * MADO_QR_QUIET_ZONE) * scale;
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "P1\n%u %u\n", side, side);
  for (guint py = 0; py < side; py++)
    {
      for (guint px = 0; px < side; px++)
        {
          guint x = px / scale, y = py / scale;
          gboolean dark = x >= MADO_QR_QUIET_ZONE && y >= MADO_QR_QUIET_ZONE &&
                          mado_qr_is_dark (qr, x - MADO_QR_QUIET_ZONE, y - MADO_QR_QUIET_ZONE);

          g_string_append_c (out, dark ? '1' : '0');
        }
      g_string_append_c (out, '\n');
    }
  return g_file_set_contents (path, out->str, (gssize) out->len, error);
}
