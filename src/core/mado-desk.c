/* mado-desk.c — one desk: the store, the hub client, the monitors and the outbox, built from a site configuration
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application, its widgets and every CLI command get their
 * collaborators here, so a desk is wired the same way wherever it runs:
 * the hub client reports to the hub monitor, the outbox sender uses the
 * desk's one store and hub client, and the purge and the hub probe run on
 * the desk's timers. What is slow (opening and checking the store, scrypt
 * at sign-in, counting the outbox) runs in a worker thread; widgets follow
 * the results through properties.
 */
#include "config.h"

#include "mado-core-enums.h"
#include "mado-desk-private.h"
#include "mado-error.h"
#include "orca/mado-orca-error.h"
#include "store/mado-store-cache.h"

/* How often the outbox is tried while the hub seems up; an outage ending
 * triggers delivery at once through the hub monitor. */
#define OUTBOX_INTERVAL_SECONDS 60

/* Cached personal data lives no longer than the retention period: lookups
 * refuse older entries, and the purge removes them from the disk at
 * start-up and once a day. */
#define PURGE_INTERVAL_SECONDS (24 * 60 * 60)

/* The desk shows whether the hub answers before the first card, and notices
 * an outage (or its end) between visits: the hub monitor learns it from
 * every exchange, this one included. */
#define HUB_PROBE_INTERVAL_SECONDS 60

/* The waiting-records count is also refreshed on this timer, besides after
 * every delivery round and visit. */
#define COUNT_INTERVAL_SECONDS 30

G_DEFINE_FINAL_TYPE (MadoDesk, mado_desk, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE_STATE,
  PROP_SETUP_ERROR,
  PROP_WAITING_RECORDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
mado_desk_note_setup_error (MadoDesk     *self,
                            const GError *error)
{
  if (self->setup_error != NULL || error == NULL)
    return;
  self->setup_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETUP_ERROR]);
}

void
mado_desk_set_store_state (MadoDesk           *self,
                           MadoDeskStoreState  state)
{
  if (self->store_state == state)
    return;
  self->store_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_STATE]);
}

static void
hub_state_changed_cb (MadoDesk *self)
{
  mado_desk_outbox_changed (self);
}

/* Records can also change behind the desk's back (madoguchi-cli outbox,
 * a desk with no hub to deliver to): the count is refreshed now and then. */
static gboolean
count_cb (gpointer user_data)
{
  mado_desk_outbox_changed (user_data);
  return G_SOURCE_CONTINUE;
}

/* -- the purge and the hub probe ------------------------------------------- */

static void
purge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MadoStore *store = task_data;
  g_autoptr(GError) error = NULL;
  gint64 purged = mado_store_cache_purge (store, mado_store_now (store),
                                          mado_store_get_retention_days (store), &error);

  if (purged < 0)
    g_message ("cache purge failed: %s", mado_error_name (error));
  else if (purged > 0)
    g_info ("cache purge: %" G_GINT64_FORMAT " entries past the retention period", purged);
  g_task_return_boolean (task, TRUE);
}

static gboolean
purge_cb (gpointer user_data)
{
  MadoDesk *self = user_data;
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || mado_store_get_retention_days (self->store) == 0)
    return G_SOURCE_CONTINUE;
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, purge_cb);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, purge_thread);
  return G_SOURCE_CONTINUE;
}

static void
hub_probe_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MadoHubStatus *status = mado_hub_client_get_status_finish (MADO_HUB_CLIENT (source), result, &error);

  if (status == NULL)
    g_debug ("hub probe: %s", mado_error_name (error));
  g_clear_pointer (&status, mado_hub_status_free);
}

static gboolean
hub_probe_cb (gpointer user_data)
{
  MadoDesk *self = user_data;

  mado_hub_client_get_status_async (self->hub_client, self->cancellable, hub_probe_done_cb, NULL);
  return G_SOURCE_CONTINUE;
}

void
mado_desk_set_waiting_records (MadoDesk *self,
                               guint     waiting)
{
  if (self->waiting_records == waiting)
    return;
  self->waiting_records = waiting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_RECORDS]);
}

/* What runs once both the desk is started and the store is open. */
void
mado_desk_start_store_work (MadoDesk *self)
{
  if (self->outbox_sender != NULL)
    mado_outbox_sender_start (self->outbox_sender, OUTBOX_INTERVAL_SECONDS);
  purge_cb (self);
  self->purge_source = g_timeout_add_seconds (PURGE_INTERVAL_SECONDS, purge_cb, self);
  self->count_source = g_timeout_add_seconds (COUNT_INTERVAL_SECONDS, count_cb, self);
}

/* -- GObject ------------------------------------------------------------------- */

