/* mado-store-cache.c — resident bundles cached for offline use, encrypted at rest
 *
 * A row's sealed column holds, under AES-256-GCM, a small frame:
 *   version (1 byte) ‖ fingerprint (32) ‖ etag length (u32 BE) ‖ etag ‖
 *   proof length (u32 BE) ‖ proof ‖ bundle
 * with the row's key columns (resident key, confirmation, both times) as
 * associated data, so a sealed value moved to another row, or a row whose
 * dates were edited, fails authentication instead of showing stale data.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <string.h>

#include "mado-store-cache.h"
#include "mado-store-private.h"

#define FRAME_VERSION 1
#define DAY_US (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

static const char *
confirmation_column (MadoCacheConfirmation confirmation)
{
  return confirmation == MADO_CACHE_CONFIRMED_LOCAL_PROOF ? "local-proof" : "hub";
}

/**
 * mado_cache_entry_free:
 * @entry: (transfer full) (nullable): an entry
 */
void
mado_cache_entry_free (MadoCacheEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->resident_key);
  g_free (entry->etag);
  g_clear_pointer (&entry->bundle, g_bytes_unref);
  g_clear_pointer (&entry->proof, g_bytes_unref);
  g_free (entry);
}

static char *
row_aad (const char            *resident_key,
         MadoCacheConfirmation  confirmation,
         gint64                 fetched_at,
         gint64                 confirmed_at)
{
  return g_strdup_printf ("madoguchi-cache-v1|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                          resident_key, confirmation_column (confirmation),
                          fetched_at, confirmed_at);
}

static void
append_u32_bytes (GByteArray   *frame,
                  const guint8 *data,
                  gsize         length)
{
  guint32 be = GUINT32_TO_BE ((guint32) length);

  g_byte_array_append (frame, (const guint8 *) &be, 4);
  if (length > 0)
    g_byte_array_append (frame, data, (guint) length);
}

static GBytes *
seal_entry (MadoStore            *store,
            const MadoCacheEntry *entry)
{
  g_autofree char *aad = row_aad (entry->resident_key, entry->confirmation,
                                  entry->fetched_at, entry->confirmed_at);
  GByteArray *frame = g_byte_array_new ();
  guint8 version = FRAME_VERSION;
  gsize length = 0;
  const guint8 *data;
  GBytes *sealed;

  g_byte_array_append (frame, &version, 1);
  g_byte_array_append (frame, entry->fingerprint, MADO_CACHE_FINGERPRINT_LEN);
  append_u32_bytes (frame, (const guint8 *) entry->etag, entry->etag ? strlen (entry->etag) : 0);
  data = entry->proof ? g_bytes_get_data (entry->proof, &length) : NULL;
  append_u32_bytes (frame, data, entry->proof ? length : 0);
  data = g_bytes_get_data (entry->bundle, &length);
  if (length > 0)
    g_byte_array_append (frame, data, (guint) length);

  sealed = mado_store_key_seal (mado_store_get_key (store), aad, frame->data, frame->len);
  OPENSSL_cleanse (frame->data, frame->len);
  g_byte_array_unref (frame);
  return sealed;
}

static gboolean
read_u32_bytes (const guint8 **p,
                const guint8  *end,
                const guint8 **out,
                gsize         *out_len)
{
  guint32 be;

  if (end - *p < 4)
    return FALSE;
  memcpy (&be, *p, 4);
  *p += 4;
  *out_len = GUINT32_FROM_BE (be);
  if ((gsize) (end - *p) < *out_len)
    return FALSE;
  *out = *p;
  *p += *out_len;
  return TRUE;
}

/* The frame was authenticated, so a malformed one means a bug or a frame
 * from a future version; still, never read past its end. */
