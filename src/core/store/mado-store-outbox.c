/* mado-store-outbox.c — what must reach the hub, kept until the hub accepted it
 *
 * Delivery is at least once; acceptance is exactly once because every record
 * carries an idempotency key made at enqueue time and stored with it, and the
 * hub accepts each key once. Enqueueing is one transaction, and so is each
 * state change, so a process killed at any instant leaves each record either
 * pending (it will be sent again, with the same key) or settled.
 *
 * The delivery loop holds the store's lock only while it reads or settles a
 * record, never while the hub is asked: a slow hub must not stop the desk's
 * other threads from using the store. A record being sent is claimed in
 * memory, so a second round running at the same time skips it.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/rand.h>

#include "mado-store-outbox-private.h"
#include "mado-store-private.h"

#define BACKOFF_FIRST_US (30 * G_USEC_PER_SEC)
#define BACKOFF_MAX_US   (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static const char *const state_names[] = { "pending", "delivered", "rejected" };

/**
 * mado_outbox_state_to_string:
 * @state: a #MadoOutboxState
 *
 * Returns: (transfer none): `pending`, `delivered` or `rejected`
 */
const char *
mado_outbox_state_to_string (MadoOutboxState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), "pending");
  return state_names[state];
}

static MadoOutboxState
state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      return (MadoOutboxState) i;
  return MADO_OUTBOX_PENDING;
}

/**
 * mado_outbox_record_free:
 * @record: (transfer full) (nullable): a record
 */
void
mado_outbox_record_free (MadoOutboxRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->idempotency_key);
  g_free (record->kind);
  g_free (record->last_error);
  g_free (record);
}

/**
 * mado_store_outbox_backoff:
 * @attempts: failed attempts so far (1 or more)
 *
 * Returns: the wait before the next attempt, in µs: 30 s doubling per
 *   attempt, at most one hour
 */
gint64
mado_store_outbox_backoff (guint attempts)
{
  gint64 wait = BACKOFF_FIRST_US;

  for (guint i = 1; i < attempts && wait < BACKOFF_MAX_US; i++)
    wait *= 2;
  return MIN (wait, BACKOFF_MAX_US);
}

/* A version 4 UUID from OpenSSL's CSPRNG. Not g_uuid_string_random(): that
 * draws on GLib's per-process Mersenne Twister, which a forked child
 * inherits, so two children of one parent would make the same keys and the
 * hub would take the second record for a retry of the first. */
static char *
new_idempotency_key (void)
{
  guint8 b[16];

  if (RAND_bytes (b, sizeof b) != 1)
    g_error ("no random numbers from OpenSSL for an idempotency key");
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
                          b[10], b[11], b[12], b[13], b[14], b[15]);
}

static char *
outbox_aad (const char *idempotency_key,
            const char *kind,
            gint64      created_at)
{
  return g_strdup_printf ("madoguchi-outbox-v1|%s|%s|%" G_GINT64_FORMAT,
                          idempotency_key, kind, created_at);
}

/**
 * mado_store_outbox_insert:
 * @store: a store whose lock the caller holds, inside a transaction
 * @kind: what @body is
 * @body: the message for the hub
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Adds a record with a new random idempotency key, as part of the caller's
 * transaction: a venue record and its outbox entry commit together.
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
mado_store_outbox_insert (MadoStore   *store,
                          const char  *kind,
                          GBytes      *body,
                          GError     **error)
{
  static const char sql[] =
    "INSERT INTO outbox (idempotency_key, kind, created_at, next_attempt_at, sealed)"
    " VALUES (?1, ?2, ?3, ?3, ?4)";
  g_autofree char *key = new_idempotency_key ();
  gint64 now = mado_store_now (store);
  g_autofree char *aad = outbox_aad (key, kind, now);
  gsize length;
  const guint8 *data = g_bytes_get_data (body, &length);
  g_autoptr(GBytes) sealed = mado_store_key_seal (mado_store_get_key (store), aad, data, length);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_blob64 (stmt, 4, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                       SQLITE_STATIC);
  if (!mado_store_step_done (store, stmt, error))
    return NULL;
  return g_steal_pointer (&key);
}

/**
 * mado_store_outbox_enqueue:
 * @store: a store
 * @kind: what @body is (for example `vaccination-record`, `questionnaire`)
 * @body: the message for the hub (opaque bytes; encrypted at rest)
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Adds a record, with a new random idempotency key, in one transaction.
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
mado_store_outbox_enqueue (MadoStore   *store,
                           const char  *kind,
                           GBytes      *body,
                           GError     **error)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  g_autofree char *key = NULL;

  if (!mado_store_begin (store, error))
    return NULL;
  key = mado_store_outbox_insert (store, kind, body, error);
  if (key != NULL && mado_store_commit (store, error))
    return g_steal_pointer (&key);
  mado_store_rollback (store);
  return NULL;
}

/**
 * mado_store_outbox_record_from_row:
 * @stmt: a statement that selects MADO_STORE_OUTBOX_COLUMNS
 *
 * Returns: (transfer full): the record on the current row, without its body
 */
