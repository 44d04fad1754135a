/* mado-reception-session-identity.c — proving who holds the card: PIN signature or visual check
 *
 * The PIN proof is the card's signature over the signed bytes of
 * docs/hub-api.md, made over the hub's challenge or, offline, over local
 * random bytes; the visual check is the staff member's word. The hub
 * judges either when the consent is given; when it cannot, the terminal
 * checks the certificate chain itself and revocation stays unknown.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/rand.h>

#include "mado-error.h"
#include "mado-reception-session-private.h"
#include "mado-store-error.h"

/**
 * mado_reception_session_identity_forget:
 *
 * Drops what no longer may exist once the visit is over.
 */
void
mado_reception_session_identity_forget (MadoReceptionSession *self)
{
  g_clear_pointer (&self->challenge, g_free);
  g_clear_pointer (&self->card_challenge, mado_hub_challenge_free);
  g_clear_pointer (&self->signed_bytes, g_bytes_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_clear_pointer (&self->visual_operator, g_free);
}

/* What staff must do when the terminal cannot trust the certificate itself. */
static const char *
untrusted_message (MadoCertificateVerdict verdict)
{
  switch (verdict)
    {
    case MADO_CERTIFICATE_VERDICT_INVALID:
      return _("The hub cannot be reached and the card's certificate was not issued by a "
               "trusted authority. Do not accept this card; ask for another identity document.");
    case MADO_CERTIFICATE_VERDICT_EXPIRED:
      return _("The hub cannot be reached and the card's certificate has expired. The "
               "resident must renew the certificate at the city office.");
    case MADO_CERTIFICATE_VERDICT_NOT_YET_VALID:
      return _("The hub cannot be reached and the card's certificate is not valid yet. "
               "Check the terminal's clock.");
    case MADO_CERTIFICATE_VERDICT_VALID:
    case MADO_CERTIFICATE_VERDICT_UNKNOWN:
    case MADO_CERTIFICATE_VERDICT_CHECK_FAILED:
    default:
      return _("The hub cannot be reached and the terminal cannot check the card's "
               "certificate itself (no usable trust anchors in the site configuration). "
               "Tell the administrator.");
    }
}

/**
 * mado_reception_session_identity_check_locally:
 *
 * The terminal's own verdict on the certificate, for when the hub cannot
 * give one. Revocation stays unknown.
 *
 * Returns: whether the certificate chains to a trust anchor today
 */
gboolean
mado_reception_session_identity_check_locally (MadoReceptionSession  *self,
                                               GError               **error)
{
  gint64 now_s = mado_reception_session_now (self) / G_USEC_PER_SEC;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (now_s);
  g_autoptr(GError) local_error = NULL;
  MadoCertificateVerdict verdict = MADO_CERTIFICATE_VERDICT_CHECK_FAILED;

  if (!mado_certificate_check_chain (self->certificate, self->trust_anchors, now, &verdict,
                                     &local_error) && local_error != NULL)
    g_debug ("session %u: local chain check: %s", self->id, local_error->message);
  g_debug ("session %u: local chain check: %s", self->id,
           mado_certificate_verdict_to_string (verdict));

  if (verdict == MADO_CERTIFICATE_VERDICT_VALID)
    return TRUE;
  g_set_error_literal (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_CERTIFICATE_NOT_TRUSTED,
                       untrusted_message (verdict));
  return FALSE;
}

/* The challenge asked for at the card read serves the identity step when
 * it is young: the resident then has as long for the consent as with a
 * fresh one. Both the terminal's monotonic clock and the hub's expiry
 * must agree, so that neither a clock step nor a short-lived challenge
 * cuts the consent short. */
#define CARD_CHALLENGE_REUSE_US     (15 * G_USEC_PER_SEC)
#define CARD_CHALLENGE_MIN_LEFT_US  (45 * G_USEC_PER_SEC)

static MadoHubChallenge *
take_card_challenge (MadoReceptionSession *self)
{
  g_autoptr(MadoHubChallenge) challenge = g_steal_pointer (&self->card_challenge);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (challenge == NULL ||
      g_get_monotonic_time () - self->card_challenge_us > CARD_CHALLENGE_REUSE_US ||
      g_date_time_difference (challenge->expires_at, now) < CARD_CHALLENGE_MIN_LEFT_US)
    return NULL;
  return g_steal_pointer (&challenge);
}

/* Asks the hub for a challenge, with the card's certificate for it to
 * judge. Returns FALSE with @error when the visit must stop; TRUE with
 * *@challenge NULL when the hub is offline. */
static gboolean
request_challenge (MadoReceptionSession  *self,
                   GCancellable          *cancellable,
                   MadoHubChallenge     **challenge,
                   GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  *challenge = NULL;
  if (self->hub == NULL)
    return TRUE;
  *challenge = take_card_challenge (self);
  if (*challenge != NULL)
    return TRUE;
  *challenge = mado_hub_client_request_challenge_for_card (
    self->hub, mado_certificate_get_der (self->certificate), cancellable, &local_error);
  if (*challenge != NULL)
    return TRUE;
  if (mado_error_means_offline (local_error))
    {
      g_info ("session %u: hub offline at the challenge (%s); proving locally", self->id,
              mado_error_name (local_error));
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Offline, only the cache can answer. Without an entry for this card the
 * visit cannot end well, so the PIN is not asked for, nor put to the card. */
static gboolean
cache_can_answer (MadoReceptionSession  *self,
                  MadoHubChallenge      *challenge,
                  GError               **error)
{
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;

  if (challenge != NULL)
    return TRUE;
  if (self->store != NULL)
    entry = mado_store_cache_lookup (self->store, self->resident_key, self->fingerprint,
                                     &local_error);
  /* A store failure is reported where the cache is read, as before. */
  if (entry != NULL ||
      (local_error != NULL &&
       !g_error_matches (local_error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND)))
    return TRUE;
  mado_error_set (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_NO_CACHED_DATA);
  return FALSE;
}

/* Fails the step when the hub gave no challenge and the terminal does not
 * trust the certificate either. */
static gboolean
check_offline_proof (MadoReceptionSession *self,
                     MadoReceptionStep    *step,
                     MadoHubChallenge     *challenge)
{
  GError *error = NULL;

  if (challenge != NULL || mado_reception_session_identity_check_locally (self, &error))
    return TRUE;
  mado_reception_session_audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE,
                                step->operator_id, mado_error_name (error));
  return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);
}

/* A refusal of the hub (its certificate, a malformed answer) may be an
 * impersonation: it is kept in the audit log, not only on the screen.
 * Takes @error. */
static gboolean
refuse_challenge (MadoReceptionSession *self,
                  MadoReceptionStep    *step,
                  GError               *error)
{
  mado_reception_session_audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE,
                                step->operator_id, mado_error_name (error));
  return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);
}

