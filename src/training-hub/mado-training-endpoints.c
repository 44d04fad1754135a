/* mado-training-endpoints.c — the training hub's routes and its identity endpoints: status, challenges, verifications, bundles
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <openssl/rand.h>

#include "mado-training-digest.h"
#include "mado-training-history.h"
#include "mado-training-hub-private.h"
#include "mado-training-json.h"

#define CHALLENGE_BYTES 32
#define TOKEN_LIFETIME_SECONDS (15 * 60)

typedef struct {
  char *terminal;         /* certificate fingerprint */
  gint64 expires_us;
  gboolean used;
} Challenge;

typedef struct {
  char *terminal;
  char *resident_ref;
  guint consent;
  gint64 expires_us;
} Token;

static void
challenge_free (Challenge *challenge)
{
  g_free (challenge->terminal);
  g_free (challenge);
}

static void
token_free (Token *token)
{
  g_free (token->terminal);
  g_free (token->resident_ref);
  g_free (token);
}

static void
terminal_clear (MadoTrainingTerminal *terminal)
{
  g_clear_pointer (&terminal->fingerprint, g_free);
  g_clear_pointer (&terminal->terminal_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MadoTrainingTerminal, terminal_clear)

static char *
format_time (gint64 real_time_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (real_time_us / G_USEC_PER_SEC);

  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
base64url_encode (const guint8 *data,
                  gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return text;
}

/* Strict: only the alphabet asked for, padding only where it belongs;
 * g_base64_decode() itself skips what it does not understand. */
static GBytes *
base64_decode_strict (const char *text,
                      gboolean    url)
{
  g_autoptr(GString) std = g_string_new (NULL);
  gsize len = strlen (text), out_len = 0;
  guchar *out;

  if (len == 0)
    return NULL;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (g_ascii_isalnum (c))
        g_string_append_c (std, c);
      else if (url && (c == '-' || c == '_'))
        g_string_append_c (std, c == '-' ? '+' : '/');
      else if (!url && (c == '+' || c == '/'))
        g_string_append_c (std, c);
      else if (!url && c == '=' && i >= len - 2 && len % 4 == 0)
        g_string_append_c (std, c);
      else
        return NULL;
    }
  if (std->len % 4 == 1)
    return NULL;
  while (std->len % 4 != 0)
    g_string_append_c (std, '=');
  out = g_base64_decode (std->str, &out_len);
  return g_bytes_new_take (out, out_len);
}

static char *
random_base64url (gsize n_bytes)
{
  guint8 buf[64];

  g_assert (n_bytes <= sizeof buf);
  if (RAND_bytes (buf, (int) n_bytes) != 1)
    g_error ("the random number generator failed");
  return base64url_encode (buf, n_bytes);
}

static gboolean
is_digits (const char *text,
           gsize       n)
{
  if (strlen (text) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static void
prune_expired (MadoTrainingHub *self,
               gint64           now)
{
  GHashTableIter iter;
  gpointer value;

  /* Used challenges are kept a minute past expiry so that a replay is
   * named as one rather than as unknown. */
  if (now - self->last_prune_us < G_USEC_PER_SEC)
    return;
  self->last_prune_us = now;
  g_hash_table_iter_init (&iter, self->challenges);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Challenge *) value)->expires_us + 60 * G_USEC_PER_SEC < now)
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Token *) value)->expires_us < now)
      g_hash_table_iter_remove (&iter);
}

static void
handle_status (MadoTrainingHub   *self,
               SoupServerMessage *msg)
{
  g_autofree char *now = format_time (g_get_real_time ());

  mado_training_json_respond_strings (msg, SOUP_STATUS_OK,
                                      "status", "ok",
                                      "apiVersion", "1",
                                      "hubName", mado_training_fixtures_get_hub_name (self->fixtures),
                                      "time", now,
                                      NULL);
}

