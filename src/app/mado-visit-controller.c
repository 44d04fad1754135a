/* mado-visit-controller.c — one visit at a time: the reception session behind the desk window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window never holds a MadoReceptionSession itself: it asks the
 * controller to start, advance and end visits, and renders the states the
 * controller forwards. A new card means a new session, so nothing of one
 * resident's visit can leak into the next.
 */
#include "config.h"

#include "mado-cues.h"
#include "mado-visit-controller.h"

struct _MadoVisitController
{
  GObject               parent_instance;

  /* The store, the hub client and the configuration come from the desk
   * for each visit: the store may still be opening when the window is. */
  MadoDesk             *desk;
  char                 *operator_id;

  MadoReceptionSession *session;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (MadoVisitController, mado_visit_controller, G_TYPE_OBJECT)

enum {
  SIGNAL_STATE_CHANGED,
  SIGNAL_STEP_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
session_state_changed_cb (MadoReceptionSession *session,
                          MadoReceptionState    old_state,
                          MadoReceptionState    new_state,
                          MadoVisitController  *self)
{
  if (session != self->session)
    return;
  if (old_state == MADO_RECEPTION_STATE_CARD_READ &&
      (new_state == MADO_RECEPTION_STATE_AWAITING_PIN ||
       new_state == MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK))
    mado_cues_play (MADO_CUE_CARD_READ);
  else if (new_state == MADO_RECEPTION_STATE_CONFIRMED ||
           new_state == MADO_RECEPTION_STATE_CONFIRMED_OFFLINE)
    {
      mado_cues_play (MADO_CUE_CONFIRMED);
      mado_desk_outbox_changed (self->desk);
    }
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, old_state, new_state);
}

typedef gboolean (*StepFinishFunc) (MadoReceptionSession *session,
                                    GAsyncResult         *result,
                                    GError              **error);

static void
step_done (MadoVisitController *self,
           GObject             *source,
           GAsyncResult        *result,
           StepFinishFunc       finish)
{
  g_autoptr(GError) error = NULL;

  finish (MADO_RECEPTION_SESSION (source), result, &error);
  /* A visit the desk already ended (card gone, Escape) has nothing to say. */
  if (MADO_RECEPTION_SESSION (source) != self->session)
    return;
  self->busy = FALSE;
  if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG))
    mado_cues_play (MADO_CUE_PIN_WRONG);
  g_signal_emit (self, signals[SIGNAL_STEP_FINISHED], 0, error);
}

static void
read_card_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MadoVisitController) self = user_data;

  step_done (self, source, result, mado_reception_session_read_card_finish);
}

static void
submit_pin_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MadoVisitController) self = user_data;

  step_done (self, source, result, mado_reception_session_submit_pin_finish);
}

static void
confirm_visual_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(MadoVisitController) self = user_data;

  step_done (self, source, result, mado_reception_session_confirm_visual_finish);
}

static void
give_consent_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MadoVisitController) self = user_data;

  step_done (self, source, result, mado_reception_session_give_consent_finish);
}

