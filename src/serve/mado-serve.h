/* mado-serve.h — what the loopback servers' main() share: options, TLS, the ready line, the loop
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The options every loopback server takes; its GOptionEntry array points here. */
typedef struct {
  char *listen;          /* 127.0.0.1:PORT */
  char *server_cert;     /* nullable: plain HTTP without */
  char *server_key;
} MadoServeOptions;

/* Builds the server and listens; the port, or 0 and @error. */
typedef guint (*MadoServeStartFunc) (const MadoServeOptions *options,
                                     GError                **error);

typedef struct {
  MadoServeOptions   *options;
  const GOptionEntry *entries;        /* --listen, --server-cert, --server-key and the server's own */
  const char         *summary;        /* for --help, translatable (N_()) */
  gboolean            needs_tls;      /* --server-cert and --server-key are required */
  gboolean          (*complete) (void);  /* the server's own required options are given */
  const char         *required;       /* what is required, translatable */
  MadoServeStartFunc  start;
  void              (*report) (const GError *error);  /* says why it cannot start */
  void              (*clear) (void);  /* frees the server's own options */
} MadoServe;

int              mado_serve_main             (const MadoServe         *serve,
                                              int                      argc,
                                              char                   **argv);
GTlsCertificate *mado_serve_load_certificate (const MadoServeOptions  *options,
                                              GError                 **error);

G_END_DECLS
