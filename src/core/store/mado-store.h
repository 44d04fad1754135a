/* mado-store.h — the offline store: one SQLite file holding the cache, outbox, audit log and staff
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-store-error.h"

G_BEGIN_DECLS

/* The schema version this code writes (PRAGMA user_version). */
#define MADO_STORE_SCHEMA_VERSION 5

/**
 * MadoStoreClockFunc:
 * @user_data: the data given to mado_store_set_clock()
 *
 * Returns: the time in microseconds since the Unix epoch, UTC
 */
typedef gint64 (*MadoStoreClockFunc) (gpointer user_data);

#define MADO_TYPE_STORE (mado_store_get_type ())
G_DECLARE_FINAL_TYPE (MadoStore, mado_store, MADO, STORE, GObject)

MadoStore  *mado_store_open               (const char          *path,
                                           const char          *key_path,
                                           GError             **error);
MadoStore  *mado_store_open_read_only     (const char          *path,
                                           const char          *key_path,
                                           GError             **error);
MadoStore  *mado_store_recover            (const char          *path,
                                           const char          *key_path,
                                           char               **moved_to,
                                           guint               *carried,
                                           GError             **error);
int         mado_store_get_schema_version (MadoStore           *self);
gboolean    mado_store_check_integrity    (MadoStore           *self,
                                           GError             **error);
void        mado_store_set_clock          (MadoStore           *self,
                                           MadoStoreClockFunc   func,
                                           gpointer             user_data);
void        mado_store_set_retention_days (MadoStore           *self,
                                           guint                days);
guint       mado_store_get_retention_days (MadoStore           *self);
gint64      mado_store_now                (MadoStore           *self);
char       *mado_store_resident_key       (MadoStore           *self,
                                           const char          *issuer,
                                           const char          *serial);

G_END_DECLS
