/* test-store-outbox.c — the outbox: state transitions, backoff, the delivery loop (mado-store-outbox.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-store-outbox-private.h"
#include "mado-store-private.h"
#include "mado-test-store.h"

static void
test_outbox_transitions (MadoTestStore *f,
                         gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"lotNumber\":\"AB123\"}", 21);
  g_autoptr(GBytes) read_back = NULL;
  g_autoptr(MadoOutboxRecord) record = NULL;
  g_autofree char *key = mado_store_outbox_enqueue (store, "vaccination-record", body, &error);
  g_autofree char *key2 = mado_store_outbox_enqueue (store, "questionnaire", body, &error);

  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (key));
  g_assert_cmpstr (key, !=, key2);

  record = mado_store_outbox_get (store, key, &read_back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_PENDING);
  g_assert_cmpint (record->attempts, ==, 0);
  g_assert_cmpint (record->next_attempt_at, ==, MADO_TEST_T0);
  g_assert_cmpstr (record->kind, ==, "vaccination-record");
  g_assert_true (g_bytes_equal (read_back, body));
  g_clear_pointer (&record, mado_outbox_record_free);
  g_clear_pointer (&read_back, g_bytes_unref);

  /* retryable failures back off: 30 s, then 60 s */
  g_assert_true (mado_store_outbox_mark_failed (store, key, FALSE, "hub offline", MADO_TEST_T0, &error));
  record = mado_store_outbox_get (store, key, NULL, &error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_PENDING);
  g_assert_cmpint (record->attempts, ==, 1);
  g_assert_cmpstr (record->last_error, ==, "hub offline");
  g_assert_cmpint (record->next_attempt_at, ==, MADO_TEST_T0 + 30 * G_USEC_PER_SEC);
  g_clear_pointer (&record, mado_outbox_record_free);
  g_assert_true (mado_store_outbox_mark_failed (store, key, FALSE, "timeout", MADO_TEST_T0 + 31 * G_USEC_PER_SEC, &error));
  record = mado_store_outbox_get (store, key, NULL, &error);
  g_assert_cmpint (record->attempts, ==, 2);
  g_assert_cmpint (record->next_attempt_at, ==, MADO_TEST_T0 + 91 * G_USEC_PER_SEC);
  g_clear_pointer (&record, mado_outbox_record_free);

  /* delivered: settled, body erased, no way back */
  g_assert_true (mado_store_outbox_mark_delivered (store, key, MADO_TEST_T0 + 100, &error));
  g_assert_no_error (error);
  record = mado_store_outbox_get (store, key, &read_back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_DELIVERED);
  g_assert_cmpint (record->attempts, ==, 3);
  g_assert_cmpint (record->delivered_at, ==, MADO_TEST_T0 + 100);
  g_assert_null (read_back);
  g_assert_null (record->last_error);
  g_clear_pointer (&record, mado_outbox_record_free);
  g_assert_cmpint (mado_test_store_count (f, "SELECT length(sealed) FROM outbox WHERE state = 'delivered'"), ==, 0);
  g_assert_false (mado_store_outbox_mark_failed (store, key, FALSE, "late", MADO_TEST_T0, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mado_store_outbox_mark_delivered (store, key, MADO_TEST_T0, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* permanent failure: rejected, body kept for the administrator */
  g_assert_true (mado_store_outbox_mark_failed (store, key2, TRUE, "refused: 422", MADO_TEST_T0, &error));
  record = mado_store_outbox_get (store, key2, &read_back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_REJECTED);
  g_assert_true (g_bytes_equal (read_back, body));
  g_clear_pointer (&record, mado_outbox_record_free);

  g_assert_cmpint (mado_store_outbox_backoff (1), ==, 30 * G_USEC_PER_SEC);
  g_assert_cmpint (mado_store_outbox_backoff (3), ==, 120 * G_USEC_PER_SEC);
  g_assert_cmpint (mado_store_outbox_backoff (30), ==, G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
}

typedef struct {
  GPtrArray        *seen;      /* keys, in delivery order */
  MadoOutboxResult  result;
} FakeHub;

static MadoOutboxResult
fake_deliver (const char  *kind,
              const char  *idempotency_key,
              GBytes      *body,
              char       **error_message,
              gpointer     user_data)
{
  FakeHub *hub = user_data;

  g_ptr_array_add (hub->seen, g_strdup (idempotency_key));
  if (hub->result != MADO_OUTBOX_RESULT_OK)
    *error_message = g_strdup ("hub unavailable");
  return hub->result;
}

static void
test_outbox_deliver_loop (MadoTestStore *f,
                          gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = NULL;
  FakeHub hub = { seen, MADO_OUTBOX_RESULT_RETRY };
  g_autofree char *a = mado_store_outbox_enqueue (store, "questionnaire", body, NULL);
  g_autofree char *b = mado_store_outbox_enqueue (store, "vaccination-record", body, NULL);
  MadoOutboxRun run;

  g_assert_true (mado_store_outbox_deliver_due (store, MADO_TEST_T0, 0, fake_deliver, &hub, &run, &error));
  g_assert_cmpuint (run.retried, ==, 2);
  g_assert_cmpuint (seen->len, ==, 2);
  /* not due again until the backoff has passed */
  g_assert_true (mado_store_outbox_deliver_due (store, MADO_TEST_T0 + 29 * G_USEC_PER_SEC, 0, fake_deliver, &hub, &run, &error));
  g_assert_cmpuint (run.retried + run.delivered, ==, 0);
  hub.result = MADO_OUTBOX_RESULT_OK;
  g_assert_true (mado_store_outbox_deliver_due (store, MADO_TEST_T0 + 30 * G_USEC_PER_SEC, 0, fake_deliver, &hub, &run, &error));
  g_assert_cmpuint (run.delivered, ==, 2);
  /* the retry reused the keys made at enqueue time, oldest first */
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, a);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, b);
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, a);
  g_assert_cmpstr (g_ptr_array_index (seen, 3), ==, b);
  /* nothing more to send */
  g_assert_true (mado_store_outbox_deliver_due (store, MADO_TEST_T0 + MADO_TEST_DAY_US, 0, fake_deliver, &hub, &run, &error));
  g_assert_cmpuint (seen->len, ==, 4);
  list = mado_store_outbox_list (store, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = mado_store_outbox_list (store, TRUE, &error);
  g_assert_cmpuint (list->len, ==, 2);
}

static void
test_outbox_tampered_body (MadoTestStore *f,
                           gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MadoOutboxRecord) record = NULL;
  FakeHub hub = { seen, MADO_OUTBOX_RESULT_OK };
  g_autofree char *a = mado_store_outbox_enqueue (store, "questionnaire", body, NULL);
  g_autofree char *b = mado_store_outbox_enqueue (store, "questionnaire", body, NULL);
  MadoOutboxRun run;

  g_clear_object (&store);
  mado_test_store_exec (f, "UPDATE outbox SET kind = 'vaccination-record' WHERE id = 1");
  store = mado_test_store_open (f);
  g_assert_true (mado_store_outbox_deliver_due (store, MADO_TEST_T0, 0, fake_deliver, &hub, &run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (run.rejected, ==, 1);
  g_assert_cmpuint (run.delivered, ==, 1);
  g_assert_cmpuint (seen->len, ==, 1);       /* the altered record was never sent */
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, b);
  record = mado_store_outbox_get (store, a, NULL, &error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_REJECTED);
}

/* EXPLAIN QUERY PLAN's detail lines for @sql, one a line. */
static char *
query_plan (MadoStore  *store,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (mado_store_get_db (store), explain, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  g_test_message ("plan:\n%s", plan->str);
  return g_string_free (plan, FALSE);
}

/* The due query walks an index in delivery order: no sort of every
 * pending record per round, which is what made deep outboxes slow. */
static void
test_outbox_due_query_plan (MadoTestStore *f,
                            gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autofree char *plan = query_plan (store, mado_store_outbox_due_sql ());

  g_assert_nonnull (strstr (plan, "outbox_pending_in_order"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
}

typedef struct {
  MadoStore *store;
  GPtrArray *seen;           /* keys, in the order given */
  guint      refuse;         /* this item (1-based) is refused for good, 0: none */
  guint      retry;          /* this one is left for later */
  guint      unanswered;     /* this one gets no result at all */
  guint      inner_claimed;  /* what a round started meanwhile got */
} BatchHub;

static void
batch_hub (MadoOutboxItem **items,
           guint            n_items,
           gpointer         user_data)
{
  BatchHub *hub = user_data;

  for (guint i = 0; i < n_items; i++)
    {
      g_ptr_array_add (hub->seen, g_strdup (items[i]->idempotency_key));
      g_assert_nonnull (items[i]->body);
      if (i + 1 == hub->unanswered)
        continue;
      items[i]->result = i + 1 == hub->refuse ? MADO_OUTBOX_RESULT_PERMANENT
                         : i + 1 == hub->retry ? MADO_OUTBOX_RESULT_RETRY
                         : MADO_OUTBOX_RESULT_OK;
      if (items[i]->result != MADO_OUTBOX_RESULT_OK)
        items[i]->message = g_strdup_printf ("refused: item %u", i + 1);
    }
}

static int
count_commit_cb (void *data)
{
  (*(guint *) data)++;
  return 0;
}

static GPtrArray *
enqueue_many (MadoStore *store,
              guint      n)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("{\"n\":%u}", i);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));

      g_ptr_array_add (keys, mado_store_outbox_enqueue (store, "vaccination-record", body, &error));
      g_assert_no_error (error);
    }
  return keys;
}

