/* mado-orca-client.c — ORCA's API as the desk uses it: find a patient, read and register 公費
 *
 * Reading uses patientmodv32's step 00 (no lock), which answers the patient
 * with every 公費 and its ID. Registering follows ORCA's editing steps:
 * 01 reads and locks, 02 sends the changes, 03 commits (and may ask a
 * question, S20, answered with Select_Answer), 99 releases a lock without
 * registering. Under the lock the diff is computed again: if ORCA changed
 * since staff saw the diff, nothing is sent. Every failure after the lock
 * releases it, so a refused hand-off leaves ORCA as it was.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-orca-client.h"
#include "mado-orca-error.h"
#include "mado-orca-request.h"
#include "mado-orca-response.h"
#include "mado-orca-transport-private.h"

#define PATIENTMOD_PATH "/orca12/patientmodv32?format=json"
#define PATIENTMOD_ROOT "patientmodv3res2"
#define SEARCH_PATH     "/api01rv2/patientlst3v2?class=01&format=json"
#define SEARCH_ROOT     "patientlst2res"
/* ORCA asks one question per step 03; more than this is a loop. */
#define MAX_QUESTIONS   4

struct _MadoOrcaClient {
  GObject            parent_instance;
  MadoOrcaTransport *transport;
};

G_DEFINE_FINAL_TYPE (MadoOrcaClient, mado_orca_client, G_TYPE_OBJECT)

static MadoOrcaResponse *
call (MadoOrcaClient  *self,
      const char      *path,
      const char      *root,
      const char      *body,
      GCancellable    *cancellable,
      GError         **error)
{
  g_autoptr(GBytes) bytes = mado_orca_transport_call (self->transport, path, body,
                                                      cancellable, error);
  gsize length = 0;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return mado_orca_response_parse (data, length, root, error);
}

static MadoOrcaResponse *
call_checked (MadoOrcaClient  *self,
              const char      *body,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(MadoOrcaResponse) response = call (self, PATIENTMOD_PATH, PATIENTMOD_ROOT, body,
                                               cancellable, error);

  if (response == NULL || !mado_orca_response_check (response, error))
    return NULL;
  return g_steal_pointer (&response);
}

static void
mado_orca_client_finalize (GObject *object)
{
  MadoOrcaClient *self = MADO_ORCA_CLIENT (object);

  g_clear_pointer (&self->transport, mado_orca_transport_free);
  G_OBJECT_CLASS (mado_orca_client_parent_class)->finalize (object);
}

static void
mado_orca_client_class_init (MadoOrcaClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_orca_client_finalize;
}

static void
mado_orca_client_init (MadoOrcaClient *self)
{
}

/**
 * mado_orca_client_new:
 * @config: the site configuration
 * @error: %MADO_ORCA_ERROR_NOT_CONFIGURED when it has no usable [orca] group
 *
 * Returns: (transfer full) (nullable): a client; nothing is sent yet
 */
MadoOrcaClient *
mado_orca_client_new (const MadoSiteConfig  *config,
                      GError               **error)
{
  MadoOrcaTransport *transport = mado_orca_transport_new (config, error);
  MadoOrcaClient *self;

  if (transport == NULL)
    return NULL;
  self = g_object_new (MADO_TYPE_ORCA_CLIENT, NULL);
  self->transport = transport;
  return self;
}

/* The patient ORCA answered must be the one asked for. */
static MadoOrcaPatient *
take_patient (MadoOrcaResponse  *response,
              const char        *patient_id,
              GError           **error)
{
  if (response->patient == NULL || g_strcmp0 (response->patient->id, patient_id) != 0)
    {
      g_set_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_MALFORMED_RESPONSE,
                   _("The receipt computer answered about another patient than %s."), patient_id);
      return NULL;
    }
  return g_steal_pointer (&response->patient);
}

