/* mado-store-recover.c — moving a damaged store aside, and carrying its undelivered records over
 *
 * Recovery is for a store that cannot be used: it refuses a sound one and a
 * file that is no store at all, never deletes anything, and copies every
 * undelivered outbox record it can still read into the fresh store, sealed
 * as they were, so that they are listed and delivered like any other.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mado-store-private.h"

static gboolean
move_aside (const char  *from,
            const char  *to,
            GError     **error)
{
  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_rename (from, to) == 0)
    return TRUE;
  g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_IO,
               _("%s could not be moved aside (%s). Nothing was changed; ask the administrator."),
               from, g_strerror (errno));
  return FALSE;
}

static gboolean
key_is_usable (const char *key_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStoreKey) key = mado_store_key_load (key_path, FALSE, &error);

  return key != NULL || g_error_matches (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_MISSING);
}

/* Recovery is refused for what it would only harm: another program's file,
 * and a store that opens read-only and passes the full integrity check. */
static gboolean
needs_recovery (const char  *path,
                const char  *key_path,
                GError     **error)
{
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  switch (mado_store_probe_file (path))
    {
    case MADO_STORE_FILE_FOREIGN:
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_A_STORE,
                   _("%s is not a Madoguchi offline store, so it was not moved. Check the --database option or the site configuration's [cache] database."),
                   path);
      return FALSE;
    case MADO_STORE_FILE_MISSING:
    case MADO_STORE_FILE_DAMAGED:
      return TRUE;
    case MADO_STORE_FILE_STORE:
    default:
      break;
    }
  store = mado_store_open_read_only (path, key_path, &local_error);
  if (store == NULL || !mado_store_check_integrity (store, &local_error))
    {
      g_message ("store %s needs recovery: %s", path, local_error->message);
      return TRUE;
    }
  g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_DAMAGED,
               _("The offline store %s opens and passes the integrity check, so it was not moved aside and nothing was changed. Recovery is only for a damaged store."),
               path);
  return FALSE;
}

/* The damaged file's key check, when it can still be read. */
static gboolean
same_key (sqlite3      *damaged,
          MadoStoreKey *key)
{
  g_autofree char *expected = mado_store_key_check_value (key);
  sqlite3_stmt *stmt = NULL;
  gboolean same = FALSE;

  if (sqlite3_prepare_v2 (damaged, "SELECT value FROM meta WHERE name = 'key-check'", -1, &stmt,
                          NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), expected) == 0;
  sqlite3_finalize (stmt);
  return same;
}

/* Copies the undelivered records row by row, as far as the damaged file
 * can be read; each keeps its idempotency key, so the hub takes it once. */
static guint
copy_records (sqlite3   *damaged,
              MadoStore *store)
{
  static const char insert[] =
    "INSERT OR IGNORE INTO outbox (idempotency_key, kind, created_at, state, attempts, last_error,"
    " next_attempt_at, sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?3, ?7)";
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;
  guint copied = 0;

  if (sqlite3_prepare_v2 (damaged, "SELECT idempotency_key, kind, created_at, state, attempts,"
                          " last_error, sealed FROM outbox WHERE state <> 'delivered' ORDER BY id",
                          -1, &read, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (mado_store_get_db (store), insert, -1, &write, NULL) != SQLITE_OK)
    goto out;
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      for (int i = 0; i < 7; i++)
        sqlite3_bind_value (write, i + 1, sqlite3_column_value (read, i));
      if (sqlite3_step (write) == SQLITE_DONE && sqlite3_changes (mado_store_get_db (store)) == 1)
        copied++;
      sqlite3_reset (write);
    }
out:
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  return copied;
}

static guint
carry_records (MadoStore  *store,
               const char *moved)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", moved);
  sqlite3 *damaged = NULL;
  guint copied = 0;

  if (sqlite3_open_v2 (uri, &damaged, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK)
    {
      if (same_key (damaged, mado_store_get_key (store)))
        copied = copy_records (damaged, store);
      else
        g_message ("store %s: its key check cannot be read or differs; its records stay there", moved);
    }
  sqlite3_close_v2 (damaged);
  return copied;
}

static gboolean
move_files_aside (const char  *path,
                  const char  *key_path,
                  const char  *target,
                  const char  *stamp,
                  GError     **error)
{
  static const char *const sidecars[] = { "-wal", "-shm", "-journal" };

  if (!move_aside (path, target, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *from = g_strconcat (path, sidecars[i], NULL);
      g_autofree char *to = g_strconcat (target, sidecars[i], NULL);

      if (!move_aside (from, to, error))
        return FALSE;
    }
  if (!key_is_usable (key_path))
    {
      g_autofree char *key_target = g_strdup_printf ("%s.corrupt-%s", key_path, stamp);

      return move_aside (key_path, key_target, error);
    }
  return TRUE;
}

/**
 * mado_store_recover:
 * @path: the damaged database file
 * @key_path: its key file
 * @moved_to: (out) (optional) (transfer full): where the damaged file went
 * @carried: (out) (optional): how many undelivered records were copied over
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Refuses a store that is sound (%MADO_STORE_ERROR_NOT_DAMAGED) and a file
 * that is not a store (%MADO_STORE_ERROR_NOT_A_STORE). Otherwise moves the
 * database (and its -wal and -shm files) aside as
 * `<name>.corrupt-<UTC timestamp>`, never deleting anything, opens a fresh
 * store and copies into it every undelivered outbox record that can still
 * be read. A key file that cannot be used (wrong permissions, not a key)
 * is moved aside the same way and a new key made; records sealed with
 * another key stay in the moved file.
 *
 * Returns: (transfer full) (nullable): the fresh store
 */
MadoStore *
mado_store_recover (const char  *path,
                    const char  *key_path,
                    char       **moved_to,
                    guint       *carried,
                    GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  g_autoptr(MadoStore) store = NULL;
  guint copied = 0;

  if (!needs_recovery (path, key_path, error))
    return NULL;
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_IO,
                   _("%s already exists. Wait a second and try again."), target);
      return NULL;
    }
  if (!move_files_aside (path, key_path, target, stamp, error))
    return NULL;
  g_message ("store %s moved aside to %s", path, target);
  store = mado_store_open (path, key_path, error);
  if (store == NULL)
    return NULL;
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    copied = carry_records (store, target);
  if (moved_to != NULL)
    *moved_to = g_strdup (target);
  if (carried != NULL)
    *carried = copied;
  return g_steal_pointer (&store);
}
