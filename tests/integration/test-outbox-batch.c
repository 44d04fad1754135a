/* test-outbox-batch.c — the outbox delivered in batches to the real training hub over mutual TLS
 *
 * The hub's batch endpoint on its own (per-record results, its limits),
 * then the sender against it: every record once, a refused record marked
 * rejected with the hub's reason while the others are delivered, a hub
 * that lies about a batch settling nothing, and a hub without the batch
 * endpoint getting the records one by one.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "hub/mado-hub-client-private.h"
#include "hub-test-util.h"
#include "mado-test-util.h"

static HubProcess *hub;

/* A vaccination record; without @lot it breaks the hub's rules. */
static char *
vaccination (const char *lot)
{
  g_autofree char *lot_member = lot != NULL ? g_strdup_printf ("\"lotNumber\":\"%s\",", lot)
                                            : g_strdup ("");

  return g_strdup_printf (
    "{\"residentRef\":\"r-1001-yamada-haruto\","
    "\"vaccineCode\":{\"system\":\"https://madoguchi.invalid/training/vaccine-codes\","
    "\"code\":\"HEPB-PED\",\"display\":\"B型肝炎ワクチン（小児用）\"},"
    "\"targetDisease\":[\"B型肝炎\"],\"occurrenceDate\":\"2026-11-21\",\"doseNumber\":3,"
    "%s\"site\":\"左大腿\",\"doseQuantityMl\":0.25,\"performer\":\"batch test\"}", lot_member);
}

/* {"records":[…]} of "KEY=LOT" pairs (LOT empty: an invalid record). */
static char *
batch_body (const char *const *pairs)
{
  g_autoptr(GString) body = g_string_new ("{\"records\":[");

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (pairs[i], "=", 2);
      g_autofree char *record = vaccination (*parts[1] != '\0' ? parts[1] : NULL);

      g_string_append_printf (body, "%s{\"idempotencyKey\":\"%s\",\"kind\":\"vaccination\","
                              "\"record\":%s}", i > 0 ? "," : "", parts[0], record);
    }
  g_string_append (body, "]}");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static HubResponse *
post_batch (const char *body)
{
  const char *const headers[] = { "Content-Type: application/json", NULL };
  HubRequestOptions options = { "desk-1", headers, body, 0, 0 };

  return hub_request (hub, "POST", "/v1/records/batch", &options);
}

static JsonObject *
result (HubResponse *response,
        guint        i)
{
  JsonObject *object = hub_response_object (response);
  JsonArray *results;

  g_assert_nonnull (object);
  results = json_object_get_array_member (object, "results");
  g_assert_cmpuint (i, <, json_array_get_length (results));
  return json_array_get_object_element (results, i);
}

static const char *
status_of (HubResponse *response,
           guint        i)
{
  return json_object_get_string_member (result (response, i), "status");
}

static gint64
hub_count (const char *member)
{
  g_autoptr(HubResponse) response = hub_request (hub, "GET", "/v1/training/records-count", NULL);
  JsonObject *object = hub_response_object (response);

  g_assert_nonnull (object);
  return json_object_get_int_member (object, member);
}

/* accepted; then the same key again a duplicate naming the first record,
 * beside a record the hub refuses with its reason. */
static void
test_endpoint_results (void)
{
  const char *const first_pairs[] = { "ep-a=EP1", "ep-b=EP2", NULL };
  const char *const second_pairs[] = { "ep-a=EP1", "ep-bad=", NULL };
  g_autofree char *first_body = batch_body (first_pairs);
  g_autofree char *second_body = batch_body (second_pairs);
  g_autoptr(HubResponse) first = post_batch (first_body);
  g_autoptr(HubResponse) second = post_batch (second_body);
  JsonObject *r;

  g_assert_cmpint (first->status, ==, 200);
  g_assert_cmpstr (status_of (first, 0), ==, "accepted");
  g_assert_cmpstr (status_of (first, 1), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (result (first, 1), "idempotencyKey"), ==, "ep-b");

  g_assert_cmpint (second->status, ==, 200);
  g_assert_cmpstr (status_of (second, 0), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (result (second, 0), "duplicateOf"), ==,
                   json_object_get_string_member (result (first, 0), "recordId"));
  r = result (second, 1);
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "refused");
  g_assert_cmpstr (json_object_get_string_member (r, "type"), ==,
                   "https://madoguchi.invalid/problems/record-invalid");
  g_assert_nonnull (strstr (json_object_get_string_member (r, "detail"), "lotNumber"));
}

