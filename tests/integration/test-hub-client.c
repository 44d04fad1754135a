/* test-hub-client.c — the terminal's hub client against the real training hub over mutual TLS
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <openssl/pem.h>

#include "madoguchi-core.h"
#include "hub/mado-hub-client-private.h"
#include "hub-test-util.h"
#include "mado-test-util.h"

static const char *hub_binary;
static HubProcess *hub;

/* A client for desk-1 with the terminal's files at @certificate and @key
 * (NULL: no client certificate); @ca is PKI-relative. */
static MadoHubClient *
client_with_files (const char *ca,
                   const char *certificate,
                   const char *key,
                   guint       total_timeout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = g_new0 (MadoSiteConfig, 1);
  MadoHubClient *client;

  config->has_hub = TRUE;
  config->hub_url = g_strdup_printf ("https://127.0.0.1:%u", hub->port);
  config->hub_ca = hub_test_pki_path (ca);
  config->client_certificate = g_strdup (certificate);
  config->client_key = g_strdup (key);
  config->connect_timeout_seconds = 2;
  config->total_timeout_seconds = total_timeout;
  config->institution_code = g_strdup ("1312345678");
  config->terminal_id = g_strdup ("desk-1");
  client = mado_hub_client_new (config, &error);
  g_assert_no_error (error);
  mado_hub_client_set_retry_policy (client, 3, 20);
  return client;
}

/* The same with PKI-relative files. */
static MadoHubClient *
client_for (const char *ca,
            const char *certificate,
            const char *key,
            guint       total_timeout)
{
  g_autofree char *certificate_path = certificate != NULL ? hub_test_pki_path (certificate) : NULL;
  g_autofree char *key_path = key != NULL ? hub_test_pki_path (key) : NULL;

  return client_with_files (ca, certificate_path, key_path, total_timeout);
}

static MadoHubClient *
desk_1 (void)
{
  return client_for ("hub/hub-ca.pem", "terminals/desk-1.pem", "terminals/desk-1.key", 10);
}

static void
test_status (void)
{
  g_autoptr(MadoHubClient) client = desk_1 ();
  g_autoptr(MadoHubMonitor) monitor = mado_hub_monitor_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = NULL;

  mado_hub_client_set_monitor (client, monitor);
  status = mado_hub_client_get_status (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->status, ==, "ok");
  g_assert_cmpstr (status->api_version, ==, "1");
  g_assert_cmpint (mado_hub_monitor_get_state (monitor), ==, MADO_HUB_STATE_ONLINE);
}

static MadoHubVerification *
verify_infant (MadoHubClient  *client,
               MadoHubConsent  consent,
               GError        **error)
{
  g_autoptr(MadoHubChallenge) challenge = NULL;
  g_autoptr(GBytes) message = NULL;
  g_autoptr(GBytes) certificate = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autofree char *signature_b64 = NULL;
  g_autofree char *der_path = hub_test_pki_path ("cards/infant.cert.der");
  g_autofree char *der = NULL;
  g_autofree guchar *raw = NULL;
  gsize der_len, raw_len;
  MadoHubVerificationRequest request = { 0 };

  challenge = mado_hub_client_request_challenge (client, NULL, error);
  g_assert_nonnull (challenge);
  message = mado_hub_proof_message (challenge->raw, "1312345678", "desk-1", error);
  g_assert_nonnull (message);
  /* The card's signature, made here with the card's key from the PKI. */
  signature_b64 = hub_test_sign ("infant", message);
  raw = g_base64_decode (signature_b64, &raw_len);
  signature = g_bytes_new (raw, raw_len);
  g_assert_true (g_file_get_contents (der_path, &der, &der_len, NULL));
  certificate = g_bytes_new (der, der_len);

  request.challenge = challenge->challenge;
  request.certificate = certificate;
  request.signature = signature;
  request.method = MADO_HUB_IDENTITY_PIN;
  request.consent = consent;
  return mado_hub_client_verify (client, &request, NULL, error);
}

