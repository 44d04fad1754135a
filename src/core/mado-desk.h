/* mado-desk.h — one desk: the store, the hub client, the monitors and the outbox, built from a site configuration
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-site-config.h"
#include "card/mado-reader-monitor.h"
#include "flow/mado-outbox-sender.h"
#include "hub/mado-hub-client.h"
#include "hub/mado-hub-monitor.h"
#include "orca/mado-orca-client.h"
#include "store/mado-staff-session.h"
#include "store/mado-store.h"

G_BEGIN_DECLS

/**
 * MadoDeskStoreState:
 * @MADO_DESK_STORE_NOT_CONFIGURED: no database and key file are named
 * @MADO_DESK_STORE_CLOSED: named, not opened yet
 * @MADO_DESK_STORE_OPENING: being opened and checked off the main thread
 * @MADO_DESK_STORE_READY: open; mado_desk_get_store() returns it
 * @MADO_DESK_STORE_FAILED: could not be opened; the setup error says why
 */
typedef enum {
  MADO_DESK_STORE_NOT_CONFIGURED,
  MADO_DESK_STORE_CLOSED,
  MADO_DESK_STORE_OPENING,
  MADO_DESK_STORE_READY,
  MADO_DESK_STORE_FAILED,
} MadoDeskStoreState;

#define MADO_TYPE_DESK (mado_desk_get_type ())
G_DECLARE_FINAL_TYPE (MadoDesk, mado_desk, MADO, DESK, GObject)

MadoDesk             *mado_desk_new                 (MadoSiteConfig       *config,
                                                     const GError         *setup_error);
MadoDesk             *mado_desk_load                (const char           *path,
                                                     GError              **error);
void                  mado_desk_set_store_location  (MadoDesk             *self,
                                                     const char           *database,
                                                     const char           *key_file);
gboolean              mado_desk_open_store          (MadoDesk             *self,
                                                     GError              **error);
void                  mado_desk_open_store_async    (MadoDesk             *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean              mado_desk_open_store_finish   (MadoDesk             *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void                  mado_desk_start               (MadoDesk             *self);
void                  mado_desk_stop                (MadoDesk             *self);

const MadoSiteConfig *mado_desk_get_site_config     (MadoDesk             *self);
const GError         *mado_desk_get_setup_error     (MadoDesk             *self);
MadoDeskStoreState    mado_desk_get_store_state     (MadoDesk             *self);
MadoStore            *mado_desk_get_store           (MadoDesk             *self);
MadoHubClient        *mado_desk_get_hub_client      (MadoDesk             *self);
MadoOrcaClient       *mado_desk_get_orca_client     (MadoDesk             *self,
                                                     GError              **error);
MadoOutboxSender     *mado_desk_get_outbox_sender   (MadoDesk             *self);
MadoReaderMonitor    *mado_desk_get_reader_monitor  (MadoDesk             *self);
MadoHubMonitor       *mado_desk_get_hub_monitor     (MadoDesk             *self);

guint                 mado_desk_get_waiting_records (MadoDesk             *self);
void                  mado_desk_outbox_changed      (MadoDesk             *self);

void                  mado_desk_sign_in_async       (MadoDesk             *self,
                                                     const char           *staff_id,
                                                     const char           *password,
                                                     guint                 idle_seconds,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MadoStaffSession     *mado_desk_sign_in_finish      (MadoDesk             *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
