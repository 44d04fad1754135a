/* mado-handoff-dialog.c — the hand-off's questions to staff: which patient, the diff, ORCA's question
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-handoff-dialog.h"

typedef struct {
  MadoOrcaPrepared   *prepared;
  MadoOrcaAnswer      answer;
  char               *patient_id;
  GtkEntry           *entry;        /* the patient number, when asked for */
  MadoHandoffDecided  decided;
  gpointer            user_data;
} Pending;

static void
pending_free (Pending *p)
{
  g_clear_pointer (&p->prepared, mado_orca_prepared_free);
  g_free (p->patient_id);
  g_free (p);
}

static AdwMessageDialog *
dialog_new (GtkWidget  *parent,
            const char *heading,
            const char *body,
            const char *name)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  gtk_widget_set_name (dialog, name);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Pending *p = user_data;
  MadoOrcaDiff *diff = NULL;

  if (strcmp (response, "send") == 0 && p->prepared != NULL)
    diff = g_steal_pointer (&p->prepared->diff);
  else if (strcmp (response, "look-up") == 0 && p->entry != NULL)
    {
      g_free (p->patient_id);
      p->patient_id = g_strdup (gtk_editable_get_text (GTK_EDITABLE (p->entry)));
    }
  else if (g_str_has_prefix (response, "patient-"))
    {
      g_free (p->patient_id);
      p->patient_id = g_strdup (response + strlen ("patient-"));
    }
  else
    g_clear_pointer (&p->patient_id, g_free);
  p->decided (diff, p->answer, diff == NULL ? p->patient_id : NULL, p->user_data);
}

static void
present (AdwMessageDialog *dialog,
         Pending          *p)
{
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), p,
                         (GClosureNotify) pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
describe_change (const MadoOrcaChange *change)
{
  g_autofree char *from = mado_date_format (&change->valid_from);
  g_autofree char *to = g_date_valid (&change->valid_to) ? mado_date_format (&change->valid_to)
                                                         : g_strdup (_("open"));
  const char *kind = change->kind == MADO_ORCA_CHANGE_ADD ? _("Add")
                     : change->kind == MADO_ORCA_CHANGE_UPDATE ? _("Update") : _("Unchanged");

  /* Translators: add/update/unchanged, payer number, recipient number, from, to */
  return g_strdup_printf (_("%s   %s / %s   %s – %s"), kind, change->payer_number,
                          change->recipient_number, from, to);
}

static GtkWidget *
changes_list_new (const MadoOrcaDiff *diff)
{
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_name (list, "handoff-changes");
  for (guint i = 0; i < diff->changes->len; i++)
    {
      const MadoOrcaChange *change = g_ptr_array_index (diff->changes, i);
      g_autofree char *text = describe_change (change);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, change->kind == MADO_ORCA_CHANGE_UNCHANGED ? "dim-label"
                                                                                 : "heading");
      gtk_box_append (GTK_BOX (list), label);
    }
  return list;
}

static void
present_diff (GtkWidget *parent,
              Pending   *p)
{
  const MadoOrcaPatient *patient = p->prepared->patient;
  g_autofree char *body = g_strdup_printf (_("ORCA patient %s %s. Today’s subsidies are added or "
                                             "updated with today as the check date; nothing in "
                                             "ORCA is ended or deleted."),
                                           patient->id, patient->name != NULL ? patient->name : "");
  AdwMessageDialog *dialog = dialog_new (parent, _("Send to ORCA?"), body, "handoff-diff");

  adw_message_dialog_set_extra_child (dialog, changes_list_new (p->prepared->diff));
  adw_message_dialog_add_response (dialog, "send", _("_Send"));
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "send");
  present (dialog, p);
}

