/* mado-card-transport.c — how APDUs reach a card: the generic part
 *
 * The interface's vfuncs move raw bytes; everything every card protocol
 * needs on top of that (61xx GET RESPONSE chaining, 6Cxx resending, bounds
 * on what a card may answer) lives here once, for every transport.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-card-transport.h"
#include "mado-error.h"

/* A card that answers 61xx forever must not hold the desk: 32 rounds of
 * 256 bytes already exceed MADO_APDU_MAX_CHAINED_DATA. */
#define MAX_GET_RESPONSE_ROUNDS 32

G_DEFINE_INTERFACE (MadoCardTransport, mado_card_transport, G_TYPE_OBJECT)

/* What the interface keeps per transport, whatever implements it. */
typedef struct {
  guint apdus;
  guint depth;             /* begin_transaction calls not yet ended */
  guint transaction_id;    /* 0: no transaction that excludes others */
  guint generation;        /* the transport's, when the transaction began */
} TransportState;

static TransportState *
get_state (MadoCardTransport *self)
{
  static GQuark quark;
  TransportState *state;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("mado-card-transport-state");
  state = g_object_get_qdata (G_OBJECT (self), quark);
  if (state == NULL)
    {
      state = g_new0 (TransportState, 1);
      g_object_set_qdata_full (G_OBJECT (self), quark, state, g_free);
    }
  return state;
}

static void
count_apdu (MadoCardTransport *self)
{
  get_state (self)->apdus++;
}

static void
set_bad_response (GError    **error,
                  const char *why)
{
  g_debug ("card answer rejected: %s", why);
  mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_RESPONSE);
}

/* One APDU through the transport, with the length checks no transport may
 * skip: at least SW1 SW2, never more than a short response. */
static gboolean
transmit_once (MadoCardTransport *self,
               const guint8      *command,
               gsize              command_len,
               guint8            *response,
               gsize             *response_len,
               GError           **error)
{
  MadoCardTransportInterface *iface = MADO_CARD_TRANSPORT_GET_IFACE (self);

  *response_len = MADO_APDU_MAX_RESPONSE;
  count_apdu (self);
  if (!iface->transmit_raw (self, command, command_len, response, response_len, error))
    return FALSE;
  if (*response_len < 2)
    {
      set_bad_response (error, "shorter than a status word");
      return FALSE;
    }
  if (*response_len > MADO_APDU_MAX_RESPONSE)
    {
      set_bad_response (error, "longer than a short APDU response");
      return FALSE;
    }
  return TRUE;
}

/* The same command with Le replaced (or added), for a 6Cxx answer.
 * Returns FALSE for commands whose shape cannot carry a short Le. */
static gboolean
command_with_le (const guint8 *command,
                 gsize         command_len,
                 guint8        le,
                 guint8       *out,
                 gsize        *out_len)
{
  gsize lc;

  if (command_len == 4 || command_len == 5)
    {
      memcpy (out, command, 4);
      out[4] = le;
      *out_len = 5;
      return TRUE;
    }
  lc = command[4];
  if (lc == 0)
    return FALSE;            /* extended length: never used here */
  if (command_len == 5 + lc)
    {
      memcpy (out, command, command_len);
      out[command_len] = le;
      *out_len = command_len + 1;
      return TRUE;
    }
  if (command_len == 6 + lc)
    {
      memcpy (out, command, command_len);
      out[command_len - 1] = le;
      *out_len = command_len;
      return TRUE;
    }
  return FALSE;
}

/* A VERIFY with data carries the resident's PIN. It goes to the card
 * exactly once, whatever the card answers: sending it again could spend a
 * try the resident did not choose to spend (PIN rules). */
static gboolean
carries_pin (const guint8 *command,
             gsize         command_len)
{
  return command_len > 5 && command[1] == 0x20;
}

/* One command, resent once with the Le the card asked for on 6Cxx —
 * except a command that carries the PIN. */
