/* mado-qr.h — a QR code's modules (libqrencode), for the screen, the slip and files
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The quiet zone readers need around the code, in modules. */
#define MADO_QR_QUIET_ZONE 4

typedef struct {
  guint   width;     /* modules per side, without the quiet zone */
  guint8 *dark;      /* width × width, row by row: 1 dark, 0 light */
} MadoQr;

MadoQr   *mado_qr_encode    (const char  *text,
                             GError     **error);
void      mado_qr_free      (MadoQr      *qr);
gboolean  mado_qr_is_dark   (const MadoQr *qr,
                             guint        x,
                             guint        y);
gboolean  mado_qr_write_pbm (const MadoQr *qr,
                             guint         scale,
                             const char   *path,
                             GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoQr, mado_qr_free)

G_END_DECLS
