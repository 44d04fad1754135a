/* mado-reception-session-steps.c — the session's transition table and the steps that run it
 *
 * Each step runs its worker either on the caller's thread (the blocking
 * variants, for the CLI) or in a GTask thread (the _async variants, for
 * the app). The worker only computes an outcome; the state changes, with
 * their log line, notify::state and state-changed, happen on the thread the
 * step was started from, when the worker is done. docs/flow.md has the
 * same states and transitions.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-card-error.h"
#include "mado-error.h"
#include "mado-reception-session-private.h"

typedef gboolean (*StepCheck) (MadoReceptionSession  *self,
                               MadoReceptionStep     *step,
                               GError               **error);
typedef gboolean (*StepWork)  (MadoReceptionSession  *self,
                               MadoReceptionStep     *step);

/* A set of states, one bit each. */
#define STATE_BIT(state) (1u << (state))
#define IN(name)         STATE_BIT (MADO_RECEPTION_STATE_##name)
#define RESULT_STATES    (IN (CONFIRMED) | IN (CONFIRMED_OFFLINE) | IN (NO_CACHED_DATA))

typedef struct {
  guint               from;    /* the states the step may start in */
  MadoReceptionState  busy;    /* the state while its worker runs */
  const char         *reason;  /* why the session entered @busy, for the log */
  guint               to;      /* the states its worker may end it in */
  gboolean            tries;   /* the tries left and the offered modes may change */
  StepCheck           check;   /* (nullable): the desk's input, before anything runs */
  StepWork            work;    /* on the worker's thread */
} StepRule;

static gboolean
check_pin (MadoReceptionSession  *self,
           MadoReceptionStep     *step,
           GError               **error)
{
  if ((self->modes & MADO_IDENTITY_MODE_PIN) == 0)
    {
      g_set_error_literal (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED,
                           _("This desk is not configured for PIN identity checks."));
      return FALSE;
    }
  if (step->pin == NULL && !self->pin_pad)
    {
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT,
                           _("No PIN was entered and this reader has no PIN pad. Nothing "
                             "was sent to the card."));
      return FALSE;
    }
  return step->pin == NULL || mado_pin_validate (step->pin, error);
}

