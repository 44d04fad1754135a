/* test-store-threads.c — one store used from several threads at once, as the desk uses it
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-util.h"

#define RUN_US (2 * G_USEC_PER_SEC)
#define ISSUER "CN=Test CA for threads"

typedef struct {
  char       *dir;
  char       *db;
  char       *key;
  MadoStore  *store;
  gint64      deadline;           /* monotonic µs */

  GMutex      mutex;
  GHashTable *sent;               /* idempotency key → times delivered (GUINT_TO_POINTER) */
  GHashTable *sending;            /* keys inside the fake hub right now */
  guint       overlaps;           /* a key sent while it was already being sent */
  GPtrArray  *enqueued;           /* keys */
  GPtrArray  *residents;          /* serials put into the cache */
  guint       appended;           /* audit entries */
  guint       rounds;
  char       *first_failure;      /* what a worker saw go wrong first */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = mado_test_make_dir ("mado-store-threads-XXXXXX");
  f->db = g_build_filename (f->dir, "cache.db", NULL);
  f->key = g_build_filename (f->dir, "cache.key", NULL);
  f->store = mado_store_open (f->db, f->key, &error);
  g_assert_no_error (error);
  g_mutex_init (&f->mutex);
  f->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->sending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->enqueued = g_ptr_array_new_with_free_func (g_free);
  f->residents = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  mado_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->key);
  g_hash_table_unref (f->sent);
  g_hash_table_unref (f->sending);
  g_ptr_array_unref (f->enqueued);
  g_ptr_array_unref (f->residents);
  g_free (f->first_failure);
  g_mutex_clear (&f->mutex);
}

static gboolean
running (Fixture *f)
{
  return g_get_monotonic_time () < f->deadline && g_atomic_pointer_get (&f->first_failure) == NULL;
}

/* Workers do not assert: a failed assertion in a thread aborts without
 * saying which thread or what the store answered. */
static void
fail (Fixture    *f,
      const char *what,
      GError     *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what,
                                           error != NULL ? error->message : "wrong result");

  g_mutex_lock (&f->mutex);
  if (f->first_failure == NULL)
    g_atomic_pointer_set (&f->first_failure, g_steal_pointer (&text));
  g_mutex_unlock (&f->mutex);
}

static void
fingerprint_for (guint   i,
                 guint8  fingerprint[MADO_CACHE_FINGERPRINT_LEN])
{
  memset (fingerprint, (int) (i & 0xff), MADO_CACHE_FINGERPRINT_LEN);
  fingerprint[0] = (guint8) (i >> 8);
}

static char *
bundle_text (const char *serial)
{
  return g_strdup_printf ("{\"bundle-of\":\"%s\"}", serial);
}

/* The reception session: put a resident's bundle, read it back. */
static gpointer
cache_worker (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; running (f); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *serial = g_strdup_printf ("%04X", i);
      g_autofree char *resident = mado_store_resident_key (f->store, ISSUER, serial);
      g_autofree char *text = bundle_text (serial);
      g_autoptr(GBytes) bundle = g_bytes_new (text, strlen (text));
      g_autoptr(MadoCacheEntry) entry = NULL;
      guint8 fingerprint[MADO_CACHE_FINGERPRINT_LEN];

      fingerprint_for (i, fingerprint);
      if (!mado_store_cache_put (f->store, resident, fingerprint, "etag", bundle,
                                 mado_store_now (f->store), &error))
        {
          fail (f, "cache put", error);
          break;
        }
      g_mutex_lock (&f->mutex);
      g_ptr_array_add (f->residents, g_strdup (serial));
      g_mutex_unlock (&f->mutex);
      entry = mado_store_cache_lookup (f->store, resident, fingerprint, &error);
      if (entry == NULL || !g_bytes_equal (entry->bundle, bundle))
        {
          fail (f, "cache lookup", error);
          break;
        }
    }
  return NULL;
}

/* The session's audit trail and staff sign-ins. */
static gpointer
audit_worker (gpointer data)
{
  Fixture *f = data;

  while (running (f))
    {
      g_autoptr(GError) error = NULL;

      if (mado_store_audit_append (f->store, "staff-1", MADO_AUDIT_CARD_READ, NULL,
                                   MADO_AUDIT_SUCCESS, "threads", &error) == 0)
        {
          fail (f, "audit append", error);
          break;
        }
      g_mutex_lock (&f->mutex);
      f->appended++;
      g_mutex_unlock (&f->mutex);
    }
  return NULL;
}

