/* mado-training-x509.h — reading certificates for the training hub's verifier
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

G_BEGIN_DECLS

/* When every certificate of a verified chain is within its dates: the
 * latest notBefore and the earliest notAfter over the chain, its CA
 * included. A cached answer holds only inside it, so a CA that expires
 * before its leaf ends the leaf's entry too. */
typedef struct {
  time_t not_before;
  time_t not_after;
} MadoTrainingValidity;

gboolean  mado_training_x509_load_pem          (const char                 *file,
                                                gboolean                    crls,
                                                GPtrArray                  *into,
                                                GError                    **error);
X509     *mado_training_x509_from_der          (GBytes                     *der);
char     *mado_training_x509_common_name       (X509                       *x509);
char     *mado_training_x509_name_to_string    (const X509_NAME            *name);
gboolean  mado_training_x509_chain_validity    (X509_STORE_CTX             *ctx,
                                                MadoTrainingValidity       *out);
gboolean  mado_training_x509_validity_covers   (const MadoTrainingValidity *validity,
                                                time_t                      now);

G_END_DECLS