MadoOutboxRecord *
mado_store_outbox_record_from_row (sqlite3_stmt *stmt)
{
  MadoOutboxRecord *record = g_new0 (MadoOutboxRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->idempotency_key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  record->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  record->state = state_from_string ((const char *) sqlite3_column_text (stmt, 3));
  record->attempts = (guint) sqlite3_column_int (stmt, 4);
  record->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  record->created_at = sqlite3_column_int64 (stmt, 6);
  record->next_attempt_at = sqlite3_column_int64 (stmt, 7);
  record->delivered_at = sqlite3_column_int64 (stmt, 8);
  return record;
}

/**
 * mado_store_outbox_list:
 * @store: a store
 * @include_delivered: also list delivered records
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Returns: (transfer full) (element-type MadoOutboxRecord) (nullable): the
 *   records, oldest first
 */
GPtrArray *
mado_store_outbox_list (MadoStore  *store,
                        gboolean    include_delivered,
                        GError    **error)
{
  static const char sql[] =
    "SELECT " MADO_STORE_OUTBOX_COLUMNS " FROM outbox WHERE ?1 OR state <> 'delivered' ORDER BY id";
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_outbox_record_free);
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_delivered);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, mado_store_outbox_record_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mado_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/**
 * mado_store_outbox_open_body:
 * @record: the record on @stmt's current row
 * @stmt: a statement that selects MADO_STORE_OUTBOX_COLUMNS
 * @error: return location for %MADO_STORE_ERROR_TAMPERED
 *
 * Returns: (transfer full) (nullable): the record's body, decrypted and
 *   authenticated together with its key, kind and time
 */
GBytes *
mado_store_outbox_open_body (MadoStore               *store,
                             const MadoOutboxRecord  *record,
                             sqlite3_stmt            *stmt,
                             GError                 **error)
{
  g_autofree char *aad = outbox_aad (record->idempotency_key, record->kind, record->created_at);

  return mado_store_key_open (mado_store_get_key (store), aad, sqlite3_column_blob (stmt, 9),
                              (gsize) sqlite3_column_bytes (stmt, 9), error);
}

/**
 * mado_store_outbox_get:
 * @store: a store
 * @idempotency_key: the record's key
 * @body: (out) (optional) (transfer full) (nullable): its decrypted body;
 *   %NULL once delivered (the body is erased then)
 * @error: return location for %MADO_STORE_ERROR_NOT_FOUND, %MADO_STORE_ERROR_TAMPERED, …
 *
 * Returns: (transfer full) (nullable): the record
 */
MadoOutboxRecord *
mado_store_outbox_get (MadoStore   *store,
                       const char  *idempotency_key,
                       GBytes     **body,
                       GError     **error)
{
  static const char sql[] = "SELECT " MADO_STORE_OUTBOX_COLUMNS " FROM outbox WHERE idempotency_key = ?";
  g_autoptr(MadoOutboxRecord) record = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, idempotency_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      record = mado_store_outbox_record_from_row (stmt);
      if (body != NULL && record->state != MADO_OUTBOX_DELIVERED)
        {
          plain = mado_store_outbox_open_body (store, record, stmt, error);
          if (plain == NULL)
            g_clear_pointer (&record, mado_outbox_record_free);
        }
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                 _("No outbox record has the key %s. Check the key with “madoguchi-cli outbox list”."),
                 idempotency_key);
  else
    mado_store_fail (store, rc, error);
  sqlite3_reset (stmt);
  if (record != NULL && body != NULL)
    *body = g_steal_pointer (&plain);
  return g_steal_pointer (&record);
}

/* The transitions out of pending; ?1 the record (its key, or in a round
 * its id), ?2 the time, ?3 the wait before the next attempt, ?4 the
 * message. */
#define SET_DELIVERED \
  "UPDATE outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?2," \
  " last_error = NULL, sealed = x''"
