/* mado-store-outbox-batch.c — a delivery round as a whole: claimed together, sent together, settled in one commit
 *
 * A round reads its due records in one indexed pass, hands them all to the
 * deliverer (which may send them in one request, or several at once), then
 * settles every answer in one transaction: one fsync for the round instead
 * of one per record.
 *
 * Exactly once holds because of the idempotency keys, not the commit: a
 * process killed after the hub accepted a round but before the commit
 * finds those records still pending, and sends them again under the same
 * keys, which the hub answers as the duplicates they are. A failed commit
 * leaves them pending the same way. Nothing is ever marked delivered
 * before the hub said so.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-store-outbox-private.h"
#include "mado-store-private.h"

typedef struct {
  MadoOutboxItem public;
  char          *key;        /* what public's const strings point to */
  char          *kind;
  gint64         id;         /* the row: settled by it, not by the key */
  guint          attempts;
  gboolean       tampered;   /* never given to the deliverer */
} Item;

static void
item_free (Item *item)
{
  g_free (item->key);
  g_free (item->kind);
  g_clear_pointer (&item->public.body, g_bytes_unref);
  g_free (item->public.message);
  g_free (item);
}

static Item *
item_new (const MadoOutboxRecord *record)
{
  Item *item = g_new0 (Item, 1);

  item->key = g_strdup (record->idempotency_key);
  item->kind = g_strdup (record->kind);
  item->public.idempotency_key = item->key;
  item->public.kind = item->kind;
  /* Until the deliverer says otherwise: unanswered means "try again". */
  item->public.result = MADO_OUTBOX_RESULT_RETRY;
  item->id = record->id;
  item->attempts = record->attempts;
  return item;
}

static void
release_all (MadoStore *store,
             GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    mado_store_release_delivery (store, ((Item *) g_ptr_array_index (items, i))->public.idempotency_key);
}

/* Under the lock: one item for the record on @stmt's row, or %FALSE when
 * the store failed. A body that fails authentication can never be sent:
 * its item is set aside to be rejected, not to stop every record behind it. */
static gboolean
claim_row (MadoStore     *store,
           sqlite3_stmt  *stmt,
           GPtrArray     *items,
           GError       **error)
{
  g_autoptr(MadoOutboxRecord) record = mado_store_outbox_record_from_row (stmt);
  g_autoptr(GError) local_error = NULL;
  Item *item;

  if (!mado_store_claim_delivery (store, record->idempotency_key))
    return TRUE;            /* another round is sending it */
  item = item_new (record);
  g_ptr_array_add (items, item);
  item->public.body = mado_store_outbox_open_body (store, record, stmt, &local_error);
  if (item->public.body != NULL)
    return TRUE;
  if (!g_error_matches (local_error, MADO_STORE_ERROR, MADO_STORE_ERROR_TAMPERED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  item->tampered = TRUE;
  item->public.result = MADO_OUTBOX_RESULT_PERMANENT;
  item->public.message = g_strdup (local_error->message);
  return TRUE;
}

/* The round's records, claimed; %NULL (nothing claimed) when the store failed. */
static GPtrArray *
claim_due (MadoStore  *store,
           gint64      now,
           guint       limit,
           GError    **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, mado_store_outbox_due_sql (), error);
  int rc = SQLITE_ROW;
  gboolean ok = TRUE;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  while (ok && (limit == 0 || items->len < limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = claim_row (store, stmt, items, error);
  sqlite3_reset (stmt);
  if (ok && rc != SQLITE_ROW && rc != SQLITE_DONE)
    ok = mado_store_fail (store, rc, error);
  if (!ok)
    {
      release_all (store, items);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* Every answer of the round in one transaction: all settled, or (the store
 * failed) none, and then they are all still pending. */
static gboolean
settle_all (MadoStore  *store,
            GPtrArray  *items,
            gint64      now,
            GError    **error)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);

  if (!mado_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = g_ptr_array_index (items, i);

      if (!mado_store_outbox_transition (store, item->public.result, item->id,
                                         item->attempts, now, item->public.message, error))
        {
          mado_store_rollback (store);
          return FALSE;
        }
    }
  if (mado_store_commit (store, error))
    return TRUE;
  mado_store_rollback (store);
  return FALSE;
}

static void
count (GPtrArray     *items,
       MadoOutboxRun *run)
{
  for (guint i = 0; i < items->len; i++)
    switch (((Item *) g_ptr_array_index (items, i))->public.result)
      {
      case MADO_OUTBOX_RESULT_OK:
        run->delivered++;
        break;
      case MADO_OUTBOX_RESULT_PERMANENT:
        run->rejected++;
        break;
      case MADO_OUTBOX_RESULT_RETRY:
      default:
        run->retried++;
        break;
      }
}

/**
 * mado_store_outbox_batch_deliver_due:
 * @store: a store
 * @now: the time (µs since the epoch, UTC); records due by then are sent
 * @limit: at most this many records (0: all that are due)
 * @deliver: (scope call): sends the round's records to the hub
 * @user_data: data for @deliver
 * @run: (out caller-allocates) (optional): what happened
 * @error: return location for a #MADO_STORE_ERROR
 *
 * One round: the due records oldest first, given to @deliver together
 * (the store unlocked while it runs), then every answer settled in one
 * transaction. A record is marked delivered only where @deliver said
 * %MADO_OUTBOX_RESULT_OK; killed before the commit, the whole round is
 * sent again with the same idempotency keys, which the hub accepts once.
 *
 * May run in several threads at once, and beside
 * mado_store_outbox_deliver_due(): a record another round is sending is
 * skipped.
 *
 * Returns: %FALSE when the store failed (the records stay due)
 */
gboolean
mado_store_outbox_batch_deliver_due (MadoStore                  *store,
                                     gint64                      now,
                                     guint                       limit,
                                     MadoOutboxDeliverBatchFunc  deliver,
                                     gpointer                    user_data,
                                     MadoOutboxRun              *run,
                                     GError                    **error)
{
  g_autoptr(GPtrArray) items = claim_due (store, now, limit, error);
  g_autoptr(GPtrArray) to_send = NULL;
  gboolean settled;

  if (run != NULL)
    memset (run, 0, sizeof *run);
  if (items == NULL)
    return FALSE;
  if (items->len == 0)
    return TRUE;
  to_send = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    if (!((Item *) g_ptr_array_index (items, i))->tampered)
      g_ptr_array_add (to_send, &((Item *) g_ptr_array_index (items, i))->public);

  /* Unlocked: this may wait for the hub for as long as its timeout. */
  if (to_send->len > 0)
    deliver ((MadoOutboxItem **) to_send->pdata, to_send->len, user_data);

  /* Released only once settled: released before, another round could
   * claim a record while it still reads as pending and send it again. */
  settled = settle_all (store, items, now, error);
  release_all (store, items);
  if (settled && run != NULL)
    count (items, run);
  return settled;
}
