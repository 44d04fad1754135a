/* mado-reception-session-answer.c — the session's answer: the hub's bundle or the cached one
 *
 * Once the resident has consented, the hub's verification brings the
 * bundle, which the store caches; when the hub never got the request, the
 * cached bundle answers, marked offline with its age. Cached data is never
 * shown as a fresh confirmation.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-bundle-decode.h"
#include "mado-bundle-encode.h"
#include "mado-error.h"
#include "mado-hub-encode.h"
#include "mado-json-write-private.h"
#include "mado-reception-session-private.h"
#include "mado-store-error.h"

static void
freshness_clear (MadoReceptionFreshness *freshness)
{
  g_clear_pointer (&freshness->confirmed_at, g_date_time_unref);
  g_clear_pointer (&freshness->checked_at, g_date_time_unref);
  g_clear_pointer (&freshness->operator_id, g_free);
  memset (freshness, 0, sizeof *freshness);
}

/**
 * mado_reception_session_answer_forget:
 *
 * Drops the bundle and its freshness.
 */
void
mado_reception_session_answer_forget (MadoReceptionSession *self)
{
  g_clear_pointer (&self->bundle, mado_resident_bundle_free);
  freshness_clear (&self->freshness);
}

static void
set_freshness (MadoReceptionSession *self,
               gboolean              offline,
               gint64                confirmed_at,
               gint64                checked_at)
{
  freshness_clear (&self->freshness);
  self->freshness.offline = offline;
  self->freshness.confirmed_at = g_date_time_new_from_unix_utc (confirmed_at / G_USEC_PER_SEC);
  self->freshness.checked_at = g_date_time_new_from_unix_utc (checked_at / G_USEC_PER_SEC);
  self->freshness.age_seconds = MAX ((gint64) 0, (checked_at - confirmed_at) / G_USEC_PER_SEC);
  self->freshness.identity = self->identity;
  self->freshness.operator_id = g_strdup (self->visual_operator);
}

/* What the cache keeps as the desk's proof of an offline confirmation. */
static GBytes *
local_proof (MadoReceptionSession *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *signed_bytes = NULL;
  g_autofree char *signature = NULL;
  char *text;

  if (self->signature != NULL)
    {
      signed_bytes = mado_hub_encode_base64 (self->signed_bytes);
      signature = mado_hub_encode_base64 (self->signature);
    }
  json_builder_begin_object (b);
  mado_json_write_string (b, "method", mado_identity_check_to_string (self->identity));
  mado_json_write_string (b, "signedBytes", signed_bytes);
  mado_json_write_string (b, "signature", signature);
  mado_json_write_string (b, "operatorId", self->visual_operator);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = mado_json_write_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

/* The cached entry for this card; NULL when the step failed (nothing
 * cached, or the store failed). */
static MadoCacheEntry *
lookup_cache (MadoReceptionSession *self,
              MadoReceptionStep    *step)
{
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->store != NULL)
    entry = mado_store_cache_lookup (self->store, self->resident_key, self->fingerprint,
                                     &local_error);
  if (entry != NULL)
    return g_steal_pointer (&entry);
  if (local_error != NULL &&
      !g_error_matches (local_error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND))
    mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED,
                                       g_steal_pointer (&local_error));
  else
    {
      g_clear_error (&local_error);
      mado_error_set (&local_error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_NO_CACHED_DATA);
      mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_NO_CACHED_DATA,
                                         g_steal_pointer (&local_error));
    }
  return NULL;
}

