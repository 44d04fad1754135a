/* mado-training-digest.h — SHA-256 for the training hub: what certificates are known by
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

const EVP_MD *mado_training_digest_sha256     (void);
char         *mado_training_digest_sha256_hex (GBytes *bytes);

G_END_DECLS