#define SET_RETRY \
  "UPDATE outbox SET attempts = attempts + 1, last_error = ?4, next_attempt_at = ?2 + ?3"
#define SET_REJECTED \
  "UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = ?4," \
  " next_attempt_at = ?2 + ?3"
#define BY_KEY " WHERE idempotency_key = ?1 AND state = 'pending'"
/* A round settles its records by id: the rows it has just read, in id
 * order, so the updates land on the pages the round's query read. By key
 * each update would first look its row up in the key index, whose pages a
 * random key reaches at random: as the outbox deepens, that index outgrows
 * the page cache and every lookup reads pages of its own. */
#define BY_ID " WHERE id = ?1 AND state = 'pending'"

static const char delivered_sql[] = SET_DELIVERED BY_KEY;
static const char retry_sql[] = SET_RETRY BY_KEY;
static const char reject_sql[] = SET_REJECTED BY_KEY;

static const char *const settle_sql[] = {
  [MADO_OUTBOX_RESULT_OK] = SET_DELIVERED BY_ID,
  [MADO_OUTBOX_RESULT_RETRY] = SET_RETRY BY_ID,
  [MADO_OUTBOX_RESULT_PERMANENT] = SET_REJECTED BY_ID,
};

/* @sql prepared with ?2 to ?4 bound; the caller binds ?1. */
static sqlite3_stmt *
prepare_transition (MadoStore   *store,
                    const char  *sql,
                    gint64       time,
                    gint64       next_attempt,
                    const char  *message,
                    GError     **error)
{
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  /* Parameters a statement does not use are refused with SQLITE_RANGE,
   * which is harmless: one binder serves every transition. */
  sqlite3_bind_int64 (stmt, 2, time);
  sqlite3_bind_int64 (stmt, 3, next_attempt);
  sqlite3_bind_text (stmt, 4, message, -1, SQLITE_STATIC);
  return stmt;
}

/**
 * mado_store_outbox_settle_sql:
 * @result: how the delivery went
 *
 * Returns: (transfer none): the update mado_store_outbox_transition() runs
 *   for @result (?1: the record's id); the tests read its plan
 */
const char *
mado_store_outbox_settle_sql (MadoOutboxResult result)
{
  g_return_val_if_fail (result < G_N_ELEMENTS (settle_sql), NULL);
  return settle_sql[result];
}

/**
 * mado_store_outbox_transition:
 * @result: how the delivery went
 * @id: a pending record's id
 * @attempts: its failed attempts before this one
 * @now: when the attempt ended
 * @message: (nullable): why it failed
 *
 * Settles one record of a round inside the caller's transaction, with the
 * lock held. A record no longer pending (settled in between by hand) is
 * left alone.
 *
 * Returns: %FALSE when the store failed
 */
gboolean
mado_store_outbox_transition (MadoStore         *store,
                              MadoOutboxResult   result,
                              gint64             id,
                              guint              attempts,
                              gint64             now,
                              const char        *message,
                              GError           **error)
{
  gint64 wait = result == MADO_OUTBOX_RESULT_RETRY ? mado_store_outbox_backoff (attempts + 1) : 0;
  sqlite3_stmt *stmt = prepare_transition (store, mado_store_outbox_settle_sql (result), now, wait,
                                           message, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return mado_store_step_done (store, stmt, error);
}

static gboolean
change_pending (MadoStore   *store,
                const char  *sql,
                const char  *idempotency_key,
                gint64       time,
                gint64       next_attempt,
                const char  *message,
                GError     **error)
{
  sqlite3_stmt *stmt;

  if (!mado_store_begin (store, error))
    return FALSE;
  stmt = prepare_transition (store, sql, time, next_attempt, message, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, idempotency_key, -1, SQLITE_STATIC);
  if (!mado_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (mado_store_get_db (store)) == 0)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                   _("No pending outbox record has the key %s. Check the key with “madoguchi-cli outbox list”."),
                   idempotency_key);
      goto fail;
    }
  if (mado_store_commit (store, error))
    return TRUE;

fail:
  mado_store_rollback (store);
  return FALSE;
}

/**
 * mado_store_outbox_mark_delivered:
 * @store: a store
 * @idempotency_key: a pending record's key
 * @now: when the hub accepted it (µs since the epoch, UTC)
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Settles a record the hub accepted, and erases its body: the hub has it
 * now, and a delivered record need not hold personal data any more.
 *
 * Returns: %TRUE on success
 */
