/* mado-reception-session.h — one visit at the desk: card → identity → consent → hub → store
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-card-transport.h"
#include "mado-certificate.h"
#include "mado-hub-client.h"
#include "mado-pin.h"
#include "mado-reception-error.h"
#include "mado-resident-bundle.h"
#include "mado-site-config.h"
#include "mado-store.h"

G_BEGIN_DECLS

/**
 * MadoReceptionState:
 * @MADO_RECEPTION_STATE_IDLE: no card read yet
 * @MADO_RECEPTION_STATE_READING_CARD: choosing the reader, reading the certificate and tries
 * @MADO_RECEPTION_STATE_CARD_READ: certificate and PIN tries known
 * @MADO_RECEPTION_STATE_AWAITING_PIN: the resident may type the PIN (visual too, if allowed)
 * @MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK: only a visual check is offered
 *   (the site allows no PIN, or the card's PIN is blocked)
 * @MADO_RECEPTION_STATE_PROVING: the identity proof is under way
 * @MADO_RECEPTION_STATE_AWAITING_CONSENT: identity proven; which categories to share?
 * @MADO_RECEPTION_STATE_CONFIRMING: asking the hub (or, offline, the cache)
 * @MADO_RECEPTION_STATE_CONFIRMED: the hub's fresh answer
 * @MADO_RECEPTION_STATE_CONFIRMED_OFFLINE: the cached bundle, identity checked at the desk
 * @MADO_RECEPTION_STATE_NO_CACHED_DATA: offline, and nothing is cached for this card
 * @MADO_RECEPTION_STATE_FAILED: the visit stopped; #MadoReceptionSession:error says why
 * @MADO_RECEPTION_STATE_FINISHED: the card is powered down, no PIN or proof is kept
 */
typedef enum {
  MADO_RECEPTION_STATE_IDLE,
  MADO_RECEPTION_STATE_READING_CARD,
  MADO_RECEPTION_STATE_CARD_READ,
  MADO_RECEPTION_STATE_AWAITING_PIN,
  MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK,
  MADO_RECEPTION_STATE_PROVING,
  MADO_RECEPTION_STATE_AWAITING_CONSENT,
  MADO_RECEPTION_STATE_CONFIRMING,
  MADO_RECEPTION_STATE_CONFIRMED,
  MADO_RECEPTION_STATE_CONFIRMED_OFFLINE,
  MADO_RECEPTION_STATE_NO_CACHED_DATA,
  MADO_RECEPTION_STATE_FAILED,
  MADO_RECEPTION_STATE_FINISHED,
} MadoReceptionState;

/**
 * MadoIdentityCheck:
 * @MADO_IDENTITY_CHECK_NONE: not checked (yet)
 * @MADO_IDENTITY_CHECK_PIN: the hub verified the card's signature over its challenge
 * @MADO_IDENTITY_CHECK_VISUAL: staff compared the face; the hub accepted the terminal's word
 * @MADO_IDENTITY_CHECK_PIN_LOCAL: the hub was unreachable; the terminal verified the card's
 *   signature and the certificate chain itself (revocation unknown)
 * @MADO_IDENTITY_CHECK_VISUAL_LOCAL: the hub was unreachable; staff compared the face and
 *   the terminal checked the certificate chain (revocation unknown)
 */
typedef enum {
  MADO_IDENTITY_CHECK_NONE,
  MADO_IDENTITY_CHECK_PIN,
  MADO_IDENTITY_CHECK_VISUAL,
  MADO_IDENTITY_CHECK_PIN_LOCAL,
  MADO_IDENTITY_CHECK_VISUAL_LOCAL,
} MadoIdentityCheck;

/**
 * MadoReceptionFreshness:
 * @offline: %TRUE when the bundle came from the cache, never a fresh confirmation
 * @confirmed_at: when the hub last confirmed this data (now, online; the fetch, offline)
 * @checked_at: when the identity was checked (this visit)
 * @age_seconds: @checked_at − @confirmed_at
 * @identity: how the identity was checked
 * @operator_id: (nullable): the staff member who made a visual check
 */
typedef struct {
  gboolean           offline;
  GDateTime         *confirmed_at;
  GDateTime         *checked_at;
  gint64             age_seconds;
  MadoIdentityCheck  identity;
  char              *operator_id;
} MadoReceptionFreshness;

#define MADO_TYPE_RECEPTION_SESSION (mado_reception_session_get_type ())
G_DECLARE_FINAL_TYPE (MadoReceptionSession, mado_reception_session, MADO, RECEPTION_SESSION, GObject)

MadoReceptionSession *mado_reception_session_new            (const MadoSiteConfig  *config,
                                                             MadoHubClient         *hub,
                                                             MadoStore             *store);
void                  mado_reception_session_set_transport  (MadoReceptionSession  *self,
                                                             MadoCardTransport     *transport);
void                  mado_reception_session_set_reader     (MadoReceptionSession  *self,
                                                             const char            *reader);
void                  mado_reception_session_set_operator   (MadoReceptionSession  *self,
                                                             const char            *operator_id);

MadoReceptionState    mado_reception_session_get_state      (MadoReceptionSession  *self);
const GError         *mado_reception_session_get_error      (MadoReceptionSession  *self);
MadoCertificate      *mado_reception_session_get_certificate (MadoReceptionSession *self);
guint                 mado_reception_session_get_tries_left (MadoReceptionSession  *self);
gboolean              mado_reception_session_uses_pin_pad   (MadoReceptionSession  *self);
MadoIdentityModes     mado_reception_session_get_offered_modes (MadoReceptionSession *self);
const MadoResidentBundle *mado_reception_session_get_bundle (MadoReceptionSession  *self);
const MadoReceptionFreshness *mado_reception_session_get_freshness (MadoReceptionSession *self);

gboolean mado_reception_session_read_card            (MadoReceptionSession  *self,
                                                      GError               **error);
void     mado_reception_session_read_card_async      (MadoReceptionSession  *self,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
gboolean mado_reception_session_read_card_finish     (MadoReceptionSession  *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

gboolean mado_reception_session_submit_pin           (MadoReceptionSession  *self,
                                                      MadoPin               *pin,
                                                      GError               **error);
void     mado_reception_session_submit_pin_async     (MadoReceptionSession  *self,
                                                      MadoPin               *pin,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
gboolean mado_reception_session_submit_pin_finish    (MadoReceptionSession  *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

gboolean mado_reception_session_confirm_visual       (MadoReceptionSession  *self,
                                                      const char            *operator_id,
                                                      GError               **error);
void     mado_reception_session_confirm_visual_async (MadoReceptionSession  *self,
                                                      const char            *operator_id,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
gboolean mado_reception_session_confirm_visual_finish (MadoReceptionSession *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

gboolean mado_reception_session_give_consent         (MadoReceptionSession  *self,
                                                      MadoHubConsent         consent,
                                                      GError               **error);
void     mado_reception_session_give_consent_async   (MadoReceptionSession  *self,
                                                      MadoHubConsent         consent,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
gboolean mado_reception_session_give_consent_finish  (MadoReceptionSession  *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

void     mado_reception_session_report_card_removed  (MadoReceptionSession  *self);
void     mado_reception_session_finish               (MadoReceptionSession  *self);

const char *mado_reception_state_to_string  (MadoReceptionState state);
const char *mado_identity_check_to_string   (MadoIdentityCheck  check);

G_END_DECLS
