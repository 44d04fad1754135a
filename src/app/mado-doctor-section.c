/* mado-doctor-section.c — the 予診票's doctor's section: the judgement a signed-in doctor signs
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The section is built from the hub's doctor items (answerType, options):
 * a choice becomes one radio button per option, a boolean a check box. A
 * signed-in doctor fills it in and signs; anyone else sees it read-only,
 * for only a doctor's name may stand under a judgement. Signing saves a
 * completed-questionnaire record, which the outbox delivers to the hub;
 * from then on the section shows what was signed, by whom, and whether it
 * has reached the hub.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-doctor-section.h"
#include "mado-resident-sections.h"
#include "mado-venue-bar.h"
#include "mado-venue-records.h"

struct _MadoDoctorSection
{
  AdwBin            parent_instance;

  MadoResidentBundle *bundle;      /* a copy: the section may outlive the visit's */
  MadoJudgement    *draft;         /* resident, 予診票 and vaccine; the rest from the widgets */
  GStrv             item_texts;    /* the hub's words for each doctor item */
  GtkStack         *stack;         /* "read-only", "edit", "signed" */
  GtkCheckButton   *decisions[3];  /* by MadoDecision; NULL if the hub offers it not */
  GtkCheckButton   *explained;
  GtkWidget        *reason_box;
  GtkDropDown      *reason_dropdown;
  GtkEntry         *reason_entry;
  GtkLabel         *error_label;
  GtkLabel         *signed_label;
  GApplication     *application;   /* weak: whose staff-session we follow */
  char             *signed_record_id;
};

G_DEFINE_FINAL_TYPE (MadoDoctorSection, mado_doctor_section, ADW_TYPE_BIN)

/* The radio buttons' words, with the mnemonic each decision keeps. */
static const char *
decision_mnemonic (MadoDecision decision)
{
  switch (decision)
    {
    case MADO_DECISION_VACCINATE:
      return _("_Vaccinate");
    case MADO_DECISION_POSTPONE:
      return _("P_ostpone");
    case MADO_DECISION_DO_NOT_VACCINATE:
    default:
      return _("Do _not vaccinate");
    }
}

static gboolean
chosen_decision (MadoDoctorSection *self,
                 MadoDecision      *decision)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->decisions); i++)
    if (self->decisions[i] != NULL && gtk_check_button_get_active (self->decisions[i]))
      {
        *decision = (MadoDecision) i;
        return TRUE;
      }
  return FALSE;
}

static void
decision_toggled_cb (MadoDoctorSection *self)
{
  MadoDecision decision = MADO_DECISION_VACCINATE;

  gtk_widget_set_visible (self->reason_box, chosen_decision (self, &decision) &&
                                            decision != MADO_DECISION_VACCINATE);
}

static GtkWidget *
read_only_new (MadoDoctorSection *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  for (guint i = 0; self->item_texts[i] != NULL; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *text = mado_resident_label_new (self->item_texts[i], NULL);
      GtkWidget *field = mado_resident_label_new (_("(blank: for the doctor)"), "dim-label");

      gtk_widget_set_hexpand (text, TRUE);
      gtk_widget_add_css_class (field, "doctor-field");
      gtk_widget_set_size_request (field, 220, -1);
      gtk_box_append (GTK_BOX (row), text);
      gtk_box_append (GTK_BOX (row), field);
      gtk_box_append (GTK_BOX (box), row);
    }
  gtk_box_append (GTK_BOX (box), mado_resident_note_new ("dialog-information-symbolic",
                                                         _("Only a signed-in doctor can fill in and sign this section."),
                                                         NULL));
  return box;
}

static void
add_choice (MadoDoctorSection    *self,
            GtkBox               *box,
            const MadoDoctorItem *item)
{
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkCheckButton *group = NULL;

  gtk_box_append (box, mado_resident_label_new (item->text, "heading"));
  for (guint i = 0; item->options != NULL && item->options[i] != NULL; i++)
    {
      MadoDecision decision;
      GtkWidget *check;

      if (!mado_decision_from_string (item->options[i], &decision) || self->decisions[decision] != NULL)
        continue;
      check = gtk_check_button_new_with_mnemonic (decision_mnemonic (decision));
      mado_resident_set_named (check, "doctor-decision", decision);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      group = GTK_CHECK_BUTTON (check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (decision_toggled_cb), self);
      self->decisions[decision] = GTK_CHECK_BUTTON (check);
      gtk_box_append (GTK_BOX (choices), check);
    }
  gtk_box_append (box, choices);
}

