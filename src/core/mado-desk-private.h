/* mado-desk-private.h — what the desk's files share: the instance and its internal setters
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-desk.h"

G_BEGIN_DECLS

struct _MadoDesk
{
  GObject             parent_instance;

  MadoSiteConfig     *config;          /* nullable */
  GError             *setup_error;     /* the first thing that could not be set up */
  char               *database;
  char               *key_file;

  MadoDeskStoreState  store_state;
  MadoStore          *store;
  MadoHubClient      *hub_client;
  MadoOrcaClient     *orca_client;     /* made at the first hand-off */
  MadoOutboxSender   *outbox_sender;
  MadoReaderMonitor  *reader_monitor;
  MadoHubMonitor     *hub_monitor;

  GPtrArray          *parked_sign_ins; /* GTasks waiting for the store to open */
  GPtrArray          *parked_opens;    /* further open_store_async() calls meanwhile */
  GCancellable       *cancellable;
  gboolean            started;
  guint               purge_source;
  guint               count_source;
  guint               hub_probe_source;

  guint               waiting_records;
  gboolean            counting;
  gboolean            count_again;
};

void mado_desk_note_setup_error    (MadoDesk           *self,
                                    const GError       *error);
void mado_desk_set_store_state     (MadoDesk           *self,
                                    MadoDeskStoreState  state);
void mado_desk_set_waiting_records (MadoDesk           *self,
                                    guint               waiting);
void mado_desk_start_store_work    (MadoDesk           *self);

G_END_DECLS