static void
test_verify_and_fetch (void)
{
  g_autoptr(MadoHubClient) client = desk_1 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubVerification) v = verify_infant (client, MADO_HUB_CONSENT_ALL, &error);
  g_autoptr(MadoHubBundleFetch) fresh = NULL;
  g_autoptr(MadoHubBundleFetch) same = NULL;

  /* The fixtures' bundle passes every rule of the strict decoder. */
  g_assert_no_error (error);
  g_assert_nonnull (v->bundle);
  g_assert_cmpstr (v->bundle->resident_ref, ==, "r-1001-yamada-haruto");
  g_assert_cmpstr (v->etag, ==, v->bundle->version);

  fresh = mado_hub_client_fetch_bundle (client, v->resident_token, v->resident_ref,
                                        MADO_HUB_CONSENT_SUBSIDY,
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (fresh->unchanged);
  g_assert_nonnull (fresh->bundle->subsidies);
  g_assert_null (fresh->bundle->immunizations);

  same = mado_hub_client_fetch_bundle (client, v->resident_token, v->resident_ref,
                                       MADO_HUB_CONSENT_SUBSIDY, fresh->etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (same->unchanged);
  g_assert_null (same->bundle);
  g_assert_nonnull (same->confirmed_at);
}

/* A hub that answers a token with another resident's bundle is refused,
 * as it is when it does so in the verification's answer. */
static void
test_fetch_foreign_bundle (void)
{
  g_autoptr(MadoHubClient) client = desk_1 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubVerification) v = verify_infant (client, MADO_HUB_CONSENT_ALL, &error);
  g_autoptr(MadoHubBundleFetch) fetch = NULL;

  g_assert_no_error (error);
  mado_hub_client_add_test_header (client, "X-Training-Fault: foreign-resident");
  fetch = mado_hub_client_fetch_bundle (client, v->resident_token, v->resident_ref,
                                        MADO_HUB_CONSENT_ALL, NULL, NULL, &error);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_BUNDLE_NOT_BOUND);
  g_assert_null (fetch);
}

static void
test_challenge_replayed (void)
{
  g_autoptr(MadoHubClient) client = desk_1 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubChallenge) challenge = mado_hub_client_request_challenge (client, NULL, &error);
  g_autoptr(GBytes) certificate = g_bytes_new ("\x30\x03\x02\x01\x01", 5);
  g_autoptr(MadoHubVerification) v = NULL;
  MadoHubVerificationRequest request = { 0 };

  g_assert_no_error (error);
  request.challenge = challenge->challenge;
  request.certificate = certificate;
  request.method = MADO_HUB_IDENTITY_VISUAL;
  request.operator_id = "staff-007";
  request.consent = MADO_HUB_CONSENT_SUBSIDY;
  /* A garbage certificate: refused, and the challenge is consumed. */
  v = mado_hub_client_verify (client, &request, NULL, &error);
  g_assert_null (v);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MADO_HUB_ERROR);
  g_clear_error (&error);
  v = mado_hub_client_verify (client, &request, NULL, &error);
  g_assert_null (v);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_CHALLENGE_REPLAYED);
  g_assert_cmpuint (mado_hub_client_get_attempts_made (client), ==, 1);
}

