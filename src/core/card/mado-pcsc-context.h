/* mado-pcsc-context.h — PC/SC contexts, reader lists and PC/SC error codes
 *
 * The one place that turns pcsc-lite's SCARD_E_* / SCARD_W_* codes into
 * MadoCardError: staff see a named state with advice, the code goes to the
 * log.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <winscard.h>

#include "mado-card-error.h"
#include "mado-reader-monitor.h"

G_BEGIN_DECLS

/* PC/SC's pseudo-reader that reports readers being plugged and unplugged. */
#define MADO_PCSC_PNP_READER "\\\\?PnP?\\Notification"

MadoCardError    mado_pcsc_context_error_code        (LONG          rv,
                                                      gboolean      mid_operation);
gboolean         mado_pcsc_context_is_service_error  (LONG          rv);
gboolean         mado_pcsc_context_set_error         (GError      **error,
                                                      LONG          rv,
                                                      gboolean      mid_operation,
                                                      const char   *operation);

MadoReaderState  mado_pcsc_context_state_from_flags  (DWORD         event_state);
guint            mado_pcsc_context_event_count       (DWORD         event_state);
char            *mado_pcsc_context_atr_to_hex        (const guint8 *atr,
                                                      gsize         atr_len);

gboolean         mado_pcsc_context_establish           (SCARDCONTEXT *out_context,
                                                        GError      **error);
GPtrArray       *mado_pcsc_context_parse_reader_list   (const char   *multi_string,
                                                        gsize         len);
GPtrArray       *mado_pcsc_context_list_readers        (SCARDCONTEXT  context,
                                                        GError      **error);
GPtrArray       *mado_pcsc_context_dup_reader_infos    (GError      **error);
char            *mado_pcsc_context_choose_reader_in    (SCARDCONTEXT  context,
                                                        const char   *pinned,
                                                        GError      **error);

G_END_DECLS
