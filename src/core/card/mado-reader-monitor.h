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

/**
 * MadoReaderInfo:
 * @name: the reader's PC/SC name
 * @state: what is on it
 * @atr_hex: (nullable): the card's ATR in upper-case hex, when a card is there
 * @event_count: pcsc-lite's count of card insertions and removals
 *
 * One reader as the monitor last saw it; for diagnostics.
 */
typedef struct {
  char            *name;
  MadoReaderState  state;
  char            *atr_hex;
  guint            event_count;
} MadoReaderInfo;

#define MADO_TYPE_READER_INFO (mado_reader_info_get_type ())
GType           mado_reader_info_get_type (void) G_GNUC_CONST;
MadoReaderInfo *mado_reader_info_new      (const char           *name,
                                           MadoReaderState       state,
                                           const char           *atr_hex,
                                           guint                 event_count);
MadoReaderInfo *mado_reader_info_copy     (const MadoReaderInfo *info);
void            mado_reader_info_free     (MadoReaderInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoReaderInfo, mado_reader_info_free)

#define MADO_TYPE_READER_MONITOR (mado_reader_monitor_get_type ())
G_DECLARE_FINAL_TYPE (MadoReaderMonitor, mado_reader_monitor, MADO, READER_MONITOR, GObject)

MadoReaderMonitor *mado_reader_monitor_new               (void);
void               mado_reader_monitor_start             (MadoReaderMonitor *self);
void               mado_reader_monitor_stop              (MadoReaderMonitor *self);
MadoReaderState    mado_reader_monitor_get_state         (MadoReaderMonitor *self);
const char        *mado_reader_monitor_get_reader_name   (MadoReaderMonitor *self);
const char        *mado_reader_monitor_get_pinned_reader (MadoReaderMonitor *self);
void               mado_reader_monitor_set_pinned_reader (MadoReaderMonitor *self,
                                                          const char        *reader_name);
GPtrArray         *mado_reader_monitor_dup_readers       (MadoReaderMonitor *self);
gboolean           mado_reader_monitor_check_card        (MadoReaderMonitor *self,
                                                          GError           **error);

const char        *mado_reader_state_to_string          (MadoReaderState state);
const char        *mado_reader_state_describe           (MadoReaderState state);

G_END_DECLS
