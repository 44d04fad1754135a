/* mado-record-encode.h — the venue's records as the hub receives them (docs/hub-api.md)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-hub-encode.h"
#include "mado-resident-bundle.h"
#include "mado-venue-record.h"

G_BEGIN_DECLS

/* `POST /v1/records/batch` (docs/hub-api.md): at most this many records in
 * one request, and at most this many bytes of body. */
#define MADO_RECORD_BATCH_MAX_RECORDS 100
#define MADO_RECORD_BATCH_MAX_BYTES   (1024 * 1024)

/**
 * MadoRecordBatchEntry:
 * @kind: vaccination or questionnaire
 * @idempotency_key: the record's key, as for the single-record endpoints
 * @record: the record, naming the resident's `residentRef`
 */
typedef struct {
  MadoHubRecordKind  kind;
  const char        *idempotency_key;
  JsonObject        *record;
} MadoRecordBatchEntry;

JsonNode *mado_record_encode_judgement   (const MadoJudgement     *judgement,
                                          const MadoQuestionnaire *questionnaire);
JsonNode *mado_record_encode_vaccination (const MadoVaccination   *vaccination);
JsonNode *mado_record_encode_correction  (const MadoCorrection    *correction);
GBytes   *mado_record_encode_to_bytes    (JsonNode                *node);
GBytes   *mado_record_encode_local       (JsonNode                *node,
                                          const char              *resident_name);
char     *mado_record_encode_batch       (const MadoRecordBatchEntry *entries,
                                          guint                    n_entries,
                                          GError                 **error);

G_END_DECLS
