/* mado-store-private.h — what the store's parts share: the connection, the key, transactions
 *
 * Threads: every public store function holds the store's recursive lock
 * (mado_store_lock()) while it uses the connection or the statement cache,
 * so one thread's bind→step→reset and BEGIN…COMMIT never interleave with
 * another's. The helpers below expect the caller to hold it.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "mado-store.h"
#include "mado-store-audit.h"
#include "mado-store-key.h"

G_BEGIN_DECLS

GRecMutexLocker *mado_store_lock        (MadoStore   *self);
gboolean       mado_store_claim_delivery (MadoStore   *self,
                                          const char  *idempotency_key);
void           mado_store_release_delivery (MadoStore  *self,
                                            const char *idempotency_key);

sqlite3       *mado_store_get_db         (MadoStore   *self);
MadoStoreKey  *mado_store_get_key        (MadoStore   *self);
sqlite3_stmt  *mado_store_prepare        (MadoStore   *self,
                                          const char  *sql,
                                          GError     **error);
gboolean       mado_store_begin          (MadoStore   *self,
                                          GError     **error);
gboolean       mado_store_commit         (MadoStore   *self,
                                          GError     **error);
void           mado_store_rollback       (MadoStore   *self);
gboolean       mado_store_fail           (MadoStore   *self,
                                          int          rc,
                                          GError     **error);
gboolean       mado_store_step_done      (MadoStore     *self,
                                          sqlite3_stmt  *stmt,
                                          GError       **error);

const char    *mado_store_schema_migration (int version);

/* Inside the caller's transaction, with the lock held: a venue record, its
 * outbox entry and its audit entry commit together (mado-store-records.c). */
char          *mado_store_outbox_insert  (MadoStore   *self,
                                          const char  *kind,
                                          GBytes      *body,
                                          GError     **error);
gint64         mado_store_audit_insert   (MadoStore         *self,
                                          const char        *operator_id,
                                          MadoAuditAction    action,
                                          const char        *resident_key,
                                          MadoAuditOutcome   outcome,
                                          const char        *detail,
                                          GError           **error);

/* What a file named as the store is, read without writing (mado-store.c). */
typedef enum {
  MADO_STORE_FILE_MISSING,
  MADO_STORE_FILE_STORE,     /* a Madoguchi store, or a file with nothing in it yet */
  MADO_STORE_FILE_DAMAGED,   /* SQLite cannot read its header or schema */
  MADO_STORE_FILE_FOREIGN,   /* another program's database, or not a regular file */
} MadoStoreFileKind;

MadoStoreFileKind mado_store_probe_file (const char *path);

/* Migration 3: signs the head of the empty audit log (in mado-store-audit.c). */
gboolean       mado_store_audit_write_genesis (MadoStore  *self,
                                               GError    **error);

/* For tests of the migrations: open and migrate only up to @version. */
MadoStore     *mado_store_open_at_version (const char  *path,
                                           const char  *key_path,
                                           int          version,
                                           GError     **error);

G_END_DECLS
