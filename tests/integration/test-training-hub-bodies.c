/* test-training-hub-bodies.c — hostile request bodies against the real training hub
 *
 * Any terminal with a certificate can post anything: deep nesting, a body
 * far over the limit with or without Content-Length, a body that drips.
 * Each is refused and the hub goes on serving.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hub-test-util.h"

#define MIB (1024 * 1024)

static const char *hub_binary;
static HubProcess *hub;

typedef struct {
  gsize total;       /* bytes the body has */
  gsize sent;        /* bytes handed to curl so far */
  guint drip_ms;     /* 0: as fast as curl takes them; else one byte per tick */
  gint  finished;    /* set when the transfer is over */
} ChunkedBody;

static size_t
discard_cb (char  *data,
            size_t size,
            size_t count,
            void  *user_data)
{
  return size * count;
}

static size_t
read_cb (char  *buffer,
         size_t size,
         size_t count,
         void  *data)
{
  ChunkedBody *body = data;
  gsize n = MIN (size * count, body->total - body->sent);

  if (body->drip_ms > 0)
    {
      g_usleep (body->drip_ms * 1000);
      n = MIN (n, (gsize) 1);
    }
  memset (buffer, '[', n);
  body->sent += n;
  return n;
}

/* POSTs @body with Transfer-Encoding: chunked; returns the HTTP status, 0
 * when the hub closed the connection before answering. */
static long
post_chunked (ChunkedBody *body)
{
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/v1/verifications", hub->port);
  g_autofree char *ca = hub_test_pki_path ("hub/hub-ca.pem");
  g_autofree char *cert = hub_test_pki_path ("terminals/desk-1.pem");
  g_autofree char *key = hub_test_pki_path ("terminals/desk-1.key");
  struct curl_slist *headers = NULL;
  CURL *curl = curl_easy_init ();
  long status = 0;
  CURLcode rc;

  headers = curl_slist_append (headers, "Transfer-Encoding: chunked");
  headers = curl_slist_append (headers, "Content-Type: application/json");
  headers = curl_slist_append (headers, "Expect:");
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_POST, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt (curl, CURLOPT_READDATA, body);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, discard_cb);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_CAINFO, ca);
  curl_easy_setopt (curl, CURLOPT_SSLCERT, cert);
  curl_easy_setopt (curl, CURLOPT_SSLKEY, key);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  rc = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  g_test_message ("chunked POST of %" G_GSIZE_FORMAT " bytes: curl %d, HTTP %ld, %" G_GSIZE_FORMAT
                  " bytes sent", body->total, rc, status, body->sent);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);
  g_atomic_int_set (&body->finished, 1);
  return status;
}

static void
assert_still_serving (void)
{
  g_autoptr(HubResponse) response = hub_request (hub, "GET", "/v1/status", NULL);

  g_assert_cmpint (response->rc, ==, CURLE_OK);
  g_assert_cmpint (response->status, ==, 200);
}

static char *
brackets (gsize n)
{
  char *text = g_malloc (n + 1);

  memset (text, '[', n);
  text[n] = '\0';
  return text;
}

/* json-glib's parser recurses once per bracket: 75 KB of them took the
 * hub down before bodies went through the JSON guard. */
static void
test_deep_nesting (void)
{
  g_autofree char *body = brackets (75 * 1024);
  HubRequestOptions options = { "desk-1", NULL, body, 0, 0 };
  g_autoptr(HubResponse) response = hub_request (hub, "POST", "/v1/verifications", &options);

  g_assert_cmpint (response->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (response), ==, "bad-request");
  assert_still_serving ();
}

/* Refused from the headers; the hub then drains before closing, else the
 * reset of a socket closed with unread data could reach the client before
 * the 413 does (curl then reports no answer at all). */
static void
test_ten_megabytes_announced (void)
{
  g_autofree char *body = brackets (10 * MIB);
  HubRequestOptions options = { "desk-1", NULL, body, 0, 0 };
  g_autoptr(HubResponse) response = hub_request (hub, "POST", "/v1/verifications", &options);

  g_assert_cmpint (response->status, ==, 413);
  assert_still_serving ();
}

static void
test_ten_megabytes_chunked (void)
{
  ChunkedBody body = { 10 * MIB, 0, 0, 0 };
  long status = post_chunked (&body);

  g_assert_cmpint (status, ==, 413);
  assert_still_serving ();
}

/* Refused as it passes the limit: of a 64 MiB body, the hub stops reading
 * a little after 4 MiB (what the sockets buffer on the way is the rest);
 * a hub that read the body whole would take all of it. */
static void
test_chunked_refused_while_arriving (void)
{
  ChunkedBody body = { 64 * MIB, 0, 0, 0 };
  long status = post_chunked (&body);

  g_assert_cmpint (status, ==, 413);
  g_assert_cmpuint (body.sent, <, 32 * MIB);
  assert_still_serving ();
}

static gpointer
drip_thread (gpointer data)
{
  post_chunked (data);
  return NULL;
}

/* A terminal that sends its body a byte at a time holds one connection,
 * not the hub: others are answered meanwhile. */
static void
test_slow_chunked_body (void)
{
  ChunkedBody body = { 30, 0, 100, 0 };
  GThread *thread = g_thread_new ("drip", drip_thread, &body);

  while (g_atomic_pointer_get (&body.sent) == 0)
    g_usleep (10 * 1000);
  assert_still_serving ();
  assert_still_serving ();
  g_assert_false (g_atomic_int_get (&body.finished));
  g_thread_join (thread);
  g_assert_true (g_atomic_int_get (&body.finished));
  assert_still_serving ();
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);
  if (hub_test_pki () == NULL || argc < 2)
    {
      g_test_skip ("needs MADOGUCHI_TEST_PKI and the hub binary as argument");
      return 77;
    }
  hub_binary = argv[1];
  curl_global_init (CURL_GLOBAL_DEFAULT);

  g_test_add_func ("/hub/bodies/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hub/bodies/ten-megabytes-announced", test_ten_megabytes_announced);
  g_test_add_func ("/hub/bodies/ten-megabytes-chunked", test_ten_megabytes_chunked);
  g_test_add_func ("/hub/bodies/chunked-refused-while-arriving", test_chunked_refused_while_arriving);
  g_test_add_func ("/hub/bodies/slow-chunked", test_slow_chunked_body);

  hub = hub_process_start (hub_binary, NULL);
  result = g_test_run ();
  hub_process_stop (hub);
  curl_global_cleanup ();
  return result;
}