/* A batch is stored in one transaction: one commit for its records, not
 * one each (with one each the in-memory store walked its whole page cache
 * per record). A record alone is one commit too. */
static void
test_endpoint_one_commit (void)
{
  const char *const pairs[] = { "oc-1=OC1", "oc-2=OC2", "oc-3=OC3", "oc-4=OC4", "oc-5=OC5", NULL };
  g_autofree char *body = batch_body (pairs);
  g_autofree char *record = vaccination ("OC6");
  const char *const headers[] = { "Content-Type: application/json", "Idempotency-Key: oc-6", NULL };
  HubRequestOptions options = { "desk-1", headers, record, 0, 0 };
  gint64 commits = hub_count ("commits");
  gint64 total = hub_count ("total");
  g_autoptr(HubResponse) batch = post_batch (body);
  g_autoptr(HubResponse) alone = NULL;

  g_assert_cmpint (batch->status, ==, 200);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (status_of (batch, i), ==, "accepted");
  g_assert_cmpint (hub_count ("total"), ==, total + 5);
  g_assert_cmpint (hub_count ("commits"), ==, commits + 1);

  alone = hub_request (hub, "POST", "/v1/records/vaccinations", &options);
  g_assert_cmpint (alone->status, ==, 201);
  g_assert_cmpint (hub_count ("commits"), ==, commits + 2);
}

/* The key with another record: refused, the first record stays. */
static void
test_endpoint_key_reused (void)
{
  const char *const first_pairs[] = { "ep-reuse=R1", NULL };
  const char *const second_pairs[] = { "ep-reuse=R2", NULL };
  g_autofree char *first_body = batch_body (first_pairs);
  g_autofree char *second_body = batch_body (second_pairs);
  g_autoptr(HubResponse) first = post_batch (first_body);
  g_autoptr(HubResponse) second = post_batch (second_body);

  g_assert_cmpstr (status_of (first, 0), ==, "accepted");
  g_assert_cmpstr (status_of (second, 0), ==, "refused");
  g_assert_cmpstr (json_object_get_string_member (result (second, 0), "type"), ==,
                   "https://madoguchi.invalid/problems/idempotency-key-reused");
}

/* Limits: a key twice, too many records, too many bytes; none stored. */
static void
test_endpoint_limits (void)
{
  const char *const twice[] = { "ep-twice=T1", "ep-twice=T2", NULL };
  g_autofree char *twice_body = batch_body (twice);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *many_body = NULL;
  g_autofree char *large_body = NULL;
  g_autoptr(HubResponse) response = NULL;
  gint64 before = hub_count ("total");

  response = post_batch (twice_body);
  g_assert_cmpint (response->status, ==, 400);
  g_assert_cmpstr (hub_response_problem (response), ==, "bad-request");
  g_clear_pointer (&response, hub_response_free);

  for (guint i = 0; i <= MADO_RECORD_BATCH_MAX_RECORDS; i++)
    g_ptr_array_add (many, g_strdup_printf ("ep-many-%u=M%u", i, i));
  g_ptr_array_add (many, NULL);
  many_body = batch_body ((const char *const *) many->pdata);
  response = post_batch (many_body);
  g_assert_cmpint (response->status, ==, 413);
  g_assert_cmpstr (hub_response_problem (response), ==, "payload-too-large");
  g_clear_pointer (&response, hub_response_free);

  large_body = g_strdup_printf ("{\"records\":[],\"padding\":\"%0*d\"}",
                                MADO_RECORD_BATCH_MAX_BYTES, 0);
  response = post_batch (large_body);
  g_assert_cmpint (response->status, ==, 413);
  g_clear_pointer (&response, hub_response_free);

  response = post_batch ("{\"records\":[]}");
  g_assert_cmpint (response->status, ==, 400);
  g_assert_cmpint (hub_count ("total"), ==, before);
}

