/* mado-card-transport.h — how APDUs reach a card
 *
 * Two implementations sit behind this interface: MadoPcscTransport (a real
 * reader through pcsc-lite) and MadoScriptedTransport (expected command →
 * canned response, for unit tests). The JPKI application speaks only to
 * this interface.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-card-error.h"

G_BEGIN_DECLS

/* A short APDU response is at most 256 data bytes plus SW1 SW2. */
#define MADO_APDU_MAX_RESPONSE (256 + 2)
/* A short command APDU: header, Lc, 255 data bytes, Le. */
#define MADO_APDU_MAX_COMMAND (4 + 1 + 255 + 1)
/* Bound on the data that 61xx chaining may collect for one command. */
#define MADO_APDU_MAX_CHAINED_DATA 8192

#define MADO_TYPE_CARD_TRANSPORT (mado_card_transport_get_type ())
G_DECLARE_INTERFACE (MadoCardTransport, mado_card_transport, MADO, CARD_TRANSPORT, GObject)

/**
 * MadoPinPadRequest:
 * What a PIN-pad reader needs to build VERIFY itself (PC/SC part 10,
 * FEATURE_VERIFY_PIN_DIRECT): the APDU header and the PIN's format.
 */
typedef struct {
  guint8 cla, ins, p1, p2;
  guint8 min_digits;
  guint8 max_digits;
  guint  timeout_seconds;
} MadoPinPadRequest;

struct _MadoCardTransportInterface
{
  GTypeInterface parent_iface;

  /* Sends one command APDU and stores the whole response (data + SW) in
   * @response, at most MADO_APDU_MAX_RESPONSE bytes. No 61xx/6Cxx handling
   * here: mado_card_transport_transmit() does that for every transport. */
  gboolean (*transmit_raw)       (MadoCardTransport *self,
                                  const guint8      *command,
                                  gsize              command_len,
                                  guint8            *response,
                                  gsize             *response_len,
                                  GError           **error);
  /* Exclusive use of the card across several APDUs (SCardBeginTransaction). */
  gboolean (*begin_transaction)  (MadoCardTransport *self,
                                  GError           **error);
  void     (*end_transaction)    (MadoCardTransport *self);
  /* Disconnect with SCARD_UNPOWER_CARD: no verified state survives. */
  void     (*power_down)         (MadoCardTransport *self);
  /* PIN pad: optional; %FALSE from has_pin_pad when absent. The PIN never
   * reaches the PC: the reader builds and sends VERIFY and returns the SW. */
  gboolean (*has_pin_pad)        (MadoCardTransport *self);
  gboolean (*verify_on_pin_pad)  (MadoCardTransport       *self,
                                  const MadoPinPadRequest *request,
                                  guint16                 *out_sw,
                                  GError                 **error);
  /* Bumped each time the transport had to reconnect after a reset: callers
   * that compare it know any selected file or verified PIN is gone. */
  guint    (*get_generation)     (MadoCardTransport *self);
};

gboolean mado_card_transport_transmit          (MadoCardTransport       *self,
                                                const guint8            *command,
                                                gsize                    command_len,
                                                GByteArray              *out_data,
                                                guint16                 *out_sw,
                                                GError                 **error);
gboolean mado_card_transport_begin_transaction (MadoCardTransport       *self,
                                                GError                 **error);
void     mado_card_transport_end_transaction   (MadoCardTransport       *self);
void     mado_card_transport_power_down        (MadoCardTransport       *self);
gboolean mado_card_transport_has_pin_pad       (MadoCardTransport       *self);
gboolean mado_card_transport_verify_on_pin_pad (MadoCardTransport       *self,
                                                const MadoPinPadRequest *request,
                                                guint16                 *out_sw,
                                                GError                 **error);
guint    mado_card_transport_get_generation    (MadoCardTransport       *self);
guint    mado_card_transport_get_apdu_count    (MadoCardTransport       *self);
guint    mado_card_transport_get_transaction_id (MadoCardTransport      *self);

G_END_DECLS
