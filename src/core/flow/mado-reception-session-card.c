/* mado-reception-session-card.c — the session's card: certificate, PIN tries, the signed proof
 *
 * Runs on the step's worker thread (mado-reception-session-steps.c): opens
 * the reader unless a transport was set, reads the user-authentication
 * certificate and the PIN tries left, and later has the card verify the PIN
 * and sign the proof's digest in one transaction.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-card-error.h"
#include "mado-error.h"
#include "mado-pcsc-context.h"
#include "mado-pcsc-transport.h"
#include "mado-reception-session-private.h"

/**
 * mado_reception_session_card_release:
 *
 * Powers the card down, once; a later signature opens it again.
 */
void
mado_reception_session_card_release (MadoReceptionSession *self)
{
  if (self->transport != NULL && !self->powered_down)
    mado_card_transport_power_down (self->transport);
  self->powered_down = TRUE;
}

static gboolean
open_card (MadoReceptionSession  *self,
           GError               **error)
{
  g_autoptr(MadoPcscTransport) transport = NULL;

  if (self->transport == NULL || self->own_transport)
    {
      if (self->reader_name == NULL)
        {
          const char *pinned = self->reader != NULL && *self->reader != '\0' ? self->reader : NULL;

          transport = mado_pcsc_transport_open (pinned, error);
          if (transport == NULL)
            return FALSE;
          self->reader_name = g_strdup (mado_pcsc_transport_get_reader_name (transport));
        }
      else
        {
          transport = mado_pcsc_transport_new (self->reader_name, error);
          if (transport == NULL)
            return FALSE;
        }
      g_set_object (&self->transport, MADO_CARD_TRANSPORT (transport));
      self->own_transport = TRUE;
    }
  g_clear_object (&self->jpki);
  self->jpki = mado_jpki_new (self->transport);
  self->powered_down = FALSE;
  /* From the reading to the proof, or until released, no other program
   * can use the card: the tries the resident is shown are the tries the
   * proof sends the PIN against, without asking the card again. */
  return mado_jpki_hold (self->jpki, error);
}

/* The cache keys its entries by the certificate's SHA-256 as bytes; the
 * certificate gives it as upper-case hex pairs joined by colons. */
static void
keep_fingerprint (MadoReceptionSession *self)
{
  const char *hex = mado_certificate_get_fingerprint_sha256 (self->certificate);

  g_assert (strlen (hex) == MADO_CACHE_FINGERPRINT_LEN * 3 - 1);
  for (gsize i = 0; i < MADO_CACHE_FINGERPRINT_LEN; i++)
    self->fingerprint[i] = (guint8) (g_ascii_xdigit_value (hex[3 * i]) << 4 |
                                     g_ascii_xdigit_value (hex[3 * i + 1]));
}

static gboolean
read_certificate (MadoReceptionSession  *self,
                  GError               **error)
{
  g_autoptr(GBytes) der = NULL;
  gsize len;
  const guint8 *data;

  if (!mado_jpki_select (self->jpki, error))
    return FALSE;
  der = mado_jpki_read_certificate (self->jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, error);
  if (der == NULL)
    return FALSE;
  data = g_bytes_get_data (der, &len);
  self->certificate = mado_certificate_new_from_der (data, len, error);
  if (self->certificate == NULL)
    return FALSE;
  keep_fingerprint (self);
  if (self->store != NULL)
    self->resident_key =
      mado_store_resident_key (self->store, mado_certificate_get_issuer (self->certificate),
                               mado_certificate_get_serial_hex (self->certificate));
  return TRUE;
}