/* -- the sender ------------------------------------------------------------------- */

typedef struct {
  char             *dir;
  MadoStore        *store;
  MadoHubClient    *client;
  MadoOutboxSender *sender;
  GPtrArray        *keys;
} Desk;

static void
desk_set_up (Desk          *d,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL, *key = NULL, *site = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;

  d->dir = mado_test_make_dir ("mado-outbox-batch-XXXXXX");
  db = g_build_filename (d->dir, "cache.db", NULL);
  key = g_build_filename (d->dir, "cache.key", NULL);
  d->store = mado_store_open (db, key, &error);
  g_assert_no_error (error);
  site = hub_test_write_site_config (hub->port, d->dir);
  config = mado_site_config_load (site, &error);
  g_assert_no_error (error);
  d->client = mado_hub_client_new (config, &error);
  g_assert_no_error (error);
  mado_hub_client_set_retry_policy (d->client, 1, 10);
  d->sender = mado_outbox_sender_new (d->store, d->client);
  d->keys = g_ptr_array_new_with_free_func (g_free);
}

static void
desk_tear_down (Desk          *d,
                gconstpointer  data)
{
  g_clear_object (&d->sender);
  g_clear_object (&d->client);
  g_clear_object (&d->store);
  g_ptr_array_unref (d->keys);
  mado_test_remove_dir (d->dir);
  g_free (d->dir);
}

/* Records with fresh lot numbers; @invalid (1-based, 0: none) lacks one. */
static void
enqueue (Desk  *d,
         guint  n,
         guint  invalid)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *lot = g_uuid_string_random ();
      g_autofree char *text = vaccination (i + 1 == invalid ? NULL : lot);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

      g_ptr_array_add (d->keys, mado_store_outbox_enqueue (d->store, "vaccination-record", body,
                                                           &error));
      g_assert_no_error (error);
    }
}

static MadoOutboxRecord *
record_of (Desk  *d,
           guint  i)
{
  g_autoptr(GError) error = NULL;
  MadoOutboxRecord *record = mado_store_outbox_get (d->store, g_ptr_array_index (d->keys, i),
                                                    NULL, &error);

  g_assert_no_error (error);
  return record;
}

static MadoOutboxRun
deliver (Desk *d)
{
  g_autoptr(GError) error = NULL;
  MadoOutboxRun run = { 0 };

  g_assert_true (mado_outbox_sender_deliver (d->sender, TRUE, &run, NULL, &error));
  g_assert_no_error (error);
  return run;
}

/* More than one request's worth: every record accepted once. */
static void
test_sender_batches (Desk          *d,
                     gconstpointer  data)
{
  gint64 before = hub_count ("vaccinations");
  MadoOutboxRun run;

  enqueue (d, MADO_RECORD_BATCH_MAX_RECORDS + 30, 0);
  run = deliver (d);
  g_assert_cmpuint (run.delivered, ==, MADO_RECORD_BATCH_MAX_RECORDS + 30);
  g_assert_cmpint (hub_count ("vaccinations"), ==, before + MADO_RECORD_BATCH_MAX_RECORDS + 30);
  run = deliver (d);
  g_assert_cmpuint (run.delivered + run.retried + run.rejected, ==, 0);
}

