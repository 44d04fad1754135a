/* mado-jpki-proof.c — the JPKI application's PIN and identity proof: tries query, VERIFY, signature
 *
 * PIN rules: the PIN is validated before anything is sent; VERIFY goes out
 * only after the tries query in the same transaction said the PIN is not
 * blocked (the transaction may be the hold of mado_jpki_hold(), begun
 * before the card was read); a PIN is never re-sent by this code, not
 * even after a reset.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <string.h>

#include "mado-jpki-private.h"

#define FID_AUTH_KEY     0x0017
#define FID_AUTH_PIN     0x0018

#define PIN_PAD_TIMEOUT_SECONDS 30

/* DER of DigestInfo { sha256, NULL } up to the 32-byte OCTET STRING. */
static const guint8 sha256_digest_info_prefix[] = {
  0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
  0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};

static gboolean
query_pin_once (MadoJpki          *self,
                MadoJpkiPinStatus *out_status,
                GError           **error)
{
  static const guint8 tries_query[] = { 0x00, 0x20, 0x00, 0x80 };
  guint16 sw;

  if (!self->selected && !mado_jpki_select (self, error))
    return FALSE;
  if (!mado_jpki_select_ef (self, FID_AUTH_PIN, error))
    return FALSE;
  if (!mado_jpki_send_apdu (self, tries_query, sizeof tries_query, NULL, &sw, error))
    return FALSE;

  out_status->verified = (sw == 0x9000);
  out_status->tries_left = 0;
  if (sw == 0x9000)
    g_debug ("the card reports the PIN as already verified");
  else if ((sw & 0xFFF0) == 0x63C0 && (sw & 0x000F) > 0)
    out_status->tries_left = sw & 0x000F;
  if (out_status->verified || out_status->tries_left > 0)
    {
      self->tries = *out_status;
      self->tries_transaction = mado_card_transport_get_transaction_id (self->transport);
      return TRUE;
    }
  g_debug ("tries query answered %04X", sw);
  if (mado_jpki_check_status (sw, NULL, error))
    {
      /* Only 9000 passes check_status, and 9000 was handled above. */
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
verify_pin (MadoJpki      *self,
            const MadoPin *pin,
            guint         *out_tries_left,
            GError       **error)
{
  guint8 command[5 + MADO_PIN_DIGITS] = { 0x00, 0x20, 0x00, 0x80, MADO_PIN_DIGITS };
  guint16 sw = 0;
  gboolean sent;

  if (!mado_pin_copy_digits (pin, command + 5, MADO_PIN_DIGITS, error))
    return FALSE;
  sent = mado_jpki_send_apdu (self, command, sizeof command, NULL, &sw, error);
  OPENSSL_cleanse (command, sizeof command);
  if (!sent)
    return FALSE;
  if (sw != 0x9000)
    g_debug ("VERIFY answered %04X", sw);
  return mado_jpki_check_status (sw, out_tries_left, error);
}

static gboolean
verify_on_pin_pad (MadoJpki *self,
                   guint    *out_tries_left,
                   GError  **error)
{
  const MadoPinPadRequest request = {
    .cla = 0x00, .ins = 0x20, .p1 = 0x00, .p2 = 0x80,
    .min_digits = MADO_PIN_DIGITS, .max_digits = MADO_PIN_DIGITS,
    .timeout_seconds = PIN_PAD_TIMEOUT_SECONDS,
  };
  guint16 sw = 0;

  if (mado_card_transport_get_generation (self->transport) != self->generation)
    {
      mado_jpki_set_card_reset (error);
      return FALSE;
    }
  if (!mado_card_transport_verify_on_pin_pad (self->transport, &request, &sw, error))
    return FALSE;
  if (sw != 0x9000)
    g_debug ("PIN-pad VERIFY answered %04X", sw);
  return mado_jpki_check_status (sw, out_tries_left, error);
}

/* Has the card sign the SHA-256 DigestInfo of @digest with the
 * user-authentication key (EF 0017; the PIN must have been verified), then
 * checks the signature with @certificate's public key before handing it
 * out: the %MADO_JPKI_SIGNATURE_LEN-byte signature, or %NULL. */
static GBytes *
sign_sha256 (MadoJpki        *self,
             MadoCertificate *certificate,
             const guint8    *digest,
             GError         **error)
{
  guint8 command[5 + sizeof sha256_digest_info_prefix + MADO_JPKI_DIGEST_LEN + 1] = {
    0x80, 0x2A, 0x00, 0x80, sizeof sha256_digest_info_prefix + MADO_JPKI_DIGEST_LEN,
  };
  g_autoptr(GByteArray) signature = g_byte_array_new ();
  guint16 sw;

  memcpy (command + 5, sha256_digest_info_prefix, sizeof sha256_digest_info_prefix);
  memcpy (command + 5 + sizeof sha256_digest_info_prefix, digest, MADO_JPKI_DIGEST_LEN);
  command[sizeof command - 1] = 0x00;   /* Le: the whole 256-byte signature */

  if (!mado_jpki_select_ef (self, FID_AUTH_KEY, error))
    return NULL;
  if (!mado_jpki_send_apdu (self, command, sizeof command, signature, &sw, error))
    return NULL;
  if (sw != 0x9000)
    {
      g_debug ("SIGN answered %04X", sw);
      mado_jpki_check_status (sw, NULL, error);
      return NULL;
    }
  if (!mado_certificate_verify_sha256 (certificate, digest, MADO_JPKI_DIGEST_LEN,
                                       signature->data, signature->len, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&signature));
}

/* The steps of a proof between begin and end of the transaction. */
static GBytes *
prove_in_transaction (MadoJpki        *self,
                      MadoCertificate *certificate,
                      const guint8    *digest,
                      const MadoPin   *pin,
                      guint           *out_tries_left,
                      GError         **error)
{
  MadoJpkiPinStatus status = { 0 };
  gboolean verified;

  if (mado_jpki_still_held (self, self->tries_transaction))
    {
      /* Queried under the transaction that still holds the card: no other
       * program can have spent a try since. EF 0018 is selected again
       * only if something else was selected after the query. */
      status = self->tries;
      if (!mado_jpki_select_ef (self, FID_AUTH_PIN, error))
        return NULL;
    }
  else if (!query_pin_once (self, &status, error))
    {
      if (g_error_matches (*error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED))
        *out_tries_left = 0;
      return NULL;
    }
  /* "Already verified" proves nothing about the person at the desk: the
   * PIN is verified again, which a verified card does not refuse. */
  *out_tries_left = status.tries_left;

  /* Another program, or a VERIFY in flight when a card was pulled, may have
   * used a try since the count was shown. Sending now could spend the last
   * try without the warning the desk owes the resident. */
  if (!status.verified && self->expected_tries > 0 && status.tries_left < self->expected_tries)
    {
      g_debug ("tries left %u, shown %u: not verifying", status.tries_left, self->expected_tries);
      g_set_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_TRIES_CHANGED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The card now has only %u PIN try left, fewer than shown. "
                                "Nothing was sent: tell the resident before they type again.",
                                "The card now has only %u PIN tries left, fewer than shown. "
                                "Nothing was sent: tell the resident before they type again.",
                                status.tries_left),
                   status.tries_left);
      return NULL;
    }

  /* Whatever the card answers, the tries it had are history now. */
  self->tries_transaction = 0;
  if (pin != NULL)
    verified = verify_pin (self, pin, out_tries_left, error);
  else
    verified = verify_on_pin_pad (self, out_tries_left, error);
  if (!verified)
    return NULL;

  return sign_sha256 (self, certificate, digest, error);
}

