/* mado-hub-encode.h — requests to the hub: record bodies, endpoints, keys and query parameters
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-hub-error.h"
#include "mado-resident-bundle.h"

G_BEGIN_DECLS

/**
 * MadoHubRecordKind:
 * @MADO_HUB_RECORD_VACCINATION: `POST /v1/records/vaccinations`
 * @MADO_HUB_RECORD_QUESTIONNAIRE: `POST /v1/records/questionnaires`
 */
typedef enum {
  MADO_HUB_RECORD_VACCINATION,
  MADO_HUB_RECORD_QUESTIONNAIRE,
} MadoHubRecordKind;

char       *mado_hub_encode_record                 (MadoHubRecordKind   kind,
                                                    JsonObject         *record,
                                                    GError            **error);
const char *mado_hub_encode_record_path            (MadoHubRecordKind   kind);
gboolean    mado_hub_encode_check_idempotency_key  (const char         *key,
                                                    GError            **error);
char       *mado_hub_encode_new_idempotency_key    (void);
char       *mado_hub_encode_consent                (MadoHubConsent      consent);
char       *mado_hub_encode_base64                 (GBytes             *bytes);
char       *mado_hub_encode_challenge_request      (GBytes             *certificate);

G_END_DECLS
