/* mado-hub-decode.h — the hub's answers, decoded strictly: status, challenge, verification, receipt
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-hub-error.h"
#include "mado-resident-bundle.h"

G_BEGIN_DECLS

/* A body larger than this is refused by both sides (docs/hub-api.md). */
#define MADO_HUB_MAX_BODY_BYTES   (4 * 1024 * 1024)

typedef struct {
  char      *status;
  char      *api_version;
  char      *hub_name;
  GDateTime *time;
} MadoHubStatus;

typedef struct {
  char      *challenge;    /* as issued: base64url, no padding */
  GBytes    *raw;          /* the 32 decoded bytes */
  GDateTime *expires_at;
} MadoHubChallenge;

typedef struct {
  char               *resident_token;
  GDateTime          *token_expires_at;
  char               *etag;              /* the bundle version from the ETag header */
  MadoResidentBundle *bundle;
  char               *resident_ref;      /* the resident the hub verified */
  char               *certificate_sha256; /* of the certificate it verified, lowercase hex */
} MadoHubVerification;

typedef struct {
  char      *record_id;
  GDateTime *received_at;
  gboolean   replayed;                   /* 200: the hub had it already under this key */
} MadoHubRecordReceipt;

typedef struct {
  char         *type;
  char         *title;       /* nullable */
  char         *detail;      /* nullable */
  gint          status;      /* 0 when absent */
  MadoHubError  code;
} MadoHubProblem;

void                  mado_hub_status_free            (MadoHubStatus *status);
void                  mado_hub_challenge_free         (MadoHubChallenge *challenge);
void                  mado_hub_verification_free      (MadoHubVerification *verification);
void                  mado_hub_record_receipt_free    (MadoHubRecordReceipt *receipt);
void                  mado_hub_problem_free           (MadoHubProblem *problem);

MadoHubStatus        *mado_hub_decode_status          (const char      *data,
                                                       gsize            length,
                                                       GError         **error);
MadoHubChallenge     *mado_hub_decode_challenge       (const char      *data,
                                                       gsize            length,
                                                       GError         **error);
MadoHubVerification  *mado_hub_decode_verification    (const char      *data,
                                                       gsize            length,
                                                       MadoHubConsent   consent,
                                                       GError         **error);
MadoHubRecordReceipt *mado_hub_decode_record_receipt  (const char      *data,
                                                       gsize            length,
                                                       GError         **error);
MadoHubProblem       *mado_hub_decode_problem         (const char      *data,
                                                       gsize            length,
                                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubStatus, mado_hub_status_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubChallenge, mado_hub_challenge_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubVerification, mado_hub_verification_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubRecordReceipt, mado_hub_record_receipt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubProblem, mado_hub_problem_free)

G_END_DECLS