/**
 * mado_jpki_query_pin:
 * @self: a #MadoJpki
 * @out_status: (out caller-allocates): tries left, or already verified
 * @error: return location for a #MadoCardError
 *
 * Asks how many PIN tries are left without using one (VERIFY with no
 * data). A blocked PIN is %MADO_CARD_ERROR_PIN_BLOCKED. Like reading, this
 * survives one reset of the card.
 *
 * Returns: %TRUE when the PIN can still be tried (or is verified)
 */
gboolean
mado_jpki_query_pin (MadoJpki          *self,
                     MadoJpkiPinStatus *out_status,
                     GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (MADO_IS_JPKI (self), FALSE);
  g_return_val_if_fail (out_status != NULL, FALSE);

  ok = query_pin_once (self, out_status, &local_error);
  if (!ok && g_error_matches (local_error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_RESET))
    {
      g_debug ("card reset during the tries query; selecting again");
      g_clear_error (&local_error);
      ok = mado_jpki_select (self, &local_error)
           && query_pin_once (self, out_status, &local_error);
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

/**
 * mado_jpki_prove:
 * @self: a #MadoJpki
 * @certificate: the user-authentication certificate read from this card
 * @digest: (array length=digest_len): the SHA-256 hash to sign
 * @digest_len: %MADO_JPKI_DIGEST_LEN
 * @pin: (nullable): the PIN typed at the terminal, or %NULL to let the
 *   resident type it on the reader's PIN pad
 * @out_tries_left: (out) (optional): after a wrong PIN, the tries left
 *   (0 once blocked)
 * @error: return location for a #MadoCardError
 *
 * The identity proof, inside one transaction: tries query, VERIFY (only
 * when the query says the PIN is not blocked), signature, check of the
 * signature. Under mado_jpki_hold(), a tries query made since the hold
 * began stands in for the first step, and EF 0018, if still selected, is
 * not selected again. Then the card is powered down, on failure too, so
 * that no verified state survives and the hold ends. A malformed PIN fails with
 * %MADO_CARD_ERROR_PIN_FORMAT before anything is sent. A reset of the card
 * during the proof ends it with %MADO_CARD_ERROR_CARD_RESET: the PIN is
 * never sent a second time by this function.
 *
 * Returns: (transfer full) (nullable): the verified signature
 */
GBytes *
mado_jpki_prove (MadoJpki        *self,
                 MadoCertificate *certificate,
                 const guint8    *digest,
                 gsize            digest_len,
                 const MadoPin   *pin,
                 guint           *out_tries_left,
                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  guint tries_left = 0;
  GBytes *signature = NULL;

  g_return_val_if_fail (MADO_IS_JPKI (self), NULL);
  g_return_val_if_fail (MADO_IS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (digest != NULL && digest_len == MADO_JPKI_DIGEST_LEN, NULL);

  if (pin != NULL && !mado_pin_validate (pin, error))
    return NULL;
  if (pin == NULL && !mado_card_transport_has_pin_pad (self->transport))
    {
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT,
                           _("No PIN was entered and this reader has no PIN pad. Nothing "
                             "was sent to the card."));
      return NULL;
    }

  if (mado_card_transport_begin_transaction (self->transport, &local_error))
    {
      if (self->selected || mado_jpki_select (self, &local_error))
        signature = prove_in_transaction (self, certificate, digest, pin,
                                          &tries_left, &local_error);
      mado_card_transport_end_transaction (self->transport);
    }
  mado_card_transport_power_down (self->transport);
  self->selected = FALSE;

  if (out_tries_left != NULL)
    *out_tries_left = tries_left;
  if (signature == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return signature;
}

/**
 * mado_jpki_set_expected_tries:
 * @tries: the PIN tries left that the resident was shown, or 0 to not check
 *
 * A later mado_jpki_prove() refuses to send the PIN
 * (%MADO_CARD_ERROR_TRIES_CHANGED) when the card reports fewer tries than
 * this inside the proof's transaction.
 */
void
mado_jpki_set_expected_tries (MadoJpki *self,
                              guint     tries)
{
  g_return_if_fail (MADO_IS_JPKI (self));

  self->expected_tries = tries;
}
