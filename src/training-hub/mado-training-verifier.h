/* mado-training-verifier.h — the training hub's certificate and signature checks (OpenSSL)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-training-problem.h"

G_BEGIN_DECLS

#define MADO_TYPE_TRAINING_VERIFIER (mado_training_verifier_get_type ())
G_DECLARE_FINAL_TYPE (MadoTrainingVerifier, mado_training_verifier, MADO, TRAINING_VERIFIER, GObject)

MadoTrainingVerifier *mado_training_verifier_new (const char  *terminal_ca_file,
                                                  const char  *trust_anchors_file,
                                                  const char  *crl_file,
                                                  GError     **error);

gboolean    mado_training_verifier_check_terminal (MadoTrainingVerifier  *self,
                                                   GBytes                *der,
                                                   char                 **out_fingerprint,
                                                   char                 **out_common_name,
                                                   char                 **out_reason);

MadoProblem mado_training_verifier_check_card     (MadoTrainingVerifier  *self,
                                                   GBytes                *der,
                                                   char                 **out_issuer,
                                                   char                 **out_serial,
                                                   char                 **out_detail);

gboolean    mado_training_verifier_check_signature (MadoTrainingVerifier *self,
                                                    GBytes       *certificate_der,
                                                    GBytes       *signed_bytes,
                                                    GBytes       *signature);

GBytes     *mado_training_verifier_signed_bytes     (GBytes       *challenge,
                                                   const char   *institution_code,
                                                   const char   *terminal_id);

char       *mado_training_verifier_normalise_serial (const char   *serial);

void        mado_training_verifier_set_time         (MadoTrainingVerifier *self,
                                                   gint64        unix_seconds);

G_END_DECLS
