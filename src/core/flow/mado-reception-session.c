/* mado-reception-session.c — one visit at the desk: card → identity → consent → hub → store
 *
 * Each step runs the same worker function either on the caller's thread
 * (the blocking variants, for the CLI) or in a GTask thread (the _async
 * variants, for the app). The worker only computes an outcome; the state
 * changes, with their log line, notify::state and state-changed, happen on
 * the thread the step was started from, when the worker is done. docs/flow.md
 * has the states and transitions.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <string.h>

#include "mado-bundle-json.h"
#include "mado-card-error.h"
#include "mado-error-name.h"
#include "mado-core-enums.h"
#include "mado-hub-codec.h"
#include "mado-jpki.h"
#include "mado-pcsc-context.h"
#include "mado-pcsc-transport.h"
#include "mado-reception-session-private.h"
#include "mado-store-audit.h"
#include "mado-store-cache.h"
#include "mado-store-error.h"

#define NONCE_BYTES MADO_HUB_CHALLENGE_BYTES

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
  GBytes             *signed_bytes;  /* what the card signed */
  GBytes             *signature;
  GBytes             *local_nonce;   /* tests only */

  MadoResidentBundle *bundle;
  MadoReceptionFreshness freshness;
};

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

/**
 * mado_reception_is_offline_error:
 * @error: (nullable): an error from the hub client
 *
 * What the flow treats as "the hub is offline": it cannot be reached
 * (refused, no route, DNS), it timed out, the connection dropped, it
 * answered 5xx or 429, or no hub is configured. A TLS failure (wrong server
 * certificate, refused client certificate) is not offline: it is a
 * configuration or security problem that staff must see as such.
 *
 * Returns: whether the visit should continue from the cache
 */
gboolean
mado_reception_is_offline_error (const GError *error)
{
  if (error == NULL || error->domain != MADO_HUB_ERROR)
    return FALSE;
  return error->code == MADO_HUB_ERROR_NOT_CONFIGURED || mado_hub_error_is_transient (error);
}

/* Once the verification may have reached the hub, the hub's answer is the
 * only one that counts: a timeout, a dropped connection or a 5xx after
 * sending could hide a refusal (a revoked card), so it ends the visit
 * instead of falling back to the cache. Only a connection that was never
 * made proves the hub did not judge this card. */
static gboolean
verification_never_left (const GError *error)
{
  return g_error_matches (error, MADO_HUB_ERROR, MADO_HUB_ERROR_UNREACHABLE) ||
         g_error_matches (error, MADO_HUB_ERROR, MADO_HUB_ERROR_NOT_CONFIGURED);
}

/* -- GObject ------------------------------------------------------------------- */

static void
freshness_clear (MadoReceptionFreshness *freshness)
{
  g_clear_pointer (&freshness->confirmed_at, g_date_time_unref);
  g_clear_pointer (&freshness->checked_at, g_date_time_unref);
  g_clear_pointer (&freshness->operator_id, g_free);
  memset (freshness, 0, sizeof *freshness);
}

static void
release_card (MadoReceptionSession *self)
{
  if (self->transport != NULL && !self->powered_down)
    mado_card_transport_power_down (self->transport);
  self->powered_down = TRUE;
}