/**
 * mado_reception_session_identity_ask_hub:
 *
 * At the card read, before any PIN: asks the hub for a challenge with the
 * card's certificate. A card the hub refuses (revoked, expired, untrusted)
 * ends the visit here; any other answer leaves the judgement to the
 * identity step, as when the hub is offline.
 *
 * Returns: %FALSE when the step failed
 */
gboolean
mado_reception_session_identity_ask_hub (MadoReceptionSession *self,
                                         MadoReceptionStep    *step)
{
  GError *error = NULL;

  if (!request_challenge (self, step->cancellable, &self->card_challenge, &error))
    {
      if (!mado_error_refuses_card (error))
        {
          g_info ("session %u: no challenge at the card read (%s); asking again later",
                  self->id, mado_error_name (error));
          g_clear_error (&error);
          return TRUE;
        }
      return refuse_challenge (self, step, error);
    }
  /* Offline, the terminal's own verdict on the certificate comes first (a
   * card it does not trust is refused as such), then whether the cache
   * can answer at all; both before the PIN is asked for. */
  if (!check_offline_proof (self, step, self->card_challenge))
    return FALSE;
  if (!cache_can_answer (self, self->card_challenge, &error))
    return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_NO_CACHED_DATA, error);
  self->card_challenge_us = g_get_monotonic_time ();
  return TRUE;
}

static GBytes *
fresh_nonce (MadoReceptionSession *self)
{
  guint8 nonce[MADO_RECEPTION_NONCE_BYTES];

  if (self->local_nonce != NULL)
    return g_bytes_ref (self->local_nonce);
  if (RAND_bytes (nonce, sizeof nonce) != 1)
    g_error ("the random number generator failed");
  return g_bytes_new (nonce, sizeof nonce);
}

/* The signed bytes over the hub's challenge (or local random bytes when
 * there is none), and the digest the card signs. */
static gboolean
make_proof (MadoReceptionSession  *self,
            MadoHubChallenge      *challenge,
            GBytes               **message,
            GBytes               **digest,
            GError               **error)
{
  g_autoptr(GBytes) nonce = challenge != NULL ? g_bytes_ref (challenge->raw) : fresh_nonce (self);

  *message = mado_hub_proof_message (nonce, self->institution_code, self->terminal_id, error);
  if (*message == NULL)
    return FALSE;
  *digest = mado_hub_proof_digest (nonce, self->institution_code, self->terminal_id, error);
  return *digest != NULL;
}

/**
 * mado_reception_session_identity_prove_pin:
 *
 * The worker of the PIN step: challenge, the card's signature, and the
 * local chain check when the hub gave no challenge.
 */
gboolean
mado_reception_session_identity_prove_pin (MadoReceptionSession *self,
                                           MadoReceptionStep    *step)
{
  g_autoptr(MadoHubChallenge) challenge = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GBytes) digest = NULL;
  g_autoptr(GBytes) signature = NULL;
  GError *error = NULL;

  if (!request_challenge (self, step->cancellable, &challenge, &error))
    {
      mado_reception_session_card_release (self);
      return refuse_challenge (self, step, error);
    }
  /* The hub may have gone since the card was read. */
  if (!cache_can_answer (self, challenge, &error))
    {
      mado_reception_session_card_release (self);
      return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_NO_CACHED_DATA, error);
    }
  if (!make_proof (self, challenge, &message, &digest, &error))
    {
      mado_reception_session_card_release (self);
      return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }
  signature = mado_reception_session_card_sign (self, step, digest);
  if (signature == NULL || !check_offline_proof (self, step, challenge))
    return FALSE;

  self->challenge = challenge != NULL ? g_strdup (challenge->challenge) : NULL;
  self->signed_bytes = g_steal_pointer (&message);
  self->signature = g_steal_pointer (&signature);
  self->identity = challenge != NULL ? MADO_IDENTITY_CHECK_PIN : MADO_IDENTITY_CHECK_PIN_LOCAL;
  step->next = MADO_RECEPTION_STATE_AWAITING_CONSENT;
  step->reason = challenge != NULL ? "card signed the hub's challenge"
                                   : "card signed a local challenge; hub offline";
  return TRUE;
}