static MadoOutboxState
state_of (MadoStore  *store,
          const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoOutboxRecord) record = mado_store_outbox_get (store, key, NULL, &error);

  g_assert_no_error (error);
  return record->state;
}

/* A round is settled in one commit, each record as the hub answered it. */
static void
test_outbox_batch_group_commit (MadoTestStore *f,
                                gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = enqueue_many (store, 20);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MadoOutboxRecord) record = NULL;
  BatchHub hub = { store, seen, 3, 5, 7, 0 };
  MadoOutboxRun run;
  guint commits = 0;

  sqlite3_commit_hook (mado_store_get_db (store), count_commit_cb, &commits);
  g_assert_true (mado_store_outbox_batch_deliver_due (store, MADO_TEST_T0, 15, batch_hub, &hub,
                                                      &run, &error));
  sqlite3_commit_hook (mado_store_get_db (store), NULL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (commits, ==, 1);
  g_assert_cmpuint (seen->len, ==, 15);
  for (guint i = 0; i < 15; i++)
    g_assert_cmpstr (g_ptr_array_index (seen, i), ==, g_ptr_array_index (keys, i));
  g_assert_cmpuint (run.delivered, ==, 12);
  g_assert_cmpuint (run.rejected, ==, 1);
  g_assert_cmpuint (run.retried, ==, 2);
  g_assert_cmpint (state_of (store, g_ptr_array_index (keys, 0)), ==, MADO_OUTBOX_DELIVERED);
  g_assert_cmpint (state_of (store, g_ptr_array_index (keys, 2)), ==, MADO_OUTBOX_REJECTED);
  record = mado_store_outbox_get (store, g_ptr_array_index (keys, 2), NULL, &error);
  g_assert_cmpstr (record->last_error, ==, "refused: item 3");
  g_clear_pointer (&record, mado_outbox_record_free);
  /* left for later, and an item the deliverer never answered: pending,
   * with a backoff, never delivered by default */
  record = mado_store_outbox_get (store, g_ptr_array_index (keys, 4), NULL, &error);
  g_assert_cmpint (record->state, ==, MADO_OUTBOX_PENDING);
  g_assert_cmpint (record->next_attempt_at, ==, MADO_TEST_T0 + 30 * G_USEC_PER_SEC);
  g_clear_pointer (&record, mado_outbox_record_free);
  g_assert_cmpint (state_of (store, g_ptr_array_index (keys, 6)), ==, MADO_OUTBOX_PENDING);
  g_assert_cmpint (state_of (store, g_ptr_array_index (keys, 15)), ==, MADO_OUTBOX_PENDING);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM outbox WHERE state = 'delivered'"
                                             " AND length(sealed) = 0"), ==, 12);

  /* The next round starts with what was not due yet left out. */
  hub.refuse = hub.retry = hub.unanswered = 0;
  g_ptr_array_set_size (seen, 0);
  g_assert_true (mado_store_outbox_batch_deliver_due (store, MADO_TEST_T0, 0, batch_hub, &hub,
                                                      &run, &error));
  g_assert_cmpuint (run.delivered, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, g_ptr_array_index (keys, 15));
}

