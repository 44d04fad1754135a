/* mado-reader-monitor.c — what the desk's card readers are doing
 *
 * A thread (mado-reader-monitor-thread.c) watches pcsc-lite and hands each
 * new picture of the readers to the main context the monitor was created
 * in. Everything the desk sees — the state, the chosen reader,
 * card-inserted and card-removed — is decided and emitted there, never on
 * the monitor thread.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-core-enums.h"
#include "mado-error.h"
#include "mado-pcsc-context.h"
#include "mado-reader-monitor-private.h"
#include "mado-reader-monitor.h"

#define CANCEL_INTERVAL_MS 50

G_DEFINE_FINAL_TYPE (MadoReaderMonitor, mado_reader_monitor, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (MadoReaderInfo, mado_reader_info, mado_reader_info_copy, mado_reader_info_free)

enum {
  PROP_0,
  PROP_STATE,
  PROP_READER_NAME,
  PROP_PINNED_READER,
  N_PROPS
};

enum {
  SIGNAL_CARD_INSERTED,
  SIGNAL_CARD_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- MadoReaderInfo ---------------------------------------------------- */

/**
 * mado_reader_info_new:
 * @atr_hex: (nullable): the ATR in hex
 *
 * Returns: (transfer full): a new reader entry
 */
MadoReaderInfo *
mado_reader_info_new (const char      *name,
                      MadoReaderState  state,
                      const char      *atr_hex,
                      guint            event_count)
{
  MadoReaderInfo *info = g_new0 (MadoReaderInfo, 1);

  info->name = g_strdup (name);
  info->state = state;
  info->atr_hex = g_strdup (atr_hex);
  info->event_count = event_count;
  return info;
}

/**
 * mado_reader_info_copy:
 *
 * Returns: (transfer full): a copy of @info
 */
MadoReaderInfo *
mado_reader_info_copy (const MadoReaderInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return mado_reader_info_new (info->name, info->state, info->atr_hex, info->event_count);
}

void
mado_reader_info_free (MadoReaderInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->atr_hex);
  g_free (info);
}

static GPtrArray *
reader_list_copy (GPtrArray *readers)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_reader_info_free);

  for (guint i = 0; readers != NULL && i < readers->len; i++)
    g_ptr_array_add (copy, mado_reader_info_copy (g_ptr_array_index (readers, i)));
  return copy;
}

/* ---- Pure decisions ---------------------------------------------------- */

static gboolean
has_card (const MadoReaderInfo *info)
{
  return info != NULL && (info->state == MADO_READER_STATE_CARD_PRESENT ||
                          info->state == MADO_READER_STATE_CARD_MUTE);
}

/**
 * mado_reader_monitor_choose_reader:
 * @readers: (element-type MadoReaderInfo): the readers attached now
 * @pinned: (nullable): the reader staff pinned by name; %NULL or "" for automatic
 * @previous: (nullable): the reader chosen last time
 *
 * A pinned reader is the only choice, present or not. Automatic choice keeps
 * the previous reader while it holds a card (a second card placed elsewhere
 * must not take over a visit), else takes the first reader with a card,
 * else the first reader.
 *
 * Returns: (nullable) (transfer none): the entry of the reader to use
 */
const MadoReaderInfo *
mado_reader_monitor_choose_reader (GPtrArray  *readers,
                                   const char *pinned,
                                   const char *previous)
{
  if (readers == NULL || readers->len == 0)
    return NULL;

  if (pinned != NULL && *pinned != '\0')
    {
      for (guint i = 0; i < readers->len; i++)
        {
          const MadoReaderInfo *info = g_ptr_array_index (readers, i);

          if (g_strcmp0 (info->name, pinned) == 0)
            return info;
        }
      return NULL;
    }

  for (guint i = 0; previous != NULL && i < readers->len; i++)
    {
      const MadoReaderInfo *info = g_ptr_array_index (readers, i);

      if (g_strcmp0 (info->name, previous) == 0 && has_card (info))
        return info;
    }

  for (guint i = 0; i < readers->len; i++)
    {
      const MadoReaderInfo *info = g_ptr_array_index (readers, i);

      if (has_card (info))
        return info;
    }
  return g_ptr_array_index (readers, 0);
}

/**
 * mado_reader_monitor_derive_state:
 * @chosen: (nullable): the chosen reader
 *
 * Returns: the state the desk shows
 */
MadoReaderState
mado_reader_monitor_derive_state (gboolean              service_running,
                                  const MadoReaderInfo *chosen)
{
  if (!service_running)
    return MADO_READER_STATE_SERVICE_NOT_RUNNING;
  if (chosen == NULL)
    return MADO_READER_STATE_NO_READER;
  return chosen->state;
}

