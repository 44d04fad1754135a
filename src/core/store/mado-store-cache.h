/* mado-store-cache.h — resident bundles cached for offline use, encrypted at rest
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-store.h"

G_BEGIN_DECLS

#define MADO_CACHE_FINGERPRINT_LEN 32

/**
 * MadoCacheConfirmation:
 * @MADO_CACHE_CONFIRMED_HUB: the hub sent the bundle after an online identity proof
 * @MADO_CACHE_CONFIRMED_LOCAL_PROOF: confirmed offline, with a proof made at the desk
 *   (for example the card's signature over a local challenge)
 */
typedef enum {
  MADO_CACHE_CONFIRMED_HUB,
  MADO_CACHE_CONFIRMED_LOCAL_PROOF,
} MadoCacheConfirmation;

/**
 * MadoCacheEntry:
 * @resident_key: HMAC of the certificate's issuer and serial (mado_store_resident_key())
 * @fingerprint: SHA-256 of the certificate (DER)
 * @etag: (nullable): the hub's version tag of the bundle
 * @bundle: the bundle exactly as the hub sent it (opaque bytes)
 * @confirmation: how it was last confirmed
 * @proof: (nullable): the local proof, for %MADO_CACHE_CONFIRMED_LOCAL_PROOF
 * @fetched_at: when the hub sent it (µs since the epoch, UTC); retention counts from here
 * @confirmed_at: when it was last confirmed (µs since the epoch, UTC)
 */
typedef struct {
  char                  *resident_key;
  guint8                 fingerprint[MADO_CACHE_FINGERPRINT_LEN];
  char                  *etag;
  GBytes                *bundle;
  MadoCacheConfirmation  confirmation;
  GBytes                *proof;
  gint64                 fetched_at;
  gint64                 confirmed_at;
} MadoCacheEntry;

typedef struct {
  gint64 entries;
  gint64 confirmed_locally;
  gint64 sealed_bytes;
  gint64 oldest_fetched_at;   /* 0 when empty */
  gint64 newest_fetched_at;   /* 0 when empty */
} MadoCacheStats;

void             mado_cache_entry_free           (MadoCacheEntry *entry);

gboolean         mado_store_cache_put            (MadoStore      *store,
                                                  const char     *resident_key,
                                                  const guint8   *fingerprint,
                                                  const char     *etag,
                                                  GBytes         *bundle,
                                                  gint64          fetched_at,
                                                  GError        **error);
gboolean         mado_store_cache_confirm_local  (MadoStore      *store,
                                                  const char     *resident_key,
                                                  const guint8   *fingerprint,
                                                  GBytes         *proof,
                                                  gint64          when,
                                                  GError        **error);
MadoCacheEntry  *mado_store_cache_lookup         (MadoStore      *store,
                                                  const char     *resident_key,
                                                  const guint8   *fingerprint,
                                                  GError        **error);
gint64           mado_store_cache_purge          (MadoStore      *store,
                                                  gint64          now,
                                                  guint           retention_days,
                                                  GError        **error);
gboolean         mado_store_cache_stats          (MadoStore      *store,
                                                  MadoCacheStats *stats,
                                                  GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoCacheEntry, mado_cache_entry_free)

G_END_DECLS