static void
test_record_exactly_once (void)
{
  g_autoptr(MadoHubClient) client = desk_1 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(JsonObject) code = json_object_new ();
  g_autoptr(JsonArray) disease = json_array_new ();
  g_autoptr(MadoHubRecordReceipt) receipt = NULL;
  g_autoptr(HubResponse) before = NULL;
  g_autoptr(HubResponse) after = NULL;
  g_autofree char *key = mado_hub_encode_new_idempotency_key ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  HubRequestOptions options = { .terminal = "desk-1" };

  json_object_set_string_member (code, "system", "https://madoguchi.invalid/training/vaccine-codes");
  json_object_set_string_member (code, "code", "HEPB-PED");
  json_object_set_string_member (code, "display", "B型肝炎ワクチン（小児用）");
  json_array_add_string_element (disease, "B型肝炎");
  json_object_set_string_member (record, "residentRef", "r-1001-yamada-haruto");
  json_object_set_object_member (record, "vaccineCode", g_steal_pointer (&code));
  json_object_set_array_member (record, "targetDisease", g_steal_pointer (&disease));
  json_object_set_string_member (record, "occurrenceDate", today);
  json_object_set_int_member (record, "doseNumber", 3);
  json_object_set_string_member (record, "lotNumber", "HB2409F");
  json_object_set_string_member (record, "site", "左大腿");
  json_object_set_double_member (record, "doseQuantityMl", 0.25);
  json_object_set_string_member (record, "performer", "佐藤 健一");

  before = hub_request (hub, "GET", "/v1/training/records-count", &options);
  /* The first answer is lost on the way back; the retry gets it. */
  mado_hub_client_add_test_header (client, "X-Training-Fault: truncate");
  receipt = mado_hub_client_submit_record (client, MADO_HUB_RECORD_VACCINATION, key, record,
                                           NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_CONNECTION_LOST);
  g_assert_cmpuint (mado_hub_client_get_attempts_made (client), ==, 3);
  g_clear_error (&error);
  g_clear_object (&client);

  client = desk_1 ();
  receipt = mado_hub_client_submit_record (client, MADO_HUB_RECORD_VACCINATION, key, record,
                                           NULL, &error);
  g_assert_no_error (error);
  g_assert_true (receipt->replayed);
  after = hub_request (hub, "GET", "/v1/training/records-count", &options);
  g_assert_cmpint (json_object_get_int_member (hub_response_object (after), "total"), ==,
                   json_object_get_int_member (hub_response_object (before), "total") + 1);
}

static void
test_server_untrusted (void)
{
  /* The client trusts only another CA than the hub's. */
  g_autoptr(MadoHubClient) client = client_for ("hub/other-ca.pem", "terminals/desk-1.pem",
                                                "terminals/desk-1.key", 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = mado_hub_client_get_status (client, NULL, &error);

  g_assert_null (status);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_SERVER_UNTRUSTED);
  g_assert_cmpuint (mado_hub_client_get_attempts_made (client), ==, 1);
}

static void
test_client_certificate_refused (gconstpointer data)
{
  const char *name = data;
  g_autofree char *certificate = name != NULL ? g_strdup_printf ("terminals/%s.pem", name) : NULL;
  g_autofree char *key = name != NULL ? g_strdup_printf ("terminals/%s.key", name) : NULL;
  g_autoptr(MadoHubClient) client = client_for ("hub/hub-ca.pem", certificate, key, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = mado_hub_client_get_status (client, NULL, &error);

  g_assert_null (status);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED);
}

/* -- kept connections ---------------------------------------------------------- */

static gint64
last_tls_us (MadoHubClient *client)
{
  gint64 tls_us = -1, total_us = -1;

  mado_hub_client_get_last_timing (client, &tls_us, &total_us);
  g_assert_cmpint (total_us, >, 0);
  return tls_us;
}