/**
 * mado_reader_monitor_card_events:
 * @before: (nullable): the chosen reader's entry in the previous picture
 * @after: (nullable): the chosen reader's entry in the new picture
 *
 * The same card is still there only when the same reader answered both
 * times and pcsc-lite's event counter did not move: a card taken off and
 * put back between two looks is a removal and an insertion, not nothing.
 * Mute cards do not count: nothing can be done with them but place them
 * again, which the state says.
 *
 * Returns: the signals to emit, removal first
 */
MadoCardEvents
mado_reader_monitor_card_events (const MadoReaderInfo *before,
                                 const MadoReaderInfo *after)
{
  gboolean had = before != NULL && before->state == MADO_READER_STATE_CARD_PRESENT;
  gboolean has = after != NULL && after->state == MADO_READER_STATE_CARD_PRESENT;
  gboolean same_card = had && has &&
                       g_strcmp0 (before->name, after->name) == 0 &&
                       before->event_count == after->event_count;
  MadoCardEvents events = MADO_CARD_EVENT_NONE;

  if (had && !same_card)
    events |= MADO_CARD_EVENT_REMOVED;
  if (has && !same_card)
    events |= MADO_CARD_EVENT_INSERTED;
  return events;
}

/* ---- Main-context side ------------------------------------------------- */

static void
update (MadoReaderMonitor *self)
{
  g_autoptr(MadoReaderInfo) before = g_steal_pointer (&self->chosen);
  const MadoReaderInfo *after;
  MadoReaderState state;
  MadoCardEvents events;

  after = mado_reader_monitor_choose_reader (self->service_running ? self->readers : NULL,
                                             self->pinned_reader,
                                             before != NULL ? before->name : NULL);
  state = mado_reader_monitor_derive_state (self->service_running, after);
  events = mado_reader_monitor_card_events (before, after);
  self->chosen = after != NULL ? mado_reader_info_copy (after) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->reader_name, after != NULL ? after->name : NULL) != 0)
    {
      g_debug ("reader monitor: reader “%s” → “%s”",
               self->reader_name ? self->reader_name : "(none)",
               after != NULL ? after->name : "(none)");
      g_free (self->reader_name);
      self->reader_name = g_strdup (after != NULL ? after->name : NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READER_NAME]);
    }
  if (self->state != state)
    {
      g_debug ("reader monitor: %s → %s", mado_reader_state_to_string (self->state),
               mado_reader_state_to_string (state));
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (events & MADO_CARD_EVENT_REMOVED)
    {
      g_debug ("reader monitor: card removed from “%s”", before->name);
      g_signal_emit (self, signals[SIGNAL_CARD_REMOVED], 0, before->name);
    }
  if ((events & MADO_CARD_EVENT_INSERTED) && self->chosen != NULL)
    {
      g_autofree char *name = g_strdup (self->chosen->name);
      g_autofree char *atr = g_strdup (self->chosen->atr_hex);

      g_debug ("reader monitor: card inserted in “%s”, ATR %s", name, atr ? atr : "(none)");
      g_signal_emit (self, signals[SIGNAL_CARD_INSERTED], 0, name, atr);
    }
}

typedef struct {
  MadoReaderMonitor *self;
  gboolean           service_running;
  GPtrArray         *readers;
} Picture;

static void
picture_free (gpointer data)
{
  Picture *picture = data;

  g_clear_object (&picture->self);
  g_clear_pointer (&picture->readers, g_ptr_array_unref);
  g_free (picture);
}

static gboolean
apply_picture_cb (gpointer data)
{
  Picture *picture = data;
  MadoReaderMonitor *self = picture->self;

  if (self->disposed)
    return G_SOURCE_REMOVE;

  self->service_running = picture->service_running;
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  self->readers = g_ptr_array_ref (picture->readers);
  update (self);
  return G_SOURCE_REMOVE;
}

/**
 * mado_reader_monitor_start:
 *
 * Starts watching the readers. Changes arrive on the main context that was
 * the thread default when the monitor was created. Starting a running
 * monitor does nothing.
 */
void
mado_reader_monitor_start (MadoReaderMonitor *self)
{
  g_return_if_fail (MADO_IS_READER_MONITOR (self));
  g_return_if_fail (!self->disposed);

  if (self->thread != NULL)
    return;

  self->stopping = FALSE;
  self->thread_done = FALSE;
  self->thread = g_thread_new ("mado-reader-monitor", mado_reader_monitor_thread_run, self);
}

/**
 * mado_reader_monitor_stop:
 *
 * Stops watching and waits for the monitor thread to end. A blocking wait in
 * pcsc-lite is cancelled with SCardCancel(), which only reaches a wait that
 * has begun, so it is repeated until the thread has noticed.
 */
