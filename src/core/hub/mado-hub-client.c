/* mado-hub-client.c — the terminal's client of the hub API, over mutual TLS
 *
 * The calls of docs/hub-api.md on top of the transport
 * (mado-hub-transport.c): retries only where a repeat cannot do harm,
 * reachability reported to the monitor, answers decoded strictly.
 * Bodies are personal data: they are never logged.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "mado-bundle-decode.h"
#include "mado-hub-client.h"
#include "mado-hub-client-exchange-private.h"
#include "mado-hub-client-private.h"
#include "mado-hub-transport-private.h"

#define DEFAULT_ATTEMPTS        3
#define DEFAULT_BASE_DELAY_MS 250
#define MAX_DELAY_MS         4000
/* A Retry-After longer than this is not waited for: the desk gets the error. */
#define MAX_RETRY_AFTER_MS  10000

struct _MadoHubClient
{
  GObject           parent_instance;

  MadoHubTransport *transport;
  char             *institution_code;
  char             *terminal_id;

  GMutex            lock;             /* guards what follows */
  MadoHubMonitor   *monitor;
  GMainContext     *monitor_context;
  guint             max_attempts;
  guint             base_delay_ms;
  guint             attempts_made;
  gint64            deadline_us;      /* one call, retries included */
};

G_DEFINE_FINAL_TYPE (MadoHubClient, mado_hub_client, G_TYPE_OBJECT)

static void
mado_hub_client_finalize (GObject *object)
{
  MadoHubClient *self = MADO_HUB_CLIENT (object);

  /* No exchange is running: each holds a reference on the client (GTask's
   * source object, or the caller's). */
  g_clear_pointer (&self->transport, mado_hub_transport_free);
  g_free (self->institution_code);
  g_free (self->terminal_id);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->monitor_context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mado_hub_client_parent_class)->finalize (object);
}

static void
mado_hub_client_class_init (MadoHubClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_hub_client_finalize;
}

static void
mado_hub_client_init (MadoHubClient *self)
{
  g_mutex_init (&self->lock);
  self->max_attempts = DEFAULT_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
}

/**
 * mado_hub_client_new:
 * @config: the site configuration
 * @error: %MADO_HUB_ERROR_NOT_CONFIGURED when it names no hub
 *
 * Returns: (transfer full) (nullable): a client for the configured hub
 */
MadoHubClient *
mado_hub_client_new (const MadoSiteConfig *config,
                     GError              **error)
{
  MadoHubClient *self;

  g_return_val_if_fail (config != NULL, NULL);

  if (!config->has_hub)
    {
      mado_error_set (error, MADO_HUB_ERROR, MADO_HUB_ERROR_NOT_CONFIGURED);
      return NULL;
    }
  self = g_object_new (MADO_TYPE_HUB_CLIENT, NULL);
  self->transport = mado_hub_transport_new (config);
  self->institution_code = g_strdup (config->institution_code);
  self->terminal_id = g_strdup (config->terminal_id);
  /* 0: a configuration not loaded from a file, with no deadline but the
   * attempts' own. */
  self->deadline_us = config->deadline_seconds > 0
                      ? (gint64) config->deadline_seconds * G_USEC_PER_SEC
                      : G_MAXINT64 / 4;
  return self;
}

/**
 * mado_hub_client_set_monitor:
 * @monitor: (nullable): told whether the hub was reachable after each exchange
 *
 * The monitor is updated on the thread-default main context of the caller,
 * whichever thread the exchange ran in.
 */
void
mado_hub_client_set_monitor (MadoHubClient  *self,
                             MadoHubMonitor *monitor)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_set_object (&self->monitor, monitor);
  g_clear_pointer (&self->monitor_context, g_main_context_unref);
  if (monitor != NULL)
    self->monitor_context = g_main_context_ref_thread_default ();
  g_mutex_unlock (&self->lock);
}

const char *
mado_hub_client_get_url (MadoHubClient *self)
{
  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);

  return mado_hub_transport_get_url (self->transport);
}

void
mado_hub_client_add_test_header (MadoHubClient *self,
                                 const char    *header)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  mado_hub_transport_add_test_header (self->transport, header);
}

void
mado_hub_client_clear_test_headers (MadoHubClient *self)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  mado_hub_transport_clear_test_headers (self->transport);
}

void
mado_hub_client_set_retry_policy (MadoHubClient *self,
                                  guint          max_attempts,
                                  guint          base_delay_ms)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  g_mutex_lock (&self->lock);
  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
  g_mutex_unlock (&self->lock);
}

