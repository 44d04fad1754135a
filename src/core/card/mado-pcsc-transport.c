/* mado-pcsc-transport.c — APDUs to a card on a real reader, through pcsc-lite
 *
 * One object per card session on one named reader: a shared connection
 * (T=1 preferred, T=0 accepted), transactions around multi-APDU work,
 * reconnection after someone else reset the card, power-down at the end,
 * and PC/SC part 10 PIN pads (FEATURE_VERIFY_PIN_DIRECT).
 *
 * Not thread-safe: one thread at a time drives a session.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <winscard.h>
#include <reader.h>

#include "mado-error.h"
#include "mado-pcsc-context.h"
#include "mado-pcsc-transport.h"

/* Part 10: a reader answers with the SW of the VERIFY it built, or with
 * one of these when the PIN never reached the card. */
#define SW_PIN_PAD_TIMEOUT   0x6400
#define SW_PIN_PAD_CANCELLED 0x6401
#define PIN_PAD_MAX_DIGITS   16
/* bmFormatString: system units are bytes, PIN right after Lc, ASCII. */
#define FORMAT_BYTES_ASCII   0x82
/* bEntryValidationCondition: maximum size reached | validation key pressed. */
#define ENTRY_MAX_SIZE_OR_KEY 0x03
#define LANG_JAPANESE        0x0411

struct _MadoPcscTransport
{
  GObject       parent_instance;

  char         *reader_name;
  SCARDCONTEXT  context;
  gboolean      have_context;
  SCARDHANDLE   card;
  gboolean      connected;
  DWORD         protocol;
  guint         generation;
  gboolean      in_transaction;

  gboolean      features_probed;
  guint32       verify_pin_direct;   /* 0: no PIN pad */
};

static void mado_pcsc_transport_iface_init (MadoCardTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoPcscTransport, mado_pcsc_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_CARD_TRANSPORT,
                                                      mado_pcsc_transport_iface_init))

/* ---- Part 10, pure --------------------------------------------------- */

/**
 * mado_pcsc_transport_find_feature:
 * @tlv: (array length=tlv_len) (nullable): the answer to CM_IOCTL_GET_FEATURE_REQUEST
 * @tag: the FEATURE_* tag looked for
 * @out_control_code: (out): its control code for SCardControl()
 *
 * The answer is a list of tag, length, 4-byte big-endian control code. The
 * reader's driver made it, so it is checked like any input: an entry whose
 * length runs past the end stops the search (nothing after it can be
 * trusted), and the feature counts only with a 4-byte, non-zero value.
 *
 * Returns: whether @tag was found
 */
gboolean
mado_pcsc_transport_find_feature (const guint8 *tlv,
                                  gsize         tlv_len,
                                  guint8        tag,
                                  guint32      *out_control_code)
{
  gsize pos = 0;

  g_return_val_if_fail (out_control_code != NULL, FALSE);

  while (tlv != NULL && pos < tlv_len)
    {
      guint8 entry_tag, entry_len;
      const guint8 *value;

      if (tlv_len - pos < 2)
        return FALSE;                 /* truncated header */
      entry_tag = tlv[pos];
      entry_len = tlv[pos + 1];
      if (entry_len > tlv_len - pos - 2)
        return FALSE;                 /* value runs past the end */
      value = tlv + pos + 2;

      if (entry_tag == tag)
        {
          guint32 code;

          if (entry_len != 4)
            return FALSE;
          code = ((guint32) value[0] << 24) | ((guint32) value[1] << 16) |
                 ((guint32) value[2] << 8) | value[3];
          if (code == 0)
            return FALSE;
          *out_control_code = code;
          return TRUE;
        }
      pos += 2 + (gsize) entry_len;
    }
  return FALSE;
}

/**
 * mado_pcsc_transport_build_verify_pin_direct:
 * @request: the VERIFY header and PIN length
 *
 * Builds pcsc-lite's PIN_VERIFY_STRUCTURE for a fixed-length ASCII PIN: the
 * reader collects exactly max_digits key presses (or a validation key),
 * writes them as ASCII bytes after Lc in the APDU
 * `CLA INS P1 P2 Lc <Lc placeholder bytes>`, and sends it. Multi-byte fields
 * are in host order, as the driver on this machine reads them.
 *
 * Returns: (transfer full): the structure's bytes, or %NULL with @error set
 *   for a request that cannot be expressed
 */
