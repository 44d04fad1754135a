/* mado-training-hub.c — the hub API (docs/hub-api.md) on a SoupServer, for tests, demos and training
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <openssl/rand.h>

#include "mado-training-hub.h"

#define CHALLENGE_BYTES 32
#define TOKEN_LIFETIME_SECONDS (15 * 60)
#define MAX_OVERSIZE_BYTES (64 * 1024 * 1024)

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

/* Who is on the other end of the TLS connection. */
typedef struct {
  char *fingerprint;
  char *terminal_id;
} Terminal;

typedef enum {
  FAULT_NONE,
  FAULT_DELAY,
  FAULT_STATUS,
  FAULT_TRUNCATE,
  FAULT_DROP,
  FAULT_OVERSIZE,
} FaultKind;

struct _MadoTrainingHub
{
  GObject parent_instance;

  SoupServer *server;
  MadoTrainingFixtures *fixtures;
  MadoTrainingVerifier *verifier;
  MadoTrainingStore *store;
  GHashTable *challenges;   /* base64url → Challenge */
  GHashTable *tokens;       /* token → Token */
  GHashTable *peers;        /* GSocket (weak) → the client's GTlsCertificate */
  gint64 last_prune_us;
  gboolean faults;
  guint challenge_lifetime_s;
};

G_DEFINE_FINAL_TYPE (MadoTrainingHub, mado_training_hub, G_TYPE_OBJECT)

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
terminal_clear (Terminal *terminal)
{
  g_clear_pointer (&terminal->fingerprint, g_free);
  g_clear_pointer (&terminal->terminal_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Terminal, terminal_clear)

static void
mado_training_hub_dispose (GObject *object)
{
  MadoTrainingHub *self = MADO_TRAINING_HUB (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->fixtures);
  g_clear_object (&self->verifier);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mado_training_hub_parent_class)->dispose (object);
}

static void
peer_socket_gone_cb (gpointer  data,
                     GObject  *where_the_socket_was)
{
  MadoTrainingHub *self = data;

  g_hash_table_remove (self->peers, where_the_socket_was);
}

static void
mado_training_hub_finalize (GObject *object)
{
  MadoTrainingHub *self = MADO_TRAINING_HUB (object);
  GHashTableIter iter;
  gpointer socket;

  g_hash_table_iter_init (&iter, self->peers);
  while (g_hash_table_iter_next (&iter, &socket, NULL))
    g_object_weak_unref (socket, peer_socket_gone_cb, self);
  g_clear_pointer (&self->peers, g_hash_table_unref);
  g_clear_pointer (&self->challenges, g_hash_table_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  G_OBJECT_CLASS (mado_training_hub_parent_class)->finalize (object);
}

static void
mado_training_hub_class_init (MadoTrainingHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_training_hub_dispose;
  object_class->finalize = mado_training_hub_finalize;
}

static void
mado_training_hub_init (MadoTrainingHub *self)
{
  self->challenges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) challenge_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) token_free);
  self->peers = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
}

/* ---- small helpers ---------------------------------------------------- */

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
is_terminal_id (const char *id)
{
  gsize len = strlen (id);

  if (len < 1 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '.' && id[i] != '_' && id[i] != '-')
      return FALSE;
  return TRUE;
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

static gboolean
is_calendar_date (const char *text)
{
  guint64 y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]))
    return FALSE;
  y = g_ascii_strtoull (text, NULL, 10);
  m = g_ascii_strtoull (text + 5, NULL, 10);
  d = g_ascii_strtoull (text + 8, NULL, 10);
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31
         && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static JsonObject *
parse_body_object (SoupServerMessage *msg,
                   JsonNode         **out_root)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0 || !g_utf8_validate (data, len, NULL)
      || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  *out_root = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*out_root);
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

/* ---- endpoints -------------------------------------------------------- */

static void
handle_status (MadoTrainingHub   *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = format_time (g_get_real_time ());

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "apiVersion");
  json_builder_add_string_value (builder, "1");
  json_builder_set_member_name (builder, "hubName");
  json_builder_add_string_value (builder, mado_training_fixtures_get_hub_name (self->fixtures));
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, now);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mado_json_respond (msg, SOUP_STATUS_OK, root);
}