/**
 * mado_reception_session_identity_prove_visual:
 *
 * The worker of the VISUAL step: a challenge for the hub to judge the
 * staff member's word, or the local chain check when the hub gave none.
 */
gboolean
mado_reception_session_identity_prove_visual (MadoReceptionSession *self,
                                              MadoReceptionStep    *step)
{
  g_autoptr(MadoHubChallenge) challenge = NULL;
  GError *error = NULL;

  /* The card is not needed any more: nothing will be signed. */
  mado_reception_session_card_release (self);
  if (!request_challenge (self, step->cancellable, &challenge, &error))
    return refuse_challenge (self, step, error);
  if (!check_offline_proof (self, step, challenge))
    return FALSE;
  self->visual_operator = g_strdup (step->operator_id);
  self->challenge = challenge != NULL ? g_strdup (challenge->challenge) : NULL;
  self->identity = challenge != NULL ? MADO_IDENTITY_CHECK_VISUAL
                                     : MADO_IDENTITY_CHECK_VISUAL_LOCAL;
  step->next = MADO_RECEPTION_STATE_AWAITING_CONSENT;
  step->reason = challenge != NULL ? "visual check recorded" : "visual check recorded; hub offline";
  return TRUE;
}

/* The hub never saw the verification: the proof already in hand becomes a
 * local one. Takes @error. */
static gboolean
prove_locally (MadoReceptionSession *self,
               MadoReceptionStep    *step,
               GError               *error)
{
  g_info ("session %u: hub offline at the verification (%s); answering from the cache",
          self->id, mado_error_name (error));
  g_clear_error (&error);
  /* The card's signature over the hub's challenge is already checked
   * against the certificate: it is the local proof. */
  self->identity = self->signature != NULL ? MADO_IDENTITY_CHECK_PIN_LOCAL
                                           : MADO_IDENTITY_CHECK_VISUAL_LOCAL;
  if (mado_reception_session_identity_check_locally (self, &error))
    return TRUE;
  mado_reception_session_audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE,
                                self->visual_operator, mado_error_name (error));
  return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);
}

/* The hub refused the verification, or its answer was lost. Takes @error. */
static gboolean
refuse_verification (MadoReceptionSession *self,
                     MadoReceptionStep    *step,
                     GError               *error)
{
  mado_reception_session_audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE,
                                self->visual_operator, mado_error_name (error));
  if (g_error_matches (error, MADO_HUB_ERROR, MADO_HUB_ERROR_CHALLENGE_EXPIRED))
    {
      g_clear_error (&error);
      error = g_error_new_literal (MADO_HUB_ERROR, MADO_HUB_ERROR_CHALLENGE_EXPIRED,
                                   _("The identity check took longer than the hub allows. "
                                     "Take the card off the reader, place it again and "
                                     "start over."));
    }
  return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);
}

/**
 * mado_reception_session_identity_verify:
 * @verification: (out) (transfer full) (nullable): the hub's answer
 *
 * Sends the proof and the consent to the hub; the challenge is spent
 * whatever the answer was.
 *
 * Returns: %FALSE when the step failed; %TRUE with *@verification %NULL
 *   when the hub never got the request and the identity is checked locally
 */
gboolean
mado_reception_session_identity_verify (MadoReceptionSession  *self,
                                        MadoReceptionStep     *step,
                                        MadoHubVerification  **verification)
{
  MadoHubVerificationRequest request = { 0 };
  GError *error = NULL;

  request.challenge = self->challenge;
  request.certificate = mado_certificate_get_der (self->certificate);
  request.signature = self->signature;
  request.method = self->signature != NULL ? MADO_HUB_IDENTITY_PIN : MADO_HUB_IDENTITY_VISUAL;
  request.operator_id = self->visual_operator;
  request.consent = step->consent;
  *verification = mado_hub_client_verify (self->hub, &request, step->cancellable, &error);
  g_clear_pointer (&self->challenge, g_free);

  if (*verification != NULL)
    return TRUE;
  /* Once the verification may have reached the hub, the hub's answer is
   * the only one that counts: a timeout, a dropped connection or a 5xx
   * after sending could hide a refusal (a revoked card), so it ends the
   * visit instead of falling back to the cache. Only a connection that was
   * never made proves the hub did not judge this card. */
  if (mado_error_is_unsent (error))
    return prove_locally (self, step, error);
  return refuse_verification (self, step, error);
}
