/* mado-orca-handoff.c — one hand-off to ORCA off the main thread: prepare the diff, send, audit
 *
 * The desk's window calls these: each runs in a worker (HTTP never on the
 * main thread) and takes the resident bundle as its encoded bytes, decoded
 * again in the worker, so nothing the window owns is shared with it.
 * Preparing finds the ORCA patient (by number, or by the resident's name
 * and birth date; several matches come back for staff to choose) and
 * computes the diff; sending registers it and writes the audit entry,
 * whatever ORCA answered.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-orca-handoff.h"
#include "mado-orca-audit.h"
#include "mado-orca-error.h"
#include "mado-bundle-decode.h"

typedef struct {
  GBytes             *bundle;
  char               *patient_id;
  GDate               today;
  MadoStore          *store;
  char               *operator_id;
  MadoOrcaDiff       *diff;
  MadoOrcaAnswer      answer;
  MadoOrcaSendResult  result;
} Job;

static void
job_free (Job *job)
{
  g_bytes_unref (job->bundle);
  g_free (job->patient_id);
  g_clear_object (&job->store);
  g_free (job->operator_id);
  g_clear_pointer (&job->diff, mado_orca_diff_free);
  mado_orca_send_result_clear (&job->result);
  g_free (job);
}

void
mado_orca_prepared_free (MadoOrcaPrepared *prepared)
{
  if (prepared == NULL)
    return;
  g_clear_pointer (&prepared->patient, mado_orca_patient_free);
  g_clear_pointer (&prepared->diff, mado_orca_diff_free);
  g_clear_pointer (&prepared->candidates, g_ptr_array_unref);
  g_free (prepared);
}

static MadoResidentBundle *
decode (GBytes  *bytes,
        GError **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return mado_bundle_decode (data, length, MADO_HUB_CONSENT_SUBSIDY, error);
}

/* The patient by number, or the only one with the resident's name and birth
 * date; several fill prepared->candidates instead. */
static gboolean
find_patient (MadoOrcaClient      *client,
              Job                 *job,
              MadoResidentBundle  *bundle,
              MadoOrcaPrepared    *prepared,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GPtrArray) candidates = NULL;
  const char *id = job->patient_id;

  if (id == NULL)
    {
      candidates = mado_orca_client_search (client, bundle->basic_info.name,
                                            &bundle->basic_info.birth_date, cancellable, error);
      if (candidates == NULL)
        return FALSE;
      if (candidates->len > 1)
        {
          prepared->candidates = g_steal_pointer (&candidates);
          return TRUE;
        }
      id = ((MadoOrcaPatient *) g_ptr_array_index (candidates, 0))->id;
    }
  prepared->patient = mado_orca_client_read_patient (client, id, cancellable, error);
  return prepared->patient != NULL;
}

static void
prepare_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(MadoOrcaPrepared) prepared = g_new0 (MadoOrcaPrepared, 1);
  g_autoptr(MadoResidentBundle) bundle = NULL;
  GError *error = NULL;

  bundle = decode (job->bundle, &error);
  if (bundle == NULL || !find_patient (source, job, bundle, prepared, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (prepared->patient != NULL)
    prepared->diff = mado_orca_diff_compute (prepared->patient, bundle->subsidies, &job->today);
  g_task_return_pointer (task, g_steal_pointer (&prepared), (GDestroyNotify) mado_orca_prepared_free);
}

/**
 * mado_orca_handoff_prepare_async:
 * @client: the desk's ORCA client
 * @bundle: the resident bundle, encoded (mado_bundle_encode_bytes())
 * @patient_id: (nullable): ORCA's patient number; %NULL to search by name and birth date
 * @today: the desk's today
 * @cancellable: (nullable): stops the exchange
 * @callback: called on the caller's main context
 * @user_data: for @callback
 */
void
mado_orca_handoff_prepare_async (MadoOrcaClient      *client,
                                 GBytes              *bundle,
                                 const char          *patient_id,
                                 const GDate         *today,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->bundle = g_bytes_ref (bundle);
  job->patient_id = g_strdup (patient_id);
  job->today = *today;
  g_task_set_source_tag (task, mado_orca_handoff_prepare_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, prepare_thread);
}

/**
 * mado_orca_handoff_prepare_finish:
 * @result: the result
 * @error: a #MadoOrcaError
 *
 * Returns: (transfer full) (nullable): the patient and the diff, or the
 *   candidates to choose from
 */
MadoOrcaPrepared *
mado_orca_handoff_prepare_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
send_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(MadoResidentBundle) bundle = NULL;
  g_autoptr(GError) audit_error = NULL;
  GError *error = NULL;
  gboolean ok;

  bundle = decode (job->bundle, &error);
  if (bundle == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ok = mado_orca_client_send (source, job->diff, bundle->subsidies, job->answer, &job->result,
                              cancellable, &error);
  /* Every hand-off staff confirmed is audited, whatever ORCA answered. */
  if (job->store != NULL &&
      !mado_orca_audit_send (job->store, job->operator_id, NULL, bundle->resident_ref, job->diff,
                             ok ? &job->result : NULL, error, &audit_error))
    g_warning ("orca: the hand-off was not audited: %s", audit_error->message);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mado_orca_handoff_send_async:
 * @client: the desk's ORCA client
 * @store: (nullable): the desk's store, for the audit entry
 * @operator_id: who confirmed the hand-off
 * @bundle: the resident bundle, encoded
 * @diff: (transfer full): what staff confirmed
 * @answer: what to do when ORCA asks a question
 * @cancellable: (nullable): stops the exchange
 * @callback: called on the caller's main context
 * @user_data: for @callback
 */
void
mado_orca_handoff_send_async (MadoOrcaClient      *client,
                              MadoStore           *store,
                              const char          *operator_id,
                              GBytes              *bundle,
                              MadoOrcaDiff        *diff,
                              MadoOrcaAnswer       answer,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->bundle = g_bytes_ref (bundle);
  job->store = store != NULL ? g_object_ref (store) : NULL;
  job->operator_id = g_strdup (operator_id != NULL ? operator_id : "unknown");
  job->diff = diff;
  job->answer = answer;
  g_task_set_source_tag (task, mado_orca_handoff_send_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, send_thread);
}

/**
 * mado_orca_handoff_send_finish:
 * @result: the result
 * @out: (out caller-allocates): what happened; clear with mado_orca_send_result_clear()
 * @error: a #MadoOrcaError
 *
 * Returns: whether the hand-off succeeded
 */
gboolean
mado_orca_handoff_send_finish (GAsyncResult        *result,
                               MadoOrcaSendResult  *out,
                               GError             **error)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  *out = (MadoOrcaSendResult) { FALSE, NULL, NULL };
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *out = job->result;
  job->result = (MadoOrcaSendResult) { FALSE, NULL, NULL };
  return TRUE;
}