/* What no longer may exist once the visit is over. */
static void
forget_proof (MadoReceptionSession *self)
{
  g_clear_pointer (&self->challenge, g_free);
  g_clear_pointer (&self->signed_bytes, g_bytes_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_clear_pointer (&self->visual_operator, g_free);
}

static void
mado_reception_session_finalize (GObject *object)
{
  MadoReceptionSession *self = MADO_RECEPTION_SESSION (object);

  release_card (self);
  forget_proof (self);
  g_clear_object (&self->jpki);
  g_clear_object (&self->transport);
  g_clear_object (&self->certificate);
  g_clear_object (&self->hub);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_clear_pointer (&self->bundle, mado_resident_bundle_free);
  g_clear_pointer (&self->local_nonce, g_bytes_unref);
  freshness_clear (&self->freshness);
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
  g_return_if_fail (nonce == NULL || g_bytes_get_size (nonce) == NONCE_BYTES);

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

/* -- transitions ------------------------------------------------------------- */

static void
transition (MadoReceptionSession *self,
            MadoReceptionState    next,
            const char           *reason)
{
  MadoReceptionState old = self->state;

  if (old == next)
    return;
  g_info ("session %u: %s → %s (%s)", self->id, mado_reception_state_to_string (old),
          mado_reception_state_to_string (next), reason);
  self->state = next;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_signal_emit (self, signals[STATE_CHANGED], 0, old, next);
}

static void
set_error (MadoReceptionSession *self,
           const GError         *error)
{
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* -- the store ------------------------------------------------------------------ */

static gint64
now_us (MadoReceptionSession *self)
{
  return self->store != NULL ? mado_store_now (self->store) : g_get_real_time ();
}

static void
audit (MadoReceptionSession *self,
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
    g_warning ("session %u: audit %s not written: %s", self->id,
               mado_audit_action_to_string (action), mado_error_name (error));
}

/* -- steps ------------------------------------------------------------------------ */

typedef enum {
  STEP_READ_CARD,
  STEP_PIN,
  STEP_VISUAL,
  STEP_CONSENT,
} StepKind;

typedef struct {
  StepKind            kind;
  MadoPin            *pin;
  char               *operator_id;
  MadoHubConsent      consent;
  GCancellable       *cancellable;

  /* the outcome, filled by the worker */
  gboolean            card_read;     /* pass through CARD_READ */
  MadoReceptionState  next;
  GError             *error;
  const char         *reason;
} Step;

static void
step_free (Step *step)
{
  g_clear_pointer (&step->pin, mado_pin_free);
  g_free (step->operator_id);
  g_clear_object (&step->cancellable);
  g_clear_error (&step->error);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static gboolean
step_fail (Step               *step,
           MadoReceptionState  next,
           GError             *error)
{
  step->next = next;
  g_clear_error (&step->error);
  step->error = error;
  step->reason = mado_error_name (error);
  return FALSE;
}

/* ---- reading the card ---- */

static gboolean
open_card (MadoReceptionSession  *self,
           GError               **error)
{
  g_autoptr(MadoPcscTransport) transport = NULL;

  if (self->transport == NULL || self->own_transport)
    {
      if (self->reader_name == NULL)
        {
          self->reader_name = mado_pcsc_choose_reader (self->reader != NULL && *self->reader != '\0'
                                                         ? self->reader : NULL, error);
          if (self->reader_name == NULL)
            return FALSE;
        }
      transport = mado_pcsc_transport_new (self->reader_name, error);
      if (transport == NULL)
        return FALSE;
      g_set_object (&self->transport, MADO_CARD_TRANSPORT (transport));
      self->own_transport = TRUE;
    }
  g_clear_object (&self->jpki);
  self->jpki = mado_jpki_new (self->transport);
  self->powered_down = FALSE;
  return TRUE;
}

static gboolean
read_certificate (MadoReceptionSession  *self,
                  GError               **error)
{
  g_autoptr(GBytes) der = NULL;
  gsize len;
  const guint8 *data;
  unsigned int digest_len = MADO_CACHE_FINGERPRINT_LEN;

  if (!mado_jpki_select (self->jpki, error))
    return FALSE;
  der = mado_jpki_read_certificate (self->jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, error);
  if (der == NULL)
    return FALSE;
  data = g_bytes_get_data (der, &len);
  self->certificate = mado_certificate_new_from_der (data, len, error);
  if (self->certificate == NULL)
    return FALSE;
  if (EVP_Digest (data, len, self->fingerprint, &digest_len, EVP_sha256 (), NULL) != 1)
    g_error ("SHA-256 is not available");
  if (self->store != NULL)
    self->resident_key = mado_store_resident_key (self->store,
                                                  mado_certificate_get_issuer (self->certificate),
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

static gboolean
work_read_card (MadoReceptionSession *self,
                Step                 *step)
{
  GError *error = NULL;

  if (!open_card (self, &error) || !read_certificate (self, &error) ||
      !query_tries (self, &error))
    {
      audit (self, MADO_AUDIT_CARD_READ, MADO_AUDIT_FAILURE, NULL, mado_error_name (error));
      return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }
  audit (self, MADO_AUDIT_CARD_READ, MADO_AUDIT_SUCCESS, NULL,
         self->pin_blocked ? "pin-blocked" : NULL);
  step->card_read = TRUE;
  self->pin_pad = mado_card_transport_has_pin_pad (self->transport);

  if ((self->modes & MADO_IDENTITY_MODE_PIN) != 0 && !self->pin_blocked)
    {
      step->next = MADO_RECEPTION_STATE_AWAITING_PIN;
      step->reason = "pin offered";
    }
  else if ((self->modes & MADO_IDENTITY_MODE_VISUAL) != 0)
    {
      step->next = MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK;
      step->reason = self->pin_blocked ? "pin blocked; visual check only" : "visual check only";
    }
  else
    {
      release_card (self);
      return step_fail (step, MADO_RECEPTION_STATE_FAILED,
                        g_error_new_literal (MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED,
                                             _("The card's PIN is blocked and this desk may not "
                                               "use visual checks. The resident must have the PIN "
                                               "reset at the city office.")));
    }
  return TRUE;
}

/* ---- identity ---- */

/* The terminal's own verdict on the certificate, for when the hub cannot
 * give one. Revocation stays unknown. */
static gboolean
check_chain_locally (MadoReceptionSession  *self,
                     GError               **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (now_us (self) / G_USEC_PER_SEC);
  g_autoptr(GError) local_error = NULL;
  MadoCertificateVerdict verdict = MADO_CERTIFICATE_VERDICT_CHECK_FAILED;
  const char *why;

  if (!mado_certificate_check_chain (self->certificate, self->trust_anchors, now, &verdict,
                                     &local_error) && local_error != NULL)
    g_debug ("session %u: local chain check: %s", self->id, local_error->message);
  g_debug ("session %u: local chain check: %s", self->id,
           mado_certificate_verdict_to_string (verdict));

  switch (verdict)
    {
    case MADO_CERTIFICATE_VERDICT_VALID:
      return TRUE;
    case MADO_CERTIFICATE_VERDICT_INVALID:
      why = _("The hub cannot be reached and the card's certificate was not issued by a "
              "trusted authority. Do not accept this card; ask for another identity document.");
      break;
    case MADO_CERTIFICATE_VERDICT_EXPIRED:
      why = _("The hub cannot be reached and the card's certificate has expired. The "
              "resident must renew the certificate at the city office.");
      break;
    case MADO_CERTIFICATE_VERDICT_NOT_YET_VALID:
      why = _("The hub cannot be reached and the card's certificate is not valid yet. "
              "Check the terminal's clock.");
      break;
    case MADO_CERTIFICATE_VERDICT_UNKNOWN:
    case MADO_CERTIFICATE_VERDICT_CHECK_FAILED:
    default:
      why = _("The hub cannot be reached and the terminal cannot check the card's "
              "certificate itself (no usable trust anchors in the site configuration). "
              "Tell the administrator.");
      break;
    }
  g_set_error_literal (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_CERTIFICATE_NOT_TRUSTED,
                       why);
  return FALSE;
}

/* Asks the hub for a challenge. Returns FALSE with @error when the visit
 * must stop; TRUE with *@challenge NULL when the hub is offline. */
static gboolean
request_challenge (MadoReceptionSession  *self,
                   Step                  *step,
                   MadoHubChallenge     **challenge,
                   GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  *challenge = NULL;
  if (self->hub == NULL)
    return TRUE;
  *challenge = mado_hub_client_request_challenge (self->hub, step->cancellable, &local_error);
  if (*challenge != NULL)
    return TRUE;
  if (mado_reception_is_offline_error (local_error))
    {
      g_info ("session %u: hub offline at the challenge (%s); proving locally", self->id,
              mado_error_name (local_error));
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static GBytes *
fresh_nonce (MadoReceptionSession *self)
{
  guint8 nonce[NONCE_BYTES];

  if (self->local_nonce != NULL)
    return g_bytes_ref (self->local_nonce);
  if (RAND_bytes (nonce, sizeof nonce) != 1)
    g_error ("the random number generator failed");
  return g_bytes_new (nonce, sizeof nonce);
}

static gboolean
work_pin (MadoReceptionSession *self,
          Step                 *step)
{
  g_autoptr(MadoHubChallenge) challenge = NULL;
  g_autoptr(GBytes) nonce = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GBytes) signature = NULL;
  guint8 digest[MADO_JPKI_DIGEST_LEN];
  unsigned int digest_len = sizeof digest;
  GError *error = NULL;
  guint tries_left = 0;

  if (!request_challenge (self, step, &challenge, &error))
    {
      release_card (self);
      return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }
  nonce = challenge != NULL ? g_bytes_ref (challenge->raw) : fresh_nonce (self);
  message = mado_hub_proof_message (nonce, self->institution_code, self->terminal_id, &error);
  if (message == NULL)
    {
      release_card (self);
      return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }
  if (EVP_Digest (g_bytes_get_data (message, NULL), g_bytes_get_size (message), digest,
                  &digest_len, EVP_sha256 (), NULL) != 1)
    g_error ("SHA-256 is not available");

  if (self->powered_down && !open_card (self, &error))
    return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
  /* One transaction; the card is powered down afterwards, on failure too.
   * The card must still have the tries the resident was shown. */
  mado_jpki_set_expected_tries (self->jpki, self->tries_left);
  signature = mado_jpki_prove (self->jpki, self->certificate, digest, digest_len, step->pin,
                               &tries_left, &error);
  self->powered_down = TRUE;
  g_clear_pointer (&step->pin, mado_pin_free);

  if (signature == NULL)
    {
      audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE, NULL, mado_error_name (error));
      if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG) ||
          (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_TRIES_CHANGED) &&
           tries_left > 0))
        {
          self->tries_left = tries_left;
          return step_fail (step, MADO_RECEPTION_STATE_AWAITING_PIN, error);
        }
      /* Cancelled or timed out on the PIN pad: the card saw no VERIFY, so
       * no try was used; the tries were queried just before. */
      if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_CANCELLED))
        {
          if (tries_left > 0)
            self->tries_left = tries_left;
          return step_fail (step, MADO_RECEPTION_STATE_AWAITING_PIN, error);
        }
      if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED))
        {
          self->tries_left = 0;
          self->pin_blocked = TRUE;
        }
      return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }

  if (challenge == NULL && !check_chain_locally (self, &error))
    {
      audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE, NULL, mado_error_name (error));
      return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }

  self->challenge = challenge != NULL ? g_strdup (challenge->challenge) : NULL;
  self->signed_bytes = g_steal_pointer (&message);
  self->signature = g_steal_pointer (&signature);
  self->identity = challenge != NULL ? MADO_IDENTITY_CHECK_PIN : MADO_IDENTITY_CHECK_PIN_LOCAL;
  step->next = MADO_RECEPTION_STATE_AWAITING_CONSENT;
  step->reason = challenge != NULL ? "card signed the hub's challenge"
                                   : "card signed a local challenge; hub offline";
  return TRUE;
}