static void
assert_status_ok (MadoHubClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = mado_hub_client_get_status (client, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (status->status, ==, "ok");
}

static void
test_kept_connection (void)
{
  g_autoptr(MadoHubClient) client = desk_1 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubVerification) v = NULL;
  g_autoptr(MadoHubBundleFetch) fetch = NULL;

  /* The first exchange sets up TLS, the next ones ride on its connection:
   * no handshake, and the hub still knows the terminal. */
  assert_status_ok (client);
  g_assert_cmpint (last_tls_us (client), >, 0);
  assert_status_ok (client);
  g_assert_cmpint (last_tls_us (client), ==, 0);
  v = verify_infant (client, MADO_HUB_CONSENT_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (last_tls_us (client), ==, 0);
  fetch = mado_hub_client_fetch_bundle (client, v->resident_token, v->resident_ref,
                                        MADO_HUB_CONSENT_SUBSIDY,
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fetch->bundle);
  g_assert_cmpint (last_tls_us (client), ==, 0);
}

typedef struct {
  const char   *fault;
  MadoHubError  code;
  gboolean      kept;      /* the connection survives the failed exchange */
} AfterFault;

static const AfterFault after_faults[] = {
  { "truncate", MADO_HUB_ERROR_CONNECTION_LOST, FALSE },
  { "drop", MADO_HUB_ERROR_CONNECTION_LOST, FALSE },
  { "oversize=5000000", MADO_HUB_ERROR_RESPONSE_TOO_LARGE, FALSE },
  { "delay=3000", MADO_HUB_ERROR_TIMEOUT, FALSE },
  /* A complete answer, if an unwelcome one: nothing wrong with the connection. */
  { "status=503", MADO_HUB_ERROR_INTERNAL, TRUE },
};

static void
test_after_fault (gconstpointer data)
{
  const AfterFault *fault = data;
  g_autoptr(MadoHubClient) client = client_for ("hub/hub-ca.pem", "terminals/desk-1.pem",
                                                "terminals/desk-1.key", 2);
  g_autofree char *header = g_strdup_printf ("X-Training-Fault: %s", fault->fault);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = NULL;

  mado_hub_client_set_retry_policy (client, 1, 10);
  assert_status_ok (client);
  assert_status_ok (client);
  g_assert_cmpint (last_tls_us (client), ==, 0);

  /* The fault hits an exchange on the kept connection... */
  mado_hub_client_add_test_header (client, header);
  status = mado_hub_client_get_status (client, NULL, &error);
  g_assert_null (status);
  g_assert_error (error, MADO_HUB_ERROR, (gint) fault->code);

  /* ...and the next exchange is not poisoned by it: after a broken one it
   * runs on a new connection. */
  mado_hub_client_clear_test_headers (client);
  assert_status_ok (client);
  if (fault->kept)
    g_assert_cmpint (last_tls_us (client), ==, 0);
  else
    g_assert_cmpint (last_tls_us (client), >, 0);
}

static void
status_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(MadoHubStatus) status = NULL;

  status = mado_hub_client_get_status_finish (MADO_HUB_CLIENT (source), result, error);
  g_assert_null (status);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_kept (void)
{
  g_autoptr(MadoHubClient) client = desk_1 ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;
  gint64 started;

  assert_status_ok (client);
  mado_hub_client_add_test_header (client, "X-Training-Fault: delay=3000");
  started = g_get_monotonic_time ();
  mado_hub_client_get_status_async (client, cancellable, status_done_cb, &error);
  g_timeout_add (200, cancel_cb, cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* The cancelled exchange's connection is gone, not handed on. */
  mado_hub_client_clear_test_headers (client);
  assert_status_ok (client);
  g_assert_cmpint (last_tls_us (client), >, 0);
}

/* Every exchange of a refused terminal performs its own handshake and is
 * named as refused, the second as the first. */
static void
test_refused_every_time (void)
{
  g_autoptr(MadoHubClient) client = client_for ("hub/hub-ca.pem", NULL, NULL, 5);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoHubStatus) status = mado_hub_client_get_status (client, NULL, &error);

      g_assert_null (status);
      g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED);
      g_assert_cmpint (last_tls_us (client), >, 0);
    }
}

typedef struct {
  guint   pending;
  guint   succeeded;
} Concurrent;

static void
concurrent_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Concurrent *c = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = NULL;

  status = mado_hub_client_get_status_finish (MADO_HUB_CLIENT (source), result, &error);
  g_assert_no_error (error);
  if (status != NULL && g_strcmp0 (status->status, "ok") == 0)
    c->succeeded++;
  c->pending--;
}

/* Exchanges in several GTask threads at once, twice over: each takes its
 * own handle and connection, and gives them back for the next round. */
static void
test_concurrent (void)
{
  g_autoptr(MadoHubClient) client = desk_1 ();
  Concurrent c = { 0, 0 };

  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < 6; i++, c.pending++)
        mado_hub_client_get_status_async (client, NULL, concurrent_done_cb, &c);
      while (c.pending > 0)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (c.succeeded, ==, 12);
}

typedef struct {
  const char   *fault;
  MadoHubError  code;
  guint         attempts;
} Fault;

