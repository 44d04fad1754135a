/* mado-training-history.h — the vaccinations the training hub accepted, in the resident's next bundle
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-training-store.h"

G_BEGIN_DECLS

void mado_training_history_add (MadoTrainingStore *store,
                                JsonNode          *bundle,
                                const char        *resident_ref);

G_END_DECLS