static void
handle_challenge (MadoTrainingHub   *self,
                  SoupServerMessage *msg,
                  Terminal          *terminal)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 now = g_get_real_time ();
  Challenge *challenge = g_new0 (Challenge, 1);
  char *value = random_base64url (CHALLENGE_BYTES);
  g_autofree char *expires = NULL;

  prune_expired (self, now);
  challenge->terminal = g_strdup (terminal->fingerprint);
  challenge->expires_us = now + (gint64) self->challenge_lifetime_s * G_USEC_PER_SEC;
  expires = format_time (challenge->expires_us);
  g_hash_table_insert (self->challenges, value, challenge);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "challenge");
  json_builder_add_string_value (builder, value);
  json_builder_set_member_name (builder, "expiresAt");
  json_builder_add_string_value (builder, expires);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mado_json_respond (msg, SOUP_STATUS_CREATED, root);
}

/* Consumes the challenge when it is acceptable: whatever happens next,
 * it cannot be used a second time. */
static MadoProblem
take_challenge (MadoTrainingHub *self,
                const char      *value,
                Terminal        *terminal)
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
  JsonObject *identity = mado_json_get_object (body, "identity");
  JsonArray *consent = mado_json_get_array (body, "consent");

  req->challenge = mado_json_get_string (body, "challenge");
  req->certificate = mado_json_get_string (body, "certificate");
  req->signature = mado_json_get_string (body, "signature");
  req->institution_code = mado_json_get_string (body, "institutionCode");
  req->terminal_id = mado_json_get_string (body, "terminalId");
  req->method = mado_json_get_string (identity, "method");
  req->operator_id = mado_json_get_string (identity, "operatorId");

  if (!req->challenge || !req->certificate || !req->institution_code
      || !req->terminal_id || !req->method || !consent)
    return (*detail = "challenge, certificate, identity.method, consent, institutionCode and terminalId are required",
            MADO_PROBLEM_BAD_REQUEST);
  if (!is_digits (req->institution_code, 10))
    return (*detail = "institutionCode must be 10 digits", MADO_PROBLEM_BAD_REQUEST);
  if (!is_terminal_id (req->terminal_id))
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
          || !mado_consent_parse (json_node_get_string (element), &req->consent))
        return (*detail = "consent holds an unknown category", MADO_PROBLEM_BAD_REQUEST);
    }
  if (req->consent == 0)
    return (*detail = "no category was consented", MADO_PROBLEM_CONSENT_REQUIRED);
  return MADO_PROBLEM_NONE;
}

static MadoProblem
check_terminal_binding (MadoTrainingHub     *self,
                        VerificationRequest *req,
                        Terminal            *terminal,
                        const char         **detail)
{
  JsonObject *entry;
  const char *institution;

  if (!g_str_equal (req->terminal_id, terminal->terminal_id))
    return (*detail = "terminalId is not the client certificate's CN",
            MADO_PROBLEM_TERMINAL_MISMATCH);
  entry = mado_training_fixtures_find_terminal (self->fixtures, terminal->terminal_id);
  institution = mado_json_get_string (entry, "institutionCode");
  if (institution != NULL && !g_str_equal (institution, req->institution_code))
    return (*detail = "institutionCode is not this terminal's institution",
            MADO_PROBLEM_TERMINAL_MISMATCH);
  return MADO_PROBLEM_NONE;
}

static gboolean
terminal_may_use_visual (MadoTrainingHub *self,
                         Terminal        *terminal)
{
  JsonObject *entry = mado_training_fixtures_find_terminal (self->fixtures, terminal->terminal_id);

  return entry != NULL
         && json_object_get_boolean_member_with_default (entry, "visualAllowed", FALSE);
}

