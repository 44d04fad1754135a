/* mado-jpki.c — the JPKI application of the My Number Card
 *
 * Selecting the application and reading the user-authentication
 * certificate over any MadoCardTransport; the PIN and the identity proof
 * are in mado-jpki-proof.c. The APDUs and status words are those of
 * docs/card.md; every status word ends in a named MadoCardError, the raw
 * value goes to the debug log only.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-error.h"
#include "mado-jpki-private.h"

#define FID_TOKEN_INFO   0x0006
#define FID_AUTH_CERT    0x000A
#define FID_AUTH_CA_CERT 0x000B

#define TOKEN_LABEL_LEN 32

/* Each READ BINARY gives at least one byte, so this bounds the loop even
 * for a card that answers a byte at a time. */
#define MAX_READ_ROUNDS (MADO_JPKI_MAX_CERTIFICATE / 256 * 2 + 2)

static const guint8 jpki_aid[] = { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };

G_DEFINE_FINAL_TYPE (MadoJpki, mado_jpki, G_TYPE_OBJECT)

void
mado_jpki_set_card_reset (GError **error)
{
  g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_RESET,
                       _("Another program reset the card during the operation. The PIN "
                         "was not sent again; start the identity check again."));
}

static void
set_bad_certificate (GError    **error,
                     const char *why)
{
  g_debug ("certificate file rejected: %s", why);
  mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_CERTIFICATE);
}

static void
set_status_error (GError      **error,
                  MadoCardError code,
                  guint         tries_left)
{
  if (code != MADO_CARD_ERROR_PIN_WRONG)
    {
      mado_error_set (error, MADO_CARD_ERROR, code);
      return;
    }
  g_set_error (error, MADO_CARD_ERROR, code,
               g_dngettext (GETTEXT_PACKAGE,
                            "The PIN was wrong; %u try is left. Warn the resident "
                            "before trying again: with no tries left the card locks "
                            "until it is reset at the city office.",
                            "The PIN was wrong; %u tries are left. Ask the resident "
                            "to try again carefully.",
                            tries_left),
               tries_left);
}

/* One command through the transport, refusing to go on with a card that
 * was reset since the application was selected: whatever was selected or
 * verified is gone. */