static gboolean
parse_frame (GBytes         *plain,
             MadoCacheEntry *entry)
{
  gsize length;
  const guint8 *p = g_bytes_get_data (plain, &length);
  const guint8 *end = p + length;
  const guint8 *field;
  gsize field_len;

  if (length < 1 + MADO_CACHE_FINGERPRINT_LEN || p[0] != FRAME_VERSION)
    return FALSE;
  memcpy (entry->fingerprint, p + 1, MADO_CACHE_FINGERPRINT_LEN);
  p += 1 + MADO_CACHE_FINGERPRINT_LEN;
  if (!read_u32_bytes (&p, end, &field, &field_len))
    return FALSE;
  entry->etag = field_len > 0 ? g_strndup ((const char *) field, field_len) : NULL;
  if (!read_u32_bytes (&p, end, &field, &field_len))
    return FALSE;
  entry->proof = field_len > 0 ? g_bytes_new (field, field_len) : NULL;
  entry->bundle = g_bytes_new_from_bytes (plain, (gsize) (p - (const guint8 *) g_bytes_get_data (plain, NULL)),
                                          (gsize) (end - p));
  return TRUE;
}

static gboolean
write_entry (MadoStore             *store,
             const MadoCacheEntry  *entry,
             GError               **error)
{
  static const char sql[] =
    "INSERT INTO cache (resident_key, confirmation, fetched_at, confirmed_at, sealed)"
    " VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (resident_key) DO UPDATE SET confirmation = ?2, fetched_at = ?3,"
    " confirmed_at = ?4, sealed = ?5";
  g_autoptr(GBytes) sealed = seal_entry (store, entry);
  sqlite3_stmt *stmt;
  gsize length;
  const void *data = g_bytes_get_data (sealed, &length);

  if (!mado_store_begin (store, error))
    return FALSE;
  stmt = mado_store_prepare (store, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, entry->resident_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, confirmation_column (entry->confirmation), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, entry->fetched_at);
  sqlite3_bind_int64 (stmt, 4, entry->confirmed_at);
  sqlite3_bind_blob64 (stmt, 5, data, length, SQLITE_STATIC);
  if (mado_store_step_done (store, stmt, error) && mado_store_commit (store, error))
    return TRUE;

fail:
  mado_store_rollback (store);
  return FALSE;
}

/**
 * mado_store_cache_put:
 * @store: a store
 * @resident_key: mado_store_resident_key() of the certificate
 * @fingerprint: (array fixed-size=32): SHA-256 of the certificate
 * @etag: (nullable): the hub's version tag
 * @bundle: the bundle as the hub sent it
 * @fetched_at: when the hub sent it (µs since the epoch, UTC)
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Stores or replaces the resident's bundle, confirmed by the hub, in one
 * transaction.
 *
 * Returns: %TRUE when stored
 */
gboolean
mado_store_cache_put (MadoStore     *store,
                      const char    *resident_key,
                      const guint8  *fingerprint,
                      const char    *etag,
                      GBytes        *bundle,
                      gint64         fetched_at,
                      GError       **error)
{
  MadoCacheEntry entry = {
    .resident_key = (char *) resident_key,
    .etag = (char *) etag,
    .bundle = bundle,
    .confirmation = MADO_CACHE_CONFIRMED_HUB,
    .fetched_at = fetched_at,
    .confirmed_at = fetched_at,
  };

  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (MADO_IS_STORE (store), FALSE);
  g_return_val_if_fail (resident_key != NULL && fingerprint != NULL && bundle != NULL, FALSE);
  memcpy (entry.fingerprint, fingerprint, MADO_CACHE_FINGERPRINT_LEN);
  locker = mado_store_lock (store);
  return write_entry (store, &entry, error);
}

/**
 * mado_store_cache_confirm_local:
 * @store: a store
 * @resident_key: the resident's key
 * @fingerprint: (array fixed-size=32): SHA-256 of the certificate presented
 * @proof: the proof made at the desk (opaque bytes, encrypted with the bundle)
 * @when: when (µs since the epoch, UTC)
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Records an offline confirmation of a cached bundle. The bundle and its
 * fetch time stay as they were, so retention still counts from the hub.
 *
 * Returns: %TRUE when recorded
 */
