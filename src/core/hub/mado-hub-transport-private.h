/* mado-hub-transport-private.h — one HTTPS exchange with the hub over libcurl, and what its answer means
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-hub-error.h"
#include "mado-site-config.h"

G_BEGIN_DECLS

/* The connections to one hub: its address and TLS files, and the kept
 * connections. Safe to use from several threads at once. */
typedef struct _MadoHubTransport MadoHubTransport;

typedef struct {
  const char *method;
  char       *path;           /* with query */
  const char *log_path;       /* no tokens */
  const char *body;           /* nullable */
  const char *if_none_match;  /* nullable: a bundle version */
  const char *idempotency_key;
  gboolean    idempotent;
} MadoHubTransportRequest;

typedef struct {
  long          status;
  GByteArray   *body;
  char         *etag;
  char         *content_type;
  gint64        retry_after_ms;
  gboolean      too_large;
  gsize         max_body;
  gsize         header_bytes;
  GCancellable *cancellable;
  gboolean      certificate_requested;  /* ...during a handshake of this exchange */
  gboolean      new_connection;         /* this exchange opened a connection */
  glong         timeout_ms;             /* > 0: this attempt's bound, if shorter */
} MadoHubTransportResponse;

#define MADO_HUB_TRANSPORT_RESPONSE_INIT \
  { 0, g_byte_array_new (), NULL, NULL, -1, FALSE, 0, 0, NULL, FALSE, FALSE, 0 }

MadoHubTransport *mado_hub_transport_new                (const MadoSiteConfig            *config);
void              mado_hub_transport_free               (MadoHubTransport                *self);
const char       *mado_hub_transport_get_url            (MadoHubTransport                *self);
void              mado_hub_transport_add_test_header    (MadoHubTransport                *self,
                                                         const char                      *header);
void              mado_hub_transport_clear_test_headers (MadoHubTransport                *self);
void              mado_hub_transport_get_last_timing    (MadoHubTransport                *self,
                                                         gint64                          *out_tls_us,
                                                         gint64                          *out_total_us);

gboolean          mado_hub_transport_perform            (MadoHubTransport                *self,
                                                         const MadoHubTransportRequest   *req,
                                                         MadoHubTransportResponse        *r,
                                                         GError                         **error);
gboolean          mado_hub_transport_expect             (MadoHubTransportResponse        *r,
                                                         long                             status1,
                                                         long                             status2,
                                                         GError                         **error);
gboolean          mado_hub_transport_fail               (GError                         **error,
                                                         MadoHubError                     code,
                                                         const char                      *detail);

void              mado_hub_transport_request_clear      (MadoHubTransportRequest         *req);
void              mado_hub_transport_response_clear     (MadoHubTransportResponse        *r);

gint64            mado_hub_transport_parse_retry_after_ms (const char                    *value,
                                                           gint64                         now_unix);
char             *mado_hub_transport_parse_etag           (const char                    *value);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MadoHubTransportRequest, mado_hub_transport_request_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MadoHubTransportResponse, mado_hub_transport_response_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubTransport, mado_hub_transport_free)

G_END_DECLS