static gboolean
work_visual (MadoReceptionSession *self,
             Step                 *step)
{
  g_autoptr(MadoHubChallenge) challenge = NULL;
  GError *error = NULL;

  /* The card is not needed any more: nothing will be signed. */
  release_card (self);
  if (!request_challenge (self, step, &challenge, &error))
    return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
  if (challenge == NULL && !check_chain_locally (self, &error))
    {
      audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE, step->operator_id,
             mado_error_name (error));
      return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }
  self->visual_operator = g_strdup (step->operator_id);
  self->challenge = challenge != NULL ? g_strdup (challenge->challenge) : NULL;
  self->identity = challenge != NULL ? MADO_IDENTITY_CHECK_VISUAL
                                     : MADO_IDENTITY_CHECK_VISUAL_LOCAL;
  step->next = MADO_RECEPTION_STATE_AWAITING_CONSENT;
  step->reason = challenge != NULL ? "visual check recorded" : "visual check recorded; hub offline";
  return TRUE;
}

/* ---- consent and the answer ---- */

static const char *
verification_operator (MadoReceptionSession *self)
{
  return self->visual_operator != NULL ? self->visual_operator : NULL;
}

static void
set_freshness (MadoReceptionSession *self,
               gboolean              offline,
               gint64                confirmed_at,
               gint64                checked_at)
{
  freshness_clear (&self->freshness);
  self->freshness.offline = offline;
  self->freshness.confirmed_at = g_date_time_new_from_unix_utc (confirmed_at / G_USEC_PER_SEC);
  self->freshness.checked_at = g_date_time_new_from_unix_utc (checked_at / G_USEC_PER_SEC);
  self->freshness.age_seconds = MAX ((gint64) 0, (checked_at - confirmed_at) / G_USEC_PER_SEC);
  self->freshness.identity = self->identity;
  self->freshness.operator_id = g_strdup (self->visual_operator);
}

