/* mado-training-fixtures.h — the training hub's residents and terminals, from a JSON file
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  MADO_CONSENT_SUBSIDY        = 1 << 0,
  MADO_CONSENT_VACCINATION    = 1 << 1,
  MADO_CONSENT_MATERNAL_CHILD = 1 << 2,
} MadoConsent;

#define MADO_TYPE_TRAINING_FIXTURES (mado_training_fixtures_get_type ())
G_DECLARE_FINAL_TYPE (MadoTrainingFixtures, mado_training_fixtures, MADO, TRAINING_FIXTURES, GObject)

MadoTrainingFixtures *mado_training_fixtures_new_from_file  (const char           *path,
                                                             GDate                *today,
                                                             GError              **error);

const char *mado_training_fixtures_get_hub_name             (MadoTrainingFixtures *self);
JsonObject *mado_training_fixtures_find_terminal            (MadoTrainingFixtures *self,
                                                             const char           *terminal_id);
JsonObject *mado_training_fixtures_find_resident_by_card    (MadoTrainingFixtures *self,
                                                             const char           *issuer,
                                                             const char           *serial);
JsonObject *mado_training_fixtures_find_resident_by_ref     (MadoTrainingFixtures *self,
                                                             const char           *resident_ref);
gboolean    mado_training_fixtures_has_questionnaire        (JsonObject           *resident,
                                                             const char           *questionnaire_id);
JsonNode   *mado_training_fixtures_build_bundle             (JsonObject           *resident,
                                                             guint                 consent,
                                                             GDateTime            *as_of);

gboolean    mado_training_fixtures_parse_consent            (const char           *name,
                                                             guint                *inout_mask);

G_END_DECLS
