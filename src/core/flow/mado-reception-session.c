/* mado-reception-session.c — one visit at the desk: card → identity → consent → hub → store
 *
 * The type, its properties and signals, and the public steps. The steps run
 * through the transition table of mado-reception-session-steps.c; their
 * workers live in -card.c, -identity.c and -answer.c. docs/flow.md has the
 * states and transitions.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-core-enums.h"
#include "mado-error.h"
#include "mado-log.h"
#include "mado-reception-session-private.h"

G_DEFINE_FINAL_TYPE (MadoReceptionSession, mado_reception_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  PROP_TRIES_LEFT,
  PROP_OFFERED_MODES,
  N_PROPS
};

enum {
  STATE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static guint last_session_id;

/* -- names ------------------------------------------------------------------- */

/**
 * mado_reception_state_to_string:
 *
 * Returns: the state's stable kebab-case name (logs, JSON, docs/flow.md)
 */
const char *
mado_reception_state_to_string (MadoReceptionState state)
{
  static const char *const names[] = {
    [MADO_RECEPTION_STATE_IDLE] = "idle",
    [MADO_RECEPTION_STATE_READING_CARD] = "reading-card",
    [MADO_RECEPTION_STATE_CARD_READ] = "card-read",
    [MADO_RECEPTION_STATE_AWAITING_PIN] = "awaiting-pin",
    [MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK] = "awaiting-visual-check",
    [MADO_RECEPTION_STATE_PROVING] = "proving",
    [MADO_RECEPTION_STATE_AWAITING_CONSENT] = "awaiting-consent",
    [MADO_RECEPTION_STATE_CONFIRMING] = "confirming",
    [MADO_RECEPTION_STATE_CONFIRMED] = "confirmed",
    [MADO_RECEPTION_STATE_CONFIRMED_OFFLINE] = "confirmed-offline",
    [MADO_RECEPTION_STATE_NO_CACHED_DATA] = "no-cached-data",
    [MADO_RECEPTION_STATE_FAILED] = "failed",
    [MADO_RECEPTION_STATE_FINISHED] = "finished",
  };

  if ((guint) state < G_N_ELEMENTS (names))
    return names[state];
  return "unknown";
}

/**
 * mado_identity_check_to_string:
 *
 * Returns: how the identity was checked, as staff and JSON read it:
 *   `pin`, `visual`, `pin (local)`, `visual (local)` or `none`
 */
const char *
mado_identity_check_to_string (MadoIdentityCheck check)
{
  static const char *const names[] = {
    [MADO_IDENTITY_CHECK_NONE] = "none",
    [MADO_IDENTITY_CHECK_PIN] = "pin",
    [MADO_IDENTITY_CHECK_VISUAL] = "visual",
    [MADO_IDENTITY_CHECK_PIN_LOCAL] = "pin (local)",
    [MADO_IDENTITY_CHECK_VISUAL_LOCAL] = "visual (local)",
  };

  if ((guint) check < G_N_ELEMENTS (names))
    return names[check];
  return "none";
}

/* -- GObject ------------------------------------------------------------------- */

static void
mado_reception_session_finalize (GObject *object)
{
  MadoReceptionSession *self = MADO_RECEPTION_SESSION (object);

  mado_reception_session_card_release (self);
  mado_reception_session_identity_forget (self);
  mado_reception_session_answer_forget (self);
  g_clear_object (&self->jpki);
  g_clear_object (&self->transport);
  g_clear_object (&self->certificate);
  g_clear_object (&self->hub);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_clear_pointer (&self->local_nonce, g_bytes_unref);
  g_free (self->institution_code);
  g_free (self->terminal_id);
  g_free (self->trust_anchors);
  g_free (self->reader);
  g_free (self->reader_name);
  g_free (self->operator_id);
  g_free (self->resident_key);

  G_OBJECT_CLASS (mado_reception_session_parent_class)->finalize (object);
}

