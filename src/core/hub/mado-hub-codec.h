/* mado-hub-codec.h — hub API messages: strict decoding, request encoding, the signed bytes
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
#define MADO_HUB_CHALLENGE_BYTES  32
#define MADO_HUB_SIGNATURE_BYTES  256
#define MADO_HUB_PROOF_LABEL      "MADOGUCHI-HUB-V1-IDENTITY"

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
} MadoHubVerification;

typedef struct {
  gboolean            unchanged;         /* 304: the cached version is confirmed now */
  GDateTime          *confirmed_at;      /* when the hub answered */
  char               *etag;              /* nullable when unchanged */
  MadoResidentBundle *bundle;            /* NULL when unchanged */
} MadoHubBundleFetch;

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

/**
 * MadoHubIdentityMethod:
 * @MADO_HUB_IDENTITY_PIN: the card signed the proof after PIN verification
 * @MADO_HUB_IDENTITY_VISUAL: staff compared the face with the card photo
 */
typedef enum {
  MADO_HUB_IDENTITY_PIN,
  MADO_HUB_IDENTITY_VISUAL,
} MadoHubIdentityMethod;

/**
 * MadoHubRecordKind:
 * @MADO_HUB_RECORD_VACCINATION: `POST /v1/records/vaccinations`
 * @MADO_HUB_RECORD_QUESTIONNAIRE: `POST /v1/records/questionnaires`
 */
typedef enum {
  MADO_HUB_RECORD_VACCINATION,
  MADO_HUB_RECORD_QUESTIONNAIRE,
} MadoHubRecordKind;

typedef struct {
  const char            *challenge;     /* as issued */
  GBytes                *certificate;   /* DER of the user-authentication certificate */
  GBytes                *signature;     /* 256 bytes for PIN; NULL for visual */
  MadoHubIdentityMethod  method;
  const char            *operator_id;   /* visual only */
  MadoHubConsent         consent;
} MadoHubVerificationRequest;

void                  mado_hub_status_free            (MadoHubStatus *status);
void                  mado_hub_challenge_free         (MadoHubChallenge *challenge);
void                  mado_hub_verification_free      (MadoHubVerification *verification);
void                  mado_hub_bundle_fetch_free      (MadoHubBundleFetch *fetch);
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
MadoResidentBundle   *mado_hub_decode_bundle          (const char      *data,
                                                       gsize            length,
                                                       MadoHubConsent   consent,
                                                       GError         **error);
MadoHubRecordReceipt *mado_hub_decode_record_receipt  (const char      *data,
                                                       gsize            length,
                                                       GError         **error);
MadoHubProblem       *mado_hub_decode_problem         (const char      *data,
                                                       gsize            length,
                                                       GError         **error);

char                 *mado_hub_encode_verification    (const MadoHubVerificationRequest *request,
                                                       const char      *institution_code,
                                                       const char      *terminal_id,
                                                       GError         **error);
char                 *mado_hub_encode_record          (MadoHubRecordKind kind,
                                                       JsonObject      *record,
                                                       GError         **error);
char                 *mado_hub_consent_to_string      (MadoHubConsent   consent);
const char           *mado_hub_record_kind_to_path    (MadoHubRecordKind kind);

gboolean              mado_hub_is_institution_code    (const char      *text);
gboolean              mado_hub_is_terminal_id         (const char      *text);
gboolean              mado_hub_is_idempotency_key     (const char      *text);
char                 *mado_hub_new_idempotency_key    (void);
char                 *mado_hub_base64_of              (GBytes          *bytes);

GBytes               *mado_hub_challenge_decode_text  (const char      *text,
                                                       GError         **error);
GBytes               *mado_hub_proof_message          (GBytes          *challenge,
                                                       const char      *institution_code,
                                                       const char      *terminal_id,
                                                       GError         **error);
GBytes               *mado_hub_proof_digest           (GBytes          *challenge,
                                                       const char      *institution_code,
                                                       const char      *terminal_id,
                                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubStatus, mado_hub_status_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubChallenge, mado_hub_challenge_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubVerification, mado_hub_verification_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubBundleFetch, mado_hub_bundle_fetch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubRecordReceipt, mado_hub_record_receipt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHubProblem, mado_hub_problem_free)

G_END_DECLS
