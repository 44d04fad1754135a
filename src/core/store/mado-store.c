/* mado-store.c — the offline store: opening, migrations, integrity, recovery, transactions
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mado-error.h"
#include "mado-store-private.h"

#define BUSY_TIMEOUT_MS 5000

struct _MadoStore
{
  GObject             parent_instance;

  char               *path;
  /* Held by every public function while it uses db or statements: SQLite's
   * own mutex covers one call, not a bind→step→reset on a cached statement
   * nor a BEGIN…COMMIT, and threads share this object. Recursive because
   * public functions call each other. */
  GRecMutex           lock;
  GHashTable         *in_flight;    /* idempotency keys being delivered (owned) */
  sqlite3            *db;
  MadoStoreKey       *key;
  GHashTable         *statements;   /* SQL text (static) → sqlite3_stmt */
  MadoStoreClockFunc  clock;
  gpointer            clock_data;
  guint               retention_days;   /* 0: cache entries are kept until purged */
};

G_DEFINE_FINAL_TYPE (MadoStore, mado_store, G_TYPE_OBJECT)

/* Steps a migration needs the key for; they run in the migration's
 * transaction, after its SQL. */
static gboolean
migration_code (MadoStore  *self,
                int         version,
                GError    **error)
{
  if (version == 3)
    return mado_store_audit_write_genesis (self, error);
  return TRUE;
}

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time ();
}

static void
set_corrupt_error (const char  *path,
                   GError     **error)
{
  g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT,
               _("The offline store %s is damaged and was not opened. Nothing has been deleted. Run “madoguchi-cli store recover” to move the damaged file aside (it is kept for the administrator, with any unsent records) and start an empty store."),
               path);
}

