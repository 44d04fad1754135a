/* mado-store-outbox.h — what must reach the hub, kept until the hub accepted it
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-store.h"

G_BEGIN_DECLS

/**
 * MadoOutboxState:
 * @MADO_OUTBOX_PENDING: not yet accepted by the hub; delivered when due
 * @MADO_OUTBOX_DELIVERED: the hub answered 2xx; the body has been erased
 * @MADO_OUTBOX_REJECTED: the hub refused it for good; kept for the administrator
 */
typedef enum {
  MADO_OUTBOX_PENDING,
  MADO_OUTBOX_DELIVERED,
  MADO_OUTBOX_REJECTED,
} MadoOutboxState;

/**
 * MadoOutboxResult:
 * @MADO_OUTBOX_RESULT_OK: the hub accepted it (2xx, including "already had it")
 * @MADO_OUTBOX_RESULT_RETRY: try again later (offline, timeout, 5xx, 429)
 * @MADO_OUTBOX_RESULT_PERMANENT: the hub refused it for good (4xx other than 408/429)
 */
typedef enum {
  MADO_OUTBOX_RESULT_OK,
  MADO_OUTBOX_RESULT_RETRY,
  MADO_OUTBOX_RESULT_PERMANENT,
} MadoOutboxResult;

/**
 * MadoOutboxDeliverFunc:
 * @kind: what the body is (for example `vaccination-record`)
 * @idempotency_key: the record's key; the hub accepts each key once
 * @body: the body as enqueued
 * @error_message: (out) (transfer full) (optional): on failure, a message
 *   for the outbox list (no personal data)
 * @user_data: the data given to the delivery loop
 *
 * Returns: how the delivery went
 */
typedef MadoOutboxResult (*MadoOutboxDeliverFunc) (const char  *kind,
                                                   const char  *idempotency_key,
                                                   GBytes      *body,
                                                   char       **error_message,
                                                   gpointer     user_data);

/**
 * MadoOutboxItem:
 * @idempotency_key: the record's key; the hub accepts each key once
 * @kind: what the body is (for example `vaccination-record`)
 * @body: the body as enqueued
 * @result: how its delivery went; the deliverer sets it
 *   (%MADO_OUTBOX_RESULT_RETRY until then)
 * @message: (nullable): on failure, a message for the outbox list (no
 *   personal data); the deliverer sets it, the store frees it
 *
 * One record of a batch round (mado_store_outbox_batch_deliver_due()).
 */
typedef struct {
  const char       *idempotency_key;
  const char       *kind;
  GBytes           *body;
  MadoOutboxResult  result;
  char             *message;
} MadoOutboxItem;

/**
 * MadoOutboxDeliverBatchFunc:
 * @items: (array length=n_items): the round's records, oldest first
 * @n_items: how many
 * @user_data: the data given to the delivery round
 *
 * Sends the records and sets each one's @result (and @message on failure).
 */
typedef void (*MadoOutboxDeliverBatchFunc) (MadoOutboxItem **items,
                                            guint            n_items,
                                            gpointer         user_data);

typedef struct {
  gint64           id;
  char            *idempotency_key;
  char            *kind;
  MadoOutboxState  state;
  guint            attempts;
  char            *last_error;        /* nullable */
  gint64           created_at;        /* µs since the epoch, UTC */
  gint64           next_attempt_at;
  gint64           delivered_at;      /* 0 unless delivered */
} MadoOutboxRecord;

typedef struct {
  guint delivered;
  guint retried;
  guint rejected;
} MadoOutboxRun;

void              mado_outbox_record_free         (MadoOutboxRecord *record);
const char       *mado_outbox_state_to_string     (MadoOutboxState   state);
gint64            mado_store_outbox_backoff       (guint             attempts);

char             *mado_store_outbox_enqueue       (MadoStore        *store,
                                                   const char       *kind,
                                                   GBytes           *body,
                                                   GError          **error);
GPtrArray        *mado_store_outbox_list          (MadoStore        *store,
                                                   gboolean          include_delivered,
                                                   GError          **error);
MadoOutboxRecord *mado_store_outbox_get           (MadoStore        *store,
                                                   const char       *idempotency_key,
                                                   GBytes          **body,
                                                   GError          **error);
gboolean          mado_store_outbox_mark_delivered (MadoStore       *store,
                                                   const char       *idempotency_key,
                                                   gint64            now,
                                                   GError          **error);
gboolean          mado_store_outbox_mark_failed   (MadoStore        *store,
                                                   const char       *idempotency_key,
                                                   gboolean          permanent,
                                                   const char       *message,
                                                   gint64            now,
                                                   GError          **error);
gboolean          mado_store_outbox_deliver_due   (MadoStore        *store,
                                                   gint64            now,
                                                   guint             limit,
                                                   MadoOutboxDeliverFunc deliver,
                                                   gpointer          user_data,
                                                   MadoOutboxRun    *run,
                                                   GError          **error);

gboolean          mado_store_outbox_latest_due    (MadoStore        *store,
                                                   gint64           *out_time,
                                                   GError          **error);
gboolean          mado_store_outbox_count_pending (MadoStore        *store,
                                                   guint            *out_count,
                                                   GError          **error);
gboolean          mado_store_outbox_batch_deliver_due (MadoStore     *store,
                                                   gint64            now,
                                                   guint             limit,
                                                   MadoOutboxDeliverBatchFunc deliver,
                                                   gpointer          user_data,
                                                   MadoOutboxRun    *run,
                                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOutboxRecord, mado_outbox_record_free)

G_END_DECLS
