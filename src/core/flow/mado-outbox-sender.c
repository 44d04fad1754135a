/* mado-outbox-sender.c — delivers the store's outbox to the hub, now, periodically and when it is back
 *
 * The store decides what is due and keeps each record's backoff (30 s
 * doubling, at most 1 h, docs/store.md); this object decides when to look
 * (a timer, the hub monitor going online, or a caller asking) and turns
 * the hub client's answers into the store's OK / RETRY / PERMANENT. Every
 * send carries the record's idempotency key, so a record sent twice (the
 * answer lost, the process killed before the mark) is accepted once.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-error.h"
#include "mado-hub-client-batch.h"
#include "mado-hub-error.h"
#include "mado-outbox-sender.h"

struct _MadoOutboxSender
{
  GObject         parent_instance;

  MadoStore      *store;
  MadoHubClient  *hub;
  MadoHubMonitor *monitor;
  gulong          monitor_handler;
  guint           timer;
  gboolean        running;
  gboolean        again;
  gboolean        again_all;
  gint            batch_unsupported;  /* atomic: the hub answered 404 to a batch */
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (MadoOutboxSender, mado_outbox_sender, G_TYPE_OBJECT)

enum {
  ROUND_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mado_outbox_sender_dispose (GObject *object)
{
  MadoOutboxSender *self = MADO_OUTBOX_SENDER (object);

  mado_outbox_sender_stop (self);
  mado_outbox_sender_set_monitor (self, NULL);
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (mado_outbox_sender_parent_class)->dispose (object);
}

static void
mado_outbox_sender_finalize (GObject *object)
{
  MadoOutboxSender *self = MADO_OUTBOX_SENDER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->hub);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mado_outbox_sender_parent_class)->finalize (object);
}