static void
drop_session (MadoVisitController *self)
{
  g_autoptr(MadoReceptionSession) session = g_steal_pointer (&self->session);

  self->busy = FALSE;
  if (session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (session, self);
  /* Powers the card down and drops the proof and the bundle; a step still
   * running is cancelled and its outcome ignored (step_done). */
  mado_reception_session_finish (session);
  /* The visit may have left a record for the hub. */
  if (self->desk != NULL)
    mado_desk_outbox_changed (self->desk);
}

static void
mado_visit_controller_dispose (GObject *object)
{
  MadoVisitController *self = MADO_VISIT_CONTROLLER (object);

  drop_session (self);
  g_clear_object (&self->desk);

  G_OBJECT_CLASS (mado_visit_controller_parent_class)->dispose (object);
}

static void
mado_visit_controller_finalize (GObject *object)
{
  MadoVisitController *self = MADO_VISIT_CONTROLLER (object);

  g_free (self->operator_id);

  G_OBJECT_CLASS (mado_visit_controller_parent_class)->finalize (object);
}

static void
mado_visit_controller_class_init (MadoVisitControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_visit_controller_dispose;
  object_class->finalize = mado_visit_controller_finalize;

  /**
   * MadoVisitController::state-changed:
   * @old_state: the state before
   * @new_state: the state now
   *
   * The current visit's session changed state.
   */
  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  MADO_TYPE_RECEPTION_STATE, MADO_TYPE_RECEPTION_STATE);
  /**
   * MadoVisitController::step-finished:
   * @error: (nullable): why the step failed; a wrong PIN leaves the visit
   *   waiting for the PIN again
   *
   * A step started through the controller returned.
   */
  signals[SIGNAL_STEP_FINISHED] =
    g_signal_new ("step-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mado_visit_controller_init (MadoVisitController *self)
{
}

/**
 * mado_visit_controller_new:
 * @desk: the desk whose configuration, hub client and store the visits
 *   use; without a site configuration no visit starts
 *
 * Returns: (transfer full): a controller with no visit
 */
MadoVisitController *
mado_visit_controller_new (MadoDesk *desk)
{
  MadoVisitController *self;

  g_return_val_if_fail (MADO_IS_DESK (desk), NULL);

  self = g_object_new (MADO_TYPE_VISIT_CONTROLLER, NULL);
  self->desk = g_object_ref (desk);
  return self;
}

/* The staff member recorded in the audit log for the visits that follow. */
void
mado_visit_controller_set_operator (MadoVisitController *self,
                                    const char          *operator_id)
{
  g_return_if_fail (MADO_IS_VISIT_CONTROLLER (self));

  g_free (self->operator_id);
  self->operator_id = g_strdup (operator_id);
}

/**
 * mado_visit_controller_start:
 * @reader: (nullable): the reader the card was placed on
 *
 * Ends any visit still open and starts reading the card in a new session.
 *
 * Returns: %FALSE when there is no site configuration to start one with
 */
gboolean
mado_visit_controller_start (MadoVisitController *self,
                             const char          *reader)
{
  g_return_val_if_fail (MADO_IS_VISIT_CONTROLLER (self), FALSE);

  drop_session (self);
  if (mado_desk_get_site_config (self->desk) == NULL)
    return FALSE;
  /* A sign-in waits for the store to open, and visits need a signed-in
   * desk: a visit never starts without the store that records it. */
  g_return_val_if_fail (mado_desk_get_store_state (self->desk) != MADO_DESK_STORE_OPENING &&
                        mado_desk_get_store_state (self->desk) != MADO_DESK_STORE_CLOSED, FALSE);
  self->session = mado_reception_session_new (mado_desk_get_site_config (self->desk),
                                              mado_desk_get_hub_client (self->desk),
                                              mado_desk_get_store (self->desk));
  if (reader != NULL)
    mado_reception_session_set_reader (self->session, reader);
  if (self->operator_id != NULL)
    mado_reception_session_set_operator (self->session, self->operator_id);
  g_signal_connect (self->session, "state-changed", G_CALLBACK (session_state_changed_cb), self);
  self->busy = TRUE;
  mado_reception_session_read_card_async (self->session, NULL, read_card_done_cb,
                                          g_object_ref (self));
  return TRUE;
}

/**
 * mado_visit_controller_get_session:
 *
 * Returns: (nullable) (transfer none): the current visit's session
 */
MadoReceptionSession *
mado_visit_controller_get_session (MadoVisitController *self)
{
  g_return_val_if_fail (MADO_IS_VISIT_CONTROLLER (self), NULL);

  return self->session;
}

MadoReceptionState
mado_visit_controller_get_state (MadoVisitController *self)
{
  g_return_val_if_fail (MADO_IS_VISIT_CONTROLLER (self), MADO_RECEPTION_STATE_IDLE);

  if (self->session == NULL)
    return MADO_RECEPTION_STATE_IDLE;
  return mado_reception_session_get_state (self->session);
}

/* Whether a step is under way (the desk waits for the card or the hub). */
gboolean
mado_visit_controller_get_busy (MadoVisitController *self)
{
  g_return_val_if_fail (MADO_IS_VISIT_CONTROLLER (self), FALSE);

  return self->busy;
}

/**
 * mado_visit_controller_submit_pin:
 * @pin: (transfer full) (nullable): the PIN as typed, which the session
 *   wipes and frees; %NULL to start the entry on the reader's PIN pad
 */
void
mado_visit_controller_submit_pin (MadoVisitController *self,
                                  MadoPin             *pin)
{
  g_return_if_fail (MADO_IS_VISIT_CONTROLLER (self));

  if (self->session == NULL || self->busy)
    {
      g_clear_pointer (&pin, mado_pin_free);
      return;
    }
  self->busy = TRUE;
  mado_reception_session_submit_pin_async (self->session, pin, NULL, submit_pin_done_cb,
                                           g_object_ref (self));
}

void
mado_visit_controller_confirm_visual (MadoVisitController *self,
                                      const char          *operator_id)
{
  g_return_if_fail (MADO_IS_VISIT_CONTROLLER (self));

  if (self->session == NULL || self->busy)
    return;
  self->busy = TRUE;
  mado_reception_session_confirm_visual_async (self->session, operator_id, NULL,
                                               confirm_visual_done_cb, g_object_ref (self));
}

void
mado_visit_controller_give_consent (MadoVisitController *self,
                                    MadoHubConsent       consent)
{
  g_return_if_fail (MADO_IS_VISIT_CONTROLLER (self));

  if (self->session == NULL || self->busy)
    return;
  self->busy = TRUE;
  mado_reception_session_give_consent_async (self->session, consent, NULL,
                                             give_consent_done_cb, g_object_ref (self));
}

/* The reader monitor saw the card leave: before a result the visit fails
 * (card-removed); with a result on screen nothing changes until the desk
 * ends the visit. */
void
mado_visit_controller_card_removed (MadoVisitController *self)
{
  g_return_if_fail (MADO_IS_VISIT_CONTROLLER (self));

  if (self->session != NULL)
    mado_reception_session_report_card_removed (self->session);
}

/* The desk is done: the card is powered down and nothing of the visit is kept. */
void
mado_visit_controller_end (MadoVisitController *self)
{
  g_return_if_fail (MADO_IS_VISIT_CONTROLLER (self));

  drop_session (self);
}