/* What the cache keeps as the desk's proof of an offline confirmation. */
static GBytes *
local_proof (MadoReceptionSession *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, mado_identity_check_to_string (self->identity));
  if (self->signature != NULL)
    {
      g_autofree char *signed_bytes = mado_hub_base64_of (self->signed_bytes);
      g_autofree char *signature = mado_hub_base64_of (self->signature);

      json_builder_set_member_name (b, "signedBytes");
      json_builder_add_string_value (b, signed_bytes);
      json_builder_set_member_name (b, "signature");
      json_builder_add_string_value (b, signature);
    }
  if (self->visual_operator != NULL)
    {
      json_builder_set_member_name (b, "operatorId");
      json_builder_add_string_value (b, self->visual_operator);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = mado_json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

static gboolean
answer_from_cache (MadoReceptionSession *self,
                   Step                 *step)
{
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(GBytes) proof = NULL;
  g_autoptr(GError) local_error = NULL;
  GError *error = NULL;
  gint64 now = now_us (self);
  gsize len;
  const char *data;
  const char *detail = self->signature != NULL ? "pin-local" : "visual-local";

  audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_SUCCESS, verification_operator (self), detail);
  if (self->store != NULL)
    entry = mado_store_cache_lookup (self->store, self->resident_key, self->fingerprint,
                                     &local_error);
  if (entry == NULL)
    {
      if (local_error != NULL &&
          !g_error_matches (local_error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND))
        return step_fail (step, MADO_RECEPTION_STATE_FAILED, g_steal_pointer (&local_error));
      return step_fail (step, MADO_RECEPTION_STATE_NO_CACHED_DATA,
                        g_error_new_literal (MADO_RECEPTION_ERROR,
                                             MADO_RECEPTION_ERROR_NO_CACHED_DATA,
                                             _("The hub cannot be reached and nothing is cached "
                                               "for this card. Check the resident's paper "
                                               "certificates, and try again when the hub is "
                                               "back.")));
    }

  data = g_bytes_get_data (entry->bundle, &len);
  self->bundle = mado_hub_decode_bundle (data, len, step->consent, &error);
  if (self->bundle == NULL)
    return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);

  proof = local_proof (self);
  if (!mado_store_cache_confirm_local (self->store, self->resident_key, self->fingerprint, proof,
                                       now, &local_error))
    g_warning ("session %u: offline confirmation not recorded: %s", self->id,
               mado_error_name (local_error));
  set_freshness (self, TRUE, entry->fetched_at, now);
  audit (self, MADO_AUDIT_VIEW, MADO_AUDIT_SUCCESS, NULL, "offline");
  step->next = MADO_RECEPTION_STATE_CONFIRMED_OFFLINE;
  step->reason = "cached bundle; hub offline";
  return TRUE;
}

