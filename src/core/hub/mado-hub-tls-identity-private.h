/* mado-hub-tls-identity-private.h — the terminal's key and certificate, loaded once, and the TLS sessions made with them
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <curl/curl.h>
#include <openssl/ssl.h>

G_BEGIN_DECLS

/* The terminal's client certificate (with any chain after it in the same
 * file) and private key, parsed once and kept as OpenSSL objects, and the
 * libcurl share that holds the TLS sessions made with them. Safe to use
 * from several threads at once. */
typedef struct _MadoHubTlsIdentity MadoHubTlsIdentity;

MadoHubTlsIdentity *mado_hub_tls_identity_new     (const char          *certificate,
                                                   const char          *key);
void                mado_hub_tls_identity_free    (MadoHubTlsIdentity  *self);
guint               mado_hub_tls_identity_refresh (MadoHubTlsIdentity  *self,
                                                   CURLSH             **out_share,
                                                   GError             **error);
gboolean            mado_hub_tls_identity_install (MadoHubTlsIdentity  *self,
                                                   SSL_CTX             *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubTlsIdentity, mado_hub_tls_identity_free)

G_END_DECLS
