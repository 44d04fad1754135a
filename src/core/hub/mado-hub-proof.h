/* mado-hub-proof.h — the identity proof: the bytes the card signs, and the request that carries them
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mado-hub-error.h"
#include "mado-resident-bundle.h"

G_BEGIN_DECLS

#define MADO_HUB_CHALLENGE_BYTES  32
#define MADO_HUB_SIGNATURE_BYTES  256
#define MADO_HUB_PROOF_LABEL      "MADOGUCHI-HUB-V1-IDENTITY"

/**
 * MadoHubIdentityMethod:
 * @MADO_HUB_IDENTITY_PIN: the card signed the proof after PIN verification
 * @MADO_HUB_IDENTITY_VISUAL: staff compared the face with the card photo
 */
typedef enum {
  MADO_HUB_IDENTITY_PIN,
  MADO_HUB_IDENTITY_VISUAL,
} MadoHubIdentityMethod;

typedef struct {
  const char            *challenge;     /* as issued */
  GBytes                *certificate;   /* DER of the user-authentication certificate */
  GBytes                *signature;     /* 256 bytes for PIN; NULL for visual */
  MadoHubIdentityMethod  method;
  const char            *operator_id;   /* visual only */
  MadoHubConsent         consent;
} MadoHubVerificationRequest;

gboolean  mado_hub_proof_is_institution_code  (const char                       *text);
gboolean  mado_hub_proof_is_terminal_id       (const char                       *text);
GBytes   *mado_hub_proof_challenge_bytes      (const char                       *text,
                                               GError                          **error);
GBytes   *mado_hub_proof_message              (GBytes                           *challenge,
                                               const char                       *institution_code,
                                               const char                       *terminal_id,
                                               GError                          **error);
GBytes   *mado_hub_proof_digest               (GBytes                           *challenge,
                                               const char                       *institution_code,
                                               const char                       *terminal_id,
                                               GError                          **error);
char     *mado_hub_proof_encode_verification  (const MadoHubVerificationRequest *request,
                                               const char                       *institution_code,
                                               const char                       *terminal_id,
                                               GError                          **error);

G_END_DECLS