/**
 * mado_orca_client_read_patient:
 * @self: the client
 * @patient_id: the clinic's patient number in ORCA
 * @cancellable: (nullable): aborts the exchange
 * @error: a #MadoOrcaError (%MADO_ORCA_ERROR_PATIENT_NOT_FOUND, …)
 *
 * Reads the patient and every 公費 ORCA holds, without locking.
 *
 * Returns: (transfer full) (nullable): the patient
 */
MadoOrcaPatient *
mado_orca_client_read_patient (MadoOrcaClient  *self,
                               const char      *patient_id,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autofree char *body = NULL;
  g_autoptr(MadoOrcaResponse) response = NULL;

  g_return_val_if_fail (MADO_IS_ORCA_CLIENT (self), NULL);

  if (!mado_orca_patient_is_id (patient_id))
    {
      g_set_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_PATIENT_NOT_FOUND,
                   _("“%s” is not an ORCA patient number (1 to 20 digits)."), patient_id);
      return NULL;
    }
  body = mado_orca_request_read (patient_id);
  response = call_checked (self, body, cancellable, error);
  return response != NULL ? take_patient (response, patient_id, error) : NULL;
}

/**
 * mado_orca_client_search:
 * @self: the client
 * @name: the name as ORCA holds it
 * @birth_date: the birth date
 * @cancellable: (nullable): aborts the exchange
 * @error: %MADO_ORCA_ERROR_PATIENT_NOT_FOUND when nobody matches, or another #MadoOrcaError
 *
 * Returns: (transfer full) (element-type MadoOrcaPatient) (nullable): one
 *   or more patients; staff choose when there are several
 */
GPtrArray *
mado_orca_client_search (MadoOrcaClient  *self,
                         const char      *name,
                         const GDate     *birth_date,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autofree char *body = mado_orca_request_search (name, birth_date);
  g_autoptr(MadoOrcaResponse) response = call (self, SEARCH_PATH, SEARCH_ROOT, body,
                                               cancellable, error);

  if (response == NULL || !mado_orca_response_check (response, error))
    return NULL;
  if (response->candidates->len == 0)
    {
      g_set_error_literal (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_PATIENT_NOT_FOUND,
                           _("The receipt computer has no patient with this name and birth date."));
      return NULL;
    }
  return g_steal_pointer (&response->candidates);
}

/* Step 99, best effort: the hand-off already failed for a reason staff
 * will read; a failed unlock only goes to the log. */
static void
unlock (MadoOrcaClient     *self,
        const MadoOrcaEdit *edit)
{
  g_autofree char *body = mado_orca_request_unlock (edit);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoOrcaResponse) response = call_checked (self, body, NULL, &error);

  if (response == NULL)
    g_warning ("orca: the unlock failed: %s", error->message);
}

/* Steps 02 and 03, answering questions as staff decided. */
static MadoOrcaResponse *
register_changes (MadoOrcaClient      *self,
                  const MadoOrcaEdit  *edit,
                  const MadoOrcaDiff  *diff,
                  MadoOrcaAnswer       answer,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autofree char *changes = mado_orca_request_changes (edit, "02", diff, FALSE);
  g_autoptr(MadoOrcaResponse) response = call_checked (self, changes, cancellable, error);
  gboolean answered = FALSE;

  if (response == NULL)
    return NULL;
  for (guint asked = 0; asked <= MAX_QUESTIONS; asked++)
    {
      g_autofree char *commit = mado_orca_request_changes (edit, "03", diff, answered);
      g_autoptr(GError) local_error = NULL;

      g_clear_pointer (&response, mado_orca_response_free);
      response = call_checked (self, commit, cancellable, &local_error);
      if (response != NULL)
        return g_steal_pointer (&response);
      if (!g_error_matches (local_error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_QUESTION) ||
          answer == MADO_ORCA_ANSWER_ASK)
        return g_propagate_error (error, g_steal_pointer (&local_error)), NULL;
      if (answer == MADO_ORCA_ANSWER_NG)
        {
          g_set_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_DECLINED,
                       _("The question “%s” was answered No; nothing was registered."),
                       local_error->message);
          return NULL;
        }
      answered = TRUE;
    }
  g_set_error_literal (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_REFUSED,
                       _("The receipt computer kept asking questions; nothing was registered."));
  return NULL;
}