static void
add_boolean (MadoDoctorSection    *self,
             GtkBox               *box,
             const MadoDoctorItem *item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *mnemonic = gtk_label_new_with_mnemonic (_("_Explained:"));
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_name (check, "doctor-explained");
  gtk_label_set_mnemonic_widget (GTK_LABEL (mnemonic), check);
  /* The hub's words, which are long: wrapped. */
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), mado_resident_label_new (item->text, NULL));
  gtk_box_append (GTK_BOX (row), mnemonic);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (box, row);
  self->explained = GTK_CHECK_BUTTON (check);
}

static GtkWidget *
reason_box_new (MadoDoctorSection *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Why not:"));
  GtkWidget *details = gtk_label_new_with_mnemonic (_("Detai_ls:"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const MadoNotVaccinatingReason *reasons;
  gsize n_reasons;

  reasons = mado_decision_reasons (&n_reasons);
  for (gsize i = 0; i < n_reasons; i++)
    gtk_string_list_append (names, _(reasons[i].label));
  self->reason_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  self->reason_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->reason_dropdown), "doctor-reason");
  gtk_widget_set_name (GTK_WIDGET (self->reason_entry), "doctor-reason-text");
  gtk_entry_set_max_length (self->reason_entry, 200);
  gtk_widget_set_hexpand (GTK_WIDGET (self->reason_entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->reason_dropdown));
  gtk_label_set_mnemonic_widget (GTK_LABEL (details), GTK_WIDGET (self->reason_entry));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reason_dropdown));
  gtk_box_append (GTK_BOX (box), details);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reason_entry));
  gtk_widget_set_visible (box, FALSE);
  return box;
}

static GtkWidget *
editor_new (MadoDoctorSection       *self,
            const MadoQuestionnaire *questionnaire)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *sign = gtk_button_new_with_mnemonic (_("_Sign the Judgement"));

  for (guint i = 0; i < questionnaire->doctor_section->len; i++)
    {
      const MadoDoctorItem *item = g_ptr_array_index (questionnaire->doctor_section, i);

      if (g_strcmp0 (item->answer_type, "choice") == 0)
        add_choice (self, GTK_BOX (box), item);
      else if (g_strcmp0 (item->answer_type, "boolean") == 0 && self->explained == NULL)
        add_boolean (self, GTK_BOX (box), item);
    }
  self->reason_box = reason_box_new (self);
  self->error_label = GTK_LABEL (mado_resident_label_new (NULL, "error"));
  gtk_widget_set_name (GTK_WIDGET (self->error_label), "doctor-error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_name (sign, "doctor-sign");
  gtk_widget_set_halign (sign, GTK_ALIGN_START);
  gtk_widget_add_css_class (sign, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sign), "doctor.sign");
  gtk_box_append (GTK_BOX (box), self->reason_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (box), sign);
  return box;
}

static gboolean
role_may_judge (MadoDoctorSection *self)
{
  MadoStaffSession *staff = mado_venue_bar_get_staff_session (GTK_WIDGET (self));

  return staff != NULL && mado_staff_role_can_judge (mado_staff_session_get_role (staff));
}

static void
update_mode (MadoDoctorSection *self)
{
  if (self->signed_record_id != NULL)
    gtk_stack_set_visible_child_name (self->stack, "signed");
  else
    gtk_stack_set_visible_child_name (self->stack, role_may_judge (self) ? "edit" : "read-only");
}

/* The judgement from the widgets; NULL fields are what validation names. */
static MadoJudgement *
judgement_from_widgets (MadoDoctorSection *self)
{
  MadoJudgement *judgement = mado_judgement_new ();
  const MadoNotVaccinatingReason *reasons;
  gsize n_reasons;
  guint reason = gtk_drop_down_get_selected (self->reason_dropdown);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry))));

  judgement->resident_ref = g_strdup (self->draft->resident_ref);
  judgement->resident_name = g_strdup (self->draft->resident_name);
  judgement->questionnaire_id = g_strdup (self->draft->questionnaire_id);
  judgement->vaccine = g_strdup (self->draft->vaccine);
  /* An invalid value when nothing is chosen: validation asks for a choice. */
  judgement->decision = (MadoDecision) G_N_ELEMENTS (self->decisions);
  chosen_decision (self, &judgement->decision);
  judgement->explained = self->explained != NULL && gtk_check_button_get_active (self->explained);
  reasons = mado_decision_reasons (&n_reasons);
  if (judgement->decision != MADO_DECISION_VACCINATE && reason < n_reasons)
    judgement->reason_code = g_strdup (reasons[reason].code);
  if (judgement->decision != MADO_DECISION_VACCINATE && *text != '\0')
    judgement->reason_text = g_steal_pointer (&text);
  return judgement;
}

