/* mado-reader-monitor-thread.c — the reader monitor's thread: PC/SC contexts and waits for reader changes
 *
 * The thread blocks in SCardGetStatusChange() (with the PnP pseudo-reader
 * for readers coming and going, or polling once a second where that is not
 * supported) and delivers each new picture of the readers with
 * mado_reader_monitor_deliver(). It decides nothing the desk sees.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-pcsc-context.h"
#include "mado-reader-monitor-private.h"

#define RETRY_INTERVAL_MS  1000
#define POLL_INTERVAL_MS   1000
/* Even with PnP notification the wait is bounded: a reader plugged between
 * listing the readers and starting to wait is then seen within this time. */
#define PNP_WAIT_MS        10000

typedef struct {
  gboolean    have_context;
  SCARDCONTEXT context;
  gboolean    pnp;
  GHashTable *known;              /* reader name → last dwEventState */
  gboolean    published;
  gboolean    published_running;
  GPtrArray  *published_readers;
} ThreadState;

static gboolean
reader_info_equal (const MadoReaderInfo *a,
                   const MadoReaderInfo *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && a->state == b->state &&
         g_strcmp0 (a->atr_hex, b->atr_hex) == 0 && a->event_count == b->event_count;
}

static gboolean
reader_lists_equal (GPtrArray *a,
                    GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!reader_info_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
is_stopping (MadoReaderMonitor *self)
{
  gboolean stopping;

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);
  return stopping;
}

/* Sleeps @ms unless asked to stop; returns whether to stop. */
static gboolean
wait_or_stop (MadoReaderMonitor *self,
              guint              ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;
  gboolean stopping;

  g_mutex_lock (&self->lock);
  while (!self->stopping && g_cond_wait_until (&self->cond, &self->lock, deadline))
    ;
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);
  return stopping;
}

/* Only a picture that differs from the last one goes to the main context. */
static void
publish (MadoReaderMonitor *self,
         ThreadState       *ts,
         gboolean           running,
         GPtrArray         *readers)
{
  if (ts->published && ts->published_running == running &&
      reader_lists_equal (ts->published_readers, readers))
    return;

  ts->published = TRUE;
  ts->published_running = running;
  g_clear_pointer (&ts->published_readers, g_ptr_array_unref);
  ts->published_readers = g_ptr_array_ref (readers);
  mado_reader_monitor_deliver (self, running, readers);
}

static void
drop_context (MadoReaderMonitor *self,
              ThreadState       *ts)
{
  if (!ts->have_context)
    return;
  g_mutex_lock (&self->lock);
  self->have_pcsc_context = FALSE;
  g_mutex_unlock (&self->lock);
  SCardReleaseContext (ts->context);
  ts->have_context = FALSE;
  g_hash_table_remove_all (ts->known);
}

static gboolean
probe_pnp (SCARDCONTEXT context)
{
  SCARD_READERSTATE pnp = { .szReader = MADO_PCSC_PNP_READER,
                            .dwCurrentState = SCARD_STATE_UNAWARE };
  LONG rv = SCardGetStatusChange (context, 0, &pnp, 1);

  return (rv == SCARD_S_SUCCESS || rv == SCARD_E_TIMEOUT) &&
         !(pnp.dwEventState & SCARD_STATE_UNKNOWN);
}

static gboolean
ensure_context (MadoReaderMonitor *self,
                ThreadState       *ts)
{
  LONG rv;

  if (ts->have_context)
    return TRUE;

  rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &ts->context);
  if (rv != SCARD_S_SUCCESS)
    {
      if (!ts->published || ts->published_running)
        g_debug ("reader monitor: SCardEstablishContext: %s", pcsc_stringify_error (rv));
      return FALSE;
    }

  ts->have_context = TRUE;
  g_mutex_lock (&self->lock);
  self->pcsc_context = ts->context;
  self->have_pcsc_context = TRUE;
  g_mutex_unlock (&self->lock);

  ts->pnp = probe_pnp (ts->context);
  g_debug ("reader monitor: PC/SC context established, %s",
           ts->pnp ? "PnP notification" : "polling every second");
  return TRUE;
}

