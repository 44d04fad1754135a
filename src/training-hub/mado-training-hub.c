/* mado-training-hub.c — the training hub: the hub API (docs/hub-api.md) on loopback, for tests, demos and training
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-training-hub-private.h"

G_DEFINE_FINAL_TYPE (MadoTrainingHub, mado_training_hub, G_TYPE_OBJECT)

static void
mado_training_hub_dispose (GObject *object)
{
  MadoTrainingHub *self = MADO_TRAINING_HUB (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->fixtures);
  g_clear_object (&self->verifier);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mado_training_hub_parent_class)->dispose (object);
}

static void
mado_training_hub_finalize (GObject *object)
{
  MadoTrainingHub *self = MADO_TRAINING_HUB (object);

  mado_training_server_forget_peers (self);
  g_clear_pointer (&self->challenges, g_hash_table_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->standing_fault, g_free);
  G_OBJECT_CLASS (mado_training_hub_parent_class)->finalize (object);
}

static void
mado_training_hub_class_init (MadoTrainingHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_training_hub_dispose;
  object_class->finalize = mado_training_hub_finalize;
}

static void
mado_training_hub_init (MadoTrainingHub *self)
{
  mado_training_endpoints_init (self);
  self->peers = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
}

/**
 * mado_training_hub_new:
 * @fixtures: residents and terminals
 * @verifier: certificate and signature checks
 * @store: where records go
 * @server_certificate: the hub's certificate with its key
 * @terminal_database: the terminal CA, for the TLS handshake
 * @enable_faults: whether X-Training-Fault is honoured
 * @challenge_lifetime_seconds: 60 in the API; shorter for tests
 *
 * Returns: (transfer full): the hub, not listening yet
 */
MadoTrainingHub *
mado_training_hub_new (MadoTrainingFixtures *fixtures,
                       MadoTrainingVerifier *verifier,
                       MadoTrainingStore    *store,
                       GTlsCertificate      *server_certificate,
                       GTlsDatabase         *terminal_database,
                       gboolean              enable_faults,
                       guint                 challenge_lifetime_seconds)
{
  MadoTrainingHub *self = g_object_new (MADO_TYPE_TRAINING_HUB, NULL);

  self->fixtures = g_object_ref (fixtures);
  self->verifier = g_object_ref (verifier);
  self->store = g_object_ref (store);
  self->faults = enable_faults;
  self->challenge_lifetime_s = challenge_lifetime_seconds;
  self->server = mado_training_server_new (self, server_certificate, terminal_database);
  return self;
}

/**
 * mado_training_hub_listen:
 * @self: the hub
 * @address: `HOST:PORT`, port 0 for an ephemeral one
 * @error: return location for a #GError
 *
 * Returns: the port listened on, or 0 with @error set
 */
guint
mado_training_hub_listen (MadoTrainingHub  *self,
                          const char       *address,
                          GError          **error)
{
  return mado_training_server_listen (self->server, address, error);
}

/**
 * mado_training_hub_set_standing_fault:
 * @fault: (nullable): an X-Training-Fault value
 *
 * Serves @fault to every request that carries no X-Training-Fault of its
 * own, for clients that cannot add headers (madoguchi-cli).
 */
void
mado_training_hub_set_standing_fault (MadoTrainingHub *self,
                                      const char      *fault)
{
  g_return_if_fail (MADO_IS_TRAINING_HUB (self));

  g_free (self->standing_fault);
  self->standing_fault = g_strdup (fault);
}
