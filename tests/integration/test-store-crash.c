/* test-store-crash.c — the store survives SIGKILL at any instant
 *
 * A child writes cache entries, outbox records and audit entries in a loop
 * and runs delivery rounds (record at a time, and batches settled in one
 * commit) against a file-backed fake hub; the parent
 * kills it with SIGKILL at random moments, many times over. Afterwards the
 * database passes PRAGMA integrity_check, no acknowledged outbox record is
 * lost, no idempotency key was accepted twice, every record reaches the
 * hub once delivery finishes, every cache entry decrypts, and the audit
 * chain verifies.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "madoguchi-core.h"
#include "mado-test-util.h"

#define ROUNDS_DEFAULT 200
#define RESIDENTS      40

typedef struct {
  char *dir;
  char *db;
  char *key;
  char *enqueued;   /* keys whose enqueue returned, one per line */
  char *accepted;   /* the fake hub: keys it accepted, one per line */
  char *offered;    /* every delivery the hub saw, duplicates included */
} Paths;

static void
append_line (const char *path,
             const char *line)
{
  g_autofree char *text = g_strconcat (line, "\n", NULL);
  int fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  gsize length = strlen (text);

  g_assert_cmpint (fd, >=, 0);
  /* One write(2) of a short line with O_APPEND: a kill lands before or
   * after it, never inside. */
  g_assert_cmpint (write (fd, text, length), ==, (gssize) length);
  close (fd);
}

static GHashTable *
read_lines (const char *path,
            guint      *duplicates)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *duplicates = 0;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return set;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !g_hash_table_add (set, g_strdup (lines[i])))
      (*duplicates)++;
  return set;
}

/* The fake hub accepts each idempotency key once; a key it already has is
 * answered with success, like the real hub's dedupe. */
static MadoOutboxResult
fake_hub_deliver (const char  *kind,
                  const char  *idempotency_key,
                  GBytes      *body,
                  char       **error_message,
                  gpointer     user_data)
{
  const Paths *paths = user_data;
  guint duplicates;
  g_autoptr(GHashTable) accepted = read_lines (paths->accepted, &duplicates);

  append_line (paths->offered, idempotency_key);
  if (!g_hash_table_contains (accepted, idempotency_key))
    append_line (paths->accepted, idempotency_key);
  return MADO_OUTBOX_RESULT_OK;
}

/* A batch round through the same fake hub, record after record: killed
 * between the hub's acceptance and the round's one commit, the records are
 * sent again and the hub must still have each key once. */
static void
fake_hub_deliver_batch (MadoOutboxItem **items,
                        guint            n_items,
                        gpointer         user_data)
{
  for (guint i = 0; i < n_items; i++)
    items[i]->result = fake_hub_deliver (items[i]->kind, items[i]->idempotency_key,
                                         items[i]->body, &items[i]->message, user_data);
}

/* Record-at-a-time rounds and batch rounds (settled in one commit) by turns. */
static gboolean
deliver_round (MadoStore    *store,
               const Paths  *paths,
               guint         i,
               GError      **error)
{
  if ((i / 3) % 2 == 0)
    return mado_store_outbox_deliver_due (store, G_MAXINT64 / 2, 4, fake_hub_deliver,
                                          (gpointer) paths, NULL, error);
  return mado_store_outbox_batch_deliver_due (store, G_MAXINT64 / 2, 8, fake_hub_deliver_batch,
                                              (gpointer) paths, NULL, error);
}

static char *
resident_key (MadoStore *store,
              guint      n)
{
  g_autofree char *serial = g_strdup_printf ("%04X", 0x1000 + n);

  return mado_store_resident_key (store, "C=JP, O=JPKI, OU=JPKI for user authentication", serial);
}

static const guint8 fingerprint[32] = { 1, 2, 3, 4 };

G_GNUC_NORETURN static void
child_main (const Paths *paths,
            guint        seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = mado_store_open (paths->db, paths->key, &error);
  GRand *rand = g_rand_new_with_seed (seed);

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      _exit (3);
    }
  for (guint i = 0;; i++)
    {
      g_autofree char *key = resident_key (store, g_rand_int_range (rand, 0, RESIDENTS));
      g_autofree char *json = g_strdup_printf ("{\"round\":%u,\"filler\":\"%0400u\"}", seed, i);
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
      g_autofree char *idempotency_key = NULL;

      if (!mado_store_cache_put (store, key, fingerprint, "\"e\"", body, g_get_real_time (), &error))
        break;
      idempotency_key = mado_store_outbox_enqueue (store, "vaccination-record", body, &error);
      if (idempotency_key == NULL)
        break;
      append_line (paths->enqueued, idempotency_key);
      if (mado_store_audit_append (store, "doctor-1", MADO_AUDIT_RECORD_WRITTEN, key,
                                   MADO_AUDIT_SUCCESS, NULL, &error) == 0)
        break;
      if (i % 3 == 2 && !deliver_round (store, paths, i, &error))
        break;
    }
  g_printerr ("child: %s\n", error->message);
  _exit (4);
}

static void
paths_init (Paths *paths)
{
  paths->dir = mado_test_make_dir ("mado-crash-XXXXXX");
  paths->db = g_build_filename (paths->dir, "cache.db", NULL);
  paths->key = g_build_filename (paths->dir, "cache.key", NULL);
  paths->enqueued = g_build_filename (paths->dir, "enqueued", NULL);
  paths->accepted = g_build_filename (paths->dir, "hub-accepted", NULL);
  paths->offered = g_build_filename (paths->dir, "hub-offered", NULL);
}

