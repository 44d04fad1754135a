/* mado-hub-client-private.h — hooks for the client's tests; not for the app
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-hub-client.h"

G_BEGIN_DECLS

/* Adds "Name: value" to every request (the training hub's X-Training-Fault). */
void    mado_hub_client_add_test_header    (MadoHubClient *self,
                                            const char    *header);
void    mado_hub_client_clear_test_headers (MadoHubClient *self);
/* Attempts for idempotent calls (1 = no retry) and the first backoff. */
void    mado_hub_client_set_retry_policy   (MadoHubClient *self,
                                            guint          max_attempts,
                                            guint          base_delay_ms);
guint   mado_hub_client_get_attempts_made  (MadoHubClient *self);
/* Of the last exchange: connect + TLS handshake (0 on a kept connection),
 * and the whole exchange (µs). */
void    mado_hub_client_get_last_timing    (MadoHubClient *self,
                                            gint64        *out_tls_us,
                                            gint64        *out_total_us);

/* Backoff before retry @attempt (1-based): exponential from @base_ms, capped,
 * with "equal jitter" drawn from @jitter in [0, 1); a Retry-After of
 * @retry_after_ms (or -1) takes precedence. */
guint   mado_hub_client_retry_delay_ms     (guint          attempt,
                                            guint          base_ms,
                                            gint64         retry_after_ms,
                                            double         jitter);

G_END_DECLS
