/* mado-record-decode.h — the hub's per-record answers to a batch of records, decoded strictly
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-hub-error.h"

G_BEGIN_DECLS

/**
 * MadoRecordOutcome:
 * @MADO_RECORD_ACCEPTED: the hub stored the record now
 * @MADO_RECORD_DUPLICATE: the hub had it already under this key (`duplicateOf` names it)
 * @MADO_RECORD_REFUSED: the hub refused it; its problem type says whether for good
 */
typedef enum {
  MADO_RECORD_ACCEPTED,
  MADO_RECORD_DUPLICATE,
  MADO_RECORD_REFUSED,
} MadoRecordOutcome;

typedef struct {
  char              *idempotency_key;
  MadoRecordOutcome  outcome;
  char              *record_id;     /* accepted, duplicate: the hub's record */
  GDateTime         *received_at;   /* accepted, duplicate */
  MadoHubError       refusal;       /* refused: what its problem type stands for */
  char              *detail;        /* refused: the hub's reason, sanitised; nullable */
} MadoRecordResult;

void       mado_record_result_free          (MadoRecordResult   *result);
GPtrArray *mado_record_decode_batch_results (const char         *data,
                                             gsize               length,
                                             const char *const  *keys,
                                             guint               n_keys,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoRecordResult, mado_record_result_free)

G_END_DECLS
