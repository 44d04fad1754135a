/* mado-desk-store.c — the desk's store: opened off the main thread, the outbox counted, staff signed in against it
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is slow on a real disk (PRAGMA quick_check, scrypt, a
 * count over the outbox's index), so it runs in worker threads; results come
 * back on the main context as the desk's properties and GTask callbacks.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <string.h>

#include "mado-desk-private.h"
#include "store/mado-store-outbox.h"
#include "store/mado-store-staff.h"

/* -- the outbox count ------------------------------------------------------- */

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  guint waiting = 0;

  if (mado_store_outbox_count_pending (MADO_STORE (task_data), &waiting, &error))
    g_task_return_int (task, waiting);
  else
    g_task_return_error (task, error);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MadoDesk *self = MADO_DESK (source);
  g_autoptr(GError) error = NULL;
  gssize waiting = g_task_propagate_int (G_TASK (result), &error);

  self->counting = FALSE;
  if (waiting < 0)
    g_debug ("outbox count: %s", mado_error_name (error));
  else
    mado_desk_set_waiting_records (self, (guint) waiting);
  if (self->count_again)
    {
      self->count_again = FALSE;
      mado_desk_outbox_changed (self);
    }
}

/* -- sign-in ----------------------------------------------------------------- */

typedef struct {
  MadoStore *store;
  char      *staff_id;
  char      *password;
  guint      idle_seconds;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->store);
  g_free (sign_in->staff_id);
  OPENSSL_cleanse (sign_in->password, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignIn *sign_in = task_data;
  GError *error = NULL;
  MadoStaffSession *session;

  /* scrypt, by design slow: never on the main thread. */
  session = mado_store_staff_sign_in (sign_in->store, sign_in->staff_id, sign_in->password,
                                      sign_in->idle_seconds, g_get_monotonic_time (), &error);
  if (session == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, session, g_object_unref);
}

static void
fail_without_store (MadoDesk *self,
                    GTask    *task)
{
  g_task_return_new_error (task, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                           _("Staff accounts cannot be checked: this desk has no offline store. "
                             "Ask the administrator to set up the site configuration ([cache] database "
                             "and key-file)%s%s"),
                           self->setup_error != NULL ? ": " : ".",
                           self->setup_error != NULL ? self->setup_error->message : "");
}

static void
run_sign_in (MadoDesk *self,
             GTask    *task)
{
  SignIn *sign_in = g_task_get_task_data (task);

  if (self->store != NULL)
    {
      sign_in->store = g_object_ref (self->store);
      g_task_run_in_thread (task, sign_in_thread);
    }
  else
    fail_without_store (self, task);
}

static void
release_parked_sign_ins (MadoDesk *self)
{
  g_autoptr(GPtrArray) parked = g_steal_pointer (&self->parked_sign_ins);

  self->parked_sign_ins = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < parked->len; i++)
    run_sign_in (self, g_ptr_array_index (parked, i));
}

/* -- the store ----------------------------------------------------------------- */

static void
wire_outbox_sender (MadoDesk *self)
{
  if (self->outbox_sender != NULL || self->store == NULL || self->hub_client == NULL)
    return;
  self->outbox_sender = mado_outbox_sender_new (self->store, self->hub_client);
  mado_outbox_sender_set_monitor (self->outbox_sender, self->hub_monitor);
  g_signal_connect_object (self->outbox_sender, "round-done",
                           G_CALLBACK (mado_desk_outbox_changed), self, G_CONNECT_SWAPPED);
}

static void
store_opened (MadoDesk     *self,
              MadoStore    *store,
              const GError *error)
{
  if (store == NULL)
    {
      mado_desk_note_setup_error (self, error);
      mado_desk_set_store_state (self, MADO_DESK_STORE_FAILED);
    }
  else
    {
      g_set_object (&self->store, store);
      g_info ("store: open and checked");
      wire_outbox_sender (self);
      mado_desk_set_store_state (self, MADO_DESK_STORE_READY);
      if (self->started)
        mado_desk_start_store_work (self);
      mado_desk_outbox_changed (self);
    }
  release_parked_sign_ins (self);
}

typedef struct {
  char  *database;
  char  *key_file;
  guint  retention_days;
} StoreLocation;

static void
store_location_free (StoreLocation *location)
{
  g_free (location->database);
  g_free (location->key_file);
  g_free (location);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreLocation, store_location_free)

static MadoStore *
open_at (const StoreLocation  *location,
         GError              **error)
{
  MadoStore *store = mado_store_open (location->database, location->key_file, error);

  if (store != NULL && location->retention_days > 0)
    mado_store_set_retention_days (store, location->retention_days);
  return store;
}

static StoreLocation *
store_location (MadoDesk *self)
{
  StoreLocation *location = g_new0 (StoreLocation, 1);

  location->database = g_strdup (self->database);
  location->key_file = g_strdup (self->key_file);
  location->retention_days = self->config != NULL ? self->config->retention_days : 0;
  return location;
}