guint
mado_hub_client_get_attempts_made (MadoHubClient *self)
{
  guint attempts;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), 0);

  g_mutex_lock (&self->lock);
  attempts = self->attempts_made;
  g_mutex_unlock (&self->lock);
  return attempts;
}

void
mado_hub_client_get_last_timing (MadoHubClient *self,
                                 gint64        *out_tls_us,
                                 gint64        *out_total_us)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  mado_hub_transport_get_last_timing (self->transport, out_tls_us, out_total_us);
}

/* -- reachability ---------------------------------------------------------- */

typedef struct {
  MadoHubMonitor *monitor;
  gboolean        online;
  GDateTime      *when;
} Report;

static gboolean
report_cb (gpointer data)
{
  Report *report = data;

  if (report->online)
    mado_hub_monitor_report_online (report->monitor);
  else
    mado_hub_monitor_report_offline (report->monitor, report->when);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer data)
{
  Report *report = data;

  g_object_unref (report->monitor);
  g_date_time_unref (report->when);
  g_free (report);
}

static void
report_reachability (MadoHubClient *self,
                     gboolean       online)
{
  Report *report;
  GMainContext *context;

  g_mutex_lock (&self->lock);
  if (self->monitor == NULL)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  report = g_new0 (Report, 1);
  report->monitor = g_object_ref (self->monitor);
  report->online = online;
  report->when = g_date_time_new_now_utc ();
  context = g_main_context_ref (self->monitor_context);
  g_mutex_unlock (&self->lock);

  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, report_cb, report, report_free);
  g_main_context_unref (context);
}

/* -- retry policy ----------------------------------------------------------- */

guint
mado_hub_client_retry_delay_ms (guint  attempt,
                                guint  base_ms,
                                gint64 retry_after_ms,
                                double jitter)
{
  guint64 delay = base_ms;

  if (retry_after_ms >= 0)
    return (guint) MIN (retry_after_ms, (gint64) MAX_RETRY_AFTER_MS);
  for (guint i = 1; i < attempt && delay < MAX_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, (guint64) MAX_DELAY_MS);
  /* Equal jitter: half fixed, half random, so desks that failed together
   * do not all come back at the same instant. */
  return (guint) (delay / 2 + (guint64) ((double) (delay - delay / 2) * CLAMP (jitter, 0.0, 1.0)));
}

static void
sleep_cancellable (guint         ms,
                   GCancellable *cancellable)
{
  GPollFD fd;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_usleep ((gulong) ms * 1000);
      return;
    }
  g_poll (&fd, 1, (gint) ms);
  g_cancellable_release_fd (cancellable);
}

static gboolean
status_is_retriable (long status)
{
  return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
}

/* Performs @req, repeating idempotent requests after transient failures. */
static gboolean
exchange (MadoHubClient                 *self,
          const MadoHubTransportRequest *req,
          MadoHubTransportResponse      *r,
          GCancellable                  *cancellable,
          GError                       **error)
{
  guint max_attempts, base_delay_ms;
  /* One deadline for the call, whatever the hub does: a hub that drips its
   * answer would otherwise hold the desk for every attempt's whole timeout. */
  gint64 deadline = g_get_monotonic_time () + self->deadline_us;

  g_mutex_lock (&self->lock);
  max_attempts = req->idempotent ? self->max_attempts : 1;
  base_delay_ms = self->base_delay_ms;
  self->attempts_made = 0;
  g_mutex_unlock (&self->lock);
  r->cancellable = cancellable;

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean ok, retriable;
      guint delay = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_mutex_lock (&self->lock);
      self->attempts_made = attempt;
      g_mutex_unlock (&self->lock);

      r->timeout_ms = (glong) MAX ((deadline - g_get_monotonic_time ()) / 1000, 1);
      ok = mado_hub_transport_perform (self->transport, req, r, &local_error);
      retriable = ok ? status_is_retriable (r->status)
                     : mado_error_is_retryable (local_error);
      if (retriable)
        delay = mado_hub_client_retry_delay_ms (attempt, base_delay_ms, r->retry_after_ms,
                                                g_random_double ());
      if (!retriable || attempt >= max_attempts ||
          r->retry_after_ms > MAX_RETRY_AFTER_MS ||
          g_get_monotonic_time () + (gint64) delay * 1000 >= deadline)
        {
          if (ok)
            report_reachability (self, r->status < 500);
          else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            report_reachability (self, FALSE);
          if (!ok)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return ok;
        }
      g_debug ("hub: %s %s: attempt %u failed (%s); retrying in %u ms", req->method,
               req->log_path, attempt,
               ok ? "status" : mado_error_name (local_error),
               delay);
      sleep_cancellable (delay, cancellable);
    }
}