/* A challenge request may carry the card's certificate: the hub judges it
 * as a verification would (chain, validity, CRL), so that a revoked or
 * expired card is refused before the resident types a PIN. */
static MadoProblem
check_challenge_card (MadoTrainingHub    *self,
                      SoupServerMessage  *msg,
                      char              **out_detail)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) certificate = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *serial = NULL;
  JsonObject *body;
  const char *text = NULL;

  if (soup_server_message_get_request_body (msg)->length == 0)
    return MADO_PROBLEM_NONE;
  body = mado_training_endpoints_parse_body (msg, &root);
  if (body != NULL)
    text = mado_training_json_get_string (body, "certificate");
  if (text != NULL)
    certificate = base64_decode_strict (text, FALSE);
  if (certificate == NULL)
    {
      *out_detail = g_strdup ("a body must be an object with a base64 certificate");
      return MADO_PROBLEM_BAD_REQUEST;
    }
  return mado_training_verifier_check_card (self->verifier, certificate, &issuer, &serial,
                                            out_detail);
}

static void
handle_challenge (MadoTrainingHub      *self,
                  SoupServerMessage    *msg,
                  MadoTrainingTerminal *terminal)
{
  gint64 now = g_get_real_time ();
  g_autofree char *detail = NULL;
  MadoProblem problem = check_challenge_card (self, msg, &detail);
  Challenge *challenge;
  char *value;
  g_autofree char *expires = NULL;

  if (problem != MADO_PROBLEM_NONE)
    {
      mado_training_problem_respond (msg, problem, 0, detail);
      return;
    }
  challenge = g_new0 (Challenge, 1);
  value = random_base64url (CHALLENGE_BYTES);
  prune_expired (self, now);
  challenge->terminal = g_strdup (terminal->fingerprint);
  challenge->expires_us = now + (gint64) self->challenge_lifetime_s * G_USEC_PER_SEC;
  expires = format_time (challenge->expires_us);
  g_hash_table_insert (self->challenges, value, challenge);
  mado_training_json_respond_strings (msg, SOUP_STATUS_CREATED,
                                      "challenge", value, "expiresAt", expires, NULL);
}

/* Consumes the challenge when it is acceptable: whatever happens next,
 * it cannot be used a second time. */
static MadoProblem
take_challenge (MadoTrainingHub      *self,
                const char           *value,
                MadoTrainingTerminal *terminal)
{
  Challenge *challenge = g_hash_table_lookup (self->challenges, value);

  if (challenge == NULL)
    return MADO_PROBLEM_CHALLENGE_UNKNOWN;
  if (g_get_real_time () > challenge->expires_us)
    return MADO_PROBLEM_CHALLENGE_EXPIRED;
  if (challenge->used)
    return MADO_PROBLEM_CHALLENGE_REPLAYED;
  if (!g_str_equal (challenge->terminal, terminal->fingerprint))
    return MADO_PROBLEM_CHALLENGE_OTHER_TERMINAL;
  challenge->used = TRUE;
  return MADO_PROBLEM_NONE;
}

typedef struct {
  const char *challenge;
  const char *certificate;
  const char *signature;
  const char *method;
  const char *operator_id;
  const char *institution_code;
  const char *terminal_id;
  guint consent;
} VerificationRequest;