static void
cache_bundle (MadoReceptionSession *self,
              const char           *etag,
              gint64                now)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  bytes = mado_resident_bundle_to_bytes (self->bundle);
  /* Without the cache entry the desk still has the hub's answer; the
   * next visit online writes it again. */
  if (!mado_store_cache_put (self->store, self->resident_key, self->fingerprint, etag, bytes,
                             now, &error))
    g_warning ("session %u: bundle not cached: %s", self->id, mado_error_name (error));
}

static gboolean
work_consent (MadoReceptionSession *self,
              Step                 *step)
{
  g_autoptr(MadoHubVerification) verification = NULL;
  MadoHubVerificationRequest request = { 0 };
  GError *error = NULL;
  gint64 now;

  if (self->challenge == NULL)
    return answer_from_cache (self, step);

  request.challenge = self->challenge;
  request.certificate = mado_certificate_get_der (self->certificate);
  request.signature = self->signature;
  request.method = self->signature != NULL ? MADO_HUB_IDENTITY_PIN : MADO_HUB_IDENTITY_VISUAL;
  request.operator_id = self->visual_operator;
  request.consent = step->consent;
  verification = mado_hub_client_verify (self->hub, &request, step->cancellable, &error);
  /* The challenge is spent whatever the answer was. */
  g_clear_pointer (&self->challenge, g_free);

  if (verification == NULL && verification_never_left (error))
    {
      g_info ("session %u: hub offline at the verification (%s); answering from the cache",
              self->id, mado_error_name (error));
      g_clear_error (&error);
      /* The card's signature over the hub's challenge is already checked
       * against the certificate: it is the local proof. */
      self->identity = self->signature != NULL ? MADO_IDENTITY_CHECK_PIN_LOCAL
                                               : MADO_IDENTITY_CHECK_VISUAL_LOCAL;
      if (!check_chain_locally (self, &error))
        {
          audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE,
                 verification_operator (self), mado_error_name (error));
          return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
        }
      return answer_from_cache (self, step);
    }
  if (verification == NULL)
    {
      audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE, verification_operator (self),
             mado_error_name (error));
      if (g_error_matches (error, MADO_HUB_ERROR, MADO_HUB_ERROR_CHALLENGE_EXPIRED))
        {
          g_clear_error (&error);
          error = g_error_new_literal (MADO_HUB_ERROR, MADO_HUB_ERROR_CHALLENGE_EXPIRED,
                                       _("The identity check took longer than the hub allows. "
                                         "Take the card off the reader, place it again and "
                                         "start over."));
        }
      return step_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }

  now = now_us (self);
  self->bundle = g_steal_pointer (&verification->bundle);
  audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_SUCCESS, verification_operator (self),
         mado_identity_check_to_string (self->identity));
  cache_bundle (self, verification->etag, now);
  set_freshness (self, FALSE, now, now);
  audit (self, MADO_AUDIT_VIEW, MADO_AUDIT_SUCCESS, NULL, "hub");
  step->next = MADO_RECEPTION_STATE_CONFIRMED;
  step->reason = "hub confirmed";
  return TRUE;
}