/* The hub: a little slow, counts every key it is sent. */
static MadoOutboxResult
slow_hub (const char  *kind,
          const char  *idempotency_key,
          GBytes      *body,
          char       **error_message,
          gpointer     user_data)
{
  Fixture *f = user_data;
  guint times;

  g_mutex_lock (&f->mutex);
  if (g_hash_table_contains (f->sending, idempotency_key))
    f->overlaps++;
  g_hash_table_add (f->sending, g_strdup (idempotency_key));
  times = GPOINTER_TO_UINT (g_hash_table_lookup (f->sent, idempotency_key));
  g_hash_table_insert (f->sent, g_strdup (idempotency_key), GUINT_TO_POINTER (times + 1));
  g_mutex_unlock (&f->mutex);

  g_usleep (2000);

  g_mutex_lock (&f->mutex);
  g_hash_table_remove (f->sending, idempotency_key);
  g_mutex_unlock (&f->mutex);
  return body != NULL && g_str_has_prefix (g_bytes_get_data (body, NULL), "record-")
         ? MADO_OUTBOX_RESULT_OK : MADO_OUTBOX_RESULT_PERMANENT;
}

static gboolean
deliver_round (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  if (!mado_store_outbox_deliver_due (f->store, mado_store_now (f->store), 0, slow_hub, f,
                                      NULL, &error))
    {
      fail (f, "deliver round", error);
      return FALSE;
    }
  g_mutex_lock (&f->mutex);
  f->rounds++;
  g_mutex_unlock (&f->mutex);
  return TRUE;
}

/* Records written at the desk, and the sender's thread delivering them. */
static gpointer
outbox_worker (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; running (f); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("record-%u", i);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text) + 1);
      g_autofree char *key = mado_store_outbox_enqueue (f->store, "vaccination-record", body,
                                                        &error);

      if (key == NULL)
        {
          fail (f, "outbox enqueue", error);
          break;
        }
      g_mutex_lock (&f->mutex);
      g_ptr_array_add (f->enqueued, g_steal_pointer (&key));
      g_mutex_unlock (&f->mutex);
      if (i % 3 == 2 && !deliver_round (f))
        break;
    }
  return NULL;
}

/* A second delivery round at the same time (the sender woken by the hub
 * monitor), the status bar's outbox list and the purge. */
static gpointer
sender_worker (gpointer data)
{
  Fixture *f = data;

  while (running (f))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) pending = NULL;

      if (!deliver_round (f))
        break;
      pending = mado_store_outbox_list (f->store, FALSE, &error);
      if (pending == NULL)
        {
          fail (f, "outbox list", error);
          break;
        }
      if (mado_store_cache_purge (f->store, mado_store_now (f->store), 3650, &error) < 0)
        {
          fail (f, "cache purge", error);
          break;
        }
    }
  return NULL;
}

static void
check_cache (Fixture *f)
{
  for (guint i = 0; i < f->residents->len; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *serial = g_ptr_array_index (f->residents, i);
      g_autofree char *resident = mado_store_resident_key (f->store, ISSUER, serial);
      g_autofree char *text = bundle_text (serial);
      g_autoptr(MadoCacheEntry) entry = mado_store_cache_lookup (f->store, resident, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (entry->bundle, NULL), g_bytes_get_size (entry->bundle),
                       text, strlen (text));
    }
}

static void
check_outbox (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = mado_store_outbox_list (f->store, FALSE, &error);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 0);
  all = mado_store_outbox_list (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, f->enqueued->len);
  g_assert_cmpuint (f->overlaps, ==, 0);
  /* Nothing the test did not enqueue, and each record exactly once. */
  g_assert_cmpuint (g_hash_table_size (f->sent), ==, f->enqueued->len);
  for (guint i = 0; i < f->enqueued->len; i++)
    {
      const char *key = g_ptr_array_index (f->enqueued, i);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (f->sent, key)), ==, 1);
    }
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (((MadoOutboxRecord *) g_ptr_array_index (all, i))->state, ==,
                     MADO_OUTBOX_DELIVERED);
}