gboolean
mado_store_cache_confirm_local (MadoStore     *store,
                                const char    *resident_key,
                                const guint8  *fingerprint,
                                GBytes        *proof,
                                gint64         when,
                                GError       **error)
{
  /* Held across the lookup and the write, so the bundle written back is
   * the one just read. */
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  g_autoptr(MadoCacheEntry) entry = mado_store_cache_lookup (store, resident_key,
                                                             fingerprint, error);

  if (entry == NULL)
    return FALSE;
  entry->confirmation = MADO_CACHE_CONFIRMED_LOCAL_PROOF;
  entry->confirmed_at = when;
  g_clear_pointer (&entry->proof, g_bytes_unref);
  entry->proof = proof != NULL ? g_bytes_ref (proof) : NULL;
  return write_entry (store, entry, error);
}

static MadoCacheEntry *
open_row (MadoStore     *store,
          sqlite3_stmt  *stmt,
          const char    *resident_key,
          GError       **error)
{
  g_autoptr(MadoCacheEntry) entry = g_new0 (MadoCacheEntry, 1);
  g_autofree char *aad = NULL;
  g_autoptr(GBytes) plain = NULL;

  entry->resident_key = g_strdup (resident_key);
  entry->confirmation = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "local-proof")
                        ? MADO_CACHE_CONFIRMED_LOCAL_PROOF : MADO_CACHE_CONFIRMED_HUB;
  entry->fetched_at = sqlite3_column_int64 (stmt, 1);
  entry->confirmed_at = sqlite3_column_int64 (stmt, 2);
  aad = row_aad (resident_key, entry->confirmation, entry->fetched_at, entry->confirmed_at);
  plain = mado_store_key_open (mado_store_get_key (store), aad,
                               sqlite3_column_blob (stmt, 3),
                               (gsize) sqlite3_column_bytes (stmt, 3), error);
  if (plain == NULL)
    return NULL;
  if (!parse_frame (plain, entry))
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_TAMPERED, "%s",
                   _("A stored record has a format this version of Madoguchi cannot read. Update Madoguchi, or purge the cache."));
      return NULL;
    }
  return g_steal_pointer (&entry);
}

static gint64
retention_cutoff (MadoStore *store)
{
  guint days = mado_store_get_retention_days (store);

  return days == 0 ? G_MININT64 : mado_store_now (store) - (gint64) days * DAY_US;
}

/* Deletes the row only if it is still expired, within the caller's
 * transaction. */
static gboolean
delete_expired (MadoStore   *store,
                const char  *resident_key,
                gint64       cutoff,
                GError     **error)
{
  static const char sql[] = "DELETE FROM cache WHERE resident_key = ? AND fetched_at < ?";
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, resident_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, cutoff);
  return mado_store_step_done (store, stmt, error);
}

static MadoCacheEntry *
read_row (MadoStore   *store,
          const char  *resident_key,
          gint64       cutoff,
          gboolean    *expired,
          GError     **error)
{
  static const char sql[] =
    "SELECT confirmation, fetched_at, confirmed_at, sealed FROM cache WHERE resident_key = ?";
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  MadoCacheEntry *entry = NULL;
  int rc;

  *expired = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, resident_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  /* An expired row is not even decrypted: it is deleted unread. */
  if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 1) < cutoff)
    *expired = TRUE;
  else if (rc == SQLITE_ROW)
    entry = open_row (store, stmt, resident_key, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND, "%s",
                 _("Nothing is cached for this resident. Connect to the hub to fetch their information."));
  else
    mado_store_fail (store, rc, error);
  sqlite3_reset (stmt);
  return entry;
}