/* Everything about the shape of the request, before any state is touched. */
static MadoProblem
parse_verification (JsonObject          *body,
                    VerificationRequest *req,
                    const char         **detail)
{
  JsonObject *identity = mado_training_json_get_object (body, "identity");
  JsonArray *consent = mado_training_json_get_array (body, "consent");

  req->challenge = mado_training_json_get_string (body, "challenge");
  req->certificate = mado_training_json_get_string (body, "certificate");
  req->signature = mado_training_json_get_string (body, "signature");
  req->institution_code = mado_training_json_get_string (body, "institutionCode");
  req->terminal_id = mado_training_json_get_string (body, "terminalId");
  req->method = mado_training_json_get_string (identity, "method");
  req->operator_id = mado_training_json_get_string (identity, "operatorId");

  if (!req->challenge || !req->certificate || !req->institution_code
      || !req->terminal_id || !req->method || !consent)
    return (*detail = "challenge, certificate, identity.method, consent, institutionCode and terminalId are required",
            MADO_PROBLEM_BAD_REQUEST);
  if (!is_digits (req->institution_code, 10))
    return (*detail = "institutionCode must be 10 digits", MADO_PROBLEM_BAD_REQUEST);
  if (!mado_training_endpoints_is_identifier (req->terminal_id, "._-"))
    return (*detail = "terminalId must be 1–64 of [A-Za-z0-9._-]", MADO_PROBLEM_BAD_REQUEST);
  if (g_str_equal (req->method, "pin"))
    {
      if (req->signature == NULL)
        return (*detail = "identity method pin needs a signature", MADO_PROBLEM_BAD_REQUEST);
    }
  else if (g_str_equal (req->method, "visual"))
    {
      if (req->operator_id == NULL || *req->operator_id == '\0' || strlen (req->operator_id) > 64)
        return (*detail = "identity method visual needs an operatorId (1–64 characters)",
                MADO_PROBLEM_BAD_REQUEST);
    }
  else
    return (*detail = "identity.method must be pin or visual", MADO_PROBLEM_BAD_REQUEST);

  req->consent = 0;
  for (guint i = 0; i < json_array_get_length (consent); i++)
    {
      JsonNode *element = json_array_get_element (consent, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING
          || !mado_training_fixtures_parse_consent (json_node_get_string (element), &req->consent))
        return (*detail = "consent holds an unknown category", MADO_PROBLEM_BAD_REQUEST);
    }
  if (req->consent == 0)
    return (*detail = "no category was consented", MADO_PROBLEM_CONSENT_REQUIRED);
  return MADO_PROBLEM_NONE;
}

static MadoProblem
check_terminal_binding (MadoTrainingHub      *self,
                        VerificationRequest  *req,
                        MadoTrainingTerminal *terminal,
                        const char          **detail)
{
  JsonObject *entry;
  const char *institution;

  if (!g_str_equal (req->terminal_id, terminal->terminal_id))
    return (*detail = "terminalId is not the client certificate's CN",
            MADO_PROBLEM_TERMINAL_MISMATCH);
  entry = mado_training_fixtures_find_terminal (self->fixtures, terminal->terminal_id);
  institution = mado_training_json_get_string (entry, "institutionCode");
  if (institution != NULL && !g_str_equal (institution, req->institution_code))
    return (*detail = "institutionCode is not this terminal's institution",
            MADO_PROBLEM_TERMINAL_MISMATCH);
  return MADO_PROBLEM_NONE;
}

static gboolean
terminal_may_use_visual (MadoTrainingHub      *self,
                         MadoTrainingTerminal *terminal)
{
  JsonObject *entry = mado_training_fixtures_find_terminal (self->fixtures, terminal->terminal_id);

  return entry != NULL
         && json_object_get_boolean_member_with_default (entry, "visualAllowed", FALSE);
}

/* What binds the verification's answer to its request: the resident the
 * hub found and the certificate it checked (docs/hub-api.md). */
typedef struct {
  const char *token;
  gint64      token_expires_us;
  const char *resident_ref;
  const char *certificate_sha256;
} Verified;

static void
respond_bundle (SoupServerMessage *msg,
                guint              status,
                JsonNode          *bundle,
                const Verified    *verified)
{
  JsonObject *bundle_object = json_node_get_object (bundle);
  g_autofree char *etag = g_strdup_printf ("\"%s\"", mado_training_json_get_string (bundle_object, "version"));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  if (verified != NULL)
    {
      JsonObject *answer = json_object_new ();
      g_autofree char *expires = format_time (verified->token_expires_us);

      json_object_set_string_member (answer, "residentToken", verified->token);
      json_object_set_string_member (answer, "tokenExpiresAt", expires);
      json_object_set_string_member (answer, "residentRef", verified->resident_ref);
      json_object_set_string_member (answer, "certificateSha256", verified->certificate_sha256);
      json_object_set_member (answer, "bundle", json_node_ref (bundle));
      mado_training_json_respond_object (msg, status, answer);
    }
  else
    mado_training_json_respond (msg, status, bundle);
}