static void
mado_outbox_sender_class_init (MadoOutboxSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_outbox_sender_dispose;
  object_class->finalize = mado_outbox_sender_finalize;

  /**
   * MadoOutboxSender::round-done:
   * @delivered: records the hub accepted
   * @retried: records left for later
   * @rejected: records the hub refused for good
   *
   * Emitted on the main context after each background round.
   */
  signals[ROUND_DONE] =
    g_signal_new ("round-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
mado_outbox_sender_init (MadoOutboxSender *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * mado_outbox_sender_new:
 * @store: a store connection the sender may use from its worker thread;
 *   the caller does not use it while a round runs
 * @hub: the hub client
 *
 * Returns: (transfer full): a sender; nothing is sent until
 *   mado_outbox_sender_start() or mado_outbox_sender_deliver()
 */
MadoOutboxSender *
mado_outbox_sender_new (MadoStore     *store,
                        MadoHubClient *hub)
{
  MadoOutboxSender *self;

  g_return_val_if_fail (MADO_IS_STORE (store), NULL);
  g_return_val_if_fail (MADO_IS_HUB_CLIENT (hub), NULL);

  self = g_object_new (MADO_TYPE_OUTBOX_SENDER, NULL);
  self->store = g_object_ref (store);
  self->hub = g_object_ref (hub);
  return self;
}

/* -- one record ---------------------------------------------------------------- */

static gboolean
kind_from_string (const char        *kind,
                  MadoHubRecordKind *out)
{
  if (g_strcmp0 (kind, "vaccination-record") == 0 || g_strcmp0 (kind, "vaccination") == 0)
    *out = MADO_HUB_RECORD_VACCINATION;
  else if (g_strcmp0 (kind, "questionnaire") == 0 ||
           g_strcmp0 (kind, "questionnaire-record") == 0)
    *out = MADO_HUB_RECORD_QUESTIONNAIRE;
  else
    return FALSE;
  return TRUE;
}

typedef struct {
  MadoOutboxSender *self;
  GCancellable     *cancellable;
} Delivery;

static MadoOutboxResult
deliver_one (Delivery    *delivery,
             const char  *kind,
             const char  *idempotency_key,
             GBytes      *body,
             char       **error_message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MadoHubRecordReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  MadoHubRecordKind record_kind;
  JsonNode *root;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  MadoOutboxResult result;

  if (!kind_from_string (kind, &record_kind))
    {
      *error_message = g_strdup_printf ("unknown record kind “%s”", kind);
      return MADO_OUTBOX_RESULT_PERMANENT;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *error_message = g_strdup ("the stored body is not a JSON object");
      return MADO_OUTBOX_RESULT_PERMANENT;
    }
  receipt = mado_hub_client_submit_record (delivery->self->hub, record_kind, idempotency_key,
                                           json_node_get_object (root), delivery->cancellable,
                                           &error);
  if (receipt != NULL)
    {
      g_debug ("outbox: %s delivered%s", idempotency_key,
               receipt->replayed ? " (the hub had it already)" : "");
      return MADO_OUTBOX_RESULT_OK;
    }
  result = mado_error_is_permanent (error) ? MADO_OUTBOX_RESULT_PERMANENT
                                           : MADO_OUTBOX_RESULT_RETRY;
  /* The hub client's messages name the failure, never the record's content. */
  *error_message = g_strdup (error->message);
  g_debug ("outbox: %s not delivered: %s (%s)", idempotency_key, mado_error_name (error),
           result == MADO_OUTBOX_RESULT_RETRY ? "retry" : "permanent");
  return result;
}

/* -- a batch of records ------------------------------------------------------- */

static void
deliver_one_by_one (Delivery        *delivery,
                    MadoOutboxItem **items,
                    guint            n_items)
{
  for (guint i = 0; i < n_items; i++)
    items[i]->result = deliver_one (delivery, items[i]->kind, items[i]->idempotency_key,
                                    items[i]->body, &items[i]->message);
}

/* The hub's verdict on one record of a batch. */
static void
settle_result (MadoOutboxItem         *item,
               const MadoRecordResult *result)
{
  g_autoptr(GError) refusal = NULL;

  if (result->outcome != MADO_RECORD_REFUSED)
    {
      g_debug ("outbox: %s delivered%s", item->idempotency_key,
               result->outcome == MADO_RECORD_DUPLICATE ? " (the hub had it already)" : "");
      item->result = MADO_OUTBOX_RESULT_OK;
      return;
    }
  refusal = g_error_new_literal (MADO_HUB_ERROR, result->refusal,
                                 mado_error_advice (MADO_HUB_ERROR, result->refusal));
  item->result = mado_error_is_permanent (refusal) ? MADO_OUTBOX_RESULT_PERMANENT
                                                   : MADO_OUTBOX_RESULT_RETRY;
  /* The hub's reason names the broken rule, never the record's content
   * (docs/hub-api.md); it is sanitised where it is decoded. */
  item->message = g_strdup_printf ("%s: %s", mado_error_name (refusal),
                                   result->detail != NULL ? result->detail : refusal->message);
}

/* One request of at most MADO_RECORD_BATCH_MAX_RECORDS records, each
 * already parsed into @entries. */
static void
deliver_chunk (Delivery                   *delivery,
               MadoOutboxItem            **items,
               const MadoRecordBatchEntry *entries,
               guint                       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gboolean unsupported = FALSE;

  results = mado_hub_client_submit_batch (delivery->self->hub, entries, n, &unsupported,
                                          delivery->cancellable, &error);
  if (results != NULL)
    {
      for (guint i = 0; i < n; i++)
        settle_result (items[i], g_ptr_array_index (results, i));
      return;
    }
  if (unsupported)
    g_atomic_int_set (&delivery->self->batch_unsupported, TRUE);
  /* Refused whole (no batch endpoint, too large, not understood): each
   * record on its own gets its own verdict. */
  if (unsupported || mado_error_is_permanent (error))
    {
      g_debug ("outbox: batch not taken (%s); sending one by one",
               unsupported ? "no batch endpoint" : mado_error_name (error));
      deliver_one_by_one (delivery, items, n);
      return;
    }
  /* Unsent, unanswered or an answer that breaks the API (results for keys
   * not asked, keys missing or twice): nothing is settled but a retry. */
  g_debug ("outbox: batch of %u not delivered: %s", n, mado_error_name (error));
  for (guint i = 0; i < n; i++)
    {
      items[i]->result = MADO_OUTBOX_RESULT_RETRY;
      items[i]->message = g_strdup (error->message);
    }
}

/* The records whose stored body can be sent get an entry; the others are
 * refused for good here, as deliver_one() would. */
static guint
prepare_entries (MadoOutboxItem       **items,
                 guint                  n_items,
                 MadoOutboxItem       **sendable,
                 MadoRecordBatchEntry  *entries,
                 GPtrArray             *roots)
{
  guint n = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len;
      const char *data = g_bytes_get_data (items[i]->body, &len);
      JsonNode *root;

      if (!kind_from_string (items[i]->kind, &entries[n].kind))
        {
          items[i]->result = MADO_OUTBOX_RESULT_PERMANENT;
          items[i]->message = g_strdup_printf ("unknown record kind “%s”", items[i]->kind);
          continue;
        }
      if (!json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
          (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          items[i]->result = MADO_OUTBOX_RESULT_PERMANENT;
          items[i]->message = g_strdup ("the stored body is not a JSON object");
          continue;
        }
      g_ptr_array_add (roots, json_node_copy (root));
      entries[n].idempotency_key = items[i]->idempotency_key;
      entries[n].record = json_node_get_object (g_ptr_array_index (roots, roots->len - 1));
      sendable[n++] = items[i];
    }
  return n;
}

static void
deliver_cb (MadoOutboxItem **items,
            guint            n_items,
            gpointer         user_data)
{
  Delivery *delivery = user_data;
  g_autoptr(GPtrArray) roots = NULL;
  g_autofree MadoOutboxItem **sendable = NULL;
  g_autofree MadoRecordBatchEntry *entries = NULL;
  guint n;

  if (g_atomic_int_get (&delivery->self->batch_unsupported))
    {
      deliver_one_by_one (delivery, items, n_items);
      return;
    }
  roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  sendable = g_new0 (MadoOutboxItem *, n_items);
  entries = g_new0 (MadoRecordBatchEntry, n_items);
  n = prepare_entries (items, n_items, sendable, entries, roots);
  /* In order, one request after the other: a correction reaches the hub
   * after the vaccination it corrects. */
  for (guint i = 0; i < n; i += MADO_RECORD_BATCH_MAX_RECORDS)
    deliver_chunk (delivery, sendable + i, entries + i, MIN (n - i, MADO_RECORD_BATCH_MAX_RECORDS));
}

/* -- rounds ------------------------------------------------------------------------- */

/* The store delivers what is due at the time it is given. To send every
 * pending record regardless of its backoff, the round runs at the latest
 * time any of them is due; a record that fails again then waits its
 * backoff from that time (at most an hour more than from now). */
static gboolean
round_time (MadoOutboxSender  *self,
            gboolean           all_pending,
            gint64            *out_now,
            GError           **error)
{
  gint64 latest = 0;

  *out_now = mado_store_now (self->store);
  if (!all_pending)
    return TRUE;
  if (!mado_store_outbox_latest_due (self->store, &latest, error))
    return FALSE;
  *out_now = MAX (*out_now, latest);
  return TRUE;
}

/**
 * mado_outbox_sender_deliver:
 * @all_pending: send every pending record now, not only those whose
 *   backoff has run out (the hub is back, or staff asked)
 * @run: (out caller-allocates): how many were delivered, retried, rejected
 *
 * One round, blocking: the due records, oldest first, up to
 * %MADO_OUTBOX_SENDER_BATCH.
 *
 * Returns: %FALSE only when the store failed (the record stays due)
 */
gboolean
mado_outbox_sender_deliver (MadoOutboxSender  *self,
                            gboolean           all_pending,
                            MadoOutboxRun     *run,
                            GCancellable      *cancellable,
                            GError           **error)
{
  Delivery delivery = { self, cancellable };
  gint64 now;

  g_return_val_if_fail (MADO_IS_OUTBOX_SENDER (self), FALSE);
  g_return_val_if_fail (run != NULL, FALSE);

  memset (run, 0, sizeof *run);
  if (!round_time (self, all_pending, &now, error))
    return FALSE;
  return mado_store_outbox_batch_deliver_due (self->store, now, MADO_OUTBOX_SENDER_BATCH,
                                              deliver_cb, &delivery, run, error);
}

typedef struct {
  gboolean      all_pending;
  MadoOutboxRun run;
} Round;

static void
deliver_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Round *round = task_data;
  GError *error = NULL;

  if (mado_outbox_sender_deliver (source_object, round->all_pending, &round->run, cancellable,
                                  &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* One round in a worker thread, so the main thread never waits on the hub. */
static void
deliver_async (MadoOutboxSender    *self,
               gboolean             all_pending,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Round *round;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, deliver_async);
  round = g_new0 (Round, 1);
  round->all_pending = all_pending;
  g_task_set_task_data (task, round, g_free);
  g_task_run_in_thread (task, deliver_thread);
}

/* @run gets the round's counts. */
static gboolean
deliver_finish (MadoOutboxSender  *self,
                GAsyncResult      *result,
                MadoOutboxRun     *run,
                GError           **error)
{
  g_assert (g_task_is_valid (result, self));

  if (run != NULL)
    *run = ((Round *) g_task_get_task_data (G_TASK (result)))->run;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void trigger (MadoOutboxSender *self,
                     gboolean          all_pending);

static void
round_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MadoOutboxSender *self = MADO_OUTBOX_SENDER (source);
  g_autoptr(GError) error = NULL;
  MadoOutboxRun run = { 0 };

  self->running = FALSE;
  if (!deliver_finish (self, result, &run, &error))
    g_warning ("outbox: delivery round stopped: %s", error->message);
  else if (run.delivered + run.retried + run.rejected > 0)
    g_info ("outbox: %u delivered, %u to retry, %u rejected", run.delivered, run.retried,
            run.rejected);
  g_signal_emit (self, signals[ROUND_DONE], 0, run.delivered, run.retried, run.rejected);
  /* A full batch means more may be due now. */
  if (self->again || run.delivered + run.retried + run.rejected >= MADO_OUTBOX_SENDER_BATCH)
    {
      gboolean all_pending = self->again_all;

      self->again = FALSE;
      self->again_all = FALSE;
      trigger (self, all_pending);
    }
  g_object_unref (self);
}

static void
trigger (MadoOutboxSender *self,
         gboolean          all_pending)
{
  if (self->running)
    {
      self->again = TRUE;
      self->again_all |= all_pending;
      return;
    }
  self->running = TRUE;
  deliver_async (self, all_pending, self->cancellable, round_done_cb, g_object_ref (self));
}

static gboolean
timer_cb (gpointer user_data)
{
  trigger (MADO_OUTBOX_SENDER (user_data), FALSE);
  return G_SOURCE_CONTINUE;
}

static void
monitor_state_cb (MadoHubMonitor   *monitor,
                  GParamSpec       *pspec,
                  MadoOutboxSender *self)
{
  /* Back online: what waited out the outage need not wait out its backoff. */
  if (mado_hub_monitor_get_state (monitor) == MADO_HUB_STATE_ONLINE && self->timer != 0)
    trigger (self, TRUE);
}

/**
 * mado_outbox_sender_set_monitor:
 * @monitor: (nullable): the hub monitor; once started, the sender runs a
 *   round each time it reports the hub online again
 */
void
mado_outbox_sender_set_monitor (MadoOutboxSender *self,
                                MadoHubMonitor   *monitor)
{
  g_return_if_fail (MADO_IS_OUTBOX_SENDER (self));

  if (self->monitor != NULL)
    {
      g_clear_signal_handler (&self->monitor_handler, self->monitor);
      g_clear_object (&self->monitor);
    }
  if (monitor != NULL)
    {
      self->monitor = g_object_ref (monitor);
      self->monitor_handler = g_signal_connect (monitor, "notify::state",
                                                G_CALLBACK (monitor_state_cb), self);
    }
}

/**
 * mado_outbox_sender_start:
 * @interval_seconds: how often to look for due records (0: the default)
 *
 * Runs a round now and then every @interval_seconds on the thread-default
 * main context, and whenever the monitor reports the hub online.
 */
void
mado_outbox_sender_start (MadoOutboxSender *self,
                          guint             interval_seconds)
{
  g_return_if_fail (MADO_IS_OUTBOX_SENDER (self));

  mado_outbox_sender_stop (self);
  if (interval_seconds == 0)
    interval_seconds = MADO_OUTBOX_SENDER_DEFAULT_INTERVAL;
  self->timer = g_timeout_add_seconds (interval_seconds, timer_cb, self);
  trigger (self, FALSE);
}

void
mado_outbox_sender_stop (MadoOutboxSender *self)
{
  g_return_if_fail (MADO_IS_OUTBOX_SENDER (self));

  g_clear_handle_id (&self->timer, g_source_remove);
}