static void
run_work (MadoReceptionSession *self,
          Step                 *step)
{
  switch (step->kind)
    {
    case STEP_READ_CARD:
      work_read_card (self, step);
      break;
    case STEP_PIN:
      work_pin (self, step);
      break;
    case STEP_VISUAL:
      work_visual (self, step);
      break;
    case STEP_CONSENT:
      work_consent (self, step);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_result_state (MadoReceptionState state)
{
  return state == MADO_RECEPTION_STATE_CONFIRMED ||
         state == MADO_RECEPTION_STATE_CONFIRMED_OFFLINE ||
         state == MADO_RECEPTION_STATE_NO_CACHED_DATA;
}

static GError *
card_removed_error (void)
{
  return g_error_new_literal (MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED,
                              _("The card was taken off the reader. Place it again and start "
                                "over."));
}

/* On the thread the step started from: the worker's outcome becomes the
 * session's state. */
static gboolean
apply_step (MadoReceptionSession  *self,
            Step                  *step,
            GError               **error)
{
  self->busy = FALSE;
  if (self->state == MADO_RECEPTION_STATE_FINISHED)
    {
      /* finish() came while the worker ran: nothing of it may survive. */
      release_card (self);
      forget_proof (self);
      g_clear_pointer (&self->bundle, mado_resident_bundle_free);
      freshness_clear (&self->freshness);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The visit was ended before this step finished."));
      return FALSE;
    }
  if (g_atomic_int_get (&self->removed) && !is_result_state (step->next))
    step_fail (step, MADO_RECEPTION_STATE_FAILED, card_removed_error ());
  else if (g_error_matches (step->error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED))
    step->reason = "card-removed";

  if (step->next == MADO_RECEPTION_STATE_FAILED)
    {
      release_card (self);
      forget_proof (self);
    }
  set_error (self, step->error);
  if (step->card_read)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIES_LEFT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFERED_MODES]);
      transition (self, MADO_RECEPTION_STATE_CARD_READ,
                  self->pin_blocked ? "certificate read; pin blocked"
                                    : "certificate and tries read");
    }
  else if (step->kind == STEP_PIN)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIES_LEFT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFERED_MODES]);
    }
  transition (self, step->next, step->reason);

  if (step->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step->error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin_step (MadoReceptionSession  *self,
            Step                  *step,
            GError               **error)
{
  MadoReceptionState busy_state;
  const char *reason;
  gboolean allowed;

  switch (step->kind)
    {
    case STEP_READ_CARD:
      allowed = self->state == MADO_RECEPTION_STATE_IDLE;
      busy_state = MADO_RECEPTION_STATE_READING_CARD;
      reason = "card placed";
      break;
    case STEP_PIN:
      allowed = self->state == MADO_RECEPTION_STATE_AWAITING_PIN;
      busy_state = MADO_RECEPTION_STATE_PROVING;
      reason = "pin submitted";
      break;
    case STEP_VISUAL:
      allowed = self->state == MADO_RECEPTION_STATE_AWAITING_PIN ||
                self->state == MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK;
      busy_state = MADO_RECEPTION_STATE_PROVING;
      reason = "visual check confirmed by staff";
      break;
    case STEP_CONSENT:
      allowed = self->state == MADO_RECEPTION_STATE_AWAITING_CONSENT;
      busy_state = MADO_RECEPTION_STATE_CONFIRMING;
      reason = "consent given";
      break;
    default:
      g_assert_not_reached ();
    }

  if (!allowed || self->busy)
    {
      g_set_error (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_WRONG_STATE,
                   "session %u: this step is not possible in the state %s", self->id,
                   mado_reception_state_to_string (self->state));
      return FALSE;
    }
  if (step->kind == STEP_PIN && (self->modes & MADO_IDENTITY_MODE_PIN) == 0)
    {
      g_set_error_literal (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED,
                           _("This desk is not configured for PIN identity checks."));
      return FALSE;
    }
  if (step->kind == STEP_PIN && step->pin == NULL && !self->pin_pad)
    {
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT,
                           _("No PIN was entered and this reader has no PIN pad. Nothing "
                             "was sent to the card."));
      return FALSE;
    }
  if (step->kind == STEP_PIN && step->pin != NULL && !mado_pin_validate (step->pin, error))
    return FALSE;
  if (step->kind == STEP_VISUAL && (self->modes & MADO_IDENTITY_MODE_VISUAL) == 0)
    {
      g_set_error_literal (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED,
                           _("This desk may not use visual identity checks. Ask the resident "
                             "for the PIN."));
      return FALSE;
    }
  if (step->kind == STEP_VISUAL &&
      (step->operator_id == NULL || !mado_hub_is_terminal_id (step->operator_id)))
    {
      g_set_error_literal (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED,
                           _("A visual check needs the ID of the staff member who made it "
                             "(letters, digits, “.”, “_” and “-”)."));
      return FALSE;
    }
  if (step->kind == STEP_CONSENT && (step->consent & MADO_HUB_CONSENT_ALL) == 0)
    {
      g_set_error_literal (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_CONSENT_REQUIRED,
                           _("Choose at least one category the resident agrees to share."));
      return FALSE;
    }

  self->busy = TRUE;
  if (step->cancellable == NULL)
    step->cancellable = g_object_ref (self->cancellable);
  transition (self, busy_state, reason);
  return TRUE;
}

