/* mado-jpki-private.h — the JPKI application's instance and APDU helpers, shared by its two files
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-jpki.h"

G_BEGIN_DECLS

struct _MadoJpki
{
  GObject            parent_instance;

  MadoCardTransport *transport;
  guint              generation;   /* the transport's, when the AP was selected */
  gboolean           selected;
  guint              apdu_base;
  guint              expected_tries;   /* what the resident was shown; 0: not set */

  /* What the card said, and under which transaction of the transport
   * (mado_card_transport_get_transaction_id(); 0: under none). It still
   * holds while that transaction does. */
  guint16            current_ef;       /* 0: not known */
  guint              ef_transaction;
  MadoJpkiPinStatus  tries;
  guint              tries_transaction;
};

/* mado-jpki.c */
void     mado_jpki_set_card_reset (GError      **error);
gboolean mado_jpki_send_apdu      (MadoJpki     *self,
                                   const guint8 *command,
                                   gsize         command_len,
                                   GByteArray   *out_data,
                                   guint16      *out_sw,
                                   GError      **error);
gboolean mado_jpki_select_ef      (MadoJpki     *self,
                                   guint16       fid,
                                   GError      **error);
gboolean mado_jpki_still_held     (MadoJpki     *self,
                                   guint         transaction);

G_END_DECLS