/* For the client's other files (mado-hub-client-batch.c): exchange(). */
gboolean
mado_hub_client_exchange (MadoHubClient                 *self,
                          const MadoHubTransportRequest *req,
                          MadoHubTransportResponse      *r,
                          GCancellable                  *cancellable,
                          GError                       **error)
{
  return exchange (self, req, r, cancellable, error);
}

/* -- interpreting answers ------------------------------------------------------ */

/* A decoder's error gets the staff advice in front of its JSON path. */
static void
decorate (GError **error)
{
  char *message;

  if (error == NULL || *error == NULL || (*error)->domain != MADO_HUB_ERROR)
    return;
  message = g_strdup_printf ("%s (%s)", mado_error_advice (MADO_HUB_ERROR, (*error)->code),
                             (*error)->message);
  g_free ((*error)->message);
  (*error)->message = message;
}

static gboolean
etag_matches (MadoHubTransportResponse *r,
              const MadoResidentBundle *bundle,
              char                    **out_etag,
              GError                  **error)
{
  g_autofree char *etag = mado_hub_transport_parse_etag (r->etag);

  if (etag == NULL)
    return mado_hub_transport_fail (error, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                                    "ETag: missing or not strong");
  if (strcmp (etag, bundle->version) != 0)
    return mado_hub_transport_fail (error, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                                    "ETag: not the bundle's version");
  *out_etag = g_steal_pointer (&etag);
  return TRUE;
}

/* -- the calls ----------------------------------------------------------------- */

/**
 * mado_hub_client_get_status:
 *
 * `GET /v1/status`; retried after transient failures.
 *
 * Returns: (transfer full) (nullable): the hub's status
 */
MadoHubStatus *
mado_hub_client_get_status (MadoHubClient *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_auto(MadoHubTransportRequest) req = { "GET", g_strdup ("/v1/status"), "/v1/status",
                                          NULL, NULL, NULL, TRUE };
  g_auto(MadoHubTransportResponse) r = MADO_HUB_TRANSPORT_RESPONSE_INIT;
  MadoHubStatus *status;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);

  if (!exchange (self, &req, &r, cancellable, error) || !mado_hub_transport_expect (&r, 200, 200,
                                                                                    error))
    return NULL;
  status = mado_hub_decode_status ((const char *) r.body->data, r.body->len, error);
  decorate (error);
  return status;
}

/**
 * mado_hub_client_request_challenge:
 *
 * `POST /v1/challenges`; never retried (each call consumes a challenge).
 *
 * Returns: (transfer full) (nullable): a fresh challenge
 */
MadoHubChallenge *
mado_hub_client_request_challenge (MadoHubClient *self,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  return mado_hub_client_request_challenge_for_card (self, NULL, cancellable, error);
}

/**
 * mado_hub_client_request_challenge_for_card:
 * @certificate: (nullable): the DER of the card's user-authentication
 *   certificate, which the hub judges before it issues the challenge
 *
 * `POST /v1/challenges` with the card's certificate: a revoked, expired or
 * untrusted card is refused (`certificate-*`) before anyone types a PIN.
 * Never retried.
 *
 * Returns: (transfer full) (nullable): a fresh challenge
 */
MadoHubChallenge *
mado_hub_client_request_challenge_for_card (MadoHubClient *self,
                                            GBytes        *certificate,
                                            GCancellable  *cancellable,
                                            GError       **error)
{
  g_autofree char *body = certificate != NULL ? mado_hub_encode_challenge_request (certificate)
                                              : NULL;
  g_auto(MadoHubTransportRequest) req = { "POST", g_strdup ("/v1/challenges"), "/v1/challenges",
                                          body, NULL, NULL, FALSE };
  g_auto(MadoHubTransportResponse) r = MADO_HUB_TRANSPORT_RESPONSE_INIT;
  MadoHubChallenge *challenge;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);

  if (!exchange (self, &req, &r, cancellable, error) || !mado_hub_transport_expect (&r, 201, 201,
                                                                                    error))
    return NULL;
  challenge = mado_hub_decode_challenge ((const char *) r.body->data, r.body->len, error);
  decorate (error);
  return challenge;
}

/* The answer must be about the card this terminal sent and its bundle about
 * the resident the hub verified: a hub that mixes up answers must not put
 * one resident's data on another's screen, nor in the cache under this card. */
