/* bench-outbox.c — how fast the outbox drains into the training hub
 *
 * Enqueues N vaccination records in a fresh store (as the desk does while
 * offline), starts the training hub on loopback, then delivers the whole
 * outbox through the terminal's hub client over mutual TLS and prints
 * records per second, and the hub's own count of accepted records (which
 * must equal N: exactly once).
 *
 * Usage: bench-outbox TRAINING-HUB [RECORDS=10000]; needs MADOGUCHI_TEST_PKI
 * and MADOGUCHI_SOURCE_ROOT (as under meson).
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "madoguchi-core.h"
#include "hub-test-util.h"
#include "mado-test-util.h"

G_GNUC_NORETURN static void
die (const char *step, const GError *error)
{
  g_printerr ("bench-outbox: %s: %s\n", step, error != NULL ? error->message : "failed");
  exit (1);
}

static GBytes *
record_body (guint i)
{
  char *text = g_strdup_printf (
    "{\"residentRef\":\"r-1001-yamada-haruto\","
    "\"vaccineCode\":{\"system\":\"https://madoguchi.invalid/training/vaccine-codes\","
    "\"code\":\"HEPB-PED\",\"display\":\"B型肝炎ワクチン（小児用）\"},"
    "\"targetDisease\":[\"B型肝炎\"],\"occurrenceDate\":\"2026-11-21\",\"doseNumber\":3,"
    "\"lotNumber\":\"HB%05u\",\"site\":\"左大腿\",\"doseQuantityMl\":0.25,"
    "\"performer\":\"bench\"}", i);

  return g_bytes_new_take (text, strlen (text));
}

static void
report_first_failure (MadoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = mado_store_outbox_list (store, FALSE, &error);

  if (records != NULL && records->len > 0)
    {
      MadoOutboxRecord *record = g_ptr_array_index (records, 0);

      g_printerr ("bench-outbox: not delivered: %s\n",
                  record->last_error != NULL ? record->last_error : "(no error recorded)");
    }
}

static gint64
hub_record_count (HubProcess *hub)
{
  g_autoptr(HubResponse) response = hub_request (hub, "GET", "/v1/training/records-count", NULL);
  JsonObject *object = hub_response_object (response);

  if (object == NULL || !json_object_has_member (object, "vaccinations"))
    return -1;
  return json_object_get_int_member (object, "vaccinations");
}

int
main (int argc, char **argv)
{
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 10000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mado-bench-outbox-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *key = NULL;
  g_autofree char *site = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;
  g_autoptr(MadoHubClient) client = NULL;
  g_autoptr(MadoOutboxSender) sender = NULL;
  HubProcess *hub;
  MadoOutboxRun run = { 0 };
  gint64 start, enqueued_us, delivered_us;

  if (argc < 2)
    {
      g_printerr ("usage: bench-outbox TRAINING-HUB [RECORDS]\n");
      return 2;
    }
  if (dir == NULL)
    die ("temporary folder", error);
  db = g_build_filename (dir, "cache.db", NULL);
  key = g_build_filename (dir, "cache.key", NULL);
  store = mado_store_open (db, key, &error);
  if (store == NULL)
    die ("store", error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) body = record_body (i);
      g_autofree char *idempotency_key = mado_store_outbox_enqueue (store, "vaccination-record", body, &error);

      if (idempotency_key == NULL)
        die ("enqueue", error);
    }
  enqueued_us = g_get_monotonic_time () - start;

  hub = hub_process_start (argv[1], NULL);
  site = hub_test_write_site_config (hub->port, dir);
  config = mado_site_config_load (site, &error);
  if (config == NULL)
    die ("site configuration", error);
  client = mado_hub_client_new (config, &error);
  if (client == NULL)
    die ("hub client", error);
  sender = mado_outbox_sender_new (store, client);

  /* The sender works in rounds of a bounded size: keep going until a round
   * delivers nothing, as its timer would. */
  start = g_get_monotonic_time ();
  for (;;)
    {
      MadoOutboxRun round = { 0 };

      if (!mado_outbox_sender_deliver (sender, TRUE, &round, NULL, &error))
        die ("deliver", error);
      run.delivered += round.delivered;
      run.retried += round.retried;
      run.rejected += round.rejected;
      if (round.delivered == 0)
        break;
    }
  delivered_us = g_get_monotonic_time () - start;

  if (run.delivered != n)
    report_first_failure (store);
  g_print ("outbox of %u vaccination records:\n", n);
  g_print ("  enqueue (synchronous=FULL)  %8.0f records/s\n", n / (enqueued_us / 1e6));
  g_print ("  flush to the training hub   %8.0f records/s  (%.1f s; delivered %u, retried %u, rejected %u)\n",
           run.delivered / (delivered_us / 1e6), delivered_us / 1e6, run.delivered, run.retried, run.rejected);
  g_print ("  accepted by the hub         %8" G_GINT64_FORMAT " (exactly once: %s)\n",
           hub_record_count (hub), hub_record_count (hub) == (gint64) n ? "yes" : "NO");

  hub_process_stop (hub);
  g_clear_object (&sender);
  g_clear_object (&store);
  mado_test_remove_dir (dir);
  return run.delivered == n ? 0 : 1;
}