GByteArray *
mado_pcsc_transport_build_verify_pin_direct (const MadoPinPadRequest *request,
                                             GError                 **error)
{
  GByteArray *bytes;
  PIN_VERIFY_STRUCTURE header;
  guint8 apdu_header[5];
  guint8 timeout;

  g_return_val_if_fail (request != NULL, NULL);

  /* Lc is fixed, so the PIN length must be: no variable-length ASCII PIN
   * without padding rules, which JPKI does not have. */
  if (request->min_digits != request->max_digits ||
      request->max_digits == 0 || request->max_digits > PIN_PAD_MAX_DIGITS)
    {
      g_debug ("PIN pad: unsupported PIN length %u..%u",
               request->min_digits, request->max_digits);
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                           _("The PIN pad cannot be used for this PIN. Let the resident "
                             "type the PIN on the terminal instead."));
      return NULL;
    }
  timeout = (guint8) MIN (request->timeout_seconds, 255u);

  memset (&header, 0, sizeof header);
  header.bTimerOut = timeout;
  header.bTimerOut2 = timeout;
  header.bmFormatString = FORMAT_BYTES_ASCII;
  header.bmPINBlockString = request->max_digits;   /* no length field, block of max bytes */
  header.bmPINLengthFormat = 0x00;
  header.wPINMaxExtraDigit = HOST_TO_CCID_16 ((guint16) ((request->min_digits << 8) |
                                                        request->max_digits));
  header.bEntryValidationCondition = ENTRY_MAX_SIZE_OR_KEY;
  header.bNumberMessage = 0x01;
  header.wLangId = HOST_TO_CCID_16 (LANG_JAPANESE);
  header.bMsgIndex = 0x00;
  header.ulDataLength = HOST_TO_CCID_32 ((guint32) (sizeof apdu_header + request->max_digits));

  apdu_header[0] = request->cla;
  apdu_header[1] = request->ins;
  apdu_header[2] = request->p1;
  apdu_header[3] = request->p2;
  apdu_header[4] = request->max_digits;

  bytes = g_byte_array_sized_new (sizeof header + sizeof apdu_header + request->max_digits);
  g_byte_array_append (bytes, (const guint8 *) &header, sizeof header);
  g_byte_array_append (bytes, apdu_header, sizeof apdu_header);
  for (guint i = 0; i < request->max_digits; i++)
    {
      static const guint8 placeholder = 0xFF;

      g_byte_array_append (bytes, &placeholder, 1);
    }
  return bytes;
}

/* ---- Connection ------------------------------------------------------ */

static const SCARD_IO_REQUEST *
send_pci (MadoPcscTransport *self)
{
  return self->protocol == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
}

static void
disconnect (MadoPcscTransport *self,
            DWORD              disposition)
{
  LONG rv;

  if (!self->connected)
    return;
  rv = SCardDisconnect (self->card, disposition);
  if (rv != SCARD_S_SUCCESS)
    g_debug ("PC/SC: SCardDisconnect: %s", pcsc_stringify_error (rv));
  self->connected = FALSE;
  self->in_transaction = FALSE;
}

/* Through the context the transport already holds. */
static gboolean
connect_card (MadoPcscTransport *self,
              GError           **error)
{
  LONG rv;

  rv = SCardConnect (self->context, self->reader_name, SCARD_SHARE_SHARED,
                     SCARD_PROTOCOL_T1, &self->card, &self->protocol);
  if (rv == SCARD_E_PROTO_MISMATCH)
    rv = SCardConnect (self->context, self->reader_name, SCARD_SHARE_SHARED,
                       SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &self->card, &self->protocol);
  if (rv != SCARD_S_SUCCESS)
    return mado_pcsc_context_set_error (error, rv, FALSE, "SCardConnect");

  self->connected = TRUE;
  g_debug ("PC/SC: connected to “%s” with T=%d", self->reader_name,
           self->protocol == SCARD_PROTOCOL_T1 ? 1 : 0);
  return TRUE;
}

static gboolean
not_connected (GError **error)
{
  g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED,
                       _("The connection to the card was closed. Place the card on the "
                         "reader again and start over."));
  return FALSE;
}

/* Someone reset the card: reconnect, and make the caller start over — any
 * selected file and any verified PIN are gone with the reset. */