static gboolean
send_locked (MadoOrcaClient      *self,
             const MadoOrcaEdit  *edit,
             MadoOrcaResponse    *locked,
             const MadoOrcaDiff  *confirmed,
             GPtrArray           *subsidies,
             MadoOrcaAnswer       answer,
             MadoOrcaSendResult  *result,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(MadoOrcaDiff) now = NULL;
  g_autoptr(MadoOrcaResponse) done = NULL;

  if (locked->patient == NULL || g_strcmp0 (locked->patient->id, edit->patient_id) != 0)
    return g_set_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_MALFORMED_RESPONSE,
                        _("The receipt computer locked another patient than %s."),
                        edit->patient_id), FALSE;
  now = mado_orca_diff_compute (locked->patient, subsidies, &confirmed->today);
  if (!mado_orca_diff_same (confirmed, now))
    return g_set_error_literal (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_CHANGED,
                                _("The patient’s subsidies in ORCA changed since the comparison "
                                  "was shown.")), FALSE;
  if (!mado_orca_diff_has_changes (now))
    return TRUE;
  done = register_changes (self, edit, now, answer, cancellable, error);
  if (done == NULL)
    return FALSE;
  result->sent = TRUE;
  result->api_result = g_strdup (done->api_result);
  g_strfreev (result->messages);
  result->messages = g_strdupv (done->messages);
  return TRUE;
}

/**
 * mado_orca_client_send:
 * @self: the client
 * @confirmed: the diff staff saw and confirmed
 * @subsidies: (element-type MadoSubsidy): the hub's subsidies it was computed from
 * @answer: what to do when ORCA asks a question
 * @result: (out caller-allocates): what happened; clear with mado_orca_send_result_clear()
 * @cancellable: (nullable): aborts the exchange
 * @error: a #MadoOrcaError; ORCA is left unlocked and as it was
 *
 * Adds and updates the 公費 of @confirmed with today's check date. Nothing
 * is ended or deleted. When ORCA already holds everything, nothing is sent
 * and @result says so.
 *
 * Returns: whether the hand-off succeeded
 */
gboolean
mado_orca_client_send (MadoOrcaClient      *self,
                       const MadoOrcaDiff  *confirmed,
                       GPtrArray           *subsidies,
                       MadoOrcaAnswer       answer,
                       MadoOrcaSendResult  *result,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autofree char *karte_uid = g_uuid_string_random ();
  MadoOrcaEdit edit = { confirmed->patient_id, karte_uid, NULL };
  g_autofree char *body = NULL;
  g_autoptr(MadoOrcaResponse) locked = NULL;
  gboolean ok;

  g_return_val_if_fail (MADO_IS_ORCA_CLIENT (self), FALSE);

  *result = (MadoOrcaSendResult) { FALSE, NULL, g_new0 (char *, 1) };
  if (!mado_orca_diff_has_changes (confirmed))
    return TRUE;
  body = mado_orca_request_lock (&edit);
  locked = call_checked (self, body, cancellable, error);
  if (locked == NULL)
    return FALSE;
  if (locked->orca_uid == NULL)
    return g_set_error_literal (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_MALFORMED_RESPONSE,
                                _("The receipt computer locked the patient without a lock "
                                  "token.")), FALSE;
  edit.orca_uid = locked->orca_uid;
  ok = send_locked (self, &edit, locked, confirmed, subsidies, answer, result, cancellable, error);
  /* A commit releases the lock itself; anything else must. */
  if (!ok || !result->sent)
    unlock (self, &edit);
  return ok;
}

void
mado_orca_send_result_clear (MadoOrcaSendResult *result)
{
  g_clear_pointer (&result->api_result, g_free);
  g_clear_pointer (&result->messages, g_strfreev);
  result->sent = FALSE;
}
