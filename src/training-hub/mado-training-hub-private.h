/* mado-training-hub-private.h — the training hub's instance, shared by its server, endpoints, records and faults
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-training-hub.h"

G_BEGIN_DECLS

struct _MadoTrainingHub
{
  GObject parent_instance;

  SoupServer *server;
  MadoTrainingFixtures *fixtures;
  MadoTrainingVerifier *verifier;
  MadoTrainingStore *store;
  GHashTable *challenges;   /* base64url → challenge (mado-training-endpoints.c) */
  GHashTable *tokens;       /* token → resident token (mado-training-endpoints.c) */
  GHashTable *peers;        /* GSocket (weak) → the client's GTlsCertificate */
  gint64 last_prune_us;
  gboolean faults;
  char *standing_fault;     /* (nullable): applied when a request names none */
  guint challenge_lifetime_s;
};

/* Who is on the other end of the TLS connection. */
typedef struct {
  char *fingerprint;
  char *terminal_id;
} MadoTrainingTerminal;

/* mado-training-server.c: libsoup, TLS and the client certificate */
SoupServer *mado_training_server_new                (MadoTrainingHub      *self,
                                                     GTlsCertificate      *certificate,
                                                     GTlsDatabase         *terminal_database);
guint       mado_training_server_listen             (SoupServer           *server,
                                                     const char           *address,
                                                     GError              **error);
gboolean    mado_training_server_identify_terminal  (MadoTrainingHub      *self,
                                                     SoupServerMessage    *msg,
                                                     MadoTrainingTerminal *terminal);
void        mado_training_server_forget_peers       (MadoTrainingHub      *self);

/* mado-training-endpoints.c: routing and the identity endpoints */
void        mado_training_endpoints_init            (MadoTrainingHub      *self);
void        mado_training_endpoints_dispatch        (MadoTrainingHub      *self,
                                                     SoupServerMessage    *msg,
                                                     const char           *path,
                                                     GHashTable           *query);
JsonObject *mado_training_endpoints_parse_body      (SoupServerMessage    *msg,
                                                     JsonNode            **out_root);
gboolean    mado_training_endpoints_is_identifier   (const char           *text,
                                                     const char           *punctuation);

/* mado-training-records.c: the record endpoints and their storage */
void        mado_training_records_handle_submit     (MadoTrainingHub      *self,
                                                     SoupServerMessage    *msg,
                                                     MadoTrainingTerminal *terminal,
                                                     const char           *kind);
void        mado_training_records_handle_batch      (MadoTrainingHub      *self,
                                                     SoupServerMessage    *msg,
                                                     MadoTrainingTerminal *terminal);
gboolean    mado_training_records_is_batch_fault    (const char           *fault);
void        mado_training_records_handle_count      (MadoTrainingHub      *self,
                                                     SoupServerMessage    *msg);

/* mado-training-faults.c: X-Training-Fault */
gboolean    mado_training_faults_apply              (MadoTrainingHub      *self,
                                                     SoupServerMessage    *msg,
                                                     const char           *path,
                                                     GHashTable           *query);

/* mado-training-bundle-faults.c: the faults that rewrite a served bundle */
void        mado_training_bundle_faults_apply       (SoupServerMessage    *msg,
                                                     const char           *fault);

G_END_DECLS