static gboolean
run_step (MadoReceptionSession  *self,
          Step                  *step,
          GError               **error)
{
  if (!begin_step (self, step, error))
    return FALSE;
  run_work (self, step);
  return apply_step (self, step, error);
}

static void
step_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  run_work (MADO_RECEPTION_SESSION (source_object), task_data);
  g_task_return_boolean (task, TRUE);
}

static void
step_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MadoReceptionSession *self = MADO_RECEPTION_SESSION (source);
  g_autoptr(GTask) outer = user_data;
  Step *step = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (apply_step (self, step, &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

static void
start_step_async (MadoReceptionSession *self,
                  Step                 *step,
                  gpointer              source_tag,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;

  g_task_set_source_tag (outer, source_tag);
  if (cancellable != NULL)
    step->cancellable = g_object_ref (cancellable);
  if (!begin_step (self, step, &error))
    {
      step_free (step);
      g_task_return_error (outer, error);
      return;
    }
  /* The inner task's callback applies the outcome on this thread before
   * the caller's callback runs. */
  inner = g_task_new (self, NULL, step_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, step, (GDestroyNotify) step_free);
  g_task_run_in_thread (inner, step_thread);
}

static gboolean
finish_step (MadoReceptionSession  *self,
             GAsyncResult          *result,
             gpointer               source_tag,
             GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static Step *
step_new (StepKind kind)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  step->next = MADO_RECEPTION_STATE_FAILED;
  return step;
}

/* -- the public steps ------------------------------------------------------------- */

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
  g_autoptr(Step) step = step_new (STEP_READ_CARD);

  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), FALSE);
  return run_step (self, step, error);
}