static void
mado_reception_session_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MadoReceptionSession *self = MADO_RECEPTION_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_TRIES_LEFT:
      g_value_set_uint (value, self->tries_left);
      break;
    case PROP_OFFERED_MODES:
      g_value_set_flags (value, mado_reception_session_get_offered_modes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_reception_session_class_init (MadoReceptionSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_reception_session_finalize;
  object_class->get_property = mado_reception_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MADO_TYPE_RECEPTION_STATE,
                       MADO_RECEPTION_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRIES_LEFT] =
    g_param_spec_uint ("tries-left", NULL, NULL, 0, 15, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFERED_MODES] =
    g_param_spec_flags ("offered-modes", NULL, NULL, MADO_TYPE_IDENTITY_MODES,
                        MADO_IDENTITY_MODE_NONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MadoReceptionSession::state-changed:
   * @old_state: the state left
   * @new_state: the state entered
   *
   * Emitted on the thread (main context) the step was started from.
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  MADO_TYPE_RECEPTION_STATE, MADO_TYPE_RECEPTION_STATE);
}

static void
mado_reception_session_init (MadoReceptionSession *self)
{
  self->id = g_atomic_int_add ((gint *) &last_session_id, 1) + 1;
  self->state = MADO_RECEPTION_STATE_IDLE;
  self->cancellable = g_cancellable_new ();
}

/**
 * mado_reception_session_new:
 * @config: the site configuration (copied from; need not outlive the session)
 * @hub: (nullable): the hub client; %NULL answers every visit from the cache
 * @store: (nullable): the offline store; %NULL: nothing cached, nothing audited
 *
 * Returns: (transfer full): a session in the IDLE state
 */
MadoReceptionSession *
mado_reception_session_new (const MadoSiteConfig *config,
                            MadoHubClient        *hub,
                            MadoStore            *store)
{
  MadoReceptionSession *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (hub == NULL || MADO_IS_HUB_CLIENT (hub), NULL);
  g_return_val_if_fail (store == NULL || MADO_IS_STORE (store), NULL);

  self = g_object_new (MADO_TYPE_RECEPTION_SESSION, NULL);
  self->institution_code = g_strdup (config->institution_code);
  self->terminal_id = g_strdup (config->terminal_id);
  self->trust_anchors = g_strdup (config->trust_anchors);
  self->reader = g_strdup (config->reader);
  self->modes = config->identity_modes;
  self->hub = hub != NULL ? g_object_ref (hub) : NULL;
  self->store = store != NULL ? g_object_ref (store) : NULL;
  return self;
}

/**
 * mado_reception_session_set_transport:
 * @transport: a card transport already connected (a scripted card in tests)
 *
 * Without one, reading the card chooses a reader and connects to it.
 */
void
mado_reception_session_set_transport (MadoReceptionSession *self,
                                      MadoCardTransport    *transport)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  g_return_if_fail (MADO_IS_CARD_TRANSPORT (transport));
  g_return_if_fail (self->state == MADO_RECEPTION_STATE_IDLE);

  g_set_object (&self->transport, transport);
  self->own_transport = FALSE;
}

/**
 * mado_reception_session_set_reader:
 * @reader: (nullable): the reader to use by name; %NULL or empty: automatic
 *
 * Overrides the site configuration's `[card] reader=`.
 */
void
mado_reception_session_set_reader (MadoReceptionSession *self,
                                   const char           *reader)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));

  g_free (self->reader);
  self->reader = g_strdup (reader);
}

/**
 * mado_reception_session_set_operator:
 * @operator_id: (nullable): the signed-in staff member, for the audit log
 */
void
mado_reception_session_set_operator (MadoReceptionSession *self,
                                     const char           *operator_id)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));

  g_free (self->operator_id);
  self->operator_id = g_strdup (operator_id);
}

void
mado_reception_session_set_local_nonce (MadoReceptionSession *self,
                                        GBytes               *nonce)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  g_return_if_fail (nonce == NULL || g_bytes_get_size (nonce) == MADO_RECEPTION_NONCE_BYTES);

  g_clear_pointer (&self->local_nonce, g_bytes_unref);
  self->local_nonce = nonce != NULL ? g_bytes_ref (nonce) : NULL;
}

MadoReceptionState
mado_reception_session_get_state (MadoReceptionSession *self)
{
  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), MADO_RECEPTION_STATE_FAILED);
  return self->state;
}

/**
 * mado_reception_session_get_error:
 *
 * Returns: (transfer none) (nullable): why the session is FAILED or
 *   NO_CACHED_DATA, or the last refused step (a wrong PIN)
 */
const GError *
mado_reception_session_get_error (MadoReceptionSession *self)
{
  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), NULL);
  return self->error;
}

