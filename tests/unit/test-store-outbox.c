/* test-store-outbox.c — the outbox: state transitions, backoff, the delivery loop (mado-store-outbox.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  MADO_TEST_STORE_ADD ("outbox/transitions", test_outbox_transitions);
  MADO_TEST_STORE_ADD ("outbox/deliver-loop", test_outbox_deliver_loop);
  MADO_TEST_STORE_ADD ("outbox/tampered-body", test_outbox_tampered_body);

  return g_test_run ();
}