gboolean
mado_jpki_send_apdu (MadoJpki     *self,
                     const guint8 *command,
                     gsize         command_len,
                     GByteArray   *out_data,
                     guint16      *out_sw,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (mado_card_transport_get_generation (self->transport) != self->generation)
    {
      self->selected = FALSE;
      mado_jpki_set_card_reset (error);
      return FALSE;
    }
  if (!mado_card_transport_transmit (self->transport, command, command_len,
                                     out_data, out_sw, &local_error))
    {
      /* The command may or may not have reached the card. */
      self->current_ef = 0;
      if (g_error_matches (local_error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_RESET))
        self->selected = FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (mado_card_transport_get_generation (self->transport) != self->generation)
    {
      g_debug ("card generation changed during INS %02X", command[1]);
      self->selected = FALSE;
      mado_jpki_set_card_reset (error);
      return FALSE;
    }
  return TRUE;
}

/* Whether what the card said under @transaction still holds: nothing but
 * this transport can have spoken to the card since. */
gboolean
mado_jpki_still_held (MadoJpki *self,
                      guint     transaction)
{
  return transaction != 0
         && transaction == mado_card_transport_get_transaction_id (self->transport);
}

/* SELECT FILE of an EF of the application, unless it is still the current
 * one: selected under the transaction that holds the card now. */
gboolean
mado_jpki_select_ef (MadoJpki *self,
                     guint16   fid,
                     GError  **error)
{
  const guint8 command[] = { 0x00, 0xA4, 0x02, 0x0C, 0x02, fid >> 8, fid & 0xFF };
  guint16 sw;

  if (self->current_ef == fid && mado_jpki_still_held (self, self->ef_transaction)
      && mado_card_transport_get_generation (self->transport) == self->generation)
    return TRUE;
  self->current_ef = 0;
  if (!mado_jpki_send_apdu (self, command, sizeof command, NULL, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    g_debug ("SELECT EF %04X answered %04X", fid, sw);
  if (!mado_jpki_check_status (sw, NULL, error))
    return FALSE;
  self->current_ef = fid;
  self->ef_transaction = mado_card_transport_get_transaction_id (self->transport);
  return TRUE;
}

static gboolean
read_binary (MadoJpki   *self,
             gsize       offset,
             gsize       length,
             GByteArray *out_data,
             GError    **error)
{
  const guint8 command[] = {
    0x00, 0xB0, (offset >> 8) & 0x7F, offset & 0xFF, length >= 256 ? 0x00 : (guint8) length,
  };
  guint16 sw;

  g_assert (offset <= 0x7FFF && length > 0 && length <= 256);

  if (!mado_jpki_send_apdu (self, command, sizeof command, out_data, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    g_debug ("READ BINARY at %" G_GSIZE_FORMAT " answered %04X", offset, sw);
  return mado_jpki_check_status (sw, NULL, error);
}

/* A phone's JPKI answers the same AID but wants the PIN before it hands
 * out the certificate: tell staff at once instead of failing later. */
static gboolean
check_token_label (MadoJpki *self,
                   GError  **error)
{
  g_autoptr(GByteArray) label = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;

  if (!mado_jpki_select_ef (self, FID_TOKEN_INFO, &local_error)
      || !read_binary (self, 0, TOKEN_LABEL_LEN, label, &local_error))
    {
      /* Not every card generation may carry the label: a missing file
       * says nothing about phones. */
      if (g_error_matches (local_error, MADO_CARD_ERROR, MADO_CARD_ERROR_FILE_NOT_FOUND))
        {
          g_debug ("no token label on this card");
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  text = label->len > 0 ? g_strndup ((const char *) label->data, MIN (label->len, (guint) TOKEN_LABEL_LEN))
                        : g_strdup ("");
  g_strchomp (text);
  if (g_str_has_prefix (text, "JPKIAPGPSETOKEN") || g_str_has_prefix (text, "JPKIAPIOSTOKEN"))
    {
      g_debug ("token label says this is a phone");
      mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PHONE_TOKEN);
      return FALSE;
    }
  if (!g_str_has_prefix (text, "JPKIAPICCTOKEN"))
    g_debug ("unfamiliar token label; treating the token as a card");
  return TRUE;
}

static GBytes *
read_file_once (MadoJpki *self,
                guint16   fid,
                GError  **error)
{
  g_autoptr(GByteArray) file = g_byte_array_new ();
  gsize total = 0;

  if (!self->selected && !mado_jpki_select (self, error))
    return NULL;
  if (!mado_jpki_select_ef (self, fid, error))
    return NULL;

  /* The first chunk carries the header; its length sizes the rest. */
  if (!read_binary (self, 0, 256, file, error))
    return NULL;
  if (!mado_jpki_parse_der_header (file->data, file->len, &total, error))
    return NULL;
  if (file->len > total)
    g_byte_array_set_size (file, total);

  for (guint round = 0; file->len < total; round++)
    {
      gsize before = file->len;
      gsize want = MIN ((gsize) 256, total - before);

      if (round >= MAX_READ_ROUNDS)
        {
          set_bad_certificate (error, "too many READ BINARY rounds");
          return NULL;
        }
      if (!read_binary (self, before, want, file, error))
        return NULL;
      if (file->len == before || file->len > before + want)
        {
          set_bad_certificate (error, "READ BINARY answered no data or more than asked");
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&file));
}

static void
mado_jpki_dispose (GObject *object)
{
  MadoJpki *self = MADO_JPKI (object);

  g_clear_object (&self->transport);

  G_OBJECT_CLASS (mado_jpki_parent_class)->dispose (object);
}

static void
mado_jpki_class_init (MadoJpkiClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mado_jpki_dispose;
}

static void
mado_jpki_init (MadoJpki *self)
{
}

/**
 * mado_jpki_new:
 * @transport: the connection to the card
 *
 * Returns: (transfer full): the JPKI application on that card; nothing is
 *   sent until a method is called
 */
MadoJpki *
mado_jpki_new (MadoCardTransport *transport)
{
  MadoJpki *self;

  g_return_val_if_fail (MADO_IS_CARD_TRANSPORT (transport), NULL);

  self = g_object_new (MADO_TYPE_JPKI, NULL);
  self->transport = g_object_ref (transport);
  self->generation = mado_card_transport_get_generation (transport);
  self->apdu_base = mado_card_transport_get_apdu_count (transport);
  return self;
}

/**
 * mado_jpki_select:
 * @self: a #MadoJpki
 * @error: return location for a #MadoCardError
 *
 * Selects the JPKI application by its AID — the only way a My Number Card
 * is recognised (contactless ATRs are made up by the reader) — and checks
 * the token label so that a smartphone is named as such.
 *
 * Returns: %TRUE for a My Number Card; %MADO_CARD_ERROR_NOT_MY_NUMBER_CARD
 *   or %MADO_CARD_ERROR_PHONE_TOKEN otherwise
 */
gboolean
mado_jpki_select (MadoJpki *self,
                  GError  **error)
{
  guint8 command[5 + sizeof jpki_aid] = { 0x00, 0xA4, 0x04, 0x0C, sizeof jpki_aid };
  guint16 sw;

  g_return_val_if_fail (MADO_IS_JPKI (self), FALSE);

  memcpy (command + 5, jpki_aid, sizeof jpki_aid);
  self->selected = FALSE;
  self->current_ef = 0;
  self->generation = mado_card_transport_get_generation (self->transport);

  if (!mado_jpki_send_apdu (self, command, sizeof command, NULL, &sw, error))
    return FALSE;
  /* 6F00 has been seen as the first answer after a power cycle. */
  if (sw == 0x6F00 && !mado_jpki_send_apdu (self, command, sizeof command, NULL, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    {
      g_debug ("SELECT of the JPKI application answered %04X", sw);
      mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NOT_MY_NUMBER_CARD);
      return FALSE;
    }
  self->selected = TRUE;
  if (!check_token_label (self, error))
    {
      self->selected = FALSE;
      return FALSE;
    }
  return TRUE;
}

/**
 * mado_jpki_hold:
 * @self: a #MadoJpki
 * @error: return location for a #MadoCardError
 *
 * Keeps the card for this application from now until the proof, or until
 * mado_card_transport_power_down(): a transaction that no other program
 * can break into. While it holds, nothing can select another file or spend
 * a PIN try behind the desk's back, so the proof neither selects EF 0018
 * again nor asks for the tries again; a reset of the card ends the hold,
 * and then both happen as without it. Call it before mado_jpki_select().
 *
 * Returns: %TRUE when the card is held
 */
gboolean
mado_jpki_hold (MadoJpki *self,
                GError  **error)
{
  g_return_val_if_fail (MADO_IS_JPKI (self), FALSE);

  return mado_card_transport_begin_transaction (self->transport, error);
}

/**
 * mado_jpki_read_certificate:
 * @self: a #MadoJpki
 * @file: which certificate
 * @error: return location for a #MadoCardError
 *
 * Reads a certificate file in READ BINARY chunks of at most 256 bytes,
 * sized by its checked DER header; the filler after the certificate is not
 * read. Selects the application first when needed. When the card is reset
 * during the reading, the application is selected again and the file read
 * once more; a second reset is reported.
 *
 * Returns: (transfer full) (nullable): exactly the certificate's DER bytes
 */
GBytes *
mado_jpki_read_certificate (MadoJpki    *self,
                            MadoJpkiFile file,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint16 fid;
  GBytes *bytes;

  g_return_val_if_fail (MADO_IS_JPKI (self), NULL);

  switch (file)
    {
    case MADO_JPKI_FILE_AUTH_CERTIFICATE:
      fid = FID_AUTH_CERT;
      break;
    case MADO_JPKI_FILE_AUTH_CA_CERTIFICATE:
      fid = FID_AUTH_CA_CERT;
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  bytes = read_file_once (self, fid, &local_error);
  if (bytes == NULL && g_error_matches (local_error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_RESET))
    {
      g_debug ("card reset while reading EF %04X; selecting again", fid);
      g_clear_error (&local_error);
      if (mado_jpki_select (self, &local_error))
        bytes = read_file_once (self, fid, &local_error);
    }
  if (bytes == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return bytes;
}

/**
 * mado_jpki_get_apdu_count:
 * @self: a #MadoJpki
 *
 * Returns: the APDUs sent to the card since @self was made (GET RESPONSE,
 *   resends and PIN-pad VERIFY included)
 */
guint
mado_jpki_get_apdu_count (MadoJpki *self)
{
  g_return_val_if_fail (MADO_IS_JPKI (self), 0);

  return mado_card_transport_get_apdu_count (self->transport) - self->apdu_base;
}

/**
 * mado_jpki_parse_der_header:
 * @data: (array length=data_len): the first bytes of a certificate file
 * @data_len: how many were read
 * @out_total: (out): the certificate's whole length, header included
 * @error: return location for %MADO_CARD_ERROR_BAD_CERTIFICATE
 *
 * A certificate file starts with `30 82 hi lo`: a SEQUENCE with a two-byte
 * length. Anything else, fewer than four bytes, a length DER would write
 * shorter, or a total over %MADO_JPKI_MAX_CERTIFICATE is refused.
 *
 * Returns: %TRUE with @out_total set
 */
gboolean
mado_jpki_parse_der_header (const guint8 *data,
                            gsize         data_len,
                            gsize        *out_total,
                            GError      **error)
{
  gsize content;

  g_return_val_if_fail (out_total != NULL, FALSE);

  if (data == NULL || data_len < 4)
    {
      set_bad_certificate (error, "fewer than 4 header bytes");
      return FALSE;
    }
  if (data[0] != 0x30 || data[1] != 0x82)
    {
      set_bad_certificate (error, "not a SEQUENCE with a two-byte length");
      return FALSE;
    }
  content = (gsize) data[2] << 8 | data[3];
  if (content < 0x100)
    {
      set_bad_certificate (error, "length not in DER's shortest form");
      return FALSE;
    }
  if (content + 4 > MADO_JPKI_MAX_CERTIFICATE)
    {
      set_bad_certificate (error, "longer than any certificate");
      return FALSE;
    }
  *out_total = content + 4;
  return TRUE;
}

/**
 * mado_jpki_check_status:
 * @sw: a status word from the JPKI application
 * @out_tries_left: (out) (optional): for a wrong PIN, the tries left
 *   (0 when blocked); untouched otherwise
 * @error: return location for the #MadoCardError @sw stands for
 *
 * 9000 is success. 63Cx (x > 0) is %MADO_CARD_ERROR_PIN_WRONG; 63C0, 6983
 * and 6984 %MADO_CARD_ERROR_PIN_BLOCKED; 6982 %MADO_CARD_ERROR_NOT_VERIFIED;
 * 6A82 %MADO_CARD_ERROR_FILE_NOT_FOUND; 6700
 * %MADO_CARD_ERROR_WRONG_LENGTH; 6A86 and 6B00
 * %MADO_CARD_ERROR_WRONG_PARAMETERS; 6985
 * %MADO_CARD_ERROR_CONDITIONS_NOT_SATISFIED; anything else
 * %MADO_CARD_ERROR_UNEXPECTED_STATUS (the value goes to the debug log).
 *
 * Returns: %TRUE for 9000
 */
gboolean
mado_jpki_check_status (guint16  sw,
                        guint   *out_tries_left,
                        GError **error)
{
  MadoCardError code;
  guint tries_left = 0;

  if (sw == 0x9000)
    return TRUE;

  if ((sw & 0xFFF0) == 0x63C0)
    {
      tries_left = sw & 0x000F;
      code = tries_left > 0 ? MADO_CARD_ERROR_PIN_WRONG : MADO_CARD_ERROR_PIN_BLOCKED;
    }
  else
    {
      switch (sw)
        {
        case 0x6983:
        case 0x6984:
          code = MADO_CARD_ERROR_PIN_BLOCKED;
          break;
        case 0x6982:
          code = MADO_CARD_ERROR_NOT_VERIFIED;
          break;
        case 0x6A82:
          code = MADO_CARD_ERROR_FILE_NOT_FOUND;
          break;
        case 0x6700:
          code = MADO_CARD_ERROR_WRONG_LENGTH;
          break;
        case 0x6A86:
        case 0x6B00:
          code = MADO_CARD_ERROR_WRONG_PARAMETERS;
          break;
        case 0x6985:
          code = MADO_CARD_ERROR_CONDITIONS_NOT_SATISFIED;
          break;
        default:
          g_debug ("unexpected status word %04X", sw);
          code = MADO_CARD_ERROR_UNEXPECTED_STATUS;
          break;
        }
    }

  if (out_tries_left != NULL
      && (code == MADO_CARD_ERROR_PIN_WRONG || code == MADO_CARD_ERROR_PIN_BLOCKED))
    *out_tries_left = tries_left;
  set_status_error (error, code, tries_left);
  return FALSE;
}