gboolean
mado_store_outbox_mark_delivered (MadoStore   *store,
                                  const char  *idempotency_key,
                                  gint64       now,
                                  GError     **error)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);

  return change_pending (store, delivered_sql, idempotency_key, now, 0, NULL, error);
}

/**
 * mado_store_outbox_mark_failed:
 * @store: a store
 * @idempotency_key: a pending record's key
 * @permanent: the hub refused it for good (it becomes rejected)
 * @message: (nullable): why, for the outbox list (no personal data)
 * @now: when the attempt ended (µs since the epoch, UTC)
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Counts a failed attempt. A retryable failure schedules the next attempt
 * after mado_store_outbox_backoff().
 *
 * Returns: %TRUE on success
 */
gboolean
mado_store_outbox_mark_failed (MadoStore   *store,
                               const char  *idempotency_key,
                               gboolean     permanent,
                               const char  *message,
                               gint64       now,
                               GError     **error)
{
  g_autoptr(MadoOutboxRecord) record = NULL;
  /* Held across the read and the update, so the backoff counts from the
   * attempts the update adds to. */
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  gint64 wait = 0;

  if (!permanent)
    {
      record = mado_store_outbox_get (store, idempotency_key, NULL, error);
      if (record == NULL)
        return FALSE;
      wait = mado_store_outbox_backoff (record->attempts + 1);
    }
  return change_pending (store, permanent ? reject_sql : retry_sql, idempotency_key,
                         now, wait, message, error);
}

/* The due records, oldest first. The partial index outbox_pending_in_order
 * (migration 5) holds only pending records, in id order, so a round reads
 * the first due ones and stops: no sort, and nothing read of the records
 * delivered before. The unary + keeps SQLite from taking outbox_by_due for
 * the time range instead, which would list every due record and sort it. */
static const char due_sql[] =
  "SELECT " MADO_STORE_OUTBOX_COLUMNS " FROM outbox WHERE state = 'pending' AND +next_attempt_at <= ?1"
  " ORDER BY id";

/**
 * mado_store_outbox_due_sql:
 *
 * Returns: (transfer none): the query each delivery round reads the due
 *   records with, oldest first (?1: the time)
 */
const char *
mado_store_outbox_due_sql (void)
{
  return due_sql;
}

