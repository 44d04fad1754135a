/* mado-hub-client-async.c — the hub client's calls the desk makes from the main loop
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The status probe and the challenge run the blocking call in a GTask
 * worker thread, so that the main loop never waits on the network.
 */
#include "config.h"

#include "mado-hub-client.h"

typedef enum {
  OP_STATUS,
  OP_CHALLENGE,
} OpKind;

static void
run_op_cb (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  MadoHubClient *self = source_object;
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify free_func = NULL;

  switch ((OpKind) GPOINTER_TO_INT (task_data))
    {
    case OP_STATUS:
      result = mado_hub_client_get_status (self, cancellable, &error);
      free_func = (GDestroyNotify) mado_hub_status_free;
      break;
    case OP_CHALLENGE:
      result = mado_hub_client_request_challenge (self, cancellable, &error);
      free_func = (GDestroyNotify) mado_hub_challenge_free;
      break;
    default:
      g_assert_not_reached ();
    }
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, free_func);
}

static void
start_op (MadoHubClient      *self,
          OpKind              kind,
          gpointer            source_tag,
          GCancellable       *cancellable,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_op_cb);
}

static gpointer
finish_op (MadoHubClient *self,
           GAsyncResult  *result,
           gpointer       source_tag,
           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mado_hub_client_get_status_async (MadoHubClient      *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  start_op (self, OP_STATUS, mado_hub_client_get_status_async, cancellable, callback, user_data);
}

/**
 * mado_hub_client_get_status_finish:
 *
 * Returns: (transfer full) (nullable): as mado_hub_client_get_status()
 */
MadoHubStatus *
mado_hub_client_get_status_finish (MadoHubClient *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_op (self, result, mado_hub_client_get_status_async, error);
}

void
mado_hub_client_request_challenge_async (MadoHubClient      *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  start_op (self, OP_CHALLENGE, mado_hub_client_request_challenge_async,
            cancellable, callback, user_data);
}

/**
 * mado_hub_client_request_challenge_finish:
 *
 * Returns: (transfer full) (nullable): as mado_hub_client_request_challenge()
 */
MadoHubChallenge *
mado_hub_client_request_challenge_finish (MadoHubClient *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return finish_op (self, result, mado_hub_client_request_challenge_async, error);
}
