/* mado-training-terminal-database.c — the terminal CA as the TLS layer sees it, checked by the hub's verifier
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The TLS handshake asks its GTlsDatabase whether a terminal's
 * certificate chains to the terminal CA. GLib's GnuTLS backend
 * (glib-networking 2.74) re-reads and re-parses the CA file of a
 * GTlsFileDatabase for every connection, then verifies the chain with
 * GnuTLS: about a fifth of the hub's CPU per new connection. This database
 * answers with mado_training_verifier_check_terminal() instead, the same
 * OpenSSL check (chain to the terminal CA, TLS-client purpose, dates) that
 * every request runs again, cached by the certificate's SHA-256 with the
 * dates checked each time. The backend then gives the connection plain
 * credentials without a trust list, so nothing is read per connection.
 *
 * The handshake runs in one of GLib's worker threads: the verifier's
 * caches are guarded by its lock.
 */
#include "config.h"

#include "mado-training-terminal-database.h"

struct _MadoTrainingTerminalDatabase
{
  GTlsDatabase parent_instance;

  MadoTrainingVerifier *verifier;
};

G_DEFINE_FINAL_TYPE (MadoTrainingTerminalDatabase, mado_training_terminal_database, G_TYPE_TLS_DATABASE)

static GTlsCertificateFlags
verify_chain (GTlsDatabase             *database,
              GTlsCertificate          *chain,
              const char               *purpose,
              GSocketConnectable       *identity,
              GTlsInteraction          *interaction,
              GTlsDatabaseVerifyFlags   flags,
              GCancellable             *cancellable,
              GError                  **error)
{
  MadoTrainingTerminalDatabase *self = MADO_TRAINING_TERMINAL_DATABASE (database);
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *common_name = NULL;
  g_autofree char *reason = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return G_TLS_CERTIFICATE_GENERIC_ERROR;
  /* Terminals are clients; this database vouches for nothing else. */
  if (g_strcmp0 (purpose, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_CLIENT) != 0)
    return G_TLS_CERTIFICATE_GENERIC_ERROR;
  g_object_get (chain, "certificate", &der, NULL);
  if (der == NULL)
    return G_TLS_CERTIFICATE_GENERIC_ERROR;
  bytes = g_bytes_new (der->data, der->len);
  if (!mado_training_verifier_check_terminal (self->verifier, bytes, &fingerprint, &common_name, &reason))
    {
      g_debug ("client certificate refused in the TLS handshake: %s", reason);
      return G_TLS_CERTIFICATE_UNKNOWN_CA;
    }
  return 0;
}

static void
mado_training_terminal_database_finalize (GObject *object)
{
  MadoTrainingTerminalDatabase *self = MADO_TRAINING_TERMINAL_DATABASE (object);

  g_clear_object (&self->verifier);
  G_OBJECT_CLASS (mado_training_terminal_database_parent_class)->finalize (object);
}

static void
mado_training_terminal_database_class_init (MadoTrainingTerminalDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = mado_training_terminal_database_finalize;
  database_class->verify_chain = verify_chain;
}

static void
mado_training_terminal_database_init (MadoTrainingTerminalDatabase *self)
{
}

/**
 * mado_training_terminal_database_new:
 * @verifier: the hub's verifier, which knows the terminal CA
 *
 * Returns: (transfer full): a database that accepts, for client
 *   authentication only, what @verifier accepts as a terminal
 */
GTlsDatabase *
mado_training_terminal_database_new (MadoTrainingVerifier *verifier)
{
  MadoTrainingTerminalDatabase *self = g_object_new (MADO_TYPE_TRAINING_TERMINAL_DATABASE, NULL);

  self->verifier = g_object_ref (verifier);
  return G_TLS_DATABASE (self);
}