void
mado_reader_monitor_stop (MadoReaderMonitor *self)
{
  g_return_if_fail (MADO_IS_READER_MONITOR (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  while (!self->thread_done)
    {
      gint64 deadline = g_get_monotonic_time () + CANCEL_INTERVAL_MS * G_TIME_SPAN_MILLISECOND;

      if (self->have_pcsc_context)
        SCardCancel (self->pcsc_context);
      g_cond_wait_until (&self->cond, &self->lock, deadline);
    }
  g_mutex_unlock (&self->lock);

  g_thread_join (g_steal_pointer (&self->thread));
  g_debug ("reader monitor: stopped");
}

/* ---- GObject ----------------------------------------------------------- */

static void
mado_reader_monitor_dispose (GObject *object)
{
  MadoReaderMonitor *self = MADO_READER_MONITOR (object);

  mado_reader_monitor_stop (self);
  self->disposed = TRUE;

  G_OBJECT_CLASS (mado_reader_monitor_parent_class)->dispose (object);
}

static void
mado_reader_monitor_finalize (GObject *object)
{
  MadoReaderMonitor *self = MADO_READER_MONITOR (object);

  g_clear_pointer (&self->reader_name, g_free);
  g_clear_pointer (&self->pinned_reader, g_free);
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, mado_reader_info_free);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (mado_reader_monitor_parent_class)->finalize (object);
}

static void
mado_reader_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MadoReaderMonitor *self = MADO_READER_MONITOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_READER_NAME:
      g_value_set_string (value, self->reader_name);
      break;
    case PROP_PINNED_READER:
      g_value_set_string (value, self->pinned_reader);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_reader_monitor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MadoReaderMonitor *self = MADO_READER_MONITOR (object);

  switch (prop_id)
    {
    case PROP_PINNED_READER:
      mado_reader_monitor_set_pinned_reader (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_reader_monitor_class_init (MadoReaderMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_reader_monitor_dispose;
  object_class->finalize = mado_reader_monitor_finalize;
  object_class->get_property = mado_reader_monitor_get_property;
  object_class->set_property = mado_reader_monitor_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MADO_TYPE_READER_STATE, MADO_READER_STATE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READER_NAME] =
    g_param_spec_string ("reader-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MadoReaderMonitor:pinned-reader:
   *
   * The reader staff chose by name; %NULL or "" chooses automatically.
   */
  properties[PROP_PINNED_READER] =
    g_param_spec_string ("pinned-reader", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MadoReaderMonitor::card-inserted:
   * @reader: the reader's name
   * @atr_hex: (nullable): the card's ATR in hex, for the log (never for recognition)
   *
   * A card that answers is on the chosen reader.
   */
  signals[SIGNAL_CARD_INSERTED] =
    g_signal_new ("card-inserted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * MadoReaderMonitor::card-removed:
   * @reader: the reader's name
   *
   * The card announced by #MadoReaderMonitor::card-inserted is gone (taken
   * away, replaced, or its reader or pcscd went away).
   */
  signals[SIGNAL_CARD_REMOVED] =
    g_signal_new ("card-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mado_reader_monitor_init (MadoReaderMonitor *self)
{
  self->state = MADO_READER_STATE_UNKNOWN;
  self->main_context = g_main_context_ref_thread_default ();
  self->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_reader_info_free);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

MadoReaderMonitor *
mado_reader_monitor_new (void)
{
  return g_object_new (MADO_TYPE_READER_MONITOR, NULL);
}

MadoReaderState
mado_reader_monitor_get_state (MadoReaderMonitor *self)
{
  g_return_val_if_fail (MADO_IS_READER_MONITOR (self), MADO_READER_STATE_UNKNOWN);

  return self->state;
}

/**
 * mado_reader_monitor_get_reader_name:
 *
 * Returns: (nullable): the reader the desk uses, when there is one
 */
const char *
mado_reader_monitor_get_reader_name (MadoReaderMonitor *self)
{
  g_return_val_if_fail (MADO_IS_READER_MONITOR (self), NULL);

  return self->reader_name;
}

/**
 * mado_reader_monitor_get_pinned_reader:
 *
 * Returns: (nullable): the reader pinned by name, %NULL when automatic
 */
const char *
mado_reader_monitor_get_pinned_reader (MadoReaderMonitor *self)
{
  g_return_val_if_fail (MADO_IS_READER_MONITOR (self), NULL);

  return self->pinned_reader;
}

/**
 * mado_reader_monitor_set_pinned_reader:
 * @reader_name: (nullable): a reader name; %NULL or "" for automatic choice
 *
 * Call from the monitor's main context.
 */
void
mado_reader_monitor_set_pinned_reader (MadoReaderMonitor *self,
                                       const char        *reader_name)
{
  g_return_if_fail (MADO_IS_READER_MONITOR (self));

  if (reader_name != NULL && *reader_name == '\0')
    reader_name = NULL;
  if (g_strcmp0 (self->pinned_reader, reader_name) == 0)
    return;

  g_free (self->pinned_reader);
  self->pinned_reader = g_strdup (reader_name);
  g_debug ("reader monitor: pinned reader: %s", reader_name ? reader_name : "(automatic)");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PINNED_READER]);

  /* Before the first picture there is nothing to choose from yet. */
  if (self->state != MADO_READER_STATE_UNKNOWN)
    update (self);
}

/**
 * mado_reader_monitor_dup_readers:
 *
 * Returns: (transfer full) (element-type MadoReaderInfo): every reader as
 *   last seen, for diagnostics; empty before the first look or while
 *   pcscd is not running
 */
GPtrArray *
mado_reader_monitor_dup_readers (MadoReaderMonitor *self)
{
  g_return_val_if_fail (MADO_IS_READER_MONITOR (self), NULL);

  return reader_list_copy (self->service_running ? self->readers : NULL);
}

/**
 * mado_reader_monitor_check_card:
 *
 * Returns: %TRUE when a card that answers is on the chosen reader; else
 *   %FALSE with @error saying what staff should do
 *   (%MADO_CARD_ERROR_SERVICE_NOT_RUNNING, %MADO_CARD_ERROR_NO_READER,
 *   %MADO_CARD_ERROR_NO_CARD or %MADO_CARD_ERROR_CARD_MUTE)
 */
gboolean
mado_reader_monitor_check_card (MadoReaderMonitor *self,
                                GError           **error)
{
  g_return_val_if_fail (MADO_IS_READER_MONITOR (self), FALSE);

  switch (self->state)
    {
    case MADO_READER_STATE_CARD_PRESENT:
      return TRUE;
    case MADO_READER_STATE_SERVICE_NOT_RUNNING:
      mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_SERVICE_NOT_RUNNING);
      return FALSE;
    case MADO_READER_STATE_NO_READER:
      if (self->pinned_reader != NULL)
        g_set_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER,
                     _("The card reader “%s” chosen in the preferences is not connected. "
                       "Connect it, or choose another reader."), self->pinned_reader);
      else
        mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER);
      return FALSE;
    case MADO_READER_STATE_CARD_MUTE:
      mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_MUTE);
      return FALSE;
    case MADO_READER_STATE_UNKNOWN:
    case MADO_READER_STATE_READER_EMPTY:
    default:
      mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_CARD);
      return FALSE;
    }
}

