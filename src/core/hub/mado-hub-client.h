/* mado-hub-client.h — the terminal's client of the hub API, over mutual TLS
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mado-hub-decode.h"
#include "mado-hub-encode.h"
#include "mado-hub-proof.h"
#include "mado-hub-monitor.h"
#include "mado-site-config.h"

G_BEGIN_DECLS

#define MADO_TYPE_HUB_CLIENT (mado_hub_client_get_type ())
G_DECLARE_FINAL_TYPE (MadoHubClient, mado_hub_client, MADO, HUB_CLIENT, GObject)

typedef struct {
  gboolean            unchanged;         /* 304: the cached version is confirmed now */
  GDateTime          *confirmed_at;      /* when the hub answered */
  char               *etag;              /* nullable when unchanged */
  MadoResidentBundle *bundle;            /* NULL when unchanged */
} MadoHubBundleFetch;

MadoHubClient        *mado_hub_client_new                  (const MadoSiteConfig  *config,
                                                            GError               **error);
void                  mado_hub_client_set_monitor          (MadoHubClient         *self,
                                                            MadoHubMonitor        *monitor);
const char           *mado_hub_client_get_url              (MadoHubClient         *self);

MadoHubStatus        *mado_hub_client_get_status           (MadoHubClient         *self,
                                                            GCancellable          *cancellable,
                                                            GError               **error);
void                  mado_hub_client_get_status_async     (MadoHubClient         *self,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
MadoHubStatus        *mado_hub_client_get_status_finish    (MadoHubClient         *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);

MadoHubChallenge     *mado_hub_client_request_challenge    (MadoHubClient         *self,
                                                            GCancellable          *cancellable,
                                                            GError               **error);
MadoHubChallenge     *mado_hub_client_request_challenge_for_card (MadoHubClient   *self,
                                                                  GBytes          *certificate,
                                                                  GCancellable    *cancellable,
                                                                  GError         **error);
void                  mado_hub_client_request_challenge_async  (MadoHubClient     *self,
                                                                GCancellable      *cancellable,
                                                                GAsyncReadyCallback callback,
                                                                gpointer           user_data);
MadoHubChallenge     *mado_hub_client_request_challenge_finish (MadoHubClient     *self,
                                                                GAsyncResult      *result,
                                                                GError           **error);

MadoHubVerification  *mado_hub_client_verify               (MadoHubClient                    *self,
                                                            const MadoHubVerificationRequest *request,
                                                            GCancellable                     *cancellable,
                                                            GError                          **error);

MadoHubBundleFetch   *mado_hub_client_fetch_bundle         (MadoHubClient         *self,
                                                            const char            *resident_token,
                                                            const char            *resident_ref,
                                                            MadoHubConsent         consent,
                                                            const char            *if_none_match,
                                                            GCancellable          *cancellable,
                                                            GError               **error);

MadoHubRecordReceipt *mado_hub_client_submit_record        (MadoHubClient         *self,
                                                            MadoHubRecordKind      kind,
                                                            const char            *idempotency_key,
                                                            JsonObject            *record,
                                                            GCancellable          *cancellable,
                                                            GError               **error);

void                  mado_hub_bundle_fetch_free           (MadoHubBundleFetch    *fetch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubBundleFetch, mado_hub_bundle_fetch_free)

G_END_DECLS