static const Fault faults[] = {
  { "delay=4000", MADO_HUB_ERROR_TIMEOUT, 3 },
  { "status=500", MADO_HUB_ERROR_INTERNAL, 3 },
  { "status=503", MADO_HUB_ERROR_INTERNAL, 3 },
  { "status=429", MADO_HUB_ERROR_RATE_LIMITED, 3 },
  { "status=502", MADO_HUB_ERROR_INTERNAL, 3 },
  { "status=418", MADO_HUB_ERROR_INTERNAL, 1 },
  { "truncate", MADO_HUB_ERROR_CONNECTION_LOST, 3 },
  { "drop", MADO_HUB_ERROR_CONNECTION_LOST, 3 },
  { "oversize=5000000", MADO_HUB_ERROR_RESPONSE_TOO_LARGE, 1 },
  { "oversize=67108864", MADO_HUB_ERROR_RESPONSE_TOO_LARGE, 1 },
};

static void
test_fault (gconstpointer data)
{
  const Fault *fault = data;
  g_autoptr(MadoHubClient) client = client_for ("hub/hub-ca.pem", "terminals/desk-1.pem",
                                                "terminals/desk-1.key", 2);
  g_autofree char *header = g_strdup_printf ("X-Training-Fault: %s", fault->fault);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = NULL;
  gint64 started = g_get_monotonic_time ();

  mado_hub_client_add_test_header (client, header);
  status = mado_hub_client_get_status (client, NULL, &error);
  g_assert_null (status);
  g_assert_error (error, MADO_HUB_ERROR, (gint) fault->code);
  g_assert_cmpuint (mado_hub_client_get_attempts_made (client), ==, fault->attempts);
  /* Three attempts of at most 2 s, and Retry-After waits of 1 s. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
}

/* -- resumed TLS sessions and key types ---------------------------------------- */

static HubProcess *
hub_with_certificate (guint       port,
                      const char *certificate)
{
  g_autofree char *listen = g_strdup_printf ("--listen=127.0.0.1:%u", port);
  g_autofree char *cert = g_strdup_printf ("--server-cert=%s/hub/%s.pem", hub_test_pki (), certificate);
  g_autofree char *key = g_strdup_printf ("--server-key=%s/hub/%s.key", hub_test_pki (), certificate);
  const char *args[] = { listen, cert, key, NULL };

  return hub_process_start (hub_binary, args);
}

static void
assert_status_error (MadoHubClient *client,
                     MadoHubError   code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = mado_hub_client_get_status (client, NULL, &error);

  g_assert_null (status);
  g_assert_error (error, MADO_HUB_ERROR, code);
}

/* The client keeps the hub's TLS session to resume it on its next
 * connection. Another server on the hub's address (with a certificate of
 * another CA) cannot resume it, and its own certificate is refused, every
 * time: a kept session is no way around the check of the hub's certificate. */
static void
test_resumed_session_other_hub (void)
{
  HubProcess *shared = hub;
  g_autoptr(MadoHubClient) client = NULL;
  HubProcess *other;
  guint port;

  hub = hub_with_certificate (0, "server");
  port = hub->port;
  client = desk_1 ();
  /* The second exchange has read the session ticket that follows the
   * first one's handshake. */
  assert_status_ok (client);
  assert_status_ok (client);
  hub_process_stop (hub);

  other = hub_with_certificate (port, "other-server");
  assert_status_error (client, MADO_HUB_ERROR_SERVER_UNTRUSTED);
  assert_status_error (client, MADO_HUB_ERROR_SERVER_UNTRUSTED);
  hub_process_stop (other);
  hub = shared;
}

/* -- the terminal's key and certificate on disk ---------------------------------- */

/* Puts the PKI's @relative at @path as a certificate tool would: a new
 * file renamed over the old one. */
static void
install_file (const char *relative,
              const char *path)
{
  g_autofree char *source = hub_test_pki_path (relative);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize n;

  g_assert_true (g_file_get_contents (source, &contents, &n, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) n, &error));
  g_assert_no_error (error);
}

/* Writes the PKI's @relative to @path padded to 4 KiB (PEM readers skip
 * what follows the last block): over the file in place, same inode, same
 * size, or as a new file renamed over it. */
