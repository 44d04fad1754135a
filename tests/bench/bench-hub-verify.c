/* bench-hub-verify.c — training hub identity verifications per second with concurrent terminals
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each simulated terminal is a thread looping, each request on a new
 * mutual-TLS connection (as hub-test-util.c makes them): POST /v1/challenges, sign with the card's key (as
 * the card would), POST /v1/verifications. Prints the median and 95th
 * percentile latency of the verification request and of the whole round,
 * and the verifications completed per second.
 *
 *   bench-hub-verify HUB-BINARY [TERMINALS=50] [SECONDS=10]
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "hub-test-util.h"
#include "mado-test-util.h"

#define INSTITUTION "1312345678"

typedef struct {
  HubProcess *hub;
  gint64 deadline;
  GArray *verify_ms;  /* double */
  GArray *round_ms;
  guint failures;
  GMutex *lock;
} Shared;

static gpointer
terminal_thread (gpointer user_data)
{
  Shared *shared = user_data;
  g_autoptr(GArray) verify_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) round_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint failures = 0;

  while (g_get_monotonic_time () < shared->deadline)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *challenge = hub_new_challenge (shared->hub, "desk-1");
      g_autoptr(GBytes) data = hub_test_signed_bytes (challenge, INSTITUTION, "desk-1", TRUE);
      g_autofree char *signature = hub_test_sign ("infant", data);
      g_autofree char *body = hub_test_verification_body (challenge, "infant", signature, "pin",
                                                          "subsidy,vaccination,maternalChild",
                                                          INSTITUTION, "desk-1");
      HubRequestOptions options = { "desk-1", NULL, body, 0, 0 };
      gint64 sent = g_get_monotonic_time ();
      g_autoptr(HubResponse) response = hub_request (shared->hub, "POST", "/v1/verifications", &options);
      gint64 done = g_get_monotonic_time ();
      double v = (done - sent) / 1000.0, r = (done - start) / 1000.0;

      if (response->status != 200)
        {
          failures++;
          continue;
        }
      g_array_append_val (verify_ms, v);
      g_array_append_val (round_ms, r);
    }

  g_mutex_lock (shared->lock);
  g_array_append_vals (shared->verify_ms, verify_ms->data, verify_ms->len);
  g_array_append_vals (shared->round_ms, round_ms->data, round_ms->len);
  shared->failures += failures;
  g_mutex_unlock (shared->lock);
  return NULL;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, mado_test_compare_doubles);
  return g_array_index (values, double, (guint) (p * (values->len - 1)));
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { NULL };
  guint terminals = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 50;
  guint seconds = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 10;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  GMutex lock;
  Shared shared = { 0, };
  gint64 started;
  double elapsed;
  gboolean ok;

  if (argc < 2 || g_getenv ("MADOGUCHI_TEST_PKI") == NULL)
    {
      fprintf (stderr, "usage: MADOGUCHI_TEST_PKI=DIR MADOGUCHI_SOURCE_ROOT=DIR %s HUB-BINARY [TERMINALS] [SECONDS]\n",
               argv[0]);
      return 2;
    }
  curl_global_init (CURL_GLOBAL_DEFAULT);
  g_mutex_init (&lock);
  shared.hub = hub_process_start (argv[1], args);
  shared.verify_ms = g_array_new (FALSE, FALSE, sizeof (double));
  shared.round_ms = g_array_new (FALSE, FALSE, sizeof (double));
  shared.lock = &lock;
  started = g_get_monotonic_time ();
  shared.deadline = started + (gint64) seconds * G_USEC_PER_SEC;

  for (guint i = 0; i < terminals; i++)
    g_ptr_array_add (threads, g_thread_new ("terminal", terminal_thread, &shared));
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  elapsed = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  printf ("terminals: %u, duration: %.1f s, verifications: %u, failures: %u\n",
          terminals, elapsed, shared.verify_ms->len, shared.failures);
  printf ("throughput: %.1f verifications/s\n", shared.verify_ms->len / elapsed);
  printf ("verification request latency: median %.1f ms, p95 %.1f ms\n",
          percentile (shared.verify_ms, 0.5), percentile (shared.verify_ms, 0.95));
  printf ("whole round (challenge + sign + verify): median %.1f ms, p95 %.1f ms\n",
          percentile (shared.round_ms, 0.5), percentile (shared.round_ms, 0.95));

  ok = shared.failures == 0 && shared.verify_ms->len > 0;
  hub_process_stop (shared.hub);
  g_array_unref (shared.verify_ms);
  g_array_unref (shared.round_ms);
  g_mutex_clear (&lock);
  curl_global_cleanup ();
  return ok ? 0 : 1;
}