static void
claiming_hub (MadoOutboxItem **items,
              guint            n_items,
              gpointer         user_data)
{
  BatchHub *hub = user_data;
  g_autoptr(GError) error = NULL;
  BatchHub inner = { hub->store, g_ptr_array_new_with_free_func (g_free), 0, 0, 0, 0 };
  MadoOutboxRun run;

  /* A second round while this one is out at the hub: it must find
   * nothing to send, not the same records. */
  g_assert_true (mado_store_outbox_batch_deliver_due (hub->store, MADO_TEST_T0, 0, batch_hub,
                                                      &inner, &run, &error));
  g_assert_no_error (error);
  hub->inner_claimed = inner.seen->len;
  g_ptr_array_unref (inner.seen);
  batch_hub (items, n_items, user_data);
}

static void
test_outbox_batch_claims (MadoTestStore *f,
                          gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = enqueue_many (store, 4);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  BatchHub hub = { store, seen, 0, 0, 0, 99 };
  MadoOutboxRun run;

  g_assert_cmpuint (keys->len, ==, 4);
  g_assert_true (mado_store_outbox_batch_deliver_due (store, MADO_TEST_T0, 0, claiming_hub, &hub,
                                                      &run, &error));
  g_assert_cmpuint (hub.inner_claimed, ==, 0);
  g_assert_cmpuint (run.delivered, ==, 4);
}