static gboolean
query_tries (MadoReceptionSession  *self,
             GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  MadoJpkiPinStatus status = { FALSE, 0 };

  if (mado_jpki_query_pin (self->jpki, &status, &local_error))
    {
      self->tries_left = status.tries_left;
      return TRUE;
    }
  if (g_error_matches (local_error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED))
    {
      self->tries_left = 0;
      self->pin_blocked = TRUE;
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The identity check the card leads to: the PIN unless it is blocked or
 * the site allows none, else a visual check, else nothing the desk may do. */
static gboolean
offer_identity_check (MadoReceptionSession *self,
                      MadoReceptionStep    *step)
{
  if ((self->modes & MADO_IDENTITY_MODE_PIN) != 0 && !self->pin_blocked)
    {
      step->next = MADO_RECEPTION_STATE_AWAITING_PIN;
      step->reason = "pin offered";
      return TRUE;
    }
  if ((self->modes & MADO_IDENTITY_MODE_VISUAL) != 0)
    {
      step->next = MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK;
      step->reason = self->pin_blocked ? "pin blocked; visual check only" : "visual check only";
      return TRUE;
    }
  mado_reception_session_card_release (self);
  return mado_reception_session_steps_fail (
    step, MADO_RECEPTION_STATE_FAILED,
    g_error_new_literal (MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED,
                         _("The card's PIN is blocked and this desk may not "
                           "use visual checks. The resident must have the PIN "
                           "reset at the city office.")));
}

/**
 * mado_reception_session_card_read:
 *
 * The worker of the READ_CARD step: certificate and tries, then the
 * identity check to offer.
 */
gboolean
mado_reception_session_card_read (MadoReceptionSession *self,
                                  MadoReceptionStep    *step)
{
  GError *error = NULL;

  if (!open_card (self, &error) || !read_certificate (self, &error) ||
      !query_tries (self, &error))
    {
      mado_reception_session_audit (self, MADO_AUDIT_CARD_READ, MADO_AUDIT_FAILURE, NULL,
                                    mado_error_name (error));
      return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }
  mado_reception_session_audit (self, MADO_AUDIT_CARD_READ, MADO_AUDIT_SUCCESS, NULL,
                                self->pin_blocked ? "pin-blocked" : NULL);
  step->card_read = TRUE;
  self->pin_pad = mado_card_transport_has_pin_pad (self->transport);
  if (!mado_reception_session_identity_ask_hub (self, step))
    {
      mado_reception_session_card_release (self);
      return FALSE;
    }
  return offer_identity_check (self, step);
}

/* Where a refused signature leaves the visit: back at the PIN while the
 * resident may try again, else FAILED. Takes @error. */
static void
refuse_signature (MadoReceptionSession *self,
                  MadoReceptionStep    *step,
                  GError               *error,
                  guint                 tries_left)
{
  mado_reception_session_audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE, NULL,
                                mado_error_name (error));
  if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG) ||
      (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_TRIES_CHANGED) &&
       tries_left > 0))
    {
      self->tries_left = tries_left;
      mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_AWAITING_PIN, error);
      return;
    }
  /* Cancelled or timed out on the PIN pad: the card saw no VERIFY, so
   * no try was used; the tries were queried just before. */
  if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_CANCELLED))
    {
      if (tries_left > 0)
        self->tries_left = tries_left;
      mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_AWAITING_PIN, error);
      return;
    }
  if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED))
    {
      self->tries_left = 0;
      self->pin_blocked = TRUE;
    }
  mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);
}

/**
 * mado_reception_session_card_sign:
 * @digest: SHA-256 of the proof's signed bytes
 *
 * VERIFY with the step's PIN (dropped afterwards), then the signature over
 * @digest, checked against the certificate.
 *
 * Returns: (transfer full) (nullable): the signature; %NULL when the step
 *   failed (its next state and error are set)
 */
GBytes *
mado_reception_session_card_sign (MadoReceptionSession *self,
                                  MadoReceptionStep    *step,
                                  GBytes               *digest)
{
  g_autoptr(GBytes) signature = NULL;
  GError *error = NULL;
  guint tries_left = 0;

  if (self->powered_down && !open_card (self, &error))
    {
      mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);
      return NULL;
    }
  /* One transaction; the card is powered down afterwards, on failure too.
   * The card must still have the tries the resident was shown. */
  mado_jpki_set_expected_tries (self->jpki, self->tries_left);
  signature = mado_jpki_prove (self->jpki, self->certificate, g_bytes_get_data (digest, NULL),
                               g_bytes_get_size (digest), step->pin, &tries_left, &error);
  self->powered_down = TRUE;
  g_clear_pointer (&step->pin, mado_pin_free);
  if (signature == NULL)
    refuse_signature (self, step, error, tries_left);
  return g_steal_pointer (&signature);
}
