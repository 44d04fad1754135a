/* test-hub-client.c — the hub client's policies, and its failures on loopback without a hub
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "madoguchi-core.h"
#include "mado-test-util.h"
#include "hub/mado-hub-client-private.h"

static void
test_retry_delay (void)
{
  /* Exponential from the base, equal jitter: [d/2, d]. */
  g_assert_cmpuint (mado_hub_client_retry_delay_ms (1, 250, -1, 0.0), ==, 125);
  g_assert_cmpuint (mado_hub_client_retry_delay_ms (1, 250, -1, 1.0), ==, 250);
  g_assert_cmpuint (mado_hub_client_retry_delay_ms (2, 250, -1, 0.0), ==, 250);
  g_assert_cmpuint (mado_hub_client_retry_delay_ms (3, 250, -1, 1.0), ==, 1000);
  /* Capped at 4 s. */
  g_assert_cmpuint (mado_hub_client_retry_delay_ms (30, 250, -1, 1.0), ==, 4000);
  /* Retry-After wins, bounded at 10 s. */
  g_assert_cmpuint (mado_hub_client_retry_delay_ms (1, 250, 2000, 0.5), ==, 2000);
  g_assert_cmpuint (mado_hub_client_retry_delay_ms (1, 250, 60000, 0.5), ==, 10000);
}

/* -- against loopback ----------------------------------------------------------- */

typedef struct {
  char           *dir;
  GSocket        *listener;   /* listens, never accepts */
  guint16         silent_port;
  guint16         closed_port;
  MadoSiteConfig *config;
} Fixture;

static guint16
bind_loopback (GSocket **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *out = socket;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static MadoSiteConfig *
make_config (const char *dir,
             guint16     port)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf (
    "[hub]\nurl=https://127.0.0.1:%u\nca=ca.pem\nclient-certificate=desk.pem\nclient-key=desk.key\n"
    "connect-timeout-seconds=1\ntotal-timeout-seconds=1\n"
    "[site]\ninstitution-code=1312345678\nterminal-id=desk-1\n", port);
  g_autofree char *conf = g_build_filename (dir, "site.conf", NULL);
  MadoSiteConfig *config = mado_site_config_load_data (text, conf, &error);

  g_assert_no_error (error);
  return config;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSocket *closed = NULL;
  const char *names[] = { "ca.pem", "desk.pem", "desk.key" };

  f->dir = mado_test_make_dir ("mado-hub-client-XXXXXX");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    mado_test_write_file (f->dir, names[i], "x");
  /* A port that refuses: bound, then closed. */
  f->closed_port = bind_loopback (&closed);
  g_object_unref (closed);
  /* A port that never answers: the kernel completes the handshake into the
   * backlog, and nothing ever speaks. */
  f->silent_port = bind_loopback (&f->listener);
  g_socket_listen (f->listener, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->listener);
  g_clear_pointer (&f->config, mado_site_config_free);
  mado_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* The client loads the terminal's certificate and key before it connects:
 * for tests that get as far as connecting they must be real. */
static gboolean
use_test_pki (Fixture *f,
              guint16  port)
{
  const char *pki = g_getenv ("MADOGUCHI_TEST_PKI");

  if (pki == NULL || !g_file_test (pki, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no test PKI (MADOGUCHI_TEST_PKI)");
      return FALSE;
    }
  f->config = make_config (f->dir, port);
  g_free (f->config->hub_ca);
  f->config->hub_ca = g_build_filename (pki, "hub", "hub-ca.pem", NULL);
  g_free (f->config->client_certificate);
  f->config->client_certificate = g_build_filename (pki, "terminals", "desk-1.pem", NULL);
  g_free (f->config->client_key);
  f->config->client_key = g_build_filename (pki, "terminals", "desk-1.key", NULL);
  return TRUE;
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubClient) client = NULL;
  g_autoptr(MadoHubMonitor) monitor = mado_hub_monitor_new ();
  g_autoptr(MadoHubStatus) status = NULL;
  g_autoptr(MadoHubChallenge) challenge = NULL;

  if (!use_test_pki (f, f->closed_port))
    return;
  client = mado_hub_client_new (f->config, &error);
  g_assert_no_error (error);
  mado_hub_client_set_monitor (client, monitor);
  mado_hub_client_set_retry_policy (client, 3, 10);

  /* Idempotent: tried three times, then the named error. */
  status = mado_hub_client_get_status (client, NULL, &error);
  g_assert_null (status);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_UNREACHABLE);
  g_assert_cmpuint (mado_hub_client_get_attempts_made (client), ==, 3);
  g_assert_cmpint (mado_hub_monitor_get_state (monitor), ==, MADO_HUB_STATE_OFFLINE);
  g_clear_error (&error);

  /* Not idempotent: once only. */
  challenge = mado_hub_client_request_challenge (client, NULL, &error);
  g_assert_null (challenge);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_UNREACHABLE);
  g_assert_cmpuint (mado_hub_client_get_attempts_made (client), ==, 1);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubClient) client = NULL;
  g_autoptr(MadoHubStatus) status = NULL;
  gint64 started;

  if (!use_test_pki (f, f->silent_port))
    return;
  client = mado_hub_client_new (f->config, &error);
  g_assert_no_error (error);
  mado_hub_client_set_retry_policy (client, 1, 10);

  started = g_get_monotonic_time ();
  status = mado_hub_client_get_status (client, NULL, &error);
  g_assert_null (status);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_TIMEOUT);
  /* Within the configured second, with slack for a loaded machine. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
}

static void
test_tls_setup (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubClient) client = NULL;
  g_autoptr(MadoHubStatus) status = NULL;

  /* The fixture's certificate and key files hold garbage. */
  f->config = make_config (f->dir, f->silent_port);
  client = mado_hub_client_new (f->config, &error);
  g_assert_no_error (error);
  status = mado_hub_client_get_status (client, NULL, &error);
  g_assert_null (status);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_TLS_SETUP);
  /* Not transient: tried once. */
  g_assert_cmpuint (mado_hub_client_get_attempts_made (client), ==, 1);
}