static gboolean
check_binding (const MadoHubVerification *verification,
               GBytes                    *certificate,
               GError                   **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, certificate);

  if (strcmp (verification->certificate_sha256, sha256) != 0)
    return mado_hub_transport_fail (error, MADO_HUB_ERROR_BUNDLE_NOT_BOUND,
                                    "certificateSha256: not the certificate sent");
  if (strcmp (verification->resident_ref, verification->bundle->resident_ref) != 0)
    return mado_hub_transport_fail (error, MADO_HUB_ERROR_BUNDLE_NOT_BOUND,
                                    "bundle.residentRef: not the verified resident");
  return TRUE;
}

static MadoHubVerification *
verify_encoded (MadoHubClient *self,
                const char    *body,
                GBytes        *certificate,
                MadoHubConsent consent,
                GCancellable  *cancellable,
                GError       **error)
{
  /* Never retried: the challenge is single-use, a repeat would be refused
   * as replayed and hide the real answer. */
  g_auto(MadoHubTransportRequest) req = { "POST", g_strdup ("/v1/verifications"),
                                          "/v1/verifications", body, NULL, NULL, FALSE };
  g_auto(MadoHubTransportResponse) r = MADO_HUB_TRANSPORT_RESPONSE_INIT;
  g_autoptr(MadoHubVerification) verification = NULL;

  if (!exchange (self, &req, &r, cancellable, error) || !mado_hub_transport_expect (&r, 200, 200,
                                                                                    error))
    return NULL;
  verification = mado_hub_decode_verification ((const char *) r.body->data, r.body->len,
                                               consent, error);
  if (verification == NULL)
    {
      decorate (error);
      return NULL;
    }
  if (!etag_matches (&r, verification->bundle, &verification->etag, error) ||
      !check_binding (verification, certificate, error))
    return NULL;
  return g_steal_pointer (&verification);
}

/**
 * mado_hub_client_verify:
 * @request: the card's certificate, the signature or the operator, the consent
 *
 * `POST /v1/verifications` with the site's institution code and terminal
 * ID; never retried.
 *
 * Returns: (transfer full) (nullable): the resident token, the bundle
 *   (only the consented categories) and its version
 */
MadoHubVerification *
mado_hub_client_verify (MadoHubClient                    *self,
                        const MadoHubVerificationRequest *request,
                        GCancellable                     *cancellable,
                        GError                          **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  body = mado_hub_proof_encode_verification (request, self->institution_code, self->terminal_id,
                                             error);
  if (body == NULL)
    return NULL;
  return verify_encoded (self, body, request->certificate, request->consent, cancellable, error);
}

static gboolean
check_token (const char *token,
             GError    **error)
{
  gsize n = token != NULL ? strlen (token) : 0;

  if (n == 0 || n > 256)
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           _("The hub session for this resident is not usable. Check the card again."));
      return FALSE;
    }
  return TRUE;
}

static MadoHubBundleFetch *
fetch_bundle (MadoHubClient *self,
              const char    *resident_token,
              const char    *resident_ref,
              MadoHubConsent consent,
              const char    *if_none_match,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *escaped = g_uri_escape_string (resident_token, NULL, FALSE);
  g_autofree char *categories = mado_hub_encode_consent (consent);
  g_auto(MadoHubTransportRequest) req = { "GET", NULL, "/v1/bundles/…", NULL, if_none_match,
                                          NULL, TRUE };
  g_auto(MadoHubTransportResponse) r = MADO_HUB_TRANSPORT_RESPONSE_INIT;
  g_autoptr(MadoHubBundleFetch) fetch = g_new0 (MadoHubBundleFetch, 1);

  req.path = g_strdup_printf ("/v1/bundles/%s?consent=%s", escaped, categories);
  if (!exchange (self, &req, &r, cancellable, error))
    return NULL;
  if (r.status == 304 && if_none_match != NULL)
    {
      /* Unchanged: what the desk holds is confirmed as of now. */
      fetch->unchanged = TRUE;
      fetch->confirmed_at = g_date_time_new_now_utc ();
      fetch->etag = g_strdup (if_none_match);
      return g_steal_pointer (&fetch);
    }
  if (!mado_hub_transport_expect (&r, 200, 200, error))
    return NULL;
  fetch->bundle = mado_bundle_decode ((const char *) r.body->data, r.body->len, consent, error);
  if (fetch->bundle == NULL)
    {
      decorate (error);
      return NULL;
    }
  /* As for a verification's bundle: the token stands for one resident, and
   * a hub that answers with another's must not reach the screen or cache. */
  if (strcmp (fetch->bundle->resident_ref, resident_ref) != 0)
    {
      mado_hub_transport_fail (error, MADO_HUB_ERROR_BUNDLE_NOT_BOUND,
                               "bundle.residentRef: not the resident of this token");
      return NULL;
    }
  if (!etag_matches (&r, fetch->bundle, &fetch->etag, error))
    return NULL;
  fetch->confirmed_at = g_date_time_new_now_utc ();
  return g_steal_pointer (&fetch);
}