static void
write_padded (const char *relative,
              const char *path,
              gboolean    in_place)
{
  g_autofree char *source = hub_test_pki_path (relative);
  g_autofree char *contents = NULL;
  char padded[4096];
  gsize n;
  FILE *file;

  g_assert_true (g_file_get_contents (source, &contents, &n, NULL));
  g_assert_cmpuint (n, <, sizeof padded);
  memset (padded, '\n', sizeof padded);
  memcpy (padded, contents, n);
  if (!in_place)
    {
      g_assert_true (g_file_set_contents (path, padded, sizeof padded, NULL));
      return;
    }
  file = fopen (path, "r+");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (padded, 1, sizeof padded, file), ==, sizeof padded);
  fclose (file);
}

typedef struct {
  char *dir;
  char *certificate;
  char *key;
} TerminalFiles;

/* desk-1's files in a folder of their own, and a client that uses them. */
static MadoHubClient *
terminal_files_init (TerminalFiles *files)
{
  files->dir = mado_test_make_dir ("mado-terminal-XXXXXX");
  files->certificate = g_build_filename (files->dir, "terminal.pem", NULL);
  files->key = g_build_filename (files->dir, "terminal.key", NULL);
  install_file ("terminals/desk-1.pem", files->certificate);
  install_file ("terminals/desk-1.key", files->key);
  return client_with_files ("hub/hub-ca.pem", files->certificate, files->key, 10);
}

static void
terminal_files_clear (TerminalFiles *files)
{
  mado_test_remove_dir (files->dir);
  g_free (files->dir);
  g_free (files->certificate);
  g_free (files->key);
}

static void
assert_verified (MadoHubClient *client,
                 MadoHubError   expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubVerification) v = verify_infant (client, MADO_HUB_CONSENT_ALL, &error);

  if (expected == 0)
    {
      g_assert_no_error (error);
      g_assert_nonnull (v);
    }
  else
    g_assert_error (error, MADO_HUB_ERROR, (gint) expected);
}

/* A certificate renewed on disk between two exchanges is the one the next
 * exchange presents: the kept connection and the TLS session made with the
 * old one are not used again. The hub tells which it saw: the client says
 * it is desk-1, which only desk-1's certificate may say. */
static void
test_renewed_certificate (void)
{
  TerminalFiles files;
  g_autoptr(MadoHubClient) client = terminal_files_init (&files);

  assert_verified (client, 0);
  assert_verified (client, 0);
  g_assert_cmpint (last_tls_us (client), ==, 0);

  install_file ("terminals/desk-2.pem", files.certificate);
  install_file ("terminals/desk-2.key", files.key);
  assert_status_ok (client);
  g_assert_cmpint (last_tls_us (client), >, 0);
  assert_verified (client, MADO_HUB_ERROR_TERMINAL_MISMATCH);

  write_padded ("terminals/desk-1.pem", files.certificate, FALSE);
  install_file ("terminals/desk-1.key", files.key);
  assert_status_ok (client);
  g_assert_cmpint (last_tls_us (client), >, 0);
  assert_verified (client, 0);

  /* Only the certificate, rewritten in place as long as before, by one on
   * the same key: the file's times are all that tell (they have the
   * kernel's tick for resolution, hence the pause). */
  g_usleep (20 * 1000);
  write_padded ("terminals/desk-2-on-desk-1-key.pem", files.certificate, TRUE);
  assert_status_ok (client);
  g_assert_cmpint (last_tls_us (client), >, 0);
  assert_verified (client, MADO_HUB_ERROR_TERMINAL_MISMATCH);
  terminal_files_clear (&files);
}

static void
assert_tls_setup (MadoHubClient *client,
                  const char    *named)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubStatus) status = mado_hub_client_get_status (client, NULL, &error);

  g_assert_null (status);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_TLS_SETUP);
  g_assert_nonnull (strstr (error->message, named));
  g_assert_cmpuint (mado_hub_client_get_attempts_made (client), ==, 1);
}