static void
challenge_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(MadoHubChallenge) challenge = NULL;

  challenge = mado_hub_client_request_challenge_finish (MADO_HUB_CLIENT (source), result, error);
  g_assert_null (challenge);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_async (Fixture       *f,
                   gconstpointer  data)
{
  GError *error = NULL;
  g_autoptr(MadoHubClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 started;

  if (!use_test_pki (f, f->silent_port))
    return;
  f->config->total_timeout_seconds = 30;
  client = mado_hub_client_new (f->config, &error);
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  mado_hub_client_request_challenge_async (client, cancellable, challenge_done_cb, &error);
  g_timeout_add (100, cancel_cb, cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);
}

static void
test_invalid_requests (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoHubClient) client = NULL;
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(MadoHubRecordReceipt) receipt = NULL;
  g_autoptr(MadoHubBundleFetch) fetch = NULL;

  f->config = make_config (f->dir, f->closed_port);
  client = mado_hub_client_new (f->config, &error);
  g_assert_no_error (error);
  json_object_set_string_member (record, "residentRef", "r-1");

  /* Refused before anything is sent: nothing to retry, nothing reported. */
  receipt = mado_hub_client_submit_record (client, MADO_HUB_RECORD_VACCINATION, "bad key!",
                                           record, NULL, &error);
  g_assert_null (receipt);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  fetch = mado_hub_client_fetch_bundle (client, "", "r-1", MADO_HUB_CONSENT_ALL, NULL, NULL, &error);
  g_assert_null (fetch);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  fetch = mado_hub_client_fetch_bundle (client, "tok", "r-1", MADO_HUB_CONSENT_ALL, "\"7\"", NULL, &error);
  g_assert_null (fetch);
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/client/retry-delay", test_retry_delay);
  g_test_add ("/hub/client/unreachable", Fixture, NULL, fixture_set_up, test_unreachable,
              fixture_tear_down);
  g_test_add ("/hub/client/timeout", Fixture, NULL, fixture_set_up, test_timeout,
              fixture_tear_down);
  g_test_add ("/hub/client/tls-setup", Fixture, NULL, fixture_set_up, test_tls_setup,
              fixture_tear_down);
  g_test_add ("/hub/client/cancel-async", Fixture, NULL, fixture_set_up, test_cancel_async,
              fixture_tear_down);
  g_test_add ("/hub/client/invalid-requests", Fixture, NULL, fixture_set_up,
              test_invalid_requests, fixture_tear_down);
  return g_test_run ();
}
