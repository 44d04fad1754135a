/* mado-outbox-sender.h — delivers the store's outbox to the hub, now, periodically and when it is back
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-hub-client.h"
#include "mado-hub-monitor.h"
#include "mado-store-outbox.h"

G_BEGIN_DECLS

/* How often the sender looks for due records on its own. */
#define MADO_OUTBOX_SENDER_DEFAULT_INTERVAL 30
/* Records per round: the rest wait for the next round. */
#define MADO_OUTBOX_SENDER_BATCH 200

#define MADO_TYPE_OUTBOX_SENDER (mado_outbox_sender_get_type ())
G_DECLARE_FINAL_TYPE (MadoOutboxSender, mado_outbox_sender, MADO, OUTBOX_SENDER, GObject)

MadoOutboxSender *mado_outbox_sender_new            (MadoStore         *store,
                                                     MadoHubClient     *hub);
void              mado_outbox_sender_set_monitor    (MadoOutboxSender  *self,
                                                     MadoHubMonitor    *monitor);
void              mado_outbox_sender_start          (MadoOutboxSender  *self,
                                                     guint              interval_seconds);
void              mado_outbox_sender_stop           (MadoOutboxSender  *self);

gboolean          mado_outbox_sender_deliver        (MadoOutboxSender  *self,
                                                     gboolean           all_pending,
                                                     MadoOutboxRun     *run,
                                                     GCancellable      *cancellable,
                                                     GError           **error);

G_END_DECLS