/* @out_sha256: the SHA-256 of the card certificate that was checked. */
static MadoProblem
verify_identity (MadoTrainingHub      *self,
                 VerificationRequest  *req,
                 MadoTrainingTerminal *terminal,
                 JsonObject          **out_resident,
                 char                **out_sha256,
                 char                **out_detail)
{
  g_autoptr(GBytes) certificate = base64_decode_strict (req->certificate, FALSE);
  g_autofree char *issuer = NULL;
  g_autofree char *serial = NULL;
  MadoProblem problem;

  if (certificate == NULL)
    {
      *out_detail = g_strdup ("certificate is not base64");
      return MADO_PROBLEM_BAD_REQUEST;
    }
  problem = mado_training_verifier_check_card (self->verifier, certificate, &issuer, &serial, out_detail);
  if (problem != MADO_PROBLEM_NONE)
    return problem;

  if (g_str_equal (req->method, "pin"))
    {
      g_autoptr(GBytes) signature = base64_decode_strict (req->signature, FALSE);
      g_autoptr(GBytes) challenge = base64_decode_strict (req->challenge, TRUE);
      g_autoptr(GBytes) signed_bytes = NULL;

      if (signature == NULL || challenge == NULL)
        {
          *out_detail = g_strdup ("signature is not base64");
          return MADO_PROBLEM_SIGNATURE_INVALID;
        }
      signed_bytes = mado_training_verifier_signed_bytes (challenge, req->institution_code, req->terminal_id);
      if (!mado_training_verifier_check_signature (self->verifier, certificate, signed_bytes, signature))
        {
          *out_detail = g_strdup ("the signature does not verify over the identity bytes");
          return MADO_PROBLEM_SIGNATURE_INVALID;
        }
    }
  else if (!terminal_may_use_visual (self, terminal))
    {
      *out_detail = g_strdup_printf ("terminal %s is not authorised for visual checks",
                                     terminal->terminal_id);
      return MADO_PROBLEM_VISUAL_NOT_AUTHORISED;
    }

  *out_resident = mado_training_fixtures_find_resident_by_card (self->fixtures, issuer, serial);
  if (*out_resident == NULL)
    {
      *out_detail = g_strdup_printf ("no resident for serial %s", serial);
      return MADO_PROBLEM_RESIDENT_NOT_FOUND;
    }
  *out_sha256 = mado_training_digest_sha256_hex (certificate);
  return MADO_PROBLEM_NONE;
}