static gboolean
handle_reset (MadoPcscTransport *self,
              const char        *operation,
              GError           **error)
{
  DWORD protocol = 0;
  LONG rv;

  g_debug ("PC/SC: %s: card was reset; reconnecting", operation);
  self->in_transaction = FALSE;
  rv = SCardReconnect (self->card, SCARD_SHARE_SHARED,
                       SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD, &protocol);
  if (rv != SCARD_S_SUCCESS)
    {
      mado_pcsc_context_set_error (error, rv, TRUE, "SCardReconnect");
      disconnect (self, SCARD_LEAVE_CARD);
      return FALSE;
    }
  self->protocol = protocol;
  self->generation++;
  return mado_pcsc_context_set_error (error, SCARD_W_RESET_CARD, TRUE, operation);
}

/* A failure with no name of its own (SCARD_E_NOT_TRANSACTED, a comm error):
 * ask whether the card is still there before blaming the reader. */
static gboolean
fail (MadoPcscTransport *self,
      LONG               rv,
      const char        *operation,
      GError           **error)
{
  if (rv == SCARD_W_RESET_CARD)
    return handle_reset (self, operation, error);

  if (mado_pcsc_context_error_code (rv, TRUE) == MADO_CARD_ERROR_FAILED)
    {
      DWORD state = 0, protocol = 0, name_len = 0, atr_len = MAX_ATR_SIZE;
      BYTE atr[MAX_ATR_SIZE];
      LONG status_rv;

      g_debug ("PC/SC: %s: %s; asking the card's status", operation, pcsc_stringify_error (rv));
      status_rv = SCardStatus (self->card, NULL, &name_len, &state, &protocol, atr, &atr_len);
      if (status_rv != SCARD_S_SUCCESS)
        rv = status_rv;
      else if (state & SCARD_ABSENT)
        rv = SCARD_W_REMOVED_CARD;
    }
  return mado_pcsc_context_set_error (error, rv, TRUE, operation);
}

/* pcscd learns of a removal only at its next presence poll (vpcd: every
 * 400 ms), so a card that has just left may still be reported present. */
#define REMOVAL_NOTICE_MS 800

static gboolean
card_is_gone (MadoPcscTransport *self)
{
  DWORD state = 0, protocol = 0, name_len = 0, atr_len = MAX_ATR_SIZE;
  BYTE atr[MAX_ATR_SIZE];
  SCARD_READERSTATE reader = { 0 };
  LONG rv = SCardStatus (self->card, NULL, &name_len, &state, &protocol, atr, &atr_len);

  if (rv != SCARD_S_SUCCESS || (state & SCARD_ABSENT) != 0)
    return TRUE;

  reader.szReader = self->reader_name;
  reader.dwCurrentState = SCARD_STATE_UNAWARE;
  if (SCardGetStatusChange (self->context, 0, &reader, 1) != SCARD_S_SUCCESS)
    return TRUE;
  reader.dwCurrentState = reader.dwEventState;
  rv = SCardGetStatusChange (self->context, REMOVAL_NOTICE_MS, &reader, 1);
  if (rv == SCARD_E_TIMEOUT)
    return FALSE;
  return rv != SCARD_S_SUCCESS || (reader.dwEventState & SCARD_STATE_EMPTY) != 0;
}

/* ---- MadoCardTransport ----------------------------------------------- */

static gboolean
mado_pcsc_transport_transmit_raw (MadoCardTransport *transport,
                                  const guint8      *command,
                                  gsize              command_len,
                                  guint8            *response,
                                  gsize             *response_len,
                                  GError           **error)
{
  MadoPcscTransport *self = MADO_PCSC_TRANSPORT (transport);
  /* Room for a card that answers more than it may: that is reported, not
   * written past the caller's buffer. */
  guint8 buffer[MADO_APDU_MAX_RESPONSE + 16];
  DWORD len = sizeof buffer;
  gsize capacity = *response_len;
  LONG rv;

  if (!self->connected)
    return not_connected (error);

  rv = SCardTransmit (self->card, send_pci (self), command, (DWORD) command_len,
                      NULL, buffer, &len);
  if (rv != SCARD_S_SUCCESS)
    return fail (self, rv, "SCardTransmit", error);

  /* vpcd and some readers answer "success, no bytes" when the card leaves
   * in the middle of an APDU: that is a removal, not a damaged answer. */
  if (len < 2 && card_is_gone (self))
    return mado_pcsc_context_set_error (error, SCARD_W_REMOVED_CARD, TRUE, "SCardTransmit");

  if (len > capacity || len > sizeof buffer)
    {
      g_debug ("PC/SC: response of %lu bytes, room for %" G_GSIZE_FORMAT,
               (unsigned long) len, capacity);
      mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_RESPONSE);
      return FALSE;
    }
  memcpy (response, buffer, len);
  *response_len = len;
  return TRUE;
}