static gboolean
is_disk_full (sqlite3 *db,
              int      rc)
{
  return (rc & 0xff) == SQLITE_FULL ||
         ((rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno (db) == ENOSPC);
}

static gboolean
exec (MadoStore  *self,
      const char *sql,
      GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || mado_store_fail (self, rc, error);
}

static int
pragma_int (MadoStore  *self,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
run_check (MadoStore  *self,
           const char *pragma,
           GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, pragma, -1, &stmt, NULL);
  gboolean ok = FALSE;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      ok = g_strcmp0 (result, "ok") == 0;
      if (!ok)
        g_message ("%s on %s: %s", pragma, self->path, result);
    }
  else
    g_message ("%s on %s failed: %s", pragma, self->path, sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
  if (ok)
    return TRUE;
  if (rc == SQLITE_ROW || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    set_corrupt_error (self->path, error);
  else
    mado_store_fail (self, rc, error);
  return FALSE;
}

static gboolean
migrate (MadoStore  *self,
         int         target,
         GError    **error)
{
  int version = pragma_int (self, "PRAGMA user_version");

  if (version < 0)
    return run_check (self, "PRAGMA quick_check", error);
  if (version > MADO_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_TOO_NEW,
                   _("The offline store %s was written by a newer version of Madoguchi (schema %d; this version knows %d). Update Madoguchi on this terminal."),
                   self->path, version, MADO_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  for (int v = version + 1; v <= target; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);

      g_debug ("store %s: migrating to schema %d", self->path, v);
      if (!mado_store_begin (self, error))
        return FALSE;
      if (!exec (self, mado_store_schema_migration (v), error) || !migration_code (self, v, error) ||
          !exec (self, set_version, error) || !mado_store_commit (self, error))
        {
          mado_store_rollback (self);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_key (MadoStore  *self,
           GError    **error)
{
  g_autofree char *expected = mado_store_key_check_value (self->key);
  sqlite3_stmt *stmt = mado_store_prepare (self, "SELECT value FROM meta WHERE name = 'key-check'",
                                           error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean same = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), expected);

      sqlite3_reset (stmt);
      if (!same)
        g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_WRONG_KEY,
                     _("The key file does not belong to the offline store %s. Restore the key file that was made with this store, or run “madoguchi-cli store recover” to move the store aside and start an empty one."),
                     self->path);
      return same;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mado_store_fail (self, rc, error);

  stmt = mado_store_prepare (self, "INSERT INTO meta (name, value) VALUES ('key-check', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, expected, -1, SQLITE_TRANSIENT);
  return mado_store_step_done (self, stmt, error);
}

static gboolean
configure (MadoStore  *self,
           GError    **error)
{
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  /* Reading the header: a file that is not a database fails here. */
  if (!run_check (self, "PRAGMA quick_check", error))
    return FALSE;
  /* WAL: readers do not block the writer, and a commit is one append. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;
  /* synchronous=FULL fsyncs the WAL at every commit. NORMAL would survive a
   * killed process but could lose the last commits on a power cut, and the
   * outbox (a vaccination record staff were told is saved) and the audit log
   * (the guideline's protection against lost entries) must survive both. The
   * setting is per connection, so the cache gets it too; its writes are
   * rare enough not to matter. */
  return exec (self, "PRAGMA synchronous = FULL", error) &&
         exec (self, "PRAGMA foreign_keys = ON", error) &&
         exec (self, "PRAGMA secure_delete = ON", error);
}

static void
finalize_statements (MadoStore *self)
{
  GHashTableIter iter;
  gpointer stmt;

  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    sqlite3_finalize (stmt);
  g_hash_table_remove_all (self->statements);
}

static void
mado_store_finalize (GObject *object)
{
  MadoStore *self = MADO_STORE (object);

  finalize_statements (self);
  g_hash_table_unref (self->statements);
  g_hash_table_unref (self->in_flight);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->key, mado_store_key_free);
  g_free (self->path);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mado_store_parent_class)->finalize (object);
}

static void
mado_store_class_init (MadoStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_store_finalize;
}

static void
mado_store_init (MadoStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new (g_str_hash, g_str_equal);
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->clock = real_clock;
}

static gboolean
set_file_io_error (const char  *path,
                   const char  *what,
                   GError     **error)
{
  int saved = errno;

  g_message ("store %s: %s: %s", path, what, g_strerror (saved));
  g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_IO,
               _("The offline store %s cannot be made private to Madoguchi (%s). Check that its folder exists, that Madoguchi may write there and that the file belongs to the user Madoguchi runs as."),
               path, g_strerror (saved));
  return FALSE;
}

/* SQLite would create the file under the umask and chmod could only narrow
 * it afterwards, so a new file is made here, 0600 from its first instant;
 * SQLite gives the -wal and -shm files the database file's mode. */
static gboolean
create_private (const char  *path,
                GError     **error)
{
  int fd = open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    return set_file_io_error (path, "creating", error);
  if (close (fd) != 0)
    return set_file_io_error (path, "closing", error);
  return TRUE;
}

/* An existing file (or sidecar) that group or others can read was made by
 * an older version or by hand: narrow it, and refuse to go on if that fails. */
static gboolean
tighten_existing (const char  *path,
                  GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return errno == ENOENT || set_file_io_error (path, "stat", error);
  if (!S_ISREG (st.st_mode) || (st.st_mode & 0077) == 0)
    return TRUE;
  g_message ("store %s: mode %o is readable by others; narrowing it to 0600", path,
             (unsigned) (st.st_mode & 0777));
  return g_chmod (path, 0600) == 0 || set_file_io_error (path, "chmod 0600", error);
}

static gboolean
prepare_file (const char  *path,
              gboolean     exists,
              GError     **error)
{
  static const char *const sidecars[] = { "-wal", "-shm", "-journal" };

  if (!exists)
    return create_private (path, error);
  if (!tighten_existing (path, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecars[i], NULL);

      if (!tighten_existing (sidecar, error))
        return FALSE;
    }
  return TRUE;
}

/* The key is checked before any migration that writes with it: a wrong key
 * must not sign the audit head of someone else's store. Migration 1 makes
 * the meta table the check lives in. */
static gboolean
open_schema (MadoStore  *self,
             int         version,
             GError    **error)
{
  return migrate (self, MIN (version, 1), error) &&
         (version < 1 || check_key (self, error)) &&
         migrate (self, version, error);
}

/* Without a -wal file the main file holds everything, so it is read as
 * immutable: no lock, and no -wal or -shm made. With one, the WAL is read
 * too (committed records may be only there) and its files are used. */
static char *
read_only_uri (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return g_strdup_printf ("file:%s?mode=ro%s", path,
                          g_file_test (wal, G_FILE_TEST_EXISTS) ? "" : "&immutable=1");
}

/* Reads what the existing file at @path is without writing a byte, before
 * anything may change it: a file Madoguchi did not make (another program's
 * database, a document) is never chmodded, converted to WAL or migrated. */
MadoStoreFileKind
mado_store_probe_file (const char *path)
{
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;
  int rc, tables = -1, ours = 0;

  if (g_lstat (path, &st) != 0)
    return errno == ENOENT ? MADO_STORE_FILE_MISSING : MADO_STORE_FILE_FOREIGN;
  if (!S_ISREG (st.st_mode))
    return MADO_STORE_FILE_FOREIGN;
  if (st.st_size == 0)
    return MADO_STORE_FILE_STORE;
  uri = read_only_uri (path);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT count(*), count(*) FILTER (WHERE name = 'meta') FROM sqlite_schema",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      tables = sqlite3_column_int (stmt, 0);
      ours = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  if (tables < 0)
    return (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT ? MADO_STORE_FILE_DAMAGED
                                                                     : MADO_STORE_FILE_FOREIGN;
  /* No schema at all: a store whose first migrations are still in its WAL. */
  return tables == 0 || ours == 1 ? MADO_STORE_FILE_STORE : MADO_STORE_FILE_FOREIGN;
}

/* Opening refuses, before touching anything, what is not a store; a store
 * whose header cannot be read is reported damaged, untouched. */
static gboolean
check_is_store (const char  *path,
                GError     **error)
{
  switch (mado_store_probe_file (path))
    {
    case MADO_STORE_FILE_FOREIGN:
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_A_STORE,
                   _("%s is not a Madoguchi offline store, so it was left exactly as it is. Check the --database option or the site configuration's [cache] database."),
                   path);
      return FALSE;
    case MADO_STORE_FILE_DAMAGED:
      set_corrupt_error (path, error);
      return FALSE;
    case MADO_STORE_FILE_MISSING:
    case MADO_STORE_FILE_STORE:
    default:
      return TRUE;
    }
}

MadoStore *
mado_store_open_at_version (const char  *path,
                            const char  *key_path,
                            int          version,
                            GError     **error)
{
  g_autoptr(MadoStore) self = g_object_new (MADO_TYPE_STORE, NULL);
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  int rc;

  self->path = g_strdup (path);
  /* A missing key file is made only with a new database; with an existing
   * one it would silently make every row unreadable. */
  self->key = mado_store_key_load (key_path, !exists, error);
  if (self->key == NULL)
    return NULL;
  if ((exists && !check_is_store (path, error)) || !prepare_file (path, exists, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_message ("sqlite3_open_v2 %s: %s", path, sqlite3_errstr (rc));
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_IO,
                   _("The offline store %s cannot be opened. Check that its folder exists and that Madoguchi may write there."),
                   path);
      return NULL;
    }

  if (!configure (self, error) || !open_schema (self, version, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * mado_store_open:
 * @path: the database file; made when missing
 * @key_path: the key file; made (0600) together with a new database
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Opens the store: checks the file (PRAGMA quick_check), brings the schema
 * up to date, and checks that the key file belongs to it.
 *
 * Returns: (transfer full) (nullable): the store
 */
MadoStore *
mado_store_open (const char  *path,
                 const char  *key_path,
                 GError     **error)
{
  return mado_store_open_at_version (path, key_path, MADO_STORE_SCHEMA_VERSION, error);
}

/* The read-only connection: nothing written, no sidecar removed. */
static gboolean
open_read_only_db (MadoStore  *self,
                   GError    **error)
{
  g_autofree char *uri = read_only_uri (self->path);
  int rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                            SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_FULLMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      g_message ("sqlite3_open_v2 %s (read-only): %s", self->path, sqlite3_errstr (rc));
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_IO,
                   _("The offline store %s cannot be opened. Check that it exists and that Madoguchi may read it."),
                   self->path);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  /* Keep the WAL it found: it is not this connection's to remove. */
  sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &(int) { 1 });
  return run_check (self, "PRAGMA quick_check", error);
}

/**
 * mado_store_open_read_only:
 * @path: an existing database file
 * @key_path: its key file
 * @error: return location for a #MADO_STORE_ERROR
 *
 * For commands that only read: a Madoguchi store of the current schema
 * whose key is @key_path, opened without changing anything — no
 * permissions, journal mode, migration, checkpoint or sidecar removal.
 *
 * Returns: (transfer full) (nullable): the store; writes on it fail
 */
MadoStore *
mado_store_open_read_only (const char  *path,
                           const char  *key_path,
                           GError     **error)
{
  g_autoptr(MadoStore) self = g_object_new (MADO_TYPE_STORE, NULL);
  int version;

  self->path = g_strdup (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                   _("There is no offline store at %s yet. Nothing was created."), path);
      return NULL;
    }
  self->key = mado_store_key_load (key_path, FALSE, error);
  if (self->key == NULL || !check_is_store (path, error) || !open_read_only_db (self, error))
    return NULL;
  version = pragma_int (self, "PRAGMA user_version");
  if (version != MADO_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MADO_STORE_ERROR, version > MADO_STORE_SCHEMA_VERSION
                                            ? MADO_STORE_ERROR_TOO_NEW : MADO_STORE_ERROR_FAILED,
                   _("The offline store %s has schema %d; this version of Madoguchi reads %d. Any command that writes (or starting the application) brings it up to date."),
                   path, version, MADO_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (!check_key (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * mado_store_get_schema_version:
 * @self: a store
 *
 * Returns: PRAGMA user_version
 */
int
mado_store_get_schema_version (MadoStore *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (MADO_IS_STORE (self), -1);
  locker = mado_store_lock (self);
  return pragma_int (self, "PRAGMA user_version");
}

/**
 * mado_store_check_integrity:
 * @self: a store
 * @error: return location for %MADO_STORE_ERROR_CORRUPT
 *
 * Runs the full PRAGMA integrity_check (slower than the quick check on open).
 *
 * Returns: %TRUE when the file is sound
 */
gboolean
mado_store_check_integrity (MadoStore  *self,
                            GError    **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (MADO_IS_STORE (self), FALSE);
  locker = mado_store_lock (self);
  return run_check (self, "PRAGMA integrity_check", error);
}

/**
 * mado_store_set_clock:
 * @self: a store
 * @func: (nullable): the clock; %NULL for the real one
 * @user_data: data for @func
 *
 * Replaces the clock the store stamps audit entries and outbox records with.
 * For tests.
 */
void
mado_store_set_clock (MadoStore          *self,
                      MadoStoreClockFunc  func,
                      gpointer            user_data)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (MADO_IS_STORE (self));
  locker = mado_store_lock (self);
  self->clock = func != NULL ? func : real_clock;
  self->clock_data = user_data;
}

/**
 * mado_store_set_retention_days:
 * @self: a store
 * @days: how many days a cached bundle may be used after the hub sent it;
 *   0 to keep entries until they are purged
 *
 * From now on mado_store_cache_lookup() treats an entry the hub sent more
 * than @days before the store's clock as absent, and deletes it.
 */
void
mado_store_set_retention_days (MadoStore *self,
                               guint      days)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (MADO_IS_STORE (self));
  locker = mado_store_lock (self);
  self->retention_days = days;
}

/**
 * mado_store_get_retention_days:
 * @self: a store
 *
 * Returns: the retention set with mado_store_set_retention_days(); 0 (the
 *   default) when entries are kept until purged
 */
guint
mado_store_get_retention_days (MadoStore *self)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (MADO_IS_STORE (self), 0);
  locker = mado_store_lock (self);
  return self->retention_days;
}

/**
 * mado_store_now:
 * @self: a store
 *
 * Returns: the store's clock, in µs since the Unix epoch (UTC)
 */
gint64
mado_store_now (MadoStore *self)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (self);

  return self->clock (self->clock_data);
}

/**
 * mado_store_resident_key:
 * @self: a store
 * @issuer: the user-authentication certificate's issuer DN (one fixed text form)
 * @serial: its serial number (one fixed text form, e.g. upper-case hex)
 *
 * Returns: (transfer full): the resident's key in the cache and the audit log
 */
char *
mado_store_resident_key (MadoStore  *self,
                         const char *issuer,
                         const char *serial)
{
  g_return_val_if_fail (MADO_IS_STORE (self), NULL);
  return mado_store_key_resident_key (self->key, issuer, serial);
}

/* Takes the store's lock until the returned locker is freed; use as
 * `g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);`
 * (clang counts a variable that only its cleanup reads as unused). Opening
 * and recovery do not take it: no other thread can see the object yet. */
GRecMutexLocker *
mado_store_lock (MadoStore *self)
{
  return g_rec_mutex_locker_new (&self->lock);
}

/* Marks a record as being sent by this thread, so a concurrent delivery
 * round skips it instead of sending it at the same time; FALSE when another
 * round has it. The mark lives in memory only: after a crash the record is
 * simply pending again. */
gboolean
mado_store_claim_delivery (MadoStore  *self,
                           const char *idempotency_key)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (self);

  if (g_hash_table_contains (self->in_flight, idempotency_key))
    return FALSE;
  g_hash_table_add (self->in_flight, g_strdup (idempotency_key));
  return TRUE;
}