static void
respond_bundle (SoupServerMessage *msg,
                guint              status,
                JsonNode          *bundle,
                const char        *token,
                gint64             token_expires_us)
{
  JsonObject *bundle_object = json_node_get_object (bundle);
  g_autofree char *etag = g_strdup_printf ("\"%s\"", mado_json_get_string (bundle_object, "version"));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  if (token != NULL)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *answer = json_object_new ();
      g_autofree char *expires = format_time (token_expires_us);

      json_object_set_string_member (answer, "residentToken", token);
      json_object_set_string_member (answer, "tokenExpiresAt", expires);
      json_object_set_member (answer, "bundle", json_node_ref (bundle));
      json_node_take_object (root, answer);
      mado_json_respond (msg, status, root);
    }
  else
    mado_json_respond (msg, status, bundle);
}

static MadoProblem
verify_identity (MadoTrainingHub     *self,
                 VerificationRequest *req,
                 Terminal            *terminal,
                 JsonObject         **out_resident,
                 char               **out_detail)
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
      signed_bytes = mado_identity_signed_bytes (challenge, req->institution_code, req->terminal_id);
      if (!mado_training_verifier_check_signature (certificate, signed_bytes, signature))
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
  return MADO_PROBLEM_NONE;
}

static void
handle_verification (MadoTrainingHub   *self,
                     SoupServerMessage *msg,
                     Terminal          *terminal)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *detail_owned = NULL;
  JsonObject *body = parse_body_object (msg, &root);
  JsonObject *resident = NULL;
  VerificationRequest req = { 0, };
  const char *detail = NULL;
  MadoProblem problem;
  Token *token;
  char *token_value;

  if (body == NULL)
    {
      mado_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, "the body is not a JSON object");
      return;
    }
  problem = parse_verification (body, &req, &detail);
  if (problem == MADO_PROBLEM_NONE)
    problem = check_terminal_binding (self, &req, terminal, &detail);
  if (problem == MADO_PROBLEM_NONE)
    problem = take_challenge (self, req.challenge, terminal);
  if (problem == MADO_PROBLEM_NONE)
    {
      problem = verify_identity (self, &req, terminal, &resident, &detail_owned);
      detail = detail_owned;
    }
  if (problem != MADO_PROBLEM_NONE)
    {
      mado_problem_respond (msg, problem, 0, detail);
      return;
    }

  token = g_new0 (Token, 1);
  token->terminal = g_strdup (terminal->fingerprint);
  token->resident_ref = g_strdup (mado_json_get_string (resident, "residentRef"));
  token->consent = req.consent;
  token->expires_us = g_get_real_time () + (gint64) TOKEN_LIFETIME_SECONDS * G_USEC_PER_SEC;
  token_value = random_base64url (32);
  g_hash_table_insert (self->tokens, token_value, token);
  g_debug ("verified %s (%s) at %s", token->resident_ref, req.method, terminal->terminal_id);

  bundle = mado_training_fixtures_build_bundle (resident, req.consent, now);
  respond_bundle (msg, SOUP_STATUS_OK, bundle, token_value, token->expires_us);
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
handle_bundle (MadoTrainingHub   *self,
               SoupServerMessage *msg,
               Terminal          *terminal,
               const char        *token_value,
               GHashTable        *query)
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
      mado_problem_respond (msg, MADO_PROBLEM_TOKEN_INVALID, 0,
                            "the token is unknown, expired or from another terminal");
      return;
    }
  if (consent_text != NULL)
    {
      g_auto(GStrv) names = g_strsplit (consent_text, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        if (*names[i] != '\0' && !mado_consent_parse (names[i], &consent))
          {
            mado_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, "consent holds an unknown category");
            return;
          }
      if (consent == 0)
        {
          mado_problem_respond (msg, MADO_PROBLEM_CONSENT_REQUIRED, 0, "no category was asked for");
          return;
        }
      if ((consent & ~token->consent) != 0)
        {
          mado_problem_respond (msg, MADO_PROBLEM_CONSENT_REQUIRED, 0,
                                "a category was not consented at verification");
          return;
        }
    }
  else
    consent = token->consent;

  resident = mado_training_fixtures_find_resident_by_ref (self->fixtures, token->resident_ref);
  bundle = mado_training_fixtures_build_bundle (resident, consent, now);
  etag = g_strdup_printf ("\"%s\"", mado_json_get_string (json_node_get_object (bundle), "version"));
  if (if_none_match_matches (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                           "If-None-Match"), etag))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  respond_bundle (msg, SOUP_STATUS_OK, bundle, NULL, 0);
}