static gboolean
mado_pcsc_transport_begin_transaction (MadoCardTransport *transport,
                                       GError           **error)
{
  MadoPcscTransport *self = MADO_PCSC_TRANSPORT (transport);
  LONG rv;

  if (!self->connected)
    return not_connected (error);

  rv = SCardBeginTransaction (self->card);
  if (rv != SCARD_S_SUCCESS)
    return fail (self, rv, "SCardBeginTransaction", error);
  self->in_transaction = TRUE;
  return TRUE;
}

static void
mado_pcsc_transport_end_transaction (MadoCardTransport *transport)
{
  MadoPcscTransport *self = MADO_PCSC_TRANSPORT (transport);
  LONG rv;

  if (!self->connected || !self->in_transaction)
    return;
  self->in_transaction = FALSE;
  rv = SCardEndTransaction (self->card, SCARD_LEAVE_CARD);
  if (rv != SCARD_S_SUCCESS)
    g_debug ("PC/SC: SCardEndTransaction: %s", pcsc_stringify_error (rv));
}

static void
mado_pcsc_transport_power_down (MadoCardTransport *transport)
{
  MadoPcscTransport *self = MADO_PCSC_TRANSPORT (transport);

  if (self->connected)
    g_debug ("PC/SC: powering the card down");
  disconnect (self, SCARD_UNPOWER_CARD);
}

static void
probe_features (MadoPcscTransport *self)
{
  guint8 answer[256];
  DWORD len = 0;
  LONG rv;

  if (self->features_probed || !self->connected)
    return;
  self->features_probed = TRUE;

  rv = SCardControl (self->card, CM_IOCTL_GET_FEATURE_REQUEST, NULL, 0,
                     answer, sizeof answer, &len);
  if (rv != SCARD_S_SUCCESS)
    {
      g_debug ("PC/SC: no part 10 features: %s", pcsc_stringify_error (rv));
      return;
    }
  if (mado_pcsc_transport_find_feature (answer, MIN ((gsize) len, sizeof answer),
                                        FEATURE_VERIFY_PIN_DIRECT, &self->verify_pin_direct))
    g_debug ("PC/SC: reader has a PIN pad (VERIFY_PIN_DIRECT 0x%08X)", self->verify_pin_direct);
}

static gboolean
mado_pcsc_transport_has_pin_pad (MadoCardTransport *transport)
{
  MadoPcscTransport *self = MADO_PCSC_TRANSPORT (transport);

  probe_features (self);
  return self->verify_pin_direct != 0;
}

static gboolean
mado_pcsc_transport_verify_on_pin_pad (MadoCardTransport       *transport,
                                       const MadoPinPadRequest *request,
                                       guint16                 *out_sw,
                                       GError                 **error)
{
  MadoPcscTransport *self = MADO_PCSC_TRANSPORT (transport);
  g_autoptr(GByteArray) command = NULL;
  guint8 answer[MADO_APDU_MAX_RESPONSE];
  DWORD len = 0;
  guint16 sw;
  LONG rv;

  if (!self->connected)
    return not_connected (error);
  probe_features (self);
  if (self->verify_pin_direct == 0)
    {
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                           _("This reader has no PIN pad. Let the resident type the PIN "
                             "on the terminal instead."));
      return FALSE;
    }

  command = mado_pcsc_transport_build_verify_pin_direct (request, error);
  if (command == NULL)
    return FALSE;

  rv = SCardControl (self->card, self->verify_pin_direct, command->data, command->len,
                     answer, sizeof answer, &len);
  if (rv != SCARD_S_SUCCESS)
    return fail (self, rv, "SCardControl (VERIFY_PIN_DIRECT)", error);
  if (len != 2)
    {
      g_debug ("PC/SC: PIN pad answered %lu bytes instead of a status word", (unsigned long) len);
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_RESPONSE,
                           _("The PIN pad gave an answer that cannot be read. Let the "
                             "resident type the PIN on the terminal instead."));
      return FALSE;
    }

  sw = (guint16) ((answer[0] << 8) | answer[1]);
  if (sw == SW_PIN_PAD_TIMEOUT || sw == SW_PIN_PAD_CANCELLED)
    {
      g_debug ("PIN pad: %s", sw == SW_PIN_PAD_TIMEOUT ? "timed out" : "cancelled");
      mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_CANCELLED);
      return FALSE;
    }
  *out_sw = sw;
  return TRUE;
}