static gboolean
check_visual (MadoReceptionSession  *self,
              MadoReceptionStep     *step,
              GError               **error)
{
  if ((self->modes & MADO_IDENTITY_MODE_VISUAL) == 0)
    {
      g_set_error_literal (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED,
                           _("This desk may not use visual identity checks. Ask the resident "
                             "for the PIN."));
      return FALSE;
    }
  if (step->operator_id == NULL || !mado_hub_proof_is_terminal_id (step->operator_id))
    {
      g_set_error_literal (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED,
                           _("A visual check needs the ID of the staff member who made it "
                             "(letters, digits, “.”, “_” and “-”)."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_consent (MadoReceptionSession  *self,
               MadoReceptionStep     *step,
               GError               **error)
{
  if ((step->consent & MADO_HUB_CONSENT_ALL) != 0)
    return TRUE;
  mado_error_set (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_CONSENT_REQUIRED);
  return FALSE;
}

/* The state machine: which step may start where, and where it may lead.
 * A successful card read passes through CARD_READ on its way; any step
 * ends in FAILED when the card leaves before a result. */
static const StepRule rules[] = {
  [MADO_RECEPTION_STEP_READ_CARD] = {
    .from = IN (IDLE),
    .busy = MADO_RECEPTION_STATE_READING_CARD,
    .reason = "card placed",
    /* NO_CACHED_DATA: offline with nothing cached, before the PIN is asked for. */
    .to = IN (AWAITING_PIN) | IN (AWAITING_VISUAL_CHECK) | IN (NO_CACHED_DATA) | IN (FAILED),
    .work = mado_reception_session_card_read,
  },
  [MADO_RECEPTION_STEP_PIN] = {
    .from = IN (AWAITING_PIN),
    .busy = MADO_RECEPTION_STATE_PROVING,
    .reason = "pin submitted",
    /* NO_CACHED_DATA: offline with nothing cached, before the PIN is used. */
    .to = IN (AWAITING_CONSENT) | IN (AWAITING_PIN) | IN (NO_CACHED_DATA) | IN (FAILED),
    .tries = TRUE,
    .check = check_pin,
    .work = mado_reception_session_identity_prove_pin,
  },
  [MADO_RECEPTION_STEP_VISUAL] = {
    .from = IN (AWAITING_PIN) | IN (AWAITING_VISUAL_CHECK),
    .busy = MADO_RECEPTION_STATE_PROVING,
    .reason = "visual check confirmed by staff",
    .to = IN (AWAITING_CONSENT) | IN (FAILED),
    .check = check_visual,
    .work = mado_reception_session_identity_prove_visual,
  },
  [MADO_RECEPTION_STEP_CONSENT] = {
    .from = IN (AWAITING_CONSENT),
    .busy = MADO_RECEPTION_STATE_CONFIRMING,
    .reason = "consent given",
    .to = RESULT_STATES | IN (FAILED),
    .check = check_consent,
    .work = mado_reception_session_answer_consent,
  },
};

static const StepRule *
rule_of (MadoReceptionStep *step)
{
  g_assert ((guint) step->kind < G_N_ELEMENTS (rules));
  return &rules[step->kind];
}

/**
 * mado_reception_session_steps_new:
 *
 * Returns: (transfer full): a step whose worker has not run; it ends in
 *   FAILED unless the worker says otherwise
 */
MadoReceptionStep *
mado_reception_session_steps_new (MadoReceptionStepKind kind)
{
  MadoReceptionStep *step = g_new0 (MadoReceptionStep, 1);

  step->kind = kind;
  step->next = MADO_RECEPTION_STATE_FAILED;
  return step;
}

void
mado_reception_session_steps_free (MadoReceptionStep *step)
{
  g_clear_pointer (&step->pin, mado_pin_free);
  g_free (step->operator_id);
  g_clear_object (&step->cancellable);
  g_clear_error (&step->error);
  g_free (step);
}

/**
 * mado_reception_session_steps_fail:
 * @next: where the refusal leaves the visit
 * @error: (transfer full): why; its name is the log reason
 *
 * Returns: %FALSE, for the worker to return
 */
gboolean
mado_reception_session_steps_fail (MadoReceptionStep  *step,
                                   MadoReceptionState  next,
                                   GError             *error)
{
  step->next = next;
  g_clear_error (&step->error);
  step->error = error;
  step->reason = mado_error_name (error);
  return FALSE;
}

gboolean
mado_reception_session_steps_is_result (MadoReceptionState state)
{
  return (RESULT_STATES & STATE_BIT (state)) != 0;
}

GError *
mado_reception_session_steps_card_removed_error (void)
{
  return g_error_new_literal (MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED,
                              _("The card was taken off the reader. Place it again and start "
                                "over."));
}

/* finish() came while the worker ran: nothing of it may survive. */
static gboolean
drop_finished (MadoReceptionSession  *self,
               GError               **error)
{
  mado_reception_session_card_release (self);
  mado_reception_session_identity_forget (self);
  mado_reception_session_answer_forget (self);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The visit was ended before this step finished."));
  return FALSE;
}

/* On the thread the step started from: the worker's outcome becomes the
 * session's state. */
static gboolean
apply_step (MadoReceptionSession  *self,
            MadoReceptionStep     *step,
            GError               **error)
{
  const StepRule *rule = rule_of (step);

  self->busy = FALSE;
  if (self->state == MADO_RECEPTION_STATE_FINISHED)
    return drop_finished (self, error);
  if (g_atomic_int_get (&self->removed) && !mado_reception_session_steps_is_result (step->next))
    mado_reception_session_steps_fail (step, MADO_RECEPTION_STATE_FAILED,
                                       mado_reception_session_steps_card_removed_error ());
  else if (g_error_matches (step->error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED))
    step->reason = "card-removed";
  g_assert ((rule->to & STATE_BIT (step->next)) != 0);

  if (step->next == MADO_RECEPTION_STATE_FAILED)
    {
      mado_reception_session_card_release (self);
      mado_reception_session_identity_forget (self);
    }
  mado_reception_session_set_error (self, step->error);
  if (step->card_read || rule->tries)
    mado_reception_session_notify_card (self);
  if (step->card_read)
    mado_reception_session_transition (self, MADO_RECEPTION_STATE_CARD_READ,
                                       self->pin_blocked ? "certificate read; pin blocked"
                                                         : "certificate and tries read");
  mado_reception_session_transition (self, step->next, step->reason);

  if (step->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&step->error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin_step (MadoReceptionSession  *self,
            MadoReceptionStep     *step,
            GError               **error)
{
  const StepRule *rule = rule_of (step);

  if ((rule->from & STATE_BIT (self->state)) == 0 || self->busy)
    {
      g_set_error (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_WRONG_STATE,
                   "session %u: this step is not possible in the state %s", self->id,
                   mado_reception_state_to_string (self->state));
      return FALSE;
    }
  if (rule->check != NULL && !rule->check (self, step, error))
    return FALSE;

  self->busy = TRUE;
  if (step->cancellable == NULL)
    step->cancellable = g_object_ref (self->cancellable);
  mado_reception_session_transition (self, rule->busy, rule->reason);
  return TRUE;
}

/**
 * mado_reception_session_steps_run:
 *
 * Runs @step's worker on this thread and applies its outcome.
 *
 * Returns: %TRUE when the step succeeded
 */
gboolean
mado_reception_session_steps_run (MadoReceptionSession  *self,
                                  MadoReceptionStep     *step,
                                  GError               **error)
{
  if (!begin_step (self, step, error))
    return FALSE;
  rule_of (step)->work (self, step);
  return apply_step (self, step, error);
}

static void
step_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MadoReceptionStep *step = task_data;

  rule_of (step)->work (MADO_RECEPTION_SESSION (source_object), step);
  g_task_return_boolean (task, TRUE);
}

static void
step_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MadoReceptionSession *self = MADO_RECEPTION_SESSION (source);
  g_autoptr(GTask) outer = user_data;
  MadoReceptionStep *step = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (apply_step (self, step, &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

/**
 * mado_reception_session_steps_run_async:
 * @step: (transfer full): the step
 *
 * Runs @step's worker in a thread; its outcome is applied on this thread
 * before @callback runs.
 */
void
mado_reception_session_steps_run_async (MadoReceptionSession *self,
                                        MadoReceptionStep    *step,
                                        gpointer              source_tag,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;

  g_task_set_source_tag (outer, source_tag);
  if (cancellable != NULL)
    step->cancellable = g_object_ref (cancellable);
  if (!begin_step (self, step, &error))
    {
      mado_reception_session_steps_free (step);
      g_task_return_error (outer, error);
      return;
    }
  /* The inner task's callback applies the outcome on this thread before
   * the caller's callback runs. */
  inner = g_task_new (self, NULL, step_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, step, (GDestroyNotify) mado_reception_session_steps_free);
  g_task_run_in_thread (inner, step_thread);
}

gboolean
mado_reception_session_steps_finish (MadoReceptionSession  *self,
                                     GAsyncResult          *result,
                                     gpointer               source_tag,
                                     GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
