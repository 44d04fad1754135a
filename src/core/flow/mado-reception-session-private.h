/* mado-reception-session-private.h — the session's instance struct, its steps, shared helpers
 *
 * The session is one GObject spread over five files: the type, its
 * properties and public API (mado-reception-session.c), the transition
 * table that runs the steps (-steps.c), the card (-card.c), the identity
 * proof (-identity.c) and the answer (-answer.c). Nothing here is for the
 * app; the unit tests use mado_reception_session_set_local_nonce() only.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-hub-proof.h"
#include "mado-jpki.h"
#include "mado-reception-session.h"
#include "mado-store-audit.h"
#include "mado-store-cache.h"

G_BEGIN_DECLS

#define MADO_RECEPTION_NONCE_BYTES MADO_HUB_CHALLENGE_BYTES

struct _MadoReceptionSession
{
  GObject             parent_instance;

  guint               id;
  char               *institution_code;
  char               *terminal_id;
  char               *trust_anchors;
  char               *reader;
  MadoIdentityModes   modes;
  char               *operator_id;
  MadoHubClient      *hub;
  MadoStore          *store;

  MadoReceptionState  state;
  GError             *error;
  gboolean            busy;
  gint                removed;       /* atomic: the card left during a step */
  GCancellable       *cancellable;

  MadoCardTransport  *transport;
  gboolean            own_transport; /* opened here, so reopened after a power-down */
  gboolean            powered_down;
  char               *reader_name;
  MadoJpki           *jpki;
  MadoCertificate    *certificate;
  guint8              fingerprint[MADO_CACHE_FINGERPRINT_LEN];
  char               *resident_key;  /* nullable: only with a store */
  guint               tries_left;
  gboolean            pin_blocked;
  gboolean            pin_pad;       /* the reader verifies the PIN itself */

  MadoIdentityCheck   identity;
  char               *visual_operator;
  char               *challenge;     /* the hub's, as issued; NULL when proven locally */
  MadoHubChallenge   *card_challenge; /* issued at the card read, the certificate judged */
  gint64              card_challenge_us; /* monotonic: when it came */
  GBytes             *signed_bytes;  /* what the card signed */
  GBytes             *signature;
  GBytes             *local_nonce;   /* tests only */

  MadoResidentBundle *bundle;
  MadoReceptionFreshness freshness;
};

/* What the desk asked for; one row each in the transition table (-steps.c). */
typedef enum {
  MADO_RECEPTION_STEP_READ_CARD,
  MADO_RECEPTION_STEP_PIN,
  MADO_RECEPTION_STEP_VISUAL,
  MADO_RECEPTION_STEP_CONSENT,
} MadoReceptionStepKind;

/* One step: the desk's input, then the worker's outcome. */
typedef struct {
  MadoReceptionStepKind kind;
  MadoPin              *pin;
  char                 *operator_id;
  MadoHubConsent        consent;
  GCancellable         *cancellable;

  /* the outcome, filled by the worker */
  gboolean              card_read;   /* pass through CARD_READ */
  MadoReceptionState    next;
  GError               *error;
  const char           *reason;
} MadoReceptionStep;

/* The 32 bytes the card signs when the hub cannot give a challenge, instead
 * of fresh random ones: a scripted card must know the digest beforehand. */
void mado_reception_session_set_local_nonce (MadoReceptionSession *self,
                                             GBytes               *nonce);

/* mado-reception-session.c */
void     mado_reception_session_transition        (MadoReceptionSession *self,
                                                   MadoReceptionState    next,
                                                   const char           *reason);
void     mado_reception_session_set_error         (MadoReceptionSession *self,
                                                   const GError         *error);
void     mado_reception_session_notify_card       (MadoReceptionSession *self);
gint64   mado_reception_session_now               (MadoReceptionSession *self);
void     mado_reception_session_audit             (MadoReceptionSession *self,
                                                   MadoAuditAction       action,
                                                   MadoAuditOutcome      outcome,
                                                   const char           *operator_id,
                                                   const char           *detail);

/* mado-reception-session-steps.c */
MadoReceptionStep *mado_reception_session_steps_new    (MadoReceptionStepKind kind);
void     mado_reception_session_steps_free        (MadoReceptionStep    *step);
gboolean mado_reception_session_steps_fail        (MadoReceptionStep    *step,
                                                   MadoReceptionState    next,
                                                   GError               *error);
gboolean mado_reception_session_steps_run         (MadoReceptionSession *self,
                                                   MadoReceptionStep    *step,
                                                   GError              **error);
void     mado_reception_session_steps_run_async   (MadoReceptionSession *self,
                                                   MadoReceptionStep    *step,
                                                   gpointer              source_tag,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean mado_reception_session_steps_finish      (MadoReceptionSession *self,
                                                   GAsyncResult         *result,
                                                   gpointer              source_tag,
                                                   GError              **error);
gboolean mado_reception_session_steps_is_result   (MadoReceptionState    state);
GError  *mado_reception_session_steps_card_removed_error (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoReceptionStep, mado_reception_session_steps_free)

/* mado-reception-session-card.c */
void     mado_reception_session_card_release      (MadoReceptionSession *self);
gboolean mado_reception_session_card_read         (MadoReceptionSession *self,
                                                   MadoReceptionStep    *step);
GBytes  *mado_reception_session_card_sign         (MadoReceptionSession *self,
                                                   MadoReceptionStep    *step,
                                                   GBytes               *digest);

/* mado-reception-session-identity.c */
void     mado_reception_session_identity_forget   (MadoReceptionSession *self);
gboolean mado_reception_session_identity_prove_pin (MadoReceptionSession *self,
                                                    MadoReceptionStep    *step);
gboolean mado_reception_session_identity_prove_visual (MadoReceptionSession *self,
                                                       MadoReceptionStep    *step);
gboolean mado_reception_session_identity_ask_hub (MadoReceptionSession *self,
                                                  MadoReceptionStep    *step);
gboolean mado_reception_session_identity_check_locally (MadoReceptionSession  *self,
                                                        GError               **error);
gboolean mado_reception_session_identity_verify   (MadoReceptionSession *self,
                                                   MadoReceptionStep    *step,
                                                   MadoHubVerification **verification);

/* mado-reception-session-answer.c */
void     mado_reception_session_answer_forget     (MadoReceptionSession *self);
gboolean mado_reception_session_answer_consent    (MadoReceptionSession *self,
                                                   MadoReceptionStep    *step);

G_END_DECLS