static void
present_candidates (GtkWidget *parent,
                    Pending   *p)
{
  AdwMessageDialog *dialog = dialog_new (parent, _("Which ORCA patient?"),
                                         _("Several ORCA patients have this name and birth date."),
                                         "handoff-choose");

  for (guint i = 0; i < p->prepared->candidates->len; i++)
    {
      const MadoOrcaPatient *c = g_ptr_array_index (p->prepared->candidates, i);
      g_autofree char *id = g_strconcat ("patient-", c->id, NULL);
      g_autofree char *label = g_strdup_printf ("%s %s", c->id, c->name != NULL ? c->name : "");

      adw_message_dialog_add_response (dialog, id, label);
    }
  present (dialog, p);
}

static void
present_number (GtkWidget    *parent,
                Pending      *p,
                const GError *error)
{
  AdwMessageDialog *dialog = dialog_new (parent, _("ORCA patient number"), error->message,
                                         "handoff-number");
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_max_length (GTK_ENTRY (entry), MADO_ORCA_MAX_PATIENT_ID);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  p->entry = GTK_ENTRY (entry);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "look-up", _("_Look Up"));
  adw_message_dialog_set_default_response (dialog, "look-up");
  present (dialog, p);
}

/**
 * mado_handoff_dialog_present:
 * @parent: a widget in the desk window
 * @prepared: (transfer full) (nullable): what the core found
 * @error: (nullable): why it found nothing
 * @answer: how the send is to answer ORCA's question
 * @decided: called with staff's decision
 * @user_data: for @decided
 *
 * The diff to confirm, the patient to choose, or the number to type. A
 * diff with nothing to add or update is sent at once (ORCA gets nothing;
 * the hand-off is audited and shown as unchanged). Other errors go back
 * to @decided's caller through @error being set: nothing is shown.
 */
void
mado_handoff_dialog_present (GtkWidget          *parent,
                             MadoOrcaPrepared   *prepared,
                             const GError       *error,
                             MadoOrcaAnswer      answer,
                             MadoHandoffDecided  decided,
                             gpointer            user_data)
{
  Pending *p = g_new0 (Pending, 1);

  *p = (Pending) { prepared, answer, NULL, NULL, decided, user_data };
  if (prepared != NULL && prepared->diff != NULL && !mado_orca_diff_has_changes (prepared->diff))
    {
      decided (g_steal_pointer (&prepared->diff), answer, NULL, user_data);
      pending_free (p);
    }
  else if (prepared != NULL && prepared->diff != NULL)
    present_diff (parent, p);
  else if (prepared != NULL && prepared->candidates != NULL)
    present_candidates (parent, p);
  else
    present_number (parent, p, error);
}

static void
question_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Pending *p = user_data;

  if (strcmp (response, "yes") == 0)
    p->decided (NULL, MADO_ORCA_ANSWER_OK, p->patient_id, p->user_data);
  else
    p->decided (NULL, MADO_ORCA_ANSWER_NG, NULL, p->user_data);
}

/**
 * mado_handoff_dialog_question:
 * @parent: a widget in the desk window
 * @question: %MADO_ORCA_ERROR_QUESTION with ORCA's question
 * @patient_id: the patient the hand-off was for
 * @decided: Yes: called with %MADO_ORCA_ANSWER_OK and @patient_id, to look
 *   the patient up again and send answering Ok; No: with nothing
 * @user_data: for @decided
 */
void
mado_handoff_dialog_question (GtkWidget          *parent,
                              const GError       *question,
                              const char         *patient_id,
                              MadoHandoffDecided  decided,
                              gpointer            user_data)
{
  AdwMessageDialog *dialog = dialog_new (parent, _("ORCA asks"), question->message,
                                         "handoff-question");
  Pending *p = g_new0 (Pending, 1);

  *p = (Pending) { NULL, MADO_ORCA_ANSWER_OK, g_strdup (patient_id), NULL, decided, user_data };
  adw_message_dialog_add_response (dialog, "yes", _("_Yes, Register"));
  adw_message_dialog_set_response_appearance (dialog, "yes", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (question_cb), p,
                         (GClosureNotify) pending_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