static void
handle_verification (MadoTrainingHub      *self,
                     SoupServerMessage    *msg,
                     MadoTrainingTerminal *terminal)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *detail_owned = NULL;
  JsonObject *body = mado_training_endpoints_parse_body (msg, &root);
  JsonObject *resident = NULL;
  g_autofree char *certificate_sha256 = NULL;
  Verified verified = { 0, };
  VerificationRequest req = { 0, };
  const char *detail = NULL;
  MadoProblem problem;
  Token *token;
  char *token_value;

  if (body == NULL)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, "the body is not a JSON object");
      return;
    }
  problem = parse_verification (body, &req, &detail);
  if (problem == MADO_PROBLEM_NONE)
    problem = check_terminal_binding (self, &req, terminal, &detail);
  if (problem == MADO_PROBLEM_NONE)
    problem = take_challenge (self, req.challenge, terminal);
  if (problem == MADO_PROBLEM_NONE)
    {
      problem = verify_identity (self, &req, terminal, &resident, &certificate_sha256, &detail_owned);
      detail = detail_owned;
    }
  if (problem != MADO_PROBLEM_NONE)
    {
      mado_training_problem_respond (msg, problem, 0, detail);
      return;
    }

  token = g_new0 (Token, 1);
  token->terminal = g_strdup (terminal->fingerprint);
  token->resident_ref = g_strdup (mado_training_json_get_string (resident, "residentRef"));
  token->consent = req.consent;
  token->expires_us = g_get_real_time () + (gint64) TOKEN_LIFETIME_SECONDS * G_USEC_PER_SEC;
  token_value = random_base64url (32);
  g_hash_table_insert (self->tokens, token_value, token);
  g_debug ("verified %s (%s) at %s", token->resident_ref, req.method, terminal->terminal_id);

  bundle = mado_training_fixtures_build_bundle (resident, req.consent, now);
  mado_training_history_add (self->store, bundle, token->resident_ref);
  verified.token = token_value;
  verified.token_expires_us = token->expires_us;
  verified.resident_ref = token->resident_ref;
  verified.certificate_sha256 = certificate_sha256;
  respond_bundle (msg, SOUP_STATUS_OK, bundle, &verified);
}

static gboolean
if_none_match_matches (const char *header,
                       const char *etag)
{
  g_auto(GStrv) candidates = NULL;

  if (header == NULL)
    return FALSE;
  candidates = g_strsplit (header, ",", -1);
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      const char *candidate = g_strstrip (candidates[i]);

      if (g_str_has_prefix (candidate, "W/"))
        candidate += 2;
      if (g_str_equal (candidate, "*") || g_str_equal (candidate, etag))
        return TRUE;
    }
  return FALSE;
}

static void
handle_bundle (MadoTrainingHub      *self,
               SoupServerMessage    *msg,
               MadoTrainingTerminal *terminal,
               const char           *token_value,
               GHashTable           *query)
{
  Token *token = g_hash_table_lookup (self->tokens, token_value);
  const char *consent_text = query ? g_hash_table_lookup (query, "consent") : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonNode) bundle = NULL;
  g_autofree char *etag = NULL;
  JsonObject *resident;
  guint consent = 0;

  if (token == NULL || token->expires_us < g_get_real_time ()
      || !g_str_equal (token->terminal, terminal->fingerprint))
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_TOKEN_INVALID, 0,
                                     "the token is unknown, expired or from another terminal");
      return;
    }
  if (consent_text != NULL)
    {
      g_auto(GStrv) names = g_strsplit (consent_text, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        if (*names[i] != '\0' && !mado_training_fixtures_parse_consent (names[i], &consent))
          {
            mado_training_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, "consent holds an unknown category");
            return;
          }
      if (consent == 0)
        {
          mado_training_problem_respond (msg, MADO_PROBLEM_CONSENT_REQUIRED, 0, "no category was asked for");
          return;
        }
      if ((consent & ~token->consent) != 0)
        {
          mado_training_problem_respond (msg, MADO_PROBLEM_CONSENT_REQUIRED, 0,
                                         "a category was not consented at verification");
          return;
        }
    }
  else
    consent = token->consent;

  resident = mado_training_fixtures_find_resident_by_ref (self->fixtures, token->resident_ref);
  bundle = mado_training_fixtures_build_bundle (resident, consent, now);
  mado_training_history_add (self->store, bundle, token->resident_ref);
  etag = g_strdup_printf ("\"%s\"", mado_training_json_get_string (json_node_get_object (bundle), "version"));
  if (if_none_match_matches (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                           "If-None-Match"), etag))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  respond_bundle (msg, SOUP_STATUS_OK, bundle, NULL);
}

static gboolean
method_is (SoupServerMessage *msg,
           const char        *method)
{
  if (g_str_equal (soup_server_message_get_method (msg), method))
    return TRUE;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", method);
  mado_training_problem_respond (msg, MADO_PROBLEM_METHOD_NOT_ALLOWED, 0, NULL);
  return FALSE;
}