/**
 * mado_reception_session_get_certificate:
 *
 * Returns: (transfer none) (nullable): the card's user-authentication certificate
 */
MadoCertificate *
mado_reception_session_get_certificate (MadoReceptionSession *self)
{
  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), NULL);
  return self->certificate;
}

guint
mado_reception_session_get_tries_left (MadoReceptionSession *self)
{
  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), 0);
  return self->tries_left;
}

/**
 * mado_reception_session_uses_pin_pad:
 *
 * Whether the reader the card was read on has a PIN pad. The resident
 * then types the PIN on the reader, and the desk submits a %NULL PIN; the
 * PIN never reaches the terminal.
 *
 * Returns: %TRUE from CARD_READ on when the reader has a PIN pad
 */
gboolean
mado_reception_session_uses_pin_pad (MadoReceptionSession *self)
{
  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), FALSE);
  return self->pin_pad;
}

/**
 * mado_reception_session_get_offered_modes:
 *
 * Returns: the identity checks the desk may offer for this card: the site's
 *   modes, without the PIN once it is blocked
 */
MadoIdentityModes
mado_reception_session_get_offered_modes (MadoReceptionSession *self)
{
  MadoIdentityModes modes;

  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), MADO_IDENTITY_MODE_NONE);

  modes = self->modes;
  if (self->pin_blocked)
    modes &= ~MADO_IDENTITY_MODE_PIN;
  return modes;
}

/**
 * mado_reception_session_get_bundle:
 *
 * Returns: (transfer none) (nullable): the resident's bundle in CONFIRMED
 *   and CONFIRMED_OFFLINE
 */
const MadoResidentBundle *
mado_reception_session_get_bundle (MadoReceptionSession *self)
{
  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), NULL);
  return self->bundle;
}

/**
 * mado_reception_session_get_freshness:
 *
 * Returns: (transfer none) (nullable): how fresh the bundle is and how the
 *   identity was checked, whenever there is a bundle
 */
const MadoReceptionFreshness *
mado_reception_session_get_freshness (MadoReceptionSession *self)
{
  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), NULL);
  return self->bundle != NULL ? &self->freshness : NULL;
}

/* -- shared with the session's other files ----------------------------------- */

void
mado_reception_session_transition (MadoReceptionSession *self,
                                   MadoReceptionState    next,
                                   const char           *reason)
{
  MadoReceptionState old = self->state;
  g_autofree char *visit_id = NULL;

  if (old == next)
    return;
  visit_id = g_strdup_printf ("%u", self->id);

  /* Names only: the journal keeps what the visit did, never who came. The
   * error is the step's that led here, if any. */
  mado_log_event (G_LOG_LEVEL_INFO, "reception", visit_id, self->error,
                  "session %u: %s → %s (%s)", self->id, mado_reception_state_to_string (old),
                  mado_reception_state_to_string (next), reason);
  self->state = next;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_signal_emit (self, signals[STATE_CHANGED], 0, old, next);
}

void
mado_reception_session_set_error (MadoReceptionSession *self,
                                  const GError         *error)
{
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* The tries left, and with them the offered modes, may have changed. */
void
mado_reception_session_notify_card (MadoReceptionSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIES_LEFT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFERED_MODES]);
}

gint64
mado_reception_session_now (MadoReceptionSession *self)
{
  return self->store != NULL ? mado_store_now (self->store) : g_get_real_time ();
}

void
mado_reception_session_audit (MadoReceptionSession *self,
                              MadoAuditAction       action,
                              MadoAuditOutcome      outcome,
                              const char           *operator_id,
                              const char           *detail)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (operator_id == NULL)
    operator_id = self->operator_id != NULL ? self->operator_id : "unknown";
  /* Failing to audit does not take the answer away from the desk; the
   * failure is loud in the log and the next write will fail the same way. */
  if (mado_store_audit_append (self->store, operator_id, action, self->resident_key,
                               outcome, detail, &error) == 0)
    {
      g_autofree char *visit_id = g_strdup_printf ("%u", self->id);

      mado_log_event (G_LOG_LEVEL_WARNING, "reception", visit_id, error,
                      "session %u: audit %s not written", self->id,
                      mado_audit_action_to_string (action));
    }
}

/* -- the public steps ------------------------------------------------------------- */

static MadoReceptionStep *
read_card_step_new (void)
{
  return mado_reception_session_steps_new (MADO_RECEPTION_STEP_READ_CARD);
}