static void
show_signed (MadoDoctorSection   *self,
             const MadoJudgement *judgement)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (judgement->completed_at);
  g_autofree char *when = g_date_time_format (local, "%H:%M");
  g_autofree char *text = g_strdup_printf (_("%s · signed by %s at %s"),
                                           mado_decision_label (judgement->decision),
                                           judgement->doctor_name != NULL ? judgement->doctor_name
                                                                          : judgement->doctor_id,
                                           when);

  gtk_label_set_label (self->signed_label, text);
  g_free (self->signed_record_id);
  self->signed_record_id = g_strdup (judgement->record_id);
  update_mode (self);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mado_doctor_section_sign (MADO_DOCTOR_SECTION (widget));
}

static void
mado_doctor_section_root (GtkWidget *widget)
{
  MadoDoctorSection *self = MADO_DOCTOR_SECTION (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (mado_doctor_section_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (self->application == NULL && GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)))
    {
      self->application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)));
      g_signal_connect_object (self->application, "notify::staff-session",
                               G_CALLBACK (update_mode), self, G_CONNECT_SWAPPED);
    }
  update_mode (self);
}

static void
mado_doctor_section_finalize (GObject *object)
{
  MadoDoctorSection *self = MADO_DOCTOR_SECTION (object);

  g_clear_pointer (&self->bundle, mado_resident_bundle_free);
  mado_judgement_free (self->draft);
  g_strfreev (self->item_texts);
  g_free (self->signed_record_id);
  G_OBJECT_CLASS (mado_doctor_section_parent_class)->finalize (object);
}

static void
mado_doctor_section_class_init (MadoDoctorSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mado_doctor_section_finalize;
  widget_class->root = mado_doctor_section_root;
  gtk_widget_class_install_action (widget_class, "doctor.sign", NULL, sign_action);
}

static void
mado_doctor_section_init (MadoDoctorSection *self)
{
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_interpolate_size (self->stack, TRUE);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  gtk_widget_set_name (GTK_WIDGET (self), "doctor-section");
}

/**
 * mado_doctor_section_new:
 * @bundle: the resident's bundle; not kept
 * @questionnaire: one of @bundle's questionnaires with a doctor's section; not kept
 *
 * Returns: (transfer floating): the section, read-only until a doctor is signed in
 */
GtkWidget *
mado_doctor_section_new (const MadoResidentBundle *bundle,
                         const MadoQuestionnaire  *questionnaire)
{
  MadoDoctorSection *self = g_object_new (MADO_TYPE_DOCTOR_SECTION, NULL);
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  self->bundle = mado_venue_records_copy_bundle (bundle);
  self->draft = mado_judgement_new ();
  self->draft->resident_ref = g_strdup (bundle->resident_ref);
  self->draft->resident_name = g_strdup (bundle->basic_info.name);
  self->draft->questionnaire_id = g_strdup (questionnaire->questionnaire_id);
  self->draft->vaccine = g_strdup (questionnaire->vaccine);
  for (guint i = 0; i < questionnaire->doctor_section->len; i++)
    g_strv_builder_add (texts, ((MadoDoctorItem *) g_ptr_array_index (questionnaire->doctor_section, i))->text);
  self->item_texts = g_strv_builder_end (texts);
  self->signed_label = GTK_LABEL (mado_resident_label_new (NULL, "doctor-signed"));
  gtk_widget_set_name (GTK_WIDGET (self->signed_label), "doctor-signed");
  gtk_stack_add_named (self->stack, read_only_new (self), "read-only");
  gtk_stack_add_named (self->stack, editor_new (self, questionnaire), "edit");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->signed_label), "signed");
  return GTK_WIDGET (self);
}

gboolean
mado_doctor_section_get_editable (MadoDoctorSection *self)
{
  g_return_val_if_fail (MADO_IS_DOCTOR_SECTION (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "edit") == 0;
}

/**
 * mado_doctor_section_sign:
 *
 * Signs what the doctor chose, as the signed-in doctor: the judgement is
 * saved and queued for the hub, or the section says what is missing.
 *
 * Returns: whether it was saved
 */
gboolean
mado_doctor_section_sign (MadoDoctorSection *self)
{
  g_autoptr(MadoJudgement) judgement = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MADO_IS_DOCTOR_SECTION (self), FALSE);

  if (!mado_doctor_section_get_editable (self))
    return FALSE;
  judgement = judgement_from_widgets (self);
  if (!mado_venue_records_save_judgement (GTK_WIDGET (self), self->bundle, judgement, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  show_signed (self, judgement);
  return TRUE;
}