static void
paths_clear (Paths *paths)
{
  mado_test_remove_dir (paths->dir);
  g_free (paths->dir);
  g_free (paths->db);
  g_free (paths->key);
  g_free (paths->enqueued);
  g_free (paths->accepted);
  g_free (paths->offered);
}

/* How many records the children have enqueued so far. */
static gsize
lines_enqueued (const Paths *paths)
{
  g_autofree char *text = NULL;
  gsize n = 0;

  if (!g_file_get_contents (paths->enqueued, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* Until the child has enqueued two records (so written at least one audit
 * entry): on a busy machine a child may not get past opening the store in
 * the 40 ms a timed kill allows. */
static void
wait_for_progress (const Paths *paths,
                   gsize        before)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (lines_enqueued (paths) < before + 2)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("a child enqueued nothing in 30 s");
      g_usleep (1000);
    }
}

static void
kill_many_times (const Paths *paths,
                 guint        rounds)
{
  GRand *rand = g_rand_new ();
  guint killed_running = 0;

  for (guint round = 0; round < rounds; round++)
    {
      int status = 0;
      gsize before = lines_enqueued (paths);
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        child_main (paths, round);
      /* Even rounds: 2–40 ms after the start, sometimes inside open and
       * migration. Odd rounds: 0–40 ms after the child's second record, so
       * that kills land mid-loop however busy the machine is. */
      if (round % 2 == 1)
        wait_for_progress (paths, before);
      g_usleep (g_rand_int_range (rand, round % 2 == 1 ? 0 : 2000, 40000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        killed_running++;
      else
        g_error ("child ended by itself (status %d) in round %u", status, round);
    }
  g_test_message ("%u children killed while writing", killed_running);
  g_rand_free (rand);
}

static void
check_everything (const Paths *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = mado_store_open (paths->db, paths->key, &error);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) enqueued = NULL;
  g_autoptr(GHashTable) accepted = NULL;
  g_autoptr(GHashTable) in_outbox = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  guint duplicates, offered_twice;
  MadoAuditVerdict verdict;
  MadoOutboxRun run;

  g_assert_no_error (error);
  g_assert_true (mado_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_true (mado_store_audit_verify (store, &verdict, &error));
  g_assert_no_error (error);
  g_test_message ("audit entries: %" G_GINT64_FORMAT, verdict.entries);
  g_assert_cmpint (verdict.entries, >, 0);

  /* every cache entry still decrypts */
  for (guint n = 0; n < RESIDENTS; n++)
    {
      g_autofree char *rk = resident_key (store, n);
      g_autoptr(MadoCacheEntry) entry = mado_store_cache_lookup (store, rk, fingerprint, &error);

      if (entry == NULL)
        {
          g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
          g_clear_error (&error);
        }
    }

  /* no acknowledged enqueue lost */
  records = mado_store_outbox_list (store, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_hash_table_add (in_outbox, ((MadoOutboxRecord *) g_ptr_array_index (records, i))->idempotency_key);
  enqueued = read_lines (paths->enqueued, &duplicates);
  g_assert_cmpuint (duplicates, ==, 0);
  g_test_message ("acknowledged enqueues: %u; outbox records: %u",
                  g_hash_table_size (enqueued), records->len);
  g_assert_cmpuint (g_hash_table_size (enqueued), >, 0);
  g_hash_table_iter_init (&iter, enqueued);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_true (g_hash_table_contains (in_outbox, key));

  /* accepted at most once so far; then deliver the rest */
  accepted = read_lines (paths->accepted, &duplicates);
  g_assert_cmpuint (duplicates, ==, 0);
  g_clear_pointer (&accepted, g_hash_table_unref);
  g_assert_true (mado_store_outbox_batch_deliver_due (store, G_MAXINT64 / 2, 0,
                                                      fake_hub_deliver_batch, (gpointer) paths,
                                                      &run, &error));
  g_assert_no_error (error);

  /* exactly once: every record accepted, none twice, nothing unknown */
  accepted = read_lines (paths->accepted, &duplicates);
  g_assert_cmpuint (duplicates, ==, 0);
  g_assert_cmpuint (g_hash_table_size (accepted), ==, records->len);
  g_hash_table_iter_init (&iter, accepted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_true (g_hash_table_contains (in_outbox, key));
  g_clear_pointer (&records, g_ptr_array_unref);
  records = mado_store_outbox_list (store, FALSE, &error);
  g_assert_cmpuint (records->len, ==, 0);

  /* how often a kill fell between the hub's acceptance and the mark */
  g_hash_table_unref (read_lines (paths->offered, &offered_twice));
  g_test_message ("deliveries offered again after a kill (deduplicated by the hub): %u",
                  offered_twice);
}

static void
test_sigkill (void)
{
  const char *env = g_getenv ("MADO_STORE_CRASH_ROUNDS");
  guint rounds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : ROUNDS_DEFAULT;
  gint64 start = g_get_monotonic_time ();
  Paths paths;

  paths_init (&paths);
  kill_many_times (&paths, rounds);
  g_test_message ("%u kills took %.1f s", rounds,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  check_everything (&paths);
  g_test_message ("whole test: %.1f s", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  paths_clear (&paths);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crash/sigkill", test_sigkill);
  return g_test_run ();
}