/* One record refused, with the hub's reason; the others delivered. */
static void
test_sender_partial (Desk          *d,
                     gconstpointer  data)
{
  g_autoptr(MadoOutboxRecord) refused = NULL;
  g_autoptr(MadoOutboxRecord) other = NULL;
  MadoOutboxRun run;

  enqueue (d, 5, 3);
  run = deliver (d);
  g_assert_cmpuint (run.delivered, ==, 4);
  g_assert_cmpuint (run.rejected, ==, 1);
  refused = record_of (d, 2);
  g_assert_cmpint (refused->state, ==, MADO_OUTBOX_REJECTED);
  g_assert_nonnull (strstr (refused->last_error, "record-invalid"));
  g_assert_nonnull (strstr (refused->last_error, "lotNumber"));
  other = record_of (d, 3);
  g_assert_cmpint (other->state, ==, MADO_OUTBOX_DELIVERED);
}

/* A hub lying about the batch it stored: nothing is settled on its word;
 * sent again to an honest hub, each record is accepted once. */
static void
test_sender_lying_hub (Desk          *d,
                       gconstpointer  data)
{
  g_autofree char *header = g_strdup_printf ("X-Training-Fault: %s", (const char *) data);
  gint64 before = hub_count ("vaccinations");
  MadoOutboxRun run;

  enqueue (d, 4, 0);
  mado_hub_client_add_test_header (d->client, header);
  run = deliver (d);
  g_assert_cmpuint (run.delivered, ==, 0);
  g_assert_cmpuint (run.rejected, ==, 0);
  g_assert_cmpuint (run.retried, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(MadoOutboxRecord) record = record_of (d, i);

      g_assert_cmpint (record->state, ==, MADO_OUTBOX_PENDING);
      g_assert_nonnull (strstr (record->last_error, "$"));
    }
  /* The lying hub did store them. */
  g_assert_cmpint (hub_count ("vaccinations"), ==, before + 4);

  mado_hub_client_clear_test_headers (d->client);
  run = deliver (d);
  g_assert_cmpuint (run.delivered, ==, 4);
  g_assert_cmpint (hub_count ("vaccinations"), ==, before + 4);
}

/* A hub from before the batch endpoint: the records go one by one. */
static void
test_sender_no_batch_endpoint (Desk          *d,
                               gconstpointer  data)
{
  gint64 before = hub_count ("vaccinations");
  MadoOutboxRun run;

  enqueue (d, 3, 2);
  mado_hub_client_add_test_header (d->client, "X-Training-Fault: batch-unsupported");
  run = deliver (d);
  g_assert_cmpuint (run.delivered, ==, 2);
  g_assert_cmpuint (run.rejected, ==, 1);
  g_assert_cmpint (hub_count ("vaccinations"), ==, before + 2);
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
  hub = hub_process_start (argv[1], args);

  g_test_add_func ("/outbox/batch/endpoint/results", test_endpoint_results);
  g_test_add_func ("/outbox/batch/endpoint/key-reused", test_endpoint_key_reused);
  g_test_add_func ("/outbox/batch/endpoint/limits", test_endpoint_limits);
  g_test_add_func ("/outbox/batch/endpoint/one-commit", test_endpoint_one_commit);
  g_test_add ("/outbox/batch/sender/batches", Desk, NULL, desk_set_up, test_sender_batches,
              desk_tear_down);
  g_test_add ("/outbox/batch/sender/partial", Desk, NULL, desk_set_up, test_sender_partial,
              desk_tear_down);
  g_test_add ("/outbox/batch/sender/unasked-key", Desk, "batch-unasked-key", desk_set_up,
              test_sender_lying_hub, desk_tear_down);
  g_test_add ("/outbox/batch/sender/missing-result", Desk, "batch-missing-result", desk_set_up,
              test_sender_lying_hub, desk_tear_down);
  g_test_add ("/outbox/batch/sender/repeated-result", Desk, "batch-repeated-result", desk_set_up,
              test_sender_lying_hub, desk_tear_down);
  g_test_add ("/outbox/batch/sender/no-batch-endpoint", Desk, NULL, desk_set_up,
              test_sender_no_batch_endpoint, desk_tear_down);

  status = g_test_run ();
  hub_process_stop (hub);
  return status;
}