static void
test_threads_shared_store (Fixture       *f,
                           gconstpointer  data)
{
  GThreadFunc workers[] = { cache_worker, audit_worker, outbox_worker, sender_worker };
  GThread *threads[G_N_ELEMENTS (workers)];
  g_autoptr(GError) error = NULL;
  MadoAuditVerdict verdict;

  f->deadline = g_get_monotonic_time () + RUN_US;
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    threads[i] = g_thread_new ("store-worker", workers[i], f);
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    g_thread_join (threads[i]);

  g_test_message ("%u residents cached, %u audit entries, %u records, %u delivery rounds",
                  f->residents->len, f->appended, f->enqueued->len, f->rounds);
  g_assert_cmpstr (f->first_failure, ==, NULL);
  /* Each worker got well past its first few operations. */
  g_assert_cmpuint (f->residents->len, >=, 10);
  g_assert_cmpuint (f->appended, >=, 10);
  g_assert_cmpuint (f->enqueued->len, >=, 10);
  g_assert_cmpuint (f->rounds, >=, 4);

  /* What the last rounds left due. */
  g_assert_true (deliver_round (f));
  g_assert_cmpstr (f->first_failure, ==, NULL);

  g_assert_true (mado_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
  check_outbox (f);
  g_assert_true (mado_store_audit_verify (f->store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verdict.entries, ==, f->appended);
  check_cache (f);
}

typedef struct {
  Fixture  *f;
  GMutex    mutex;
  GCond     cond;
  gboolean  appended;
  gboolean  in_hub;
  gboolean  release;
  GThread  *other;
} Blocking;

static gpointer
append_worker (gpointer data)
{
  Blocking *b = data;
  g_autoptr(GError) error = NULL;
  gint64 seq = mado_store_audit_append (b->f->store, "staff-2", MADO_AUDIT_VIEW, NULL,
                                        MADO_AUDIT_SUCCESS, NULL, &error);

  g_mutex_lock (&b->mutex);
  b->appended = seq > 0;
  g_cond_broadcast (&b->cond);
  g_mutex_unlock (&b->mutex);
  return NULL;
}

/* A hub that takes long: while it has the record, another thread uses the
 * store, and waits for it at most 5 s. */
static MadoOutboxResult
hub_waiting_for_other_thread (const char  *kind,
                              const char  *idempotency_key,
                              GBytes      *body,
                              char       **error_message,
                              gpointer     user_data)
{
  Blocking *b = user_data;
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  b->other = g_thread_new ("store-append", append_worker, b);
  g_mutex_lock (&b->mutex);
  while (!b->appended && g_cond_wait_until (&b->cond, &b->mutex, until))
    ;
  g_mutex_unlock (&b->mutex);
  return MADO_OUTBOX_RESULT_OK;
}

static void
test_threads_deliver_unlocked (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("record-x", 9);
  g_autofree char *key G_GNUC_UNUSED = mado_store_outbox_enqueue (f->store, "questionnaire", body, &error);
  Blocking b = { .f = f };
  MadoOutboxRun run;

  g_assert_no_error (error);
  g_mutex_init (&b.mutex);
  g_cond_init (&b.cond);
  g_assert_true (mado_store_outbox_deliver_due (f->store, mado_store_now (f->store), 0,
                                                hub_waiting_for_other_thread, &b, &run, &error));
  g_assert_no_error (error);
  g_assert_nonnull (b.other);
  g_thread_join (b.other);
  /* The other thread's append finished while the hub still had the record. */
  g_assert_true (b.appended);
  g_assert_cmpuint (run.delivered, ==, 1);
  g_mutex_clear (&b.mutex);
  g_cond_clear (&b.cond);
}

/* Round A's hub holds the first record until round B has finished. */
static MadoOutboxResult
hub_holding_first (const char  *kind,
                   const char  *idempotency_key,
                   GBytes      *body,
                   char       **error_message,
                   gpointer     user_data)
{
  Blocking *b = user_data;
  MadoOutboxResult result = slow_hub (kind, idempotency_key, body, error_message, b->f);

  g_mutex_lock (&b->mutex);
  if (!b->in_hub)
    {
      b->in_hub = TRUE;
      g_cond_broadcast (&b->cond);
      while (!b->release)
        g_cond_wait (&b->cond, &b->mutex);
    }
  g_mutex_unlock (&b->mutex);
  return result;
}

static gpointer
round_a (gpointer data)
{
  Blocking *b = data;
  MadoOutboxRun *run = g_new0 (MadoOutboxRun, 1);
  g_autoptr(GError) error = NULL;

  if (!mado_store_outbox_deliver_due (b->f->store, mado_store_now (b->f->store), 0,
                                      hub_holding_first, b, run, &error))
    fail (b->f, "round A", error);
  return run;
}

static void
test_threads_concurrent_rounds (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree MadoOutboxRun *run_a = NULL;
  MadoOutboxRun run_b;
  Blocking b = { .f = f };
  GThread *thread;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("record-%u", i);
      g_autoptr(GBytes) body = g_bytes_new (text, strlen (text) + 1);
      char *key = mado_store_outbox_enqueue (f->store, "vaccination-record", body, &error);

      g_assert_no_error (error);
      g_ptr_array_add (f->enqueued, key);
    }
  g_mutex_init (&b.mutex);
  g_cond_init (&b.cond);
  thread = g_thread_new ("round-a", round_a, &b);
  g_mutex_lock (&b.mutex);
  while (!b.in_hub)
    g_cond_wait (&b.cond, &b.mutex);
  g_mutex_unlock (&b.mutex);

  /* Round B, while A's hub has the first record: B must skip it. */
  g_assert_true (mado_store_outbox_deliver_due (f->store, mado_store_now (f->store), 0,
                                                slow_hub, f, &run_b, &error));
  g_assert_no_error (error);
  g_mutex_lock (&b.mutex);
  b.release = TRUE;
  g_cond_broadcast (&b.cond);
  g_mutex_unlock (&b.mutex);
  run_a = g_thread_join (thread);

  g_assert_cmpstr (f->first_failure, ==, NULL);
  g_assert_cmpuint (run_a->delivered, ==, 1);
  g_assert_cmpuint (run_b.delivered, ==, 2);
  check_outbox (f);
  g_mutex_clear (&b.mutex);
  g_cond_clear (&b.cond);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/store/threads/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("shared-store", test_threads_shared_store);
  ADD ("deliver-unlocked", test_threads_deliver_unlocked);
  ADD ("concurrent-rounds", test_threads_concurrent_rounds);
#undef ADD
  return g_test_run ();
}