/* The challenges and tokens this hub handed out, and when they expire. */
void
mado_training_endpoints_init (MadoTrainingHub *self)
{
  self->challenges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) challenge_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) token_free);
}

/**
 * mado_training_endpoints_dispatch:
 * @self: the hub
 * @msg: a request
 * @path: its path
 * @query: (nullable): its query
 *
 * Answers @msg: the terminal is identified, the body size checked, then
 * the route's handler runs.
 */
void
mado_training_endpoints_dispatch (MadoTrainingHub   *self,
                                  SoupServerMessage *msg,
                                  const char        *path,
                                  GHashTable        *query)
{
  g_auto(MadoTrainingTerminal) terminal = { NULL, NULL };
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (!g_str_has_prefix (path, "/v1/"))
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_UNSUPPORTED_VERSION, 0, "this hub serves /v1 only");
      return;
    }
  if (!mado_training_server_identify_terminal (self, msg, &terminal))
    return;
  if (body->length > MADO_TRAINING_HUB_MAX_BODY)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_PAYLOAD_TOO_LARGE, 0, "bodies are limited to 4 MiB");
      return;
    }

  if (g_str_equal (path, "/v1/status"))
    {
      if (method_is (msg, "GET"))
        handle_status (self, msg);
    }
  else if (g_str_equal (path, "/v1/challenges"))
    {
      if (method_is (msg, "POST"))
        handle_challenge (self, msg, &terminal);
    }
  else if (g_str_equal (path, "/v1/verifications"))
    {
      if (method_is (msg, "POST"))
        handle_verification (self, msg, &terminal);
    }
  else if (g_str_has_prefix (path, "/v1/bundles/") && strchr (path + 12, '/') == NULL
           && path[12] != '\0')
    {
      if (method_is (msg, "GET"))
        handle_bundle (self, msg, &terminal, path + 12, query);
    }
  else if (g_str_equal (path, "/v1/records/vaccinations"))
    {
      if (method_is (msg, "POST"))
        mado_training_records_handle_submit (self, msg, &terminal, "vaccination");
    }
  else if (g_str_equal (path, "/v1/records/questionnaires"))
    {
      if (method_is (msg, "POST"))
        mado_training_records_handle_submit (self, msg, &terminal, "questionnaire");
    }
  else if (g_str_equal (path, "/v1/records/batch"))
    {
      if (method_is (msg, "POST"))
        mado_training_records_handle_batch (self, msg, &terminal);
    }
  else if (g_str_equal (path, "/v1/training/records-count"))
    {
      if (method_is (msg, "GET"))
        mado_training_records_handle_count (self, msg);
    }
  else
    mado_training_problem_respond (msg, MADO_PROBLEM_NOT_FOUND, 0, NULL);
}

/**
 * mado_training_endpoints_parse_body:
 * @msg: a request
 * @out_root: (out) (transfer full): the parsed body, when it is an object
 *
 * Returns: (transfer none) (nullable): the body as a JSON object, owned by
 *   @out_root; %NULL when it is empty, not UTF-8, not JSON or no object
 */
JsonObject *
mado_training_endpoints_parse_body (SoupServerMessage  *msg,
                                    JsonNode          **out_root)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *detail = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  *out_root = mado_training_json_parse_object (data, len, &detail);
  if (*out_root == NULL)
    {
      g_debug ("request body refused: %s", detail);
      return NULL;
    }
  return json_node_get_object (*out_root);
}

/**
 * mado_training_endpoints_is_identifier:
 * @text: a terminal ID, an idempotency key or the like
 * @punctuation: the characters allowed besides ASCII letters and digits
 *
 * Returns: whether @text is 1–64 characters of those
 */
gboolean
mado_training_endpoints_is_identifier (const char *text,
                                       const char *punctuation)
{
  gsize len = strlen (text);

  if (len < 1 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && strchr (punctuation, text[i]) == NULL)
      return FALSE;
  return TRUE;
}