/**
 * mado_reception_session_read_card:
 * @error: the card error that stopped the visit
 *
 * IDLE → READING_CARD → CARD_READ → AWAITING_PIN or AWAITING_VISUAL_CHECK
 * (or FAILED): chooses the reader (pinned or automatic) unless a transport
 * was set, selects the JPKI application, reads the certificate and asks for
 * the PIN tries left. A blocked PIN is not offered.
 *
 * Returns: %TRUE when the card was read
 */
gboolean
mado_reception_session_read_card (MadoReceptionSession  *self,
                                  GError               **error)
{
  g_autoptr(MadoReceptionStep) step = read_card_step_new ();

  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), FALSE);
  return mado_reception_session_steps_run (self, step, error);
}

void
mado_reception_session_read_card_async (MadoReceptionSession *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  mado_reception_session_steps_run_async (self, read_card_step_new (),
                                          mado_reception_session_read_card_async,
                                          cancellable, callback, user_data);
}

gboolean
mado_reception_session_read_card_finish (MadoReceptionSession  *self,
                                         GAsyncResult          *result,
                                         GError               **error)
{
  return mado_reception_session_steps_finish (self, result,
                                              mado_reception_session_read_card_async, error);
}

static MadoReceptionStep *
pin_step_new (MadoPin *pin)
{
  MadoReceptionStep *step = mado_reception_session_steps_new (MADO_RECEPTION_STEP_PIN);

  step->pin = pin;
  return step;
}

/**
 * mado_reception_session_submit_pin:
 * @pin: (transfer full) (nullable): the PIN the resident typed, wiped and
 *   freed by the session; or %NULL to have the resident type it on the
 *   reader's PIN pad (only when mado_reception_session_uses_pin_pad())
 * @error: %MADO_CARD_ERROR_PIN_WRONG (back in AWAITING_PIN, with
 *   #MadoReceptionSession:tries-left), %MADO_CARD_ERROR_PIN_CANCELLED (the
 *   PIN-pad entry was cancelled or timed out: back in AWAITING_PIN, no try
 *   used), %MADO_CARD_ERROR_PIN_FORMAT (nothing sent, still AWAITING_PIN;
 *   also a %NULL PIN without a PIN pad), or why the visit stopped
 *
 * AWAITING_PIN → PROVING → AWAITING_CONSENT: asks the hub for a challenge
 * (a local random one if the hub is offline), has the card sign the proof
 * bytes of docs/hub-api.md and checks the signature. A wrong PIN is never
 * retried by the session.
 *
 * Returns: %TRUE when the identity is proven
 */
gboolean
mado_reception_session_submit_pin (MadoReceptionSession  *self,
                                   MadoPin               *pin,
                                   GError               **error)
{
  g_autoptr(MadoReceptionStep) step = pin_step_new (pin);

  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), FALSE);
  return mado_reception_session_steps_run (self, step, error);
}

void
mado_reception_session_submit_pin_async (MadoReceptionSession *self,
                                         MadoPin              *pin,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  mado_reception_session_steps_run_async (self, pin_step_new (pin),
                                          mado_reception_session_submit_pin_async,
                                          cancellable, callback, user_data);
}

gboolean
mado_reception_session_submit_pin_finish (MadoReceptionSession  *self,
                                          GAsyncResult          *result,
                                          GError               **error)
{
  return mado_reception_session_steps_finish (self, result,
                                              mado_reception_session_submit_pin_async, error);
}

static MadoReceptionStep *
visual_step_new (const char *operator_id)
{
  MadoReceptionStep *step = mado_reception_session_steps_new (MADO_RECEPTION_STEP_VISUAL);

  step->operator_id = g_strdup (operator_id);
  return step;
}

/**
 * mado_reception_session_confirm_visual:
 * @operator_id: the staff member who compared the face with the card photo
 *
 * AWAITING_PIN or AWAITING_VISUAL_CHECK → PROVING → AWAITING_CONSENT, only
 * where the site configuration allows visual checks
 * (%MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED otherwise, state unchanged).
 * No PIN and no signature; the operator is recorded.
 *
 * Returns: %TRUE when the identity is accepted for the next step
 */