/* ---- records ---------------------------------------------------------- */

static gboolean
is_short_string (JsonObject *object,
                 const char *member,
                 glong       max_chars)
{
  const char *value = mado_json_get_string (object, member);

  return value != NULL && *value != '\0' && g_utf8_strlen (value, -1) <= max_chars;
}

static gboolean
get_number (JsonObject *object,
            const char *member,
            double     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return isfinite (*out);
    default:
      return FALSE;
    }
}

static gboolean
is_integer (JsonObject *object,
            const char *member,
            gint64      min,
            gint64      max)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_INT64
         && json_node_get_int (node) >= min && json_node_get_int (node) <= max;
}

static gboolean
is_rfc3339 (const char *text)
{
  g_autoptr(GDateTime) when = NULL;

  /* A time zone is required: with none the default argument would apply. */
  if (text == NULL || strlen (text) < 20 || text[10] != 'T')
    return FALSE;
  when = g_date_time_new_from_iso8601 (text, NULL);
  return when != NULL;
}

static gboolean
is_past_or_today (const char *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return strcmp (date, today) <= 0;
}

static const char *
validate_vaccination (MadoTrainingHub *self,
                      JsonObject      *record,
                      JsonObject      *resident)
{
  JsonObject *code = mado_json_get_object (record, "vaccineCode");
  JsonArray *diseases = mado_json_get_array (record, "targetDisease");
  const char *date = mado_json_get_string (record, "occurrenceDate");
  const char *questionnaire = mado_json_get_string (record, "questionnaireId");
  double ml = 0;

  if (!is_short_string (code, "system", 200) || !is_short_string (code, "code", 64)
      || !is_short_string (code, "display", 200))
    return "vaccineCode needs system, code and display";
  if (diseases == NULL || json_array_get_length (diseases) == 0)
    return "targetDisease must name at least one disease";
  for (guint i = 0; i < json_array_get_length (diseases); i++)
    {
      JsonNode *element = json_array_get_element (diseases, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING
          || *json_node_get_string (element) == '\0')
        return "targetDisease holds something else than a name";
    }
  if (!is_calendar_date (date) || !is_past_or_today (date))
    return "occurrenceDate must be a calendar date, not in the future";
  if (!is_integer (record, "doseNumber", 1, 10))
    return "doseNumber must be an integer from 1 to 10";
  if (!is_short_string (record, "lotNumber", 64))
    return "lotNumber is required (at most 64 characters)";
  if (!is_short_string (record, "site", 64))
    return "site is required (at most 64 characters)";
  if (!get_number (record, "doseQuantityMl", &ml) || ml <= 0 || ml > 5)
    return "doseQuantityMl must be a number above 0 and at most 5";
  if (!is_short_string (record, "performer", 100))
    return "performer is required (at most 100 characters)";
  if (json_object_has_member (record, "questionnaireId")
      && (questionnaire == NULL || !mado_training_fixtures_has_questionnaire (resident, questionnaire)))
    return "questionnaireId is not one of this resident's questionnaires";
  return NULL;
}

static const char *
validate_questionnaire (MadoTrainingHub *self,
                        JsonObject      *record,
                        JsonObject      *resident)
{
  const char *questionnaire = mado_json_get_string (record, "questionnaireId");
  const char *decision = mado_json_get_string (record, "decision");
  JsonArray *section = mado_json_get_array (record, "doctorSection");

  if (questionnaire == NULL || !mado_training_fixtures_has_questionnaire (resident, questionnaire))
    return "questionnaireId is not one of this resident's questionnaires";
  if (section == NULL || json_array_get_length (section) == 0)
    return "doctorSection must hold at least one answer";
  for (guint i = 0; i < json_array_get_length (section); i++)
    {
      JsonNode *element = json_array_get_element (section, i);
      JsonObject *answer = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonNode *value = answer ? json_object_get_member (answer, "answer") : NULL;

      if (!is_short_string (answer, "itemId", 64) || value == NULL
          || !JSON_NODE_HOLDS_VALUE (value))
        return "each doctorSection entry needs an itemId and a scalar answer";
    }
  if (decision == NULL
      || !(g_str_equal (decision, "vaccinate") || g_str_equal (decision, "postpone")
           || g_str_equal (decision, "do-not-vaccinate")))
    return "decision must be vaccinate, postpone or do-not-vaccinate";
  if (!is_rfc3339 (mado_json_get_string (record, "completedAt")))
    return "completedAt must be an RFC 3339 time with a zone";
  if (json_object_has_member (record, "doctor") && !is_short_string (record, "doctor", 100))
    return "doctor must be a name of at most 100 characters";
  return NULL;
}

