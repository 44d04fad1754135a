/* mado-store-outbox-private.h — what the outbox's record-at-a-time and batch rounds share
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "mado-store-outbox.h"

G_BEGIN_DECLS

/* The columns mado_store_outbox_record_from_row() and
 * mado_store_outbox_open_body() read, in this order. */
#define MADO_STORE_OUTBOX_COLUMNS \
  "id, idempotency_key, kind, state, attempts, last_error, created_at, next_attempt_at," \
  " coalesce(delivered_at, 0), sealed"

const char       *mado_store_outbox_due_sql         (void);
const char       *mado_store_outbox_pending_count_sql (void);
const char       *mado_store_outbox_settle_sql      (MadoOutboxResult         result);
MadoOutboxRecord *mado_store_outbox_record_from_row (sqlite3_stmt            *stmt);
GBytes           *mado_store_outbox_open_body       (MadoStore               *store,
                                                     const MadoOutboxRecord  *record,
                                                     sqlite3_stmt            *stmt,
                                                     GError                 **error);
gboolean          mado_store_outbox_transition      (MadoStore               *store,
                                                     MadoOutboxResult         result,
                                                     gint64                   id,
                                                     guint                    attempts,
                                                     gint64                   now,
                                                     const char              *message,
                                                     GError                 **error);

G_END_DECLS