static void
mado_desk_dispose (GObject *object)
{
  MadoDesk *self = MADO_DESK (object);

  mado_desk_stop (self);
  g_clear_object (&self->outbox_sender);
  g_clear_object (&self->hub_client);
  g_clear_object (&self->orca_client);
  g_clear_object (&self->store);
  g_clear_object (&self->reader_monitor);
  g_clear_object (&self->hub_monitor);
  g_clear_pointer (&self->parked_sign_ins, g_ptr_array_unref);
  g_clear_pointer (&self->parked_opens, g_ptr_array_unref);

  G_OBJECT_CLASS (mado_desk_parent_class)->dispose (object);
}

static void
mado_desk_finalize (GObject *object)
{
  MadoDesk *self = MADO_DESK (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->config, mado_site_config_free);
  g_clear_error (&self->setup_error);
  g_free (self->database);
  g_free (self->key_file);

  G_OBJECT_CLASS (mado_desk_parent_class)->finalize (object);
}

static void
mado_desk_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MadoDesk *self = MADO_DESK (object);

  switch (prop_id)
    {
    case PROP_STORE_STATE:
      g_value_set_enum (value, self->store_state);
      break;
    case PROP_SETUP_ERROR:
      g_value_set_boxed (value, self->setup_error);
      break;
    case PROP_WAITING_RECORDS:
      g_value_set_uint (value, self->waiting_records);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_desk_class_init (MadoDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_desk_dispose;
  object_class->finalize = mado_desk_finalize;
  object_class->get_property = mado_desk_get_property;

  properties[PROP_STORE_STATE] =
    g_param_spec_enum ("store-state", NULL, NULL,
                       MADO_TYPE_DESK_STORE_STATE, MADO_DESK_STORE_NOT_CONFIGURED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Why a part of the desk is missing: the site configuration, the hub
   * client or the store; %NULL while everything could be set up. */
  properties[PROP_SETUP_ERROR] =
    g_param_spec_boxed ("setup-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Outbox records the hub has not yet accepted, recounted off the main
   * thread after the store opens, after each delivery round, when the hub
   * comes and goes, and when mado_desk_outbox_changed() says so. */
  properties[PROP_WAITING_RECORDS] =
    g_param_spec_uint ("waiting-records", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_desk_init (MadoDesk *self)
{
  self->reader_monitor = mado_reader_monitor_new ();
  self->hub_monitor = mado_hub_monitor_new ();
  self->cancellable = g_cancellable_new ();
  self->parked_sign_ins = g_ptr_array_new_with_free_func (g_object_unref);
  self->parked_opens = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->hub_monitor, "notify::state",
                           G_CALLBACK (hub_state_changed_cb), self, G_CONNECT_SWAPPED);
}

/* -- public -------------------------------------------------------------------- */

/**
 * mado_desk_new:
 * @config: (transfer full) (nullable): the site configuration; %NULL for a
 *   desk that only watches its readers (and, with
 *   mado_desk_set_store_location(), keeps a store)
 * @setup_error: (nullable): why there is no configuration, for staff
 *
 * Builds the reader and hub monitors and, when @config names a hub, the
 * hub client reporting to the hub monitor. The store is opened by
 * mado_desk_open_store() or mado_desk_start().
 *
 * Returns: (transfer full): the desk
 */
MadoDesk *
mado_desk_new (MadoSiteConfig *config,
               const GError   *setup_error)
{
  MadoDesk *self = g_object_new (MADO_TYPE_DESK, NULL);
  g_autoptr(GError) error = NULL;

  self->config = config;
  if (setup_error != NULL)
    self->setup_error = g_error_copy (setup_error);
  if (config == NULL)
    return self;
  mado_desk_set_store_location (self, config->cache_database, config->cache_key_file);
  if (!config->has_hub)
    return self;
  self->hub_client = mado_hub_client_new (config, &error);
  if (self->hub_client == NULL)
    mado_desk_note_setup_error (self, error);
  else
    mado_hub_client_set_monitor (self->hub_client, self->hub_monitor);
  return self;
}

/**
 * mado_desk_load:
 * @path: (nullable): the site configuration, or %NULL for
 *   mado_site_config_default_path()
 * @error: a #MadoSiteConfigError naming the file and what is wrong with it
 *
 * Returns: (transfer full) (nullable): the desk of that configuration
 */
MadoDesk *
mado_desk_load (const char  *path,
                GError     **error)
{
  MadoSiteConfig *config = mado_site_config_load (path, error);

  if (config == NULL)
    return NULL;
  return mado_desk_new (config, NULL);
}

/**
 * mado_desk_start:
 *
 * The running desk: watches the readers (the configuration's reader
 * pinned), asks the hub for its status every minute, opens the store off
 * the main thread, then delivers the outbox and purges the cache on their
 * timers.
 */
void
mado_desk_start (MadoDesk *self)
{
  g_return_if_fail (MADO_IS_DESK (self));

  if (self->started)
    return;
  self->started = TRUE;
  if (self->config != NULL && self->config->reader != NULL)
    mado_reader_monitor_set_pinned_reader (self->reader_monitor, self->config->reader);
  mado_reader_monitor_start (self->reader_monitor);
  if (self->hub_client != NULL)
    {
      hub_probe_cb (self);
      self->hub_probe_source = g_timeout_add_seconds (HUB_PROBE_INTERVAL_SECONDS, hub_probe_cb, self);
    }
  if (self->store_state == MADO_DESK_STORE_CLOSED)
    mado_desk_open_store_async (self, NULL, NULL, NULL);
  else if (self->store != NULL)
    {
      mado_desk_start_store_work (self);
      mado_desk_outbox_changed (self);
    }
}

/**
 * mado_desk_stop:
 *
 * Stops the readers' watch, the timers and what the desk asked of the hub.
 */
void
mado_desk_stop (MadoDesk *self)
{
  g_return_if_fail (MADO_IS_DESK (self));

  self->started = FALSE;
  if (self->outbox_sender != NULL)
    mado_outbox_sender_stop (self->outbox_sender);
  if (self->reader_monitor != NULL)
    mado_reader_monitor_stop (self->reader_monitor);
  g_clear_handle_id (&self->purge_source, g_source_remove);
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_handle_id (&self->hub_probe_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/**
 * mado_desk_get_site_config:
 *
 * Returns: (nullable): the site configuration, when there is one
 */
const MadoSiteConfig *
mado_desk_get_site_config (MadoDesk *self)
{
  g_return_val_if_fail (MADO_IS_DESK (self), NULL);

  return self->config;
}

/**
 * mado_desk_get_setup_error:
 *
 * Returns: (nullable): why the site configuration, the hub client or the
 *   store could not be set up, for staff
 */
const GError *
mado_desk_get_setup_error (MadoDesk *self)
{
  g_return_val_if_fail (MADO_IS_DESK (self), NULL);

  return self->setup_error;
}

MadoDeskStoreState
mado_desk_get_store_state (MadoDesk *self)
{
  g_return_val_if_fail (MADO_IS_DESK (self), MADO_DESK_STORE_NOT_CONFIGURED);

  return self->store_state;
}

/**
 * mado_desk_get_store:
 *
 * Returns: (nullable) (transfer none): the open store, the same one for
 *   every caller; %NULL until it is open
 */
MadoStore *
mado_desk_get_store (MadoDesk *self)
{
  g_return_val_if_fail (MADO_IS_DESK (self), NULL);

  return self->store;
}

/**
 * mado_desk_get_orca_client:
 * @error: %MADO_ORCA_ERROR_NOT_CONFIGURED when the site has no usable [orca] group
 *
 * The receipt computer's client, made from the site configuration at the
 * first hand-off (which reads the password file) and kept.
 *
 * Returns: (transfer none) (nullable): the client
 */
MadoOrcaClient *
mado_desk_get_orca_client (MadoDesk  *self,
                           GError   **error)
{
  g_return_val_if_fail (MADO_IS_DESK (self), NULL);

  if (self->orca_client == NULL && self->config != NULL)
    self->orca_client = mado_orca_client_new (self->config, error);
  else if (self->orca_client == NULL)
    mado_error_set (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_NOT_CONFIGURED);
  return self->orca_client;
}

/**
 * mado_desk_get_hub_client:
 *
 * Returns: (nullable) (transfer none): the hub client; %NULL when no hub
 *   is configured or the client could not be made (see the setup error)
 */
MadoHubClient *
mado_desk_get_hub_client (MadoDesk *self)
{
  g_return_val_if_fail (MADO_IS_DESK (self), NULL);

  return self->hub_client;
}

/**
 * mado_desk_get_outbox_sender:
 *
 * Returns: (nullable) (transfer none): the outbox's delivery, once both the
 *   store and the hub client are there
 */
MadoOutboxSender *
mado_desk_get_outbox_sender (MadoDesk *self)
{
  g_return_val_if_fail (MADO_IS_DESK (self), NULL);

  return self->outbox_sender;
}

/**
 * mado_desk_get_reader_monitor:
 *
 * Returns: (transfer none): what the desk's card readers are doing
 */
MadoReaderMonitor *
mado_desk_get_reader_monitor (MadoDesk *self)
{
  g_return_val_if_fail (MADO_IS_DESK (self), NULL);

  return self->reader_monitor;
}

/**
 * mado_desk_get_hub_monitor:
 *
 * Returns: (transfer none): whether the hub answers, as every exchange of
 *   the desk's hub client reports it
 */
MadoHubMonitor *
mado_desk_get_hub_monitor (MadoDesk *self)
{
  g_return_val_if_fail (MADO_IS_DESK (self), NULL);

  return self->hub_monitor;
}

guint
mado_desk_get_waiting_records (MadoDesk *self)
{
  g_return_val_if_fail (MADO_IS_DESK (self), 0);

  return self->waiting_records;
}