static gboolean
is_idempotency_key (const char *key)
{
  gsize len = strlen (key);

  if (len < 1 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (key[i]) && key[i] != '-')
      return FALSE;
  return TRUE;
}

static void
handle_record (MadoTrainingHub   *self,
               SoupServerMessage *msg,
               Terminal          *terminal,
               const char        *kind)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Idempotency-Key");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *received_at = NULL;
  JsonObject *body, *resident, *answer_object;
  const char *resident_ref, *invalid;
  MadoStoreResult result;

  if (key == NULL)
    {
      mado_problem_respond (msg, MADO_PROBLEM_IDEMPOTENCY_KEY_REQUIRED, 0, NULL);
      return;
    }
  if (!is_idempotency_key (key))
    {
      mado_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, "Idempotency-Key must be 1–64 of [A-Za-z0-9-]");
      return;
    }
  body = parse_body_object (msg, &root);
  if (body == NULL)
    {
      mado_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0, "the body is not a JSON object");
      return;
    }
  resident_ref = mado_json_get_string (body, "residentRef");
  resident = resident_ref ? mado_training_fixtures_find_resident_by_ref (self->fixtures, resident_ref) : NULL;
  if (resident == NULL)
    invalid = "residentRef names no resident";
  else if (g_str_equal (kind, "vaccination"))
    invalid = validate_vaccination (self, body, resident);
  else
    invalid = validate_questionnaire (self, body, resident);
  if (invalid != NULL)
    {
      mado_problem_respond (msg, MADO_PROBLEM_RECORD_INVALID, 0, invalid);
      return;
    }

  raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  result = mado_training_store_submit (self->store, kind, terminal->fingerprint, key,
                                       resident_ref, raw, &record_id, &received_at, &error);
  switch (result)
    {
    case MADO_STORE_RESULT_KEY_REUSED:
      mado_problem_respond (msg, MADO_PROBLEM_IDEMPOTENCY_KEY_REUSED, 0,
                            "this Idempotency-Key came before with another body");
      return;
    case MADO_STORE_RESULT_FAILED:
      g_warning ("storing a %s record failed: %s", kind, error->message);
      mado_problem_respond (msg, MADO_PROBLEM_INTERNAL, 0, "the record could not be stored");
      return;
    case MADO_STORE_RESULT_STORED:
    case MADO_STORE_RESULT_REPEATED:
    default:
      break;
    }
  answer = json_node_new (JSON_NODE_OBJECT);
  answer_object = json_object_new ();
  json_object_set_string_member (answer_object, "recordId", record_id);
  json_object_set_string_member (answer_object, "receivedAt", received_at);
  json_node_take_object (answer, answer_object);
  mado_json_respond (msg, result == MADO_STORE_RESULT_STORED ? SOUP_STATUS_CREATED : SOUP_STATUS_OK,
                     answer);
}

static void
handle_records_count (MadoTrainingHub   *self,
                      SoupServerMessage *msg)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "vaccinations",
                              mado_training_store_count (self->store, "vaccination"));
  json_object_set_int_member (object, "questionnaires",
                              mado_training_store_count (self->store, "questionnaire"));
  json_object_set_int_member (object, "total", mado_training_store_count (self->store, NULL));
  json_node_take_object (root, object);
  mado_json_respond (msg, SOUP_STATUS_OK, root);
}

/* ---- routing ---------------------------------------------------------- */

