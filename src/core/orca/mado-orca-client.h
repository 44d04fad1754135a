/* mado-orca-client.h — ORCA's API as the desk uses it: find a patient, read and register 公費
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-site-config.h"
#include "mado-orca-diff.h"
#include "mado-orca-patient.h"

G_BEGIN_DECLS

#define MADO_TYPE_ORCA_CLIENT (mado_orca_client_get_type ())
G_DECLARE_FINAL_TYPE (MadoOrcaClient, mado_orca_client, MADO, ORCA_CLIENT, GObject)

/**
 * MadoOrcaAnswer:
 * @MADO_ORCA_ANSWER_ASK: a question from ORCA stops the hand-off (%MADO_ORCA_ERROR_QUESTION)
 * @MADO_ORCA_ANSWER_OK: staff read ORCA's question and answer Ok
 * @MADO_ORCA_ANSWER_NG: staff answer No: nothing is registered (%MADO_ORCA_ERROR_DECLINED)
 */
typedef enum {
  MADO_ORCA_ANSWER_ASK,
  MADO_ORCA_ANSWER_OK,
  MADO_ORCA_ANSWER_NG,
} MadoOrcaAnswer;

typedef struct {
  gboolean  sent;         /* FALSE: ORCA already held everything, nothing was sent */
  char     *api_result;   /* ORCA's result of the commit; NULL when nothing was sent */
  GStrv     messages;     /* ORCA's warnings, sanitised; never NULL */
} MadoOrcaSendResult;

MadoOrcaClient  *mado_orca_client_new          (const MadoSiteConfig  *config,
                                                GError               **error);
MadoOrcaPatient *mado_orca_client_read_patient (MadoOrcaClient        *self,
                                                const char            *patient_id,
                                                GCancellable          *cancellable,
                                                GError               **error);
GPtrArray       *mado_orca_client_search       (MadoOrcaClient        *self,
                                                const char            *name,
                                                const GDate           *birth_date,
                                                GCancellable          *cancellable,
                                                GError               **error);
gboolean         mado_orca_client_send         (MadoOrcaClient        *self,
                                                const MadoOrcaDiff    *confirmed,
                                                GPtrArray             *subsidies,
                                                MadoOrcaAnswer         answer,
                                                MadoOrcaSendResult    *result,
                                                GCancellable          *cancellable,
                                                GError               **error);
void             mado_orca_send_result_clear   (MadoOrcaSendResult    *result);

G_END_DECLS