static void
test_outbox_batch_tampered (MadoTestStore *f,
                            gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = enqueue_many (store, 3);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  BatchHub hub = { NULL, seen, 0, 0, 0, 0 };
  MadoOutboxRun run;

  g_clear_object (&store);
  mado_test_store_exec (f, "UPDATE outbox SET kind = 'questionnaire' WHERE id = 2");
  store = mado_test_store_open (f);
  g_assert_true (mado_store_outbox_batch_deliver_due (store, MADO_TEST_T0, 0, batch_hub, &hub,
                                                      &run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);       /* the altered record was never sent */
  g_assert_cmpuint (run.delivered, ==, 2);
  g_assert_cmpuint (run.rejected, ==, 1);
  g_assert_cmpint (state_of (store, g_ptr_array_index (keys, 1)), ==, MADO_OUTBOX_REJECTED);
}

static void
test_outbox_latest_due (MadoTestStore *f,
                        gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  gint64 latest = -1;

  g_assert_true (mado_store_outbox_latest_due (store, &latest, &error));
  g_assert_cmpint (latest, ==, 0);
  keys = enqueue_many (store, 3);
  g_assert_true (mado_store_outbox_mark_failed (store, g_ptr_array_index (keys, 1), FALSE, "x",
                                                MADO_TEST_T0 + 5, &error));
  g_assert_true (mado_store_outbox_mark_failed (store, g_ptr_array_index (keys, 2), TRUE, "x",
                                                MADO_TEST_T0 + MADO_TEST_DAY_US, &error));
  g_assert_true (mado_store_outbox_latest_due (store, &latest, &error));
  g_assert_no_error (error);
  /* the rejected one does not count */
  g_assert_cmpint (latest, ==, MADO_TEST_T0 + 5 + 30 * G_USEC_PER_SEC);
}

/* The status bar's count: pending records only, a record waiting for its
 * retry included, delivered and rejected ones not. */
static void
test_outbox_count_pending (MadoTestStore *f,
                           gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  guint count = G_MAXUINT;

  g_assert_true (mado_store_outbox_count_pending (store, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);
  keys = enqueue_many (store, 5);
  g_assert_true (mado_store_outbox_mark_delivered (store, g_ptr_array_index (keys, 0),
                                                   MADO_TEST_T0 + 1, &error));
  g_assert_true (mado_store_outbox_mark_failed (store, g_ptr_array_index (keys, 1), TRUE, "x",
                                                MADO_TEST_T0 + 2, &error));
  g_assert_true (mado_store_outbox_mark_failed (store, g_ptr_array_index (keys, 2), FALSE, "x",
                                                MADO_TEST_T0 + 3, &error));
  g_assert_no_error (error);
  g_assert_true (mado_store_outbox_count_pending (store, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 3);
}

/* The count reads the partial index of pending records, not the table:
 * delivered records pile up for the retention period. */
static void
test_outbox_count_query_plan (MadoTestStore *f,
                              gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autofree char *plan = query_plan (store, mado_store_outbox_pending_count_sql ());

  g_assert_nonnull (strstr (plan, "COVERING INDEX outbox_pending_in_order"));
}

/* A round's updates find their rows by id, on the pages the round's query
 * read, not through the key index, which a deep outbox's random keys make
 * larger than the page cache. */
static void
test_outbox_settle_query_plan (MadoTestStore *f,
                               gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  const MadoOutboxResult results[] = {
    MADO_OUTBOX_RESULT_OK, MADO_OUTBOX_RESULT_RETRY, MADO_OUTBOX_RESULT_PERMANENT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *plan = query_plan (store, mado_store_outbox_settle_sql (results[i]));

      g_assert_nonnull (strstr (plan, "SEARCH outbox USING INTEGER PRIMARY KEY (rowid=?)"));
      g_assert_null (strstr (plan, "INDEX"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  MADO_TEST_STORE_ADD ("outbox/transitions", test_outbox_transitions);
  MADO_TEST_STORE_ADD ("outbox/deliver-loop", test_outbox_deliver_loop);
  MADO_TEST_STORE_ADD ("outbox/tampered-body", test_outbox_tampered_body);
  MADO_TEST_STORE_ADD ("outbox/due-query-plan", test_outbox_due_query_plan);
  MADO_TEST_STORE_ADD ("outbox/batch-group-commit", test_outbox_batch_group_commit);
  MADO_TEST_STORE_ADD ("outbox/batch-claims", test_outbox_batch_claims);
  MADO_TEST_STORE_ADD ("outbox/batch-tampered", test_outbox_batch_tampered);
  MADO_TEST_STORE_ADD ("outbox/latest-due", test_outbox_latest_due);
  MADO_TEST_STORE_ADD ("outbox/count-pending", test_outbox_count_pending);
  MADO_TEST_STORE_ADD ("outbox/count-query-plan", test_outbox_count_query_plan);
  MADO_TEST_STORE_ADD ("outbox/settle-query-plan", test_outbox_settle_query_plan);

  return g_test_run ();
}