/* libsoup 3.2 hands a message the client's certificate only when the
 * handshake completes while that message is read: the next requests on a
 * kept-alive connection get none. So the certificate is remembered per
 * connection, for as long as its socket lives. */
static GTlsCertificate *
peer_certificate (MadoTrainingHub   *self,
                  SoupServerMessage *msg)
{
  GTlsCertificate *peer = soup_server_message_get_tls_peer_certificate (msg);
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket == NULL)
    return peer;
  if (peer == NULL)
    return g_hash_table_lookup (self->peers, socket);
  if (!g_hash_table_contains (self->peers, socket))
    g_object_weak_ref (G_OBJECT (socket), peer_socket_gone_cb, self);
  g_hash_table_replace (self->peers, socket, g_object_ref (peer));
  return peer;
}

static gboolean
identify_terminal (MadoTrainingHub   *self,
                   SoupServerMessage *msg,
                   Terminal          *terminal)
{
  GTlsCertificate *peer = peer_certificate (self, msg);
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *reason = NULL;

  if (peer == NULL)
    {
      mado_problem_respond (msg, MADO_PROBLEM_CLIENT_CERTIFICATE_REQUIRED, 0, "no client certificate");
      return FALSE;
    }
  g_object_get (peer, "certificate", &der, NULL);
  bytes = g_bytes_new (der->data, der->len);
  if (!mado_training_verifier_check_terminal (self->verifier, bytes, &terminal->fingerprint,
                                              &terminal->terminal_id, &reason))
    {
      mado_problem_respond (msg, MADO_PROBLEM_CLIENT_CERTIFICATE_REQUIRED, 0, reason);
      return FALSE;
    }
  return TRUE;
}

static gboolean
method_is (SoupServerMessage *msg,
           const char        *method)
{
  if (g_str_equal (soup_server_message_get_method (msg), method))
    return TRUE;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", method);
  mado_problem_respond (msg, MADO_PROBLEM_METHOD_NOT_ALLOWED, 0, NULL);
  return FALSE;
}

static void
dispatch (MadoTrainingHub   *self,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query)
{
  g_auto(Terminal) terminal = { NULL, NULL };
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (!g_str_has_prefix (path, "/v1/"))
    {
      mado_problem_respond (msg, MADO_PROBLEM_UNSUPPORTED_VERSION, 0, "this hub serves /v1 only");
      return;
    }
  if (!identify_terminal (self, msg, &terminal))
    return;
  if (body->length > MADO_TRAINING_HUB_MAX_BODY)
    {
      mado_problem_respond (msg, MADO_PROBLEM_PAYLOAD_TOO_LARGE, 0, "bodies are limited to 4 MiB");
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
        handle_record (self, msg, &terminal, "vaccination");
    }
  else if (g_str_equal (path, "/v1/records/questionnaires"))
    {
      if (method_is (msg, "POST"))
        handle_record (self, msg, &terminal, "questionnaire");
    }
  else if (g_str_equal (path, "/v1/training/records-count"))
    {
      if (method_is (msg, "GET"))
        handle_records_count (self, msg);
    }
  else
    mado_problem_respond (msg, MADO_PROBLEM_NOT_FOUND, 0, NULL);
}

/* ---- fault injection (only with --enable-faults) ---------------------- */

typedef struct {
  MadoTrainingHub *hub;
  SoupServerMessage *msg;
  char *path;
  GHashTable *query;
} Delayed;

static void
delayed_free (Delayed *delayed)
{
  g_object_unref (delayed->hub);
  g_object_unref (delayed->msg);
  g_free (delayed->path);
  g_clear_pointer (&delayed->query, g_hash_table_unref);
  g_free (delayed);
}

static gboolean
delayed_dispatch_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  dispatch (delayed->hub, delayed->msg, delayed->path, delayed->query);
  soup_server_message_unpause (delayed->msg);
  return G_SOURCE_REMOVE;
}