/* A key file replaced by something unusable is the named error, every
 * time, on the kept connection too: the key loaded before is not used on.
 * Once the file is sound again, the client works again. */
static void
test_broken_key (void)
{
  TerminalFiles files;
  g_autoptr(MadoHubClient) client = terminal_files_init (&files);

  assert_status_ok (client);

  g_assert_true (g_file_set_contents (files.key, "-----BEGIN PRIVATE KEY-----\ngarbage\n", -1, NULL));
  assert_tls_setup (client, files.key);
  assert_tls_setup (client, files.key);

  /* Another terminal's key: a key, but not this certificate's. */
  install_file ("terminals/desk-2.key", files.key);
  assert_tls_setup (client, "does not belong");

  g_unlink (files.certificate);
  assert_tls_setup (client, files.certificate);

  install_file ("terminals/desk-1.pem", files.certificate);
  install_file ("terminals/desk-1.key", files.key);
  assert_status_ok (client);
  terminal_files_clear (&files);
}

/* The hub's and the terminal's keys are of the kind this run expects
 * (MADOGUCHI_EXPECT_HUB_KEY: "rsa", the default, or "ec"), so that the run
 * with the ECDSA test PKI cannot pass on RSA keys. */
static void
test_key_type (void)
{
  const char *expected = g_getenv ("MADOGUCHI_EXPECT_HUB_KEY");
  int wanted = g_strcmp0 (expected, "ec") == 0 ? EVP_PKEY_EC : EVP_PKEY_RSA;
  const char *const keys[] = { "hub/server.key", "terminals/desk-1.key" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *path = hub_test_pki_path (keys[i]);
      FILE *file = fopen (path, "r");
      EVP_PKEY *key;

      g_assert_nonnull (file);
      key = PEM_read_PrivateKey (file, NULL, NULL, NULL);
      fclose (file);
      g_assert_nonnull (key);
      g_assert_cmpint (EVP_PKEY_get_base_id (key), ==, wanted);
      EVP_PKEY_free (key);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *args[] = { "--enable-faults", NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: %s TRAINING-HUB\n", argv[0]);
      return 2;
    }
  hub_binary = argv[1];
  hub = hub_process_start (hub_binary, args);

  g_test_add_func ("/hub/client/tls/key-type", test_key_type);
  g_test_add_func ("/hub/client/tls/status", test_status);
  g_test_add_func ("/hub/client/tls/verify-and-fetch", test_verify_and_fetch);
  g_test_add_func ("/hub/client/tls/fetch-foreign-bundle", test_fetch_foreign_bundle);
  g_test_add_func ("/hub/client/tls/challenge-replayed", test_challenge_replayed);
  g_test_add_func ("/hub/client/tls/record-exactly-once", test_record_exactly_once);
  g_test_add_func ("/hub/client/tls/server-untrusted", test_server_untrusted);
  g_test_add_data_func ("/hub/client/tls/no-client-certificate", NULL,
                        test_client_certificate_refused);
  g_test_add_data_func ("/hub/client/tls/rogue-client-certificate", "rogue-desk",
                        test_client_certificate_refused);
  g_test_add_func ("/hub/client/tls/resumed-session-other-hub", test_resumed_session_other_hub);
  g_test_add_func ("/hub/client/tls/renewed-certificate", test_renewed_certificate);
  g_test_add_func ("/hub/client/tls/broken-key", test_broken_key);
  g_test_add_func ("/hub/client/kept/reused", test_kept_connection);
  g_test_add_func ("/hub/client/kept/cancel", test_cancel_kept);
  g_test_add_func ("/hub/client/kept/refused-every-time", test_refused_every_time);
  g_test_add_func ("/hub/client/kept/concurrent", test_concurrent);
  for (guint i = 0; i < G_N_ELEMENTS (after_faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hub/client/kept/after/%s", after_faults[i].fault);

      g_test_add_data_func (path, &after_faults[i], test_after_fault);
    }
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hub/client/fault/%s", faults[i].fault);

      g_test_add_data_func (path, &faults[i], test_fault);
    }
  status = g_test_run ();
  hub_process_stop (hub);
  return status;
}
