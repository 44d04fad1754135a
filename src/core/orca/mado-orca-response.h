/* mado-orca-response.h — one answer of ORCA's API, read strictly and bounded
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mado-orca-patient.h"

G_BEGIN_DECLS

/* No valid answer of the calls the desk makes comes near this. */
#define MADO_ORCA_MAX_RESPONSE_BYTES (1024 * 1024)
/* ORCA pads its arrays with empty objects; these bound the real ones too. */
#define MADO_ORCA_MAX_ARRAY          200
#define MADO_ORCA_MAX_MESSAGE_CHARS  200

typedef struct {
  char            *api_result;       /* Api_Result: 1–8 of [A-Z0-9] */
  char            *api_message;      /* Api_Result_Message, sanitised, nullable */
  char            *request_number;   /* nullable: two digits */
  char            *response_number;  /* nullable: two digits */
  char            *orca_uid;         /* nullable: the lock's token */
  char            *select_code;      /* Patient_Select (a question), nullable */
  char            *select_message;   /* Patient_Select_Message, sanitised, nullable */
  GStrv            messages;         /* Patient_Message/Warning_Info texts, sanitised */
  MadoOrcaPatient *patient;          /* Patient_Information with its 公費; nullable */
  GPtrArray       *candidates;       /* a search's patients (element-type MadoOrcaPatient) */
} MadoOrcaResponse;

MadoOrcaResponse *mado_orca_response_parse    (const char              *data,
                                               gsize                    length,
                                               const char              *root_name,
                                               GError                 **error);
void              mado_orca_response_free     (MadoOrcaResponse        *response);
gboolean          mado_orca_response_is_ok    (const MadoOrcaResponse  *response);
gboolean          mado_orca_response_check    (const MadoOrcaResponse  *response,
                                               GError                 **error);
char             *mado_orca_response_sanitise (const char              *text,
                                               guint                    max_chars);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOrcaResponse, mado_orca_response_free)

G_END_DECLS