static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  MadoStore *store = open_at (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/* Every caller of mado_desk_open_store_async() while the store was being
 * opened learns the one outcome. */
static void
release_parked_opens (MadoDesk     *self,
                      const GError *error)
{
  g_autoptr(GPtrArray) parked = g_steal_pointer (&self->parked_opens);

  self->parked_opens = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < parked->len; i++)
    {
      GTask *task = g_ptr_array_index (parked, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
open_store_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MadoDesk *self = MADO_DESK (source);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = g_task_propagate_pointer (G_TASK (result), &error);

  store_opened (self, store, error);
  g_ptr_array_add (self->parked_opens, g_steal_pointer (&outer));
  release_parked_opens (self, error);
}

static gboolean
no_store_location (MadoDesk  *self,
                   GError   **error)
{
  if (self->store_state != MADO_DESK_STORE_NOT_CONFIGURED)
    return FALSE;
  g_set_error_literal (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                       _("The site configuration names no offline store ([cache] database and key-file)."));
  return TRUE;
}

/**
 * mado_desk_set_store_location:
 * @database: (nullable): the database file
 * @key_file: (nullable): its key file
 *
 * Names the store instead of the configuration's [cache] group (the CLI's
 * `--database` and `--key-file`); before the store is opened.
 */
void
mado_desk_set_store_location (MadoDesk   *self,
                              const char *database,
                              const char *key_file)
{
  g_return_if_fail (MADO_IS_DESK (self));
  g_return_if_fail (self->store == NULL && self->store_state != MADO_DESK_STORE_OPENING);

  g_free (self->database);
  self->database = g_strdup (database);
  g_free (self->key_file);
  self->key_file = g_strdup (key_file);
  mado_desk_set_store_state (self, database != NULL && key_file != NULL ? MADO_DESK_STORE_CLOSED
                                                              : MADO_DESK_STORE_NOT_CONFIGURED);
}

/**
 * mado_desk_open_store:
 * @error: a #MadoStoreError
 *
 * Opens and checks the store in the calling thread; for the CLI, which
 * has nothing else to do meanwhile.
 *
 * Returns: %TRUE when mado_desk_get_store() returns the open store
 */
gboolean
mado_desk_open_store (MadoDesk  *self,
                      GError   **error)
{
  g_autoptr(StoreLocation) location = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MADO_IS_DESK (self), FALSE);
  g_return_val_if_fail (self->store_state != MADO_DESK_STORE_OPENING, FALSE);

  if (self->store != NULL)
    return TRUE;
  if (no_store_location (self, error))
    return FALSE;
  location = store_location (self);
  store = open_at (location, &local_error);
  store_opened (self, store, local_error);
  if (store == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return store != NULL;
}

/**
 * mado_desk_open_store_async:
 *
 * Opens and checks the store (PRAGMA quick_check, schema, key) in a worker
 * thread; #MadoDesk:store-state follows.
 */
void
mado_desk_open_store_async (MadoDesk            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MADO_IS_DESK (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, mado_desk_open_store_async);
  if (self->store != NULL || no_store_location (self, &error))
    {
      if (error != NULL)
        g_task_return_error (outer, g_steal_pointer (&error));
      else
        g_task_return_boolean (outer, TRUE);
      return;
    }
  if (self->store_state == MADO_DESK_STORE_OPENING)
    {
      g_ptr_array_add (self->parked_opens, g_steal_pointer (&outer));
      return;
    }
  mado_desk_set_store_state (self, MADO_DESK_STORE_OPENING);
  /* Not cancellable: the desk needs its store whoever stops waiting. */
  task = g_task_new (self, NULL, open_store_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, open_store_thread);
  g_task_set_task_data (task, store_location (self), (GDestroyNotify) store_location_free);
  g_task_run_in_thread (task, open_store_thread);
}

gboolean
mado_desk_open_store_finish (MadoDesk      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mado_desk_outbox_changed:
 *
 * Something may have been written to the outbox (a visit ended): a
 * started desk recounts #MadoDesk:waiting-records off the main thread.
 */
void
mado_desk_outbox_changed (MadoDesk *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MADO_IS_DESK (self));

  /* Only a running desk has someone to show the count to; a CLI command
   * leaves nothing running behind it. */
  if (self->store == NULL || !self->started)
    return;
  if (self->counting)
    {
      self->count_again = TRUE;
      return;
    }
  self->counting = TRUE;
  task = g_task_new (self, NULL, count_done_cb, NULL);
  g_task_set_source_tag (task, mado_desk_outbox_changed);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, count_thread);
}

/**
 * mado_desk_sign_in_async:
 * @staff_id: the staff ID typed
 * @password: the password typed; copied, and the copy wiped after the check
 * @idle_seconds: the idle time before the session locks
 *
 * Checks the password against the store (which audits the attempt) in a
 * worker thread. While the store is still being opened the check waits for
 * it.
 */
void
mado_desk_sign_in_async (MadoDesk            *self,
                         const char          *staff_id,
                         const char          *password,
                         guint                idle_seconds,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *sign_in;

  g_return_if_fail (MADO_IS_DESK (self));
  g_return_if_fail (staff_id != NULL && password != NULL);

  sign_in = g_new0 (SignIn, 1);
  sign_in->staff_id = g_strdup (staff_id);
  sign_in->password = g_strdup (password);
  sign_in->idle_seconds = idle_seconds;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_desk_sign_in_async);
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);
  if (self->store_state == MADO_DESK_STORE_OPENING)
    g_ptr_array_add (self->parked_sign_ins, g_steal_pointer (&task));
  else
    run_sign_in (self, task);
}

/**
 * mado_desk_sign_in_finish:
 * @error: %MADO_STORE_ERROR_AUTH_FAILED, %MADO_STORE_ERROR_ACCOUNT_DISABLED,
 *   %MADO_STORE_ERROR_NOT_FOUND when the desk has no store, or another
 *   #MADO_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the staff member's session
 */
MadoStaffSession *
mado_desk_sign_in_finish (MadoDesk      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
