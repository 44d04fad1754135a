/* mado-reader-monitor-private.h — the reader monitor's pure decisions, for tests
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-reader-monitor.h"

G_BEGIN_DECLS

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

G_END_DECLS