static GPtrArray *
picture_from_states (const SCARD_READERSTATE *states,
                     guint                    n)
{
  GPtrArray *readers = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_reader_info_free);

  for (guint i = 0; i < n; i++)
    {
      DWORD atr_len = MIN (states[i].cbAtr, (DWORD) sizeof states[i].rgbAtr);
      MadoReaderState state = mado_pcsc_context_state_from_flags (states[i].dwEventState);
      g_autofree char *atr_hex = NULL;
      guint events;

      if (state == MADO_READER_STATE_CARD_PRESENT || state == MADO_READER_STATE_CARD_MUTE)
        atr_hex = mado_pcsc_context_atr_to_hex (states[i].rgbAtr, atr_len);
      events = mado_pcsc_context_event_count (states[i].dwEventState);
      g_ptr_array_add (readers, mado_reader_info_new (states[i].szReader, state, atr_hex, events));
    }
  return readers;
}

/* One wait for a change; returns the PC/SC code of the wait. */
static LONG
watch_once (MadoReaderMonitor *self,
            ThreadState       *ts)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree SCARD_READERSTATE *states = NULL;
  guint n_readers, n_states;
  gboolean changed = FALSE;
  LONG rv;

  names = mado_pcsc_context_list_readers (ts->context, &error);
  if (names == NULL)
    return SCARD_E_NO_SERVICE;

  n_readers = names->len;
  n_states = n_readers + (ts->pnp ? 1 : 0);
  if (n_readers == 0)
    {
      /* Nothing to ask about yet: say so before waiting for a reader. */
      readers = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_reader_info_free);
      publish (self, ts, TRUE, readers);
      if (!ts->pnp)
        {
          wait_or_stop (self, POLL_INTERVAL_MS);
          return SCARD_E_TIMEOUT;
        }
    }

  states = g_new0 (SCARD_READERSTATE, n_states);
  for (guint i = 0; i < n_readers; i++)
    {
      gpointer known;

      states[i].szReader = g_ptr_array_index (names, i);
      if (g_hash_table_lookup_extended (ts->known, states[i].szReader, NULL, &known))
        states[i].dwCurrentState = (DWORD) GPOINTER_TO_UINT (known);
      else
        states[i].dwCurrentState = SCARD_STATE_UNAWARE;
    }
  if (ts->pnp)
    states[n_readers].szReader = MADO_PCSC_PNP_READER;

  rv = SCardGetStatusChange (ts->context, ts->pnp ? PNP_WAIT_MS : POLL_INTERVAL_MS,
                             states, n_states);
  if (rv != SCARD_S_SUCCESS)
    return rv;

  g_hash_table_remove_all (ts->known);
  for (guint i = 0; i < n_readers; i++)
    {
      DWORD seen = states[i].dwEventState & ~(DWORD) SCARD_STATE_CHANGED;

      changed |= seen != states[i].dwCurrentState;
      g_hash_table_insert (ts->known, g_strdup (states[i].szReader), GUINT_TO_POINTER ((guint) seen));
    }
  if (ts->pnp)
    changed |= (states[n_readers].dwEventState & SCARD_STATE_CHANGED) != 0;

  readers = picture_from_states (states, n_readers);
  publish (self, ts, TRUE, readers);

  /* Guard against a driver that keeps reporting a change that is none. */
  if (!changed)
    wait_or_stop (self, POLL_INTERVAL_MS / 4);
  return rv;
}

/**
 * mado_reader_monitor_thread_run:
 * @monitor: the #MadoReaderMonitor; mado_reader_monitor_stop() joins this
 *   thread before the monitor can go away
 *
 * The thread's function: watches the readers until the monitor is stopping.
 *
 * Returns: %NULL
 */
gpointer
mado_reader_monitor_thread_run (gpointer monitor)
{
  MadoReaderMonitor *self = monitor;
  ThreadState ts = { 0 };
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_reader_info_free);

  ts.known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (!is_stopping (self))
    {
      LONG rv;

      if (!ensure_context (self, &ts))
        {
          publish (self, &ts, FALSE, none);
          wait_or_stop (self, RETRY_INTERVAL_MS);
          continue;
        }

      rv = watch_once (self, &ts);
      switch (rv)
        {
        case SCARD_S_SUCCESS:
        case SCARD_E_TIMEOUT:
        case SCARD_E_CANCELLED:
        case SCARD_E_UNKNOWN_READER:   /* a reader left between list and wait */
          break;
        default:
          /* pcscd stopped or restarted: this context is dead for good. */
          g_debug ("reader monitor: SCardGetStatusChange: %s; establishing a new context",
                   pcsc_stringify_error (rv));
          drop_context (self, &ts);
          break;
        }
    }

  drop_context (self, &ts);
  g_hash_table_unref (ts.known);
  g_clear_pointer (&ts.published_readers, g_ptr_array_unref);

  g_mutex_lock (&self->lock);
  self->thread_done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return NULL;
}