static FaultKind
parse_fault (const char *text,
             guint64    *out_arg)
{
  const char *eq = strchr (text, '=');
  char *end = NULL;

  *out_arg = 0;
  if (g_str_equal (text, "truncate"))
    return FAULT_TRUNCATE;
  if (g_str_equal (text, "drop"))
    return FAULT_DROP;
  if (eq == NULL || eq[1] == '\0')
    return FAULT_NONE;
  *out_arg = g_ascii_strtoull (eq + 1, &end, 10);
  if (*end != '\0')
    return FAULT_NONE;
  if (g_str_has_prefix (text, "delay=") && *out_arg <= 120000)
    return FAULT_DELAY;
  if (g_str_has_prefix (text, "status=") && *out_arg >= 400 && *out_arg <= 599)
    return FAULT_STATUS;
  if (g_str_has_prefix (text, "oversize=") && *out_arg >= 16 && *out_arg <= MAX_OVERSIZE_BYTES)
    return FAULT_OVERSIZE;
  return FAULT_NONE;
}

static void
respond_status_fault (SoupServerMessage *msg,
                      guint              status)
{
  switch (status)
    {
    case 429:
      mado_problem_respond (msg, MADO_PROBLEM_RATE_LIMITED, 0, "injected fault");
      break;
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      mado_problem_respond (msg, MADO_PROBLEM_INTERNAL, status, "injected fault");
      break;
    default:
      mado_problem_respond (msg, MADO_PROBLEM_INTERNAL, status, "injected fault");
      break;
    }
}

/* `{"status":"ok","padding":"xxx…"}`, exactly @size bytes: well-formed, so
 * only the client's size limit can stop it. */
static void
respond_oversize (SoupServerMessage *msg,
                  gsize              size)
{
  static const char head[] = "{\"status\":\"ok\",\"padding\":\"";
  static const char tail[] = "\"}";
  gsize head_len = strlen (head), tail_len = strlen (tail);
  char *body = g_malloc (size);

  memcpy (body, head, head_len);
  memset (body + head_len, 'x', size - head_len - tail_len);
  memcpy (body + size - tail_len, tail, tail_len);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, size);
}

/* The answer the request earned, cut short: Content-Length promises the
 * whole body, half of it is sent, then the connection closes. */
static void
send_truncated (SoupServerMessage *msg)
{
  guint status = soup_server_message_get_status (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_response_headers (msg), NULL);
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  gsize body_len = 0;
  const char *data = g_bytes_get_data (body, &body_len);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: %s\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "Connection: close\r\n\r\n",
                                           status, soup_status_get_phrase (status),
                                           type ? type : "application/json",
                                           body_len + 64);
  GOutputStream *out;

  if (stream == NULL)
    return;
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  if (body_len > 0)
    g_output_stream_write_all (out, data, body_len / 2, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* Returns %TRUE when the fault took over the request. */
static gboolean
apply_fault (MadoTrainingHub   *self,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "X-Training-Fault");
  guint64 arg = 0;
  FaultKind kind;

  if (header == NULL)
    return FALSE;
  if (!self->faults)
    {
      g_debug ("ignoring X-Training-Fault: faults are not enabled");
      return FALSE;
    }
  kind = parse_fault (header, &arg);
  g_debug ("fault %s on %s", header, path);
  switch (kind)
    {
    case FAULT_DELAY:
      {
        Delayed *delayed = g_new0 (Delayed, 1);

        delayed->hub = g_object_ref (self);
        delayed->msg = g_object_ref (msg);
        delayed->path = g_strdup (path);
        delayed->query = query ? g_hash_table_ref (query) : NULL;
        soup_server_message_pause (msg);
        g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) arg, delayed_dispatch_cb,
                            delayed, (GDestroyNotify) delayed_free);
        return TRUE;
      }
    case FAULT_STATUS:
      respond_status_fault (msg, (guint) arg);
      return TRUE;
    case FAULT_OVERSIZE:
      respond_oversize (msg, (gsize) arg);
      return TRUE;
    /* The request is served first, so that its effects happen: this is the
     * answer lost on the way back, which idempotency keys are for. */
    case FAULT_TRUNCATE:
      dispatch (self, msg, path, query);
      send_truncated (msg);
      return TRUE;
    case FAULT_DROP:
      dispatch (self, msg, path, query);
      drop_connection (msg);
      return TRUE;
    case FAULT_NONE:
    default:
      mado_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0,
                            "X-Training-Fault must be delay=MS, status=CODE, truncate, drop or oversize=BYTES");
      return TRUE;
    }
}