/**
 * mado_store_cache_lookup:
 * @store: a store
 * @resident_key: the resident's key
 * @fingerprint: (array fixed-size=32) (nullable): SHA-256 of the certificate
 *   presented; when given, an entry stored for another certificate with the
 *   same issuer and serial is not returned
 * @error: return location for %MADO_STORE_ERROR_NOT_FOUND, %MADO_STORE_ERROR_TAMPERED, …
 *
 * With a retention set (mado_store_set_retention_days()), an entry the hub
 * sent longer ago than the retention, by the store's clock, is absent
 * (%MADO_STORE_ERROR_NOT_FOUND): it is deleted in the same transaction as
 * the read, and never returned.
 *
 * Returns: (transfer full) (nullable): the decrypted entry
 */
MadoCacheEntry *
mado_store_cache_lookup (MadoStore     *store,
                         const char    *resident_key,
                         const guint8  *fingerprint,
                         GError       **error)
{
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 cutoff;
  gboolean expired;

  g_return_val_if_fail (MADO_IS_STORE (store), NULL);
  locker = mado_store_lock (store);
  cutoff = retention_cutoff (store);
  if (!mado_store_begin (store, error))
    return NULL;
  entry = read_row (store, resident_key, cutoff, &expired, &local_error);
  if (expired && !delete_expired (store, resident_key, cutoff, &local_error))
    expired = FALSE;
  if (local_error != NULL || !mado_store_commit (store, &local_error))
    {
      mado_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (expired)
    {
      g_debug ("cache: an entry older than %u days was deleted on lookup",
               mado_store_get_retention_days (store));
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND, "%s",
                   _("The information cached for this resident was older than the retention period and has been deleted. Connect to the hub to fetch it again."));
      return NULL;
    }

  if (fingerprint != NULL &&
      CRYPTO_memcmp (entry->fingerprint, fingerprint, MADO_CACHE_FINGERPRINT_LEN) != 0)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND, "%s",
                   _("The cached information belongs to another card of this resident. Connect to the hub to fetch it for this card."));
      return NULL;
    }
  return g_steal_pointer (&entry);
}

/**
 * mado_store_cache_purge:
 * @store: a store
 * @now: the time to count from (µs since the epoch, UTC)
 * @retention_days: how long a bundle may be kept after the hub sent it
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Deletes every entry the hub sent more than @retention_days before @now.
 * secure_delete is on, so the freed pages are overwritten.
 *
 * Returns: the number of entries deleted, or -1 on error
 */
gint64
mado_store_cache_purge (MadoStore  *store,
                        gint64      now,
                        guint       retention_days,
                        GError    **error)
{
  static const char sql[] = "DELETE FROM cache WHERE fetched_at < ?";
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 purged;

  g_return_val_if_fail (MADO_IS_STORE (store), -1);
  locker = mado_store_lock (store);
  if (!mado_store_begin (store, error))
    return -1;
  stmt = mado_store_prepare (store, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now - (gint64) retention_days * DAY_US);
  if (!mado_store_step_done (store, stmt, error))
    goto fail;
  purged = sqlite3_changes64 (mado_store_get_db (store));
  if (mado_store_commit (store, error))
    return purged;

fail:
  mado_store_rollback (store);
  return -1;
}

/**
 * mado_store_cache_stats:
 * @store: a store
 * @stats: (out caller-allocates): the figures
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
mado_store_cache_stats (MadoStore       *store,
                        MadoCacheStats  *stats,
                        GError         **error)
{
  static const char sql[] =
    "SELECT count(*), coalesce(sum(confirmation = 'local-proof'), 0),"
    " coalesce(sum(length(sealed)), 0), coalesce(min(fetched_at), 0),"
    " coalesce(max(fetched_at), 0) FROM cache";
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stats->entries = sqlite3_column_int64 (stmt, 0);
      stats->confirmed_locally = sqlite3_column_int64 (stmt, 1);
      stats->sealed_bytes = sqlite3_column_int64 (stmt, 2);
      stats->oldest_fetched_at = sqlite3_column_int64 (stmt, 3);
      stats->newest_fetched_at = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || mado_store_fail (store, rc, error);
}
