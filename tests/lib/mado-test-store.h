/* mado-test-store.h — a store in a temporary folder with a clock the test sets, and raw SQL on its file
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TEST_DAY_US (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
/* 2026-11-21T00:00:00Z */
#define MADO_TEST_T0     (G_GINT64_CONSTANT (1795219200) * G_USEC_PER_SEC)

typedef struct {
  char  *dir;
  char  *db;
  char  *key;
  gint64 now;      /* what the store's clock says; starts at MADO_TEST_T0 */
} MadoTestStore;

extern const guint8 mado_test_fingerprint_a[MADO_CACHE_FINGERPRINT_LEN];
extern const guint8 mado_test_fingerprint_b[MADO_CACHE_FINGERPRINT_LEN];

void       mado_test_store_set_up    (MadoTestStore *f,
                                      gconstpointer  data);
void       mado_test_store_tear_down (MadoTestStore *f,
                                      gconstpointer  data);
MadoStore *mado_test_store_open      (MadoTestStore *f);
void       mado_test_store_exec      (MadoTestStore *f,
                                      const char    *sql);
gint64     mado_test_store_count     (MadoTestStore *f,
                                      const char    *sql);
void       mado_test_store_put       (MadoStore     *store,
                                      const char    *resident_key,
                                      const char    *text,
                                      gint64         fetched_at);

/* A test path under /store/ on a fresh store folder. */
#define MADO_TEST_STORE_ADD(path, func) \
  g_test_add ("/store/" path, MadoTestStore, NULL, mado_test_store_set_up, func, \
              mado_test_store_tear_down)

G_END_DECLS