/* ---- the server ------------------------------------------------------- */

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  MadoTrainingHub *self = user_data;

  /* Answered already, in got_headers_cb. */
  if (soup_server_message_get_status (msg) != 0)
    return;
  if (apply_fault (self, msg, path, query))
    return;
  dispatch (self, msg, path, query);
}

/* Refuses an announced oversized body before it is read. */
static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > MADO_TRAINING_HUB_MAX_BODY)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      mado_problem_respond (msg, MADO_PROBLEM_PAYLOAD_TOO_LARGE, 0, "bodies are limited to 4 MiB");
    }
}

/* libsoup asks about every client certificate, valid or not: accept the
 * ones that chain to the terminal CA (the tls-database) without any error.
 * The handlers check them again with OpenSSL (identify_terminal()). */
static gboolean
accept_certificate_cb (SoupServerMessage    *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  if (errors != 0)
    g_debug ("client certificate refused in the TLS handshake: flags 0x%x", errors);
  return errors == 0;
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), user_data);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), user_data);
}

/**
 * mado_training_hub_new:
 * @fixtures: residents and terminals
 * @verifier: certificate and signature checks
 * @store: where records go
 * @server_certificate: the hub's certificate with its key
 * @terminal_database: the terminal CA, for the TLS handshake
 * @enable_faults: whether X-Training-Fault is honoured
 * @challenge_lifetime_seconds: 60 in the API; shorter for tests
 *
 * Returns: (transfer full): the hub, not listening yet
 */
MadoTrainingHub *
mado_training_hub_new (MadoTrainingFixtures *fixtures,
                       MadoTrainingVerifier *verifier,
                       MadoTrainingStore    *store,
                       GTlsCertificate      *server_certificate,
                       GTlsDatabase         *terminal_database,
                       gboolean              enable_faults,
                       guint                 challenge_lifetime_seconds)
{
  MadoTrainingHub *self = g_object_new (MADO_TYPE_TRAINING_HUB, NULL);

  self->fixtures = g_object_ref (fixtures);
  self->verifier = g_object_ref (verifier);
  self->store = g_object_ref (store);
  self->faults = enable_faults;
  self->challenge_lifetime_s = challenge_lifetime_seconds;
  self->server = soup_server_new ("server-header", "madoguchi-training-hub ",
                                  "tls-certificate", server_certificate,
                                  "tls-database", terminal_database,
                                  "tls-auth-mode", G_TLS_AUTHENTICATION_REQUIRED,
                                  NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), self);
  return self;
}

/**
 * mado_training_hub_listen:
 * @self: the hub
 * @address: `HOST:PORT`, port 0 for an ephemeral one
 * @error: return location for a #GError
 *
 * Returns: the port listened on, or 0 with @error set
 */
/* Many simulated terminals connect at once in the benchmark: GLib's
 * default backlog of 10 makes the rest wait for SYN retransmits (~1 s),
 * which would measure the kernel, not the hub. */
#define LISTEN_BACKLOG 256

static gboolean
listen_with_backlog (SoupServer      *server,
                     GSocketAddress  *address,
                     GError         **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (address),
                                            G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (server, socket, SOUP_SERVER_LISTEN_HTTPS, error);
}

guint
mado_training_hub_listen (MadoTrainingHub  *self,
                          const char       *address,
                          GError          **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  GSList *uris;
  guint port = 0;

  connectable = g_network_address_parse (address, 0, error);
  if (connectable == NULL)
    return 0;
  socket_address = g_inet_socket_address_new_from_string (g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)),
                                                          g_network_address_get_port (G_NETWORK_ADDRESS (connectable)));
  if (socket_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--listen needs a numeric IP address and a port, e.g. 127.0.0.1:0");
      return 0;
    }
  if (!listen_with_backlog (self->server, socket_address, error))
    return 0;
  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}