/**
 * mado_reader_monitor_deliver:
 * @self: the monitor
 * @service_running: whether pcscd answered
 * @readers: (element-type MadoReaderInfo): every reader as the thread saw it
 *
 * Called on the monitor thread: the picture is applied on the monitor's
 * main context. A plain idle source rather than g_main_context_invoke():
 * invoke runs the callback right here, on the monitor thread, whenever
 * nobody happens to own the main context at that moment.
 */
void
mado_reader_monitor_deliver (MadoReaderMonitor *self,
                             gboolean           service_running,
                             GPtrArray         *readers)
{
  g_autoptr(GSource) source = NULL;
  Picture *picture = g_new0 (Picture, 1);

  picture->self = g_object_ref (self);
  picture->service_running = service_running;
  picture->readers = g_ptr_array_ref (readers);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, apply_picture_cb, picture, picture_free);
  g_source_set_static_name (source, "[madoguchi] reader monitor");
  g_source_attach (source, self->main_context);
}

const char *
mado_reader_state_to_string (MadoReaderState state)
{
  switch (state)
    {
    case MADO_READER_STATE_UNKNOWN:             return "unknown";
    case MADO_READER_STATE_SERVICE_NOT_RUNNING: return "service-not-running";
    case MADO_READER_STATE_NO_READER:           return "no-reader";
    case MADO_READER_STATE_READER_EMPTY:        return "reader-empty";
    case MADO_READER_STATE_CARD_PRESENT:        return "card-present";
    case MADO_READER_STATE_CARD_MUTE:           return "card-mute";
    default:                                    g_return_val_if_reached ("unknown");
    }
}

/**
 * mado_reader_state_describe:
 *
 * Returns: the state in words for staff, translated
 */
const char *
mado_reader_state_describe (MadoReaderState state)
{
  switch (state)
    {
    case MADO_READER_STATE_UNKNOWN:
      return _("Card reader: checking…");
    case MADO_READER_STATE_SERVICE_NOT_RUNNING:
      return _("The smart-card service (pcscd) is not running");
    case MADO_READER_STATE_NO_READER:
      return _("No card reader is connected");
    case MADO_READER_STATE_READER_EMPTY:
      return _("Card reader ready");
    case MADO_READER_STATE_CARD_PRESENT:
      return _("Card on the reader");
    case MADO_READER_STATE_CARD_MUTE:
      return _("The card does not answer: place it again");
    default:
      g_return_val_if_reached ("");
    }
}

