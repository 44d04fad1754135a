/* mado-training-hub.h — the hub API (docs/hub-api.md) on a SoupServer, for tests, demos and training
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "mado-training-fixtures.h"
#include "mado-training-store.h"
#include "mado-training-verifier.h"

G_BEGIN_DECLS

#define MADO_TRAINING_HUB_MAX_BODY (4 * 1024 * 1024)

#define MADO_TYPE_TRAINING_HUB (mado_training_hub_get_type ())
G_DECLARE_FINAL_TYPE (MadoTrainingHub, mado_training_hub, MADO, TRAINING_HUB, GObject)

MadoTrainingHub *mado_training_hub_new    (MadoTrainingFixtures *fixtures,
                                           MadoTrainingVerifier *verifier,
                                           MadoTrainingStore    *store,
                                           GTlsCertificate      *server_certificate,
                                           GTlsDatabase         *terminal_database,
                                           gboolean              enable_faults,
                                           guint                 challenge_lifetime_seconds);

void             mado_training_hub_set_standing_fault (MadoTrainingHub *self,
                                                       const char      *fault);
guint            mado_training_hub_listen (MadoTrainingHub      *self,
                                           const char           *address,
                                           GError              **error);

G_END_DECLS