static gboolean
answer_from_cache (MadoReceptionSession *self,
                   MadoReceptionStep    *step)
{
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(GBytes) proof = NULL;
  g_autoptr(GError) local_error = NULL;
  GError *error = NULL;
  gint64 now = mado_reception_session_now (self);
  gsize len;
  const char *data;
  const char *detail = self->signature != NULL ? "pin-local" : "visual-local";

  mado_reception_session_audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_SUCCESS,
                                self->visual_operator, detail);
  entry = lookup_cache (self, step);
  if (entry == NULL)
    return FALSE;

  data = g_bytes_get_data (entry->bundle, &len);
  self->bundle = mado_bundle_decode (data, len, step->consent, &error);
  if (self->bundle == NULL)
    return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);

  proof = local_proof (self);
  if (!mado_store_cache_confirm_local (self->store, self->resident_key, self->fingerprint, proof,
                                       now, &local_error))
    g_warning ("session %u: offline confirmation not recorded: %s", self->id,
               mado_error_name (local_error));
  set_freshness (self, TRUE, entry->fetched_at, now);
  mado_reception_session_audit (self, MADO_AUDIT_VIEW, MADO_AUDIT_SUCCESS, NULL, "offline");
  step->next = MADO_RECEPTION_STATE_CONFIRMED_OFFLINE;
  step->reason = "cached bundle; hub offline";
  return TRUE;
}

static void
cache_bundle (MadoReceptionSession *self,
              const char           *etag,
              gint64                now)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  bytes = mado_bundle_encode_bytes (self->bundle);
  /* Without the cache entry the desk still has the hub's answer; the
   * next visit online writes it again. */
  if (!mado_store_cache_put (self->store, self->resident_key, self->fingerprint, etag, bytes,
                             now, &error))
    g_warning ("session %u: bundle not cached: %s", self->id, mado_error_name (error));
}

/* The hub's answer must not go back from what the desk holds for this card:
 * a replayed or stale bundle would be shown as confirmed now. */
static gboolean
check_not_older (MadoReceptionSession      *self,
                 const MadoResidentBundle  *fresh,
                 GError                   **error)
{
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autoptr(MadoResidentBundle) cached = NULL;
  gsize len;
  const char *data;

  if (self->store != NULL)
    entry = mado_store_cache_lookup (self->store, self->resident_key, self->fingerprint, NULL);
  if (entry == NULL)
    return TRUE;
  data = g_bytes_get_data (entry->bundle, &len);
  cached = mado_bundle_decode (data, len, MADO_HUB_CONSENT_ALL, NULL);
  if (cached == NULL || !mado_resident_bundle_is_older (fresh, cached))
    return TRUE;
  mado_error_set (error, MADO_HUB_ERROR, MADO_HUB_ERROR_BUNDLE_ROLLED_BACK);
  return FALSE;
}

static gboolean
answer_from_hub (MadoReceptionSession *self,
                 MadoReceptionStep    *step,
                 MadoHubVerification  *verification)
{
  gint64 now = mado_reception_session_now (self);
  GError *error = NULL;

  if (!check_not_older (self, verification->bundle, &error))
    {
      mado_reception_session_audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_FAILURE,
                                    self->visual_operator, mado_error_name (error));
      return mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED, error);
    }
  self->bundle = g_steal_pointer (&verification->bundle);
  mado_reception_session_audit (self, MADO_AUDIT_VERIFICATION, MADO_AUDIT_SUCCESS,
                                self->visual_operator,
                                mado_identity_check_to_string (self->identity));
  cache_bundle (self, verification->etag, now);
  set_freshness (self, FALSE, now, now);
  mado_reception_session_audit (self, MADO_AUDIT_VIEW, MADO_AUDIT_SUCCESS, NULL, "hub");
  step->next = MADO_RECEPTION_STATE_CONFIRMED;
  step->reason = "hub confirmed";
  return TRUE;
}

/**
 * mado_reception_session_answer_consent:
 *
 * The worker of the CONSENT step: the hub's verification when there is a
 * challenge to answer, else (or when the hub never got it) the cache.
 */
gboolean
mado_reception_session_answer_consent (MadoReceptionSession *self,
                                       MadoReceptionStep    *step)
{
  g_autoptr(MadoHubVerification) verification = NULL;

  if (self->challenge != NULL &&
      !mado_reception_session_identity_verify (self, step, &verification))
    return FALSE;
  if (verification == NULL)
    return answer_from_cache (self, step);
  return answer_from_hub (self, step, verification);
}