static gboolean
exchange (MadoCardTransport *self,
          const guint8      *command,
          gsize              command_len,
          guint8            *response,
          gsize             *response_len,
          GError           **error)
{
  guint8 resend[MADO_APDU_MAX_COMMAND + 1];
  gsize resend_len;
  gboolean ok;

  if (!transmit_once (self, command, command_len, response, response_len, error))
    return FALSE;
  if (response[*response_len - 2] != 0x6C)
    return TRUE;

  if (carries_pin (command, command_len))
    {
      g_debug ("card answered 6C%02X to VERIFY: not sent again", response[*response_len - 1]);
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_WRONG_LENGTH,
                           _("The card did not accept the PIN command. The PIN was not sent "
                             "again; place the card on the reader again and start over."));
      return FALSE;
    }

  if (!command_with_le (command, command_len, response[*response_len - 1], resend, &resend_len))
    {
      set_bad_response (error, "6Cxx for a command that cannot carry Le");
      return FALSE;
    }
  ok = transmit_once (self, resend, resend_len, response, response_len, error);
  if (!ok)
    return FALSE;
  if (response[*response_len - 2] == 0x6C)
    {
      g_debug ("card answered 6C%02X twice", response[*response_len - 1]);
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_WRONG_LENGTH,
                           _("The card did not accept a command’s length. Place the card "
                             "on the reader again and retry; if it happens again, report "
                             "it with the log."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
mado_card_transport_default_has_pin_pad (MadoCardTransport *self)
{
  return FALSE;
}

static void
mado_card_transport_default_init (MadoCardTransportInterface *iface)
{
  iface->has_pin_pad = mado_card_transport_default_has_pin_pad;
}

/**
 * mado_card_transport_transmit:
 * @self: a #MadoCardTransport
 * @command: (array length=command_len): a short command APDU
 * @command_len: 4 to %MADO_APDU_MAX_COMMAND bytes
 * @out_data: (nullable): where the response data (without SW) is appended
 * @out_sw: (out): the final status word
 * @error: return location for a #MadoCardError
 *
 * Sends @command and collects the whole answer: a 61xx answer is followed by
 * GET RESPONSE (`00 C0 00 00 xx`) until the card stops asking, a 6Cxx answer
 * makes the command be sent once more with Le = xx. Both loops are bounded:
 * a card that keeps answering 61xx, or collects more than
 * %MADO_APDU_MAX_CHAINED_DATA bytes, gives %MADO_CARD_ERROR_BAD_RESPONSE.
 *
 * Any status word the card ends with is returned in @out_sw: its meaning
 * belongs to the application that sent the command.
 *
 * Returns: %TRUE when the card answered with a status word
 */
gboolean
mado_card_transport_transmit (MadoCardTransport *self,
                              const guint8      *command,
                              gsize              command_len,
                              GByteArray        *out_data,
                              guint16           *out_sw,
                              GError           **error)
{
  guint8 response[MADO_APDU_MAX_RESPONSE];
  gsize response_len = 0;
  gsize collected = 0;

  g_return_val_if_fail (MADO_IS_CARD_TRANSPORT (self), FALSE);
  g_return_val_if_fail (command != NULL, FALSE);
  g_return_val_if_fail (command_len >= 4 && command_len <= MADO_APDU_MAX_COMMAND, FALSE);
  g_return_val_if_fail (out_sw != NULL, FALSE);

  if (!exchange (self, command, command_len, response, &response_len, error))
    return FALSE;

  for (guint round = 0; ; round++)
    {
      gsize data_len = response_len - 2;
      guint8 sw1 = response[response_len - 2];
      guint8 sw2 = response[response_len - 1];
      const guint8 get_response[5] = { 0x00, 0xC0, 0x00, 0x00, sw2 };

      collected += data_len;
      if (collected > MADO_APDU_MAX_CHAINED_DATA)
        {
          set_bad_response (error, "chained response over the bound");
          return FALSE;
        }
      if (out_data != NULL)
        g_byte_array_append (out_data, response, data_len);

      if (sw1 != 0x61)
        {
          *out_sw = (guint16) (sw1 << 8 | sw2);
          return TRUE;
        }
      if (round >= MAX_GET_RESPONSE_ROUNDS)
        {
          set_bad_response (error, "too many 61xx rounds");
          return FALSE;
        }
      if (!exchange (self, get_response, sizeof get_response, response, &response_len, error))
        return FALSE;
    }
}

/* A held transaction was lost when the card was reset since it began:
 * the transport reconnected, and whatever it excluded is gone. */
static gboolean
transaction_lost (MadoCardTransport *self,
                  TransportState    *state)
{
  return state->depth > 0 && state->generation != mado_card_transport_get_generation (self);
}

/**
 * mado_card_transport_begin_transaction:
 * @self: a #MadoCardTransport
 * @error: return location for a #MadoCardError
 *
 * Takes exclusive use of the card until the matching
 * mado_card_transport_end_transaction() or mado_card_transport_power_down().
 * Transactions nest: only the outermost one reaches the card, so a caller
 * may hold the card across several steps that each take a transaction of
 * their own. A transaction lost to a reset is taken again. Transports
 * without transactions succeed without doing anything.
 */
gboolean
mado_card_transport_begin_transaction (MadoCardTransport *self,
                                       GError           **error)
{
  static guint last_id;
  MadoCardTransportInterface *iface;
  TransportState *state;

  g_return_val_if_fail (MADO_IS_CARD_TRANSPORT (self), FALSE);

  iface = MADO_CARD_TRANSPORT_GET_IFACE (self);
  state = get_state (self);
  if (state->depth > 0 && !transaction_lost (self, state))
    {
      state->depth++;
      return TRUE;
    }
  if (iface->begin_transaction == NULL)
    {
      state->depth++;
      state->transaction_id = 0;
      return TRUE;
    }
  if (state->depth > 0 && iface->end_transaction != NULL)
    iface->end_transaction (self);
  if (!iface->begin_transaction (self, error))
    {
      state->transaction_id = 0;
      return FALSE;
    }
  state->depth++;
  state->transaction_id = g_atomic_int_add (&last_id, 1) + 1;
  state->generation = mado_card_transport_get_generation (self);
  return TRUE;
}

static void
end_outermost (MadoCardTransport *self,
               TransportState    *state)
{
  MadoCardTransportInterface *iface = MADO_CARD_TRANSPORT_GET_IFACE (self);

  state->depth = 0;
  state->transaction_id = 0;
  if (iface->end_transaction != NULL)
    iface->end_transaction (self);
}

/**
 * mado_card_transport_end_transaction:
 * @self: a #MadoCardTransport
 *
 * Ends a transaction begun by mado_card_transport_begin_transaction(); the
 * card is free for others once the outermost one ends. Nothing happens when
 * no transaction is open (mado_card_transport_power_down() ended it).
 */
void
mado_card_transport_end_transaction (MadoCardTransport *self)
{
  TransportState *state;

  g_return_if_fail (MADO_IS_CARD_TRANSPORT (self));

  state = get_state (self);
  if (state->depth == 0)
    return;
  if (state->depth == 1)
    end_outermost (self, state);
  else
    state->depth--;
}

/**
 * mado_card_transport_get_transaction_id:
 * @self: a #MadoCardTransport
 *
 * Tells whether nothing but this transport can have spoken to the card
 * since some earlier moment: the number stays the same, and is not 0, for
 * as long as one transaction has been held without a break and without a
 * reset of the card. What a caller learnt from the card under one id
 * (the current file, the PIN tries left) still holds under the same id.
 *
 * Returns: the held transaction's id; 0 outside a transaction, after a
 *   reset, and for transports without transactions
 */
guint
mado_card_transport_get_transaction_id (MadoCardTransport *self)
{
  TransportState *state;

  g_return_val_if_fail (MADO_IS_CARD_TRANSPORT (self), 0);

  state = get_state (self);
  if (state->depth == 0 || transaction_lost (self, state))
    return 0;
  return state->transaction_id;
}

/**
 * mado_card_transport_power_down:
 * @self: a #MadoCardTransport
 *
 * Ends any transaction, however deep, and unpowers the card so that no
 * verified PIN survives.
 */
void
mado_card_transport_power_down (MadoCardTransport *self)
{
  MadoCardTransportInterface *iface;
  TransportState *state;

  g_return_if_fail (MADO_IS_CARD_TRANSPORT (self));

  iface = MADO_CARD_TRANSPORT_GET_IFACE (self);
  state = get_state (self);
  if (state->depth > 0)
    end_outermost (self, state);
  if (iface->power_down != NULL)
    iface->power_down (self);
}

/**
 * mado_card_transport_has_pin_pad:
 * @self: a #MadoCardTransport
 *
 * Returns: %TRUE when the reader can take the PIN on its own keypad
 */
gboolean
mado_card_transport_has_pin_pad (MadoCardTransport *self)
{
  MadoCardTransportInterface *iface;

  g_return_val_if_fail (MADO_IS_CARD_TRANSPORT (self), FALSE);

  iface = MADO_CARD_TRANSPORT_GET_IFACE (self);
  return iface->has_pin_pad != NULL && iface->has_pin_pad (self);
}

/**
 * mado_card_transport_verify_on_pin_pad:
 * @self: a #MadoCardTransport
 * @request: the VERIFY header and PIN format for the reader
 * @out_sw: (out): the card's status word
 * @error: return location for a #MadoCardError
 *
 * Lets the resident type the PIN on the reader; the PIN never reaches the PC.
 *
 * Returns: %TRUE when the card answered (see @out_sw)
 */
gboolean
mado_card_transport_verify_on_pin_pad (MadoCardTransport       *self,
                                       const MadoPinPadRequest *request,
                                       guint16                 *out_sw,
                                       GError                 **error)
{
  MadoCardTransportInterface *iface;

  g_return_val_if_fail (MADO_IS_CARD_TRANSPORT (self), FALSE);
  g_return_val_if_fail (request != NULL && out_sw != NULL, FALSE);

  iface = MADO_CARD_TRANSPORT_GET_IFACE (self);
  if (iface->verify_on_pin_pad == NULL || !mado_card_transport_has_pin_pad (self))
    {
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                           _("This reader has no PIN pad. Let the resident type the PIN "
                             "on the terminal instead."));
      return FALSE;
    }
  count_apdu (self);
  return iface->verify_on_pin_pad (self, request, out_sw, error);
}

/**
 * mado_card_transport_get_generation:
 * @self: a #MadoCardTransport
 *
 * Returns: a number that changes whenever the transport reconnected after a
 *   reset; 0 for transports that never reconnect
 */
guint
mado_card_transport_get_generation (MadoCardTransport *self)
{
  MadoCardTransportInterface *iface;

  g_return_val_if_fail (MADO_IS_CARD_TRANSPORT (self), 0);

  iface = MADO_CARD_TRANSPORT_GET_IFACE (self);
  if (iface->get_generation == NULL)
    return 0;
  return iface->get_generation (self);
}

/**
 * mado_card_transport_get_apdu_count:
 * @self: a #MadoCardTransport
 *
 * Counts every APDU that went to the card through this interface, GET
 * RESPONSE and 6Cxx resends included, and PIN-pad VERIFYs: the figure
 * benchmarks report per identity proof.
 *
 * Returns: APDUs sent since creation or the last reset of the count
 */
guint
mado_card_transport_get_apdu_count (MadoCardTransport *self)
{
  g_return_val_if_fail (MADO_IS_CARD_TRANSPORT (self), 0);

  return get_state (self)->apdus;
}