static guint
mado_pcsc_transport_get_generation (MadoCardTransport *transport)
{
  return MADO_PCSC_TRANSPORT (transport)->generation;
}

static void
mado_pcsc_transport_iface_init (MadoCardTransportInterface *iface)
{
  iface->transmit_raw = mado_pcsc_transport_transmit_raw;
  iface->begin_transaction = mado_pcsc_transport_begin_transaction;
  iface->end_transaction = mado_pcsc_transport_end_transaction;
  iface->power_down = mado_pcsc_transport_power_down;
  iface->has_pin_pad = mado_pcsc_transport_has_pin_pad;
  iface->verify_on_pin_pad = mado_pcsc_transport_verify_on_pin_pad;
  iface->get_generation = mado_pcsc_transport_get_generation;
}

/* ---- GObject --------------------------------------------------------- */

static void
mado_pcsc_transport_finalize (GObject *object)
{
  MadoPcscTransport *self = MADO_PCSC_TRANSPORT (object);

  /* A session that ends without power_down still leaves no verified state. */
  if (self->in_transaction)
    SCardEndTransaction (self->card, SCARD_LEAVE_CARD);
  disconnect (self, SCARD_UNPOWER_CARD);
  if (self->have_context)
    SCardReleaseContext (self->context);
  g_free (self->reader_name);

  G_OBJECT_CLASS (mado_pcsc_transport_parent_class)->finalize (object);
}

static void
mado_pcsc_transport_class_init (MadoPcscTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_pcsc_transport_finalize;
}

static void
mado_pcsc_transport_init (MadoPcscTransport *self)
{
}

/**
 * mado_pcsc_transport_new:
 * @reader_name: the PC/SC name of the reader holding the card
 *
 * Connects to the card (shared, T=1 preferred).
 *
 * Returns: (transfer full) (nullable): the transport, or %NULL with @error
 *   set (%MADO_CARD_ERROR_SERVICE_NOT_RUNNING, %MADO_CARD_ERROR_NO_CARD,
 *   %MADO_CARD_ERROR_READER_GONE, %MADO_CARD_ERROR_CARD_MUTE, …)
 */
MadoPcscTransport *
mado_pcsc_transport_new (const char *reader_name,
                         GError    **error)
{
  g_autoptr(MadoPcscTransport) self = NULL;

  g_return_val_if_fail (reader_name != NULL, NULL);

  self = g_object_new (MADO_TYPE_PCSC_TRANSPORT, NULL);
  if (!mado_pcsc_context_establish (&self->context, error))
    return NULL;
  self->have_context = TRUE;
  self->reader_name = g_strdup (reader_name);
  if (!connect_card (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * mado_pcsc_transport_open:
 * @pinned: (nullable): the reader staff pinned by name, or %NULL for automatic
 *
 * Chooses the reader as mado_pcsc_context_choose_reader_in() does and
 * connects to its card, both through the one PC/SC context the transport
 * then keeps: a card operation that starts with no reader named pays for
 * one connection to pcscd, not two.
 *
 * Returns: (transfer full) (nullable): the transport, or %NULL with @error
 *   set as by mado_pcsc_context_choose_reader_in() and
 *   mado_pcsc_transport_new()
 */
MadoPcscTransport *
mado_pcsc_transport_open (const char  *pinned,
                          GError     **error)
{
  g_autoptr(MadoPcscTransport) self = g_object_new (MADO_TYPE_PCSC_TRANSPORT, NULL);

  if (!mado_pcsc_context_establish (&self->context, error))
    return NULL;
  self->have_context = TRUE;
  self->reader_name = mado_pcsc_context_choose_reader_in (self->context, pinned, error);
  if (self->reader_name == NULL || !connect_card (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
mado_pcsc_transport_get_reader_name (MadoPcscTransport *self)
{
  g_return_val_if_fail (MADO_IS_PCSC_TRANSPORT (self), NULL);

  return self->reader_name;
}

/**
 * mado_pcsc_transport_get_protocol:
 *
 * Returns: 1 for T=1, 0 for T=0
 */
guint
mado_pcsc_transport_get_protocol (MadoPcscTransport *self)
{
  g_return_val_if_fail (MADO_IS_PCSC_TRANSPORT (self), 0);

  return self->protocol == SCARD_PROTOCOL_T1 ? 1 : 0;
}
