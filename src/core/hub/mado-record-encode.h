/* mado-record-encode.h — the venue's records as the hub receives them (docs/hub-api.md)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-resident-bundle.h"
#include "mado-venue-record.h"

G_BEGIN_DECLS

JsonNode *mado_record_encode_judgement   (const MadoJudgement     *judgement,
                                          const MadoQuestionnaire *questionnaire);
JsonNode *mado_record_encode_vaccination (const MadoVaccination   *vaccination);
JsonNode *mado_record_encode_correction  (const MadoCorrection    *correction);
GBytes   *mado_record_encode_to_bytes    (JsonNode                *node);
GBytes   *mado_record_encode_local       (JsonNode                *node,
                                          const char              *resident_name);

G_END_DECLS