/**
 * mado_hub_client_fetch_bundle:
 * @resident_token: from mado_hub_client_verify()
 * @resident_ref: the `residentRef` of the same verification: a bundle for
 *   anyone else is refused (%MADO_HUB_ERROR_BUNDLE_NOT_BOUND)
 * @consent: the categories to fetch, a subset of those consented at verification
 * @if_none_match: (nullable): the version the desk already holds
 *
 * `GET /v1/bundles/{residentToken}`; retried after transient failures.
 *
 * Returns: (transfer full) (nullable): the bundle, or "unchanged, confirmed
 *   now" when the hub answered 304 to @if_none_match
 */
MadoHubBundleFetch *
mado_hub_client_fetch_bundle (MadoHubClient *self,
                              const char    *resident_token,
                              const char    *resident_ref,
                              MadoHubConsent consent,
                              const char    *if_none_match,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);
  g_return_val_if_fail (resident_ref != NULL, NULL);

  if (!check_token (resident_token, error))
    return NULL;
  if ((consent & MADO_HUB_CONSENT_ALL) == 0)
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           mado_error_advice (MADO_HUB_ERROR, MADO_HUB_ERROR_CONSENT_REQUIRED));
      return NULL;
    }
  /* A version, as the bundle carries it, not an entity tag. */
  if (if_none_match != NULL &&
      (*if_none_match == '\0' || strlen (if_none_match) > 64 ||
       strpbrk (if_none_match, "\"\\\r\n") != NULL))
    {
      mado_error_set (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
      return NULL;
    }
  return fetch_bundle (self, resident_token, resident_ref, consent, if_none_match, cancellable,
                       error);
}

static MadoHubRecordReceipt *
submit_encoded (MadoHubClient    *self,
                MadoHubRecordKind kind,
                const char       *idempotency_key,
                const char       *body,
                GCancellable     *cancellable,
                GError          **error)
{
  /* Safe to retry: the hub answers a repeated key with the first answer. */
  const char *path = mado_hub_encode_record_path (kind);
  g_auto(MadoHubTransportRequest) req = { "POST", g_strdup (path), path, body, NULL,
                                          idempotency_key, TRUE };
  g_auto(MadoHubTransportResponse) r = MADO_HUB_TRANSPORT_RESPONSE_INIT;
  MadoHubRecordReceipt *receipt;

  if (!exchange (self, &req, &r, cancellable, error) || !mado_hub_transport_expect (&r, 201, 200,
                                                                                    error))
    return NULL;
  receipt = mado_hub_decode_record_receipt ((const char *) r.body->data, r.body->len, error);
  if (receipt == NULL)
    {
      decorate (error);
      return NULL;
    }
  receipt->replayed = (r.status == 200);
  return receipt;
}

/**
 * mado_hub_client_submit_record:
 * @kind: vaccination or questionnaire
 * @idempotency_key: 1–64 of [A-Za-z0-9-], the same for every retry of this
 *   record (mado_hub_encode_new_idempotency_key())
 * @record: the record, naming the resident's `residentRef`
 *
 * `POST /v1/records/…`; retried after transient failures under the same key.
 *
 * Returns: (transfer full) (nullable): the hub's receipt
 */
MadoHubRecordReceipt *
mado_hub_client_submit_record (MadoHubClient    *self,
                               MadoHubRecordKind kind,
                               const char       *idempotency_key,
                               JsonObject       *record,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  if (!mado_hub_encode_check_idempotency_key (idempotency_key, error))
    return NULL;
  body = mado_hub_encode_record (kind, record, error);
  if (body == NULL)
    return NULL;
  return submit_encoded (self, kind, idempotency_key, body, cancellable, error);
}

void
mado_hub_bundle_fetch_free (MadoHubBundleFetch *fetch)
{
  if (fetch == NULL)
    return;
  g_clear_pointer (&fetch->confirmed_at, g_date_time_unref);
  g_free (fetch->etag);
  g_clear_pointer (&fetch->bundle, mado_resident_bundle_free);
  g_free (fetch);
}