static GPtrArray *
due_keys (MadoStore  *store,
          gint64      now,
          guint       limit,
          GError    **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, due_sql, error);
  int rc = SQLITE_ROW;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((limit == 0 || keys->len < limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mado_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

typedef enum {
  CLAIM_SEND,
  CLAIM_SKIP,
  CLAIM_FAILED,
} Claim;

/* Under the store's lock: takes the record for this round if it is still
 * pending and due and no other round is sending it. Another round may have
 * sent or claimed it since due_keys(). */
static Claim
claim_record (MadoStore          *store,
              const char         *key,
              gint64              now,
              MadoOutboxRecord  **out_record,
              GBytes            **body,
              MadoOutboxRun      *run,
              GError            **error)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MadoOutboxRecord) record = NULL;

  if (!mado_store_claim_delivery (store, key))
    return CLAIM_SKIP;
  record = mado_store_outbox_get (store, key, body, &local_error);
  if (record != NULL && record->state == MADO_OUTBOX_PENDING && record->next_attempt_at <= now)
    {
      *out_record = g_steal_pointer (&record);
      return CLAIM_SEND;
    }
  mado_store_release_delivery (store, key);
  if (record != NULL)
    {
      g_clear_pointer (body, g_bytes_unref);
      return CLAIM_SKIP;
    }
  /* A record whose body fails authentication can never be sent: set it
   * aside rather than stop every record behind it. */
  if (!g_error_matches (local_error, MADO_STORE_ERROR, MADO_STORE_ERROR_TAMPERED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return CLAIM_FAILED;
    }
  run->rejected++;
  if (!mado_store_outbox_mark_failed (store, key, TRUE, local_error->message, now, error))
    return CLAIM_FAILED;
  return CLAIM_SKIP;
}

static gboolean
settle (MadoStore         *store,
        const char        *key,
        MadoOutboxResult   result,
        const char        *message,
        gint64             now,
        MadoOutboxRun     *run,
        GError           **error)
{
  switch (result)
    {
    case MADO_OUTBOX_RESULT_OK:
      run->delivered++;
      return mado_store_outbox_mark_delivered (store, key, now, error);
    case MADO_OUTBOX_RESULT_RETRY:
      run->retried++;
      return mado_store_outbox_mark_failed (store, key, FALSE, message, now, error);
    case MADO_OUTBOX_RESULT_PERMANENT:
      run->rejected++;
      return mado_store_outbox_mark_failed (store, key, TRUE, message, now, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
deliver_one (MadoStore             *store,
             const char            *key,
             gint64                 now,
             MadoOutboxDeliverFunc  deliver,
             gpointer               user_data,
             MadoOutboxRun         *run,
             GError               **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(MadoOutboxRecord) record = NULL;
  g_autofree char *message = NULL;
  MadoOutboxResult result;
  gboolean settled;

  switch (claim_record (store, key, now, &record, &body, run, error))
    {
    case CLAIM_SKIP:
      return TRUE;
    case CLAIM_FAILED:
      return FALSE;
    case CLAIM_SEND:
    default:
      break;
    }

  /* Unlocked: this may wait for the hub for as long as its timeout. */
  result = deliver (record->kind, record->idempotency_key, body, &message, user_data);

  /* Released only once settled: released before, another round could
   * claim the record while it still reads as pending and send it again. */
  settled = settle (store, key, result, message, now, run, error);
  mado_store_release_delivery (store, key);
  return settled;
}

/**
 * mado_store_outbox_deliver_due:
 * @store: a store
 * @now: the time (µs since the epoch, UTC); records due by then are sent
 * @limit: at most this many records (0: all that are due)
 * @deliver: (scope call): sends one record to the hub
 * @user_data: data for @deliver
 * @run: (out caller-allocates) (optional): what happened
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Sends the due records oldest first. A record is marked delivered only
 * after @deliver reported %MADO_OUTBOX_RESULT_OK; killed in between, it is
 * sent again with the same idempotency key, which the hub accepts once.
 *
 * May run in several threads at once: the store is not locked while
 * @deliver runs, and a record another round is sending is skipped.
 *
 * Returns: %FALSE when the store failed (the records not yet sent stay due)
 */
gboolean
mado_store_outbox_deliver_due (MadoStore             *store,
                               gint64                 now,
                               guint                  limit,
                               MadoOutboxDeliverFunc  deliver,
                               gpointer               user_data,
                               MadoOutboxRun         *run,
                               GError               **error)
{
  MadoOutboxRun local_run = { 0, };
  g_autoptr(GPtrArray) keys = due_keys (store, now, limit, error);

  if (keys == NULL)
    return FALSE;
  for (guint i = 0; i < keys->len; i++)
    if (!deliver_one (store, g_ptr_array_index (keys, i), now, deliver, user_data,
                      &local_run, error))
      {
        if (run != NULL)
          *run = local_run;
        return FALSE;
      }
  if (run != NULL)
    *run = local_run;
  return TRUE;
}

/**
 * mado_store_outbox_latest_due:
 * @store: a store
 * @out_time: (out): when the last pending record is due (0: none is pending)
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Read from the end of the due index, whatever the outbox holds.
 *
 * Returns: %FALSE when the store failed
 */
gboolean
mado_store_outbox_latest_due (MadoStore  *store,
                              gint64     *out_time,
                              GError    **error)
{
  static const char sql[] =
    "SELECT next_attempt_at FROM outbox WHERE state = 'pending'"
    " ORDER BY next_attempt_at DESC LIMIT 1";
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *out_time = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || mado_store_fail (store, rc, error);
}

/**
 * mado_store_outbox_pending_count_sql:
 *
 * Returns: (transfer none): the query mado_store_outbox_count_pending()
 *   runs; the tests read its plan
 */
const char *
mado_store_outbox_pending_count_sql (void)
{
  /* INDEXED BY: the partial index holds the pending records only, so the
   * count reads as many entries as there are records waiting, however many
   * were delivered; and a schema without that index fails to prepare rather
   * than scanning the table. */
  return "SELECT count(*) FROM outbox INDEXED BY outbox_pending_in_order WHERE state = 'pending'";
}

/**
 * mado_store_outbox_count_pending:
 * @store: a store
 * @out_count: (out): how many records wait for the hub
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Counts in the store, reading no record.
 *
 * Returns: %FALSE when the store failed
 */
gboolean
mado_store_outbox_count_pending (MadoStore  *store,
                                 guint      *out_count,
                                 GError    **error)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, mado_store_outbox_pending_count_sql (), error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *out_count = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || mado_store_fail (store, rc, error);
}