void
mado_store_release_delivery (MadoStore  *self,
                             const char *idempotency_key)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (self);

  g_hash_table_remove (self->in_flight, idempotency_key);
}

sqlite3 *
mado_store_get_db (MadoStore *self)
{
  return self->db;
}

MadoStoreKey *
mado_store_get_key (MadoStore *self)
{
  return self->key;
}

/* Statements are cached by the address of their (static) SQL text. */
sqlite3_stmt *
mado_store_prepare (MadoStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_message ("preparing “%s”: %s", sql, sqlite3_errmsg (self->db));
      mado_store_fail (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
mado_store_begin (MadoStore  *self,
                  GError    **error)
{
  /* IMMEDIATE: take the write lock now, so a busy database fails here and
   * not half-way through. */
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
mado_store_commit (MadoStore  *self,
                   GError    **error)
{
  return exec (self, "COMMIT", error);
}

void
mado_store_rollback (MadoStore *self)
{
  /* After SQLITE_FULL SQLite may already have rolled back by itself. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
mado_store_step_done (MadoStore     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || mado_store_fail (self, rc, error);
}

/* Maps a SQLite result to a named error; the raw code goes to the log.
 * Always returns FALSE so callers can `return mado_store_fail (…)`. */
gboolean
mado_store_fail (MadoStore  *self,
                 int         rc,
                 GError    **error)
{
  g_debug ("store %s: SQLite %d (%s), errno %d", self->path, rc, sqlite3_errstr (rc),
           sqlite3_system_errno (self->db));
  if (is_disk_full (self->db, rc))
    mado_error_set (error, MADO_STORE_ERROR, MADO_STORE_ERROR_DISK_FULL);
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    set_corrupt_error (self->path, error);
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    mado_error_set (error, MADO_STORE_ERROR, MADO_STORE_ERROR_BUSY);
  else
    {
      g_message ("store %s: SQLite error %d: %s", self->path, rc, sqlite3_errmsg (self->db));
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_FAILED, "%s",
                   _("The offline store could not complete the operation. Try again; if it keeps failing, tell the administrator."));
    }
  return FALSE;
}
