/* mado-reader-monitor.h — what the desk's card readers are doing
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MadoReaderState:
 * @MADO_READER_STATE_UNKNOWN: not looked yet
 * @MADO_READER_STATE_SERVICE_NOT_RUNNING: pcscd is not running
 * @MADO_READER_STATE_NO_READER: the service runs, no reader is attached
 * @MADO_READER_STATE_READER_EMPTY: a reader is ready, no card on it
 * @MADO_READER_STATE_CARD_PRESENT: a card is on the reader and answers
 * @MADO_READER_STATE_CARD_MUTE: a card is on the reader but does not answer
 */
typedef enum {
  MADO_READER_STATE_UNKNOWN,
  MADO_READER_STATE_SERVICE_NOT_RUNNING,
  MADO_READER_STATE_NO_READER,
  MADO_READER_STATE_READER_EMPTY,
  MADO_READER_STATE_CARD_PRESENT,
  MADO_READER_STATE_CARD_MUTE,
} MadoReaderState;

#define MADO_TYPE_READER_MONITOR (mado_reader_monitor_get_type ())
G_DECLARE_FINAL_TYPE (MadoReaderMonitor, mado_reader_monitor, MADO, READER_MONITOR, GObject)

MadoReaderMonitor *mado_reader_monitor_new              (void);
MadoReaderState    mado_reader_monitor_get_state        (MadoReaderMonitor *self);
const char        *mado_reader_monitor_get_reader_name  (MadoReaderMonitor *self);

const char        *mado_reader_state_to_string          (MadoReaderState state);
const char        *mado_reader_state_describe           (MadoReaderState state);

G_END_DECLS
