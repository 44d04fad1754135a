/* mado-reader-monitor-private.h — the reader monitor's instance, for its thread; its pure decisions, for tests
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <winscard.h>

#include "mado-reader-monitor.h"

G_BEGIN_DECLS

struct _MadoReaderMonitor
{
  GObject          parent_instance;

  /* Main-context side */
  GMainContext    *main_context;
  MadoReaderState  state;
  char            *reader_name;
  char            *pinned_reader;
  gboolean         service_running;
  GPtrArray       *readers;       /* MadoReaderInfo, the last picture */
  MadoReaderInfo  *chosen;        /* copy of the chosen reader's entry */
  gboolean         disposed;

  /* Shared with the thread, under lock */
  GMutex           lock;
  GCond            cond;
  GThread         *thread;
  gboolean         stopping;
  gboolean         thread_done;
  gboolean         have_pcsc_context;
  SCARDCONTEXT     pcsc_context;
};

typedef enum {
  MADO_CARD_EVENT_NONE     = 0,
  MADO_CARD_EVENT_REMOVED  = 1 << 0,
  MADO_CARD_EVENT_INSERTED = 1 << 1,
} MadoCardEvents;

const MadoReaderInfo *mado_reader_monitor_choose_reader (GPtrArray            *readers,
                                                         const char           *pinned,
                                                         const char           *previous);
MadoReaderState       mado_reader_monitor_derive_state  (gboolean              service_running,
                                                         const MadoReaderInfo *chosen);
MadoCardEvents        mado_reader_monitor_card_events   (const MadoReaderInfo *before,
                                                         const MadoReaderInfo *after);


/* mado-reader-monitor-thread.c: the PC/SC watching thread */
gpointer              mado_reader_monitor_thread_run    (gpointer              monitor);
/* mado-reader-monitor.c: hands the thread's picture to the main context */
void                  mado_reader_monitor_deliver       (MadoReaderMonitor    *self,
                                                         gboolean              service_running,
                                                         GPtrArray            *readers);

G_END_DECLS