gboolean
mado_reception_session_confirm_visual (MadoReceptionSession  *self,
                                       const char            *operator_id,
                                       GError               **error)
{
  g_autoptr(MadoReceptionStep) step = visual_step_new (operator_id);

  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), FALSE);
  return mado_reception_session_steps_run (self, step, error);
}

void
mado_reception_session_confirm_visual_async (MadoReceptionSession *self,
                                             const char           *operator_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  mado_reception_session_steps_run_async (self, visual_step_new (operator_id),
                                          mado_reception_session_confirm_visual_async,
                                          cancellable, callback, user_data);
}

gboolean
mado_reception_session_confirm_visual_finish (MadoReceptionSession  *self,
                                              GAsyncResult          *result,
                                              GError               **error)
{
  return mado_reception_session_steps_finish (self, result,
                                              mado_reception_session_confirm_visual_async, error);
}

static MadoReceptionStep *
consent_step_new (MadoHubConsent consent)
{
  MadoReceptionStep *step = mado_reception_session_steps_new (MADO_RECEPTION_STEP_CONSENT);

  step->consent = consent;
  return step;
}

/**
 * mado_reception_session_give_consent:
 * @consent: the categories the resident agrees to share today
 * @error: why there is no answer (%MADO_RECEPTION_ERROR_NO_CACHED_DATA in
 *   NO_CACHED_DATA, else the error of FAILED)
 *
 * AWAITING_CONSENT → CONFIRMING → CONFIRMED (the hub's answer, cached and
 * audited), CONFIRMED_OFFLINE (the cached bundle, marked offline with its
 * age and how the identity was checked), NO_CACHED_DATA or FAILED.
 *
 * Returns: %TRUE when there is a bundle to show
 */
gboolean
mado_reception_session_give_consent (MadoReceptionSession  *self,
                                     MadoHubConsent         consent,
                                     GError               **error)
{
  g_autoptr(MadoReceptionStep) step = consent_step_new (consent);

  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), FALSE);
  return mado_reception_session_steps_run (self, step, error);
}

void
mado_reception_session_give_consent_async (MadoReceptionSession *self,
                                           MadoHubConsent        consent,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  mado_reception_session_steps_run_async (self, consent_step_new (consent),
                                          mado_reception_session_give_consent_async,
                                          cancellable, callback, user_data);
}

gboolean
mado_reception_session_give_consent_finish (MadoReceptionSession  *self,
                                            GAsyncResult          *result,
                                            GError               **error)
{
  return mado_reception_session_steps_finish (self, result,
                                              mado_reception_session_give_consent_async, error);
}

/**
 * mado_reception_session_report_card_removed:
 *
 * The reader monitor saw the card leave. Before a result, the visit ends
 * in FAILED (card-removed): a step under way is cancelled and ends there
 * when its worker returns. Once the desk has a result, the card leaving is
 * the normal end of the resident's part; the result stays on screen.
 */
void
mado_reception_session_report_card_removed (MadoReceptionSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));

  if (self->state == MADO_RECEPTION_STATE_IDLE ||
      self->state == MADO_RECEPTION_STATE_FAILED ||
      self->state == MADO_RECEPTION_STATE_FINISHED ||
      mado_reception_session_steps_is_result (self->state))
    return;
  g_atomic_int_set (&self->removed, TRUE);
  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  mado_reception_session_card_release (self);
  mado_reception_session_identity_forget (self);
  error = mado_reception_session_steps_card_removed_error ();
  mado_reception_session_set_error (self, error);
  mado_reception_session_transition (self, MADO_RECEPTION_STATE_FAILED, "card-removed");
}

/**
 * mado_reception_session_finish:
 *
 * Any state → FINISHED: the card is powered down and the proof, the
 * challenge and the bundle are dropped. Call it when the desk is done with
 * the visit; a step still running is cancelled and its outcome ignored.
 */
void
mado_reception_session_finish (MadoReceptionSession *self)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));

  if (self->state == MADO_RECEPTION_STATE_FINISHED)
    return;
  g_cancellable_cancel (self->cancellable);
  /* A worker still running owns the card and the proof until it returns;
   * the step drops them then. */
  if (!self->busy)
    {
      mado_reception_session_card_release (self);
      mado_reception_session_identity_forget (self);
      mado_reception_session_answer_forget (self);
    }
  mado_reception_session_transition (self, MADO_RECEPTION_STATE_FINISHED, "visit over");
}
