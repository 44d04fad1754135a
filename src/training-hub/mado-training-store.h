/* mado-training-store.h — the training hub's SQLite store: accepted records and idempotency keys
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MADO_TYPE_TRAINING_STORE (mado_training_store_get_type ())
G_DECLARE_FINAL_TYPE (MadoTrainingStore, mado_training_store, MADO, TRAINING_STORE, GObject)

typedef enum {
  MADO_STORE_RESULT_STORED,     /* a new record */
  MADO_STORE_RESULT_REPEATED,   /* same key, same body: the first answer */
  MADO_STORE_RESULT_KEY_REUSED, /* same key, another body */
  MADO_STORE_RESULT_FAILED,
} MadoStoreResult;

MadoTrainingStore *mado_training_store_new          (const char         *path,
                                                     GError            **error);

MadoStoreResult    mado_training_store_submit       (MadoTrainingStore  *self,
                                                     const char         *kind,
                                                     const char         *terminal,
                                                     const char         *idempotency_key,
                                                     const char         *resident_ref,
                                                     GBytes             *body,
                                                     char              **out_record_id,
                                                     char              **out_received_at,
                                                     GError            **error);

gint64             mado_training_store_count        (MadoTrainingStore  *self,
                                                     const char         *kind);
gint64             mado_training_store_count_distinct (MadoTrainingStore *self);
gboolean           mado_training_store_begin        (MadoTrainingStore  *self,
                                                     GError            **error);
gboolean           mado_training_store_end          (MadoTrainingStore  *self,
                                                     gboolean            commit,
                                                     GError            **error);
gint64             mado_training_store_count_commits (MadoTrainingStore *self);
gint64             mado_training_store_cache_bytes  (MadoTrainingStore  *self);
GPtrArray         *mado_training_store_bodies       (MadoTrainingStore  *self,
                                                     const char         *kind,
                                                     const char         *resident_ref);
const char        *mado_training_store_find_sql     (void);
const char        *mado_training_store_bodies_sql   (void);

G_END_DECLS