void
mado_reception_session_read_card_async (MadoReceptionSession *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  start_step_async (self, step_new (STEP_READ_CARD), mado_reception_session_read_card_async,
                    cancellable, callback, user_data);
}

gboolean
mado_reception_session_read_card_finish (MadoReceptionSession  *self,
                                         GAsyncResult          *result,
                                         GError               **error)
{
  return finish_step (self, result, mado_reception_session_read_card_async, error);
}

static Step *
pin_step_new (MadoPin *pin)
{
  Step *step = step_new (STEP_PIN);

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
  g_autoptr(Step) step = pin_step_new (pin);

  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), FALSE);
  return run_step (self, step, error);
}

void
mado_reception_session_submit_pin_async (MadoReceptionSession *self,
                                         MadoPin              *pin,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  start_step_async (self, pin_step_new (pin), mado_reception_session_submit_pin_async,
                    cancellable, callback, user_data);
}

gboolean
mado_reception_session_submit_pin_finish (MadoReceptionSession  *self,
                                          GAsyncResult          *result,
                                          GError               **error)
{
  return finish_step (self, result, mado_reception_session_submit_pin_async, error);
}

static Step *
visual_step_new (const char *operator_id)
{
  Step *step = step_new (STEP_VISUAL);

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
  g_autoptr(Step) step = visual_step_new (operator_id);

  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), FALSE);
  return run_step (self, step, error);
}

void
mado_reception_session_confirm_visual_async (MadoReceptionSession *self,
                                             const char           *operator_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  start_step_async (self, visual_step_new (operator_id),
                    mado_reception_session_confirm_visual_async, cancellable, callback, user_data);
}

gboolean
mado_reception_session_confirm_visual_finish (MadoReceptionSession  *self,
                                              GAsyncResult          *result,
                                              GError               **error)
{
  return finish_step (self, result, mado_reception_session_confirm_visual_async, error);
}

static Step *
consent_step_new (MadoHubConsent consent)
{
  Step *step = step_new (STEP_CONSENT);

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
  g_autoptr(Step) step = consent_step_new (consent);

  g_return_val_if_fail (MADO_IS_RECEPTION_SESSION (self), FALSE);
  return run_step (self, step, error);
}

void
mado_reception_session_give_consent_async (MadoReceptionSession *self,
                                           MadoHubConsent        consent,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_return_if_fail (MADO_IS_RECEPTION_SESSION (self));
  start_step_async (self, consent_step_new (consent), mado_reception_session_give_consent_async,
                    cancellable, callback, user_data);
}

gboolean
mado_reception_session_give_consent_finish (MadoReceptionSession  *self,
                                            GAsyncResult          *result,
                                            GError               **error)
{
  return finish_step (self, result, mado_reception_session_give_consent_async, error);
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
      is_result_state (self->state))
    return;
  g_atomic_int_set (&self->removed, TRUE);
  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  release_card (self);
  forget_proof (self);
  error = card_removed_error ();
  set_error (self, error);
  transition (self, MADO_RECEPTION_STATE_FAILED, "card-removed");
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
   * apply_step() drops them then. */
  if (!self->busy)
    {
      release_card (self);
      forget_proof (self);
      g_clear_pointer (&self->bundle, mado_resident_bundle_free);
      freshness_clear (&self->freshness);
    }
  transition (self, MADO_RECEPTION_STATE_FINISHED, "visit over");
}
