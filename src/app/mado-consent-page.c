/* mado-consent-page.c — the resident chooses what to share today
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is preselected. The screen faces the resident, and what it sends
 * is recorded as the resident's consent: a box ticked in advance would be
 * the clinic's choice, not theirs, and maternal/child data in particular is
 * not something a resident should share by not noticing. What a clerk
 * expects is speed and no surprises; one to three key presses (1, 2, 3)
 * cost less than undoing a default, and the hub never answers for a
 * category the resident did not choose.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-consent-page.h"

struct _MadoConsentPage
{
  AdwBin          parent_instance;

  /* template children */
  GtkCheckButton *subsidy_check;
  GtkCheckButton *vaccination_check;
  GtkCheckButton *maternal_child_check;
  GtkWidget      *nothing_label;
  GtkWidget      *continue_button;
};

G_DEFINE_FINAL_TYPE (MadoConsentPage, mado_consent_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SUBMIT,
  SIGNAL_CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toggle (GtkCheckButton *check)
{
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
continue_clicked_cb (MadoConsentPage *self)
{
  if (mado_consent_page_get_consent (self) == MADO_HUB_CONSENT_NONE)
    {
      gtk_widget_set_visible (self->nothing_label, TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0);
}

/**
 * mado_consent_page_handle_key:
 * @keyval: a GDK key value
 *
 * 1, 2 and 3 (top row or keypad) toggle the categories, Enter continues,
 * Escape cancels the visit. Tests drive the page through this too.
 *
 * Returns: %TRUE when the key was used
 */
gboolean
mado_consent_page_handle_key (MadoConsentPage *self,
                              guint            keyval)
{
  g_return_val_if_fail (MADO_IS_CONSENT_PAGE (self), FALSE);

  switch (keyval)
    {
    case GDK_KEY_1:
    case GDK_KEY_KP_1:
      toggle (self->subsidy_check);
      break;
    case GDK_KEY_2:
    case GDK_KEY_KP_2:
      toggle (self->vaccination_check);
      break;
    case GDK_KEY_3:
    case GDK_KEY_KP_3:
      toggle (self->maternal_child_check);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      continue_clicked_cb (self);
      break;
    case GDK_KEY_Escape:
      g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
      break;
    default:
      return FALSE;
    }
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MadoConsentPage       *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  return mado_consent_page_handle_key (self, keyval);
}

static void
choice_toggled_cb (MadoConsentPage *self)
{
  if (mado_consent_page_get_consent (self) != MADO_HUB_CONSENT_NONE)
    gtk_widget_set_visible (self->nothing_label, FALSE);
}

static void
mado_consent_page_class_init (MadoConsentPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* At least one category is chosen and the resident continues. */
  signals[SIGNAL_SUBMIT] =
    g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CANCEL] =
    g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-consent-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoConsentPage, subsidy_check);
  gtk_widget_class_bind_template_child (widget_class, MadoConsentPage, vaccination_check);
  gtk_widget_class_bind_template_child (widget_class, MadoConsentPage, maternal_child_check);
  gtk_widget_class_bind_template_child (widget_class, MadoConsentPage, nothing_label);
  gtk_widget_class_bind_template_child (widget_class, MadoConsentPage, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
}

static void
mado_consent_page_init (MadoConsentPage *self)
{
  GtkEventController *keys;
  GtkCheckButton *checks[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Capture: the digits choose even while a check button has the focus. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  checks[0] = self->subsidy_check;
  checks[1] = self->vaccination_check;
  checks[2] = self->maternal_child_check;
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    g_signal_connect_swapped (checks[i], "toggled", G_CALLBACK (choice_toggled_cb), self);
}

GtkWidget *
mado_consent_page_new (void)
{
  return g_object_new (MADO_TYPE_CONSENT_PAGE, NULL);
}

/* A new visit: nothing chosen (see the top of this file for why). */
void
mado_consent_page_reset (MadoConsentPage *self)
{
  g_return_if_fail (MADO_IS_CONSENT_PAGE (self));

  gtk_check_button_set_active (self->subsidy_check, FALSE);
  gtk_check_button_set_active (self->vaccination_check, FALSE);
  gtk_check_button_set_active (self->maternal_child_check, FALSE);
  gtk_widget_set_visible (self->nothing_label, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->subsidy_check));
}

/**
 * mado_consent_page_get_choice:
 * @category: one of %MADO_HUB_CONSENT_SUBSIDY, %MADO_HUB_CONSENT_VACCINATION,
 *   %MADO_HUB_CONSENT_MATERNAL_CHILD
 *
 * For the patient-facing window, which binds its own check buttons to
 * these so both screens show, and change, the one choice.
 *
 * Returns: (transfer none): the check button of @category
 */
GtkCheckButton *
mado_consent_page_get_choice (MadoConsentPage *self,
                              MadoHubConsent   category)
{
  g_return_val_if_fail (MADO_IS_CONSENT_PAGE (self), NULL);

  switch (category)
    {
    case MADO_HUB_CONSENT_SUBSIDY:
      return self->subsidy_check;
    case MADO_HUB_CONSENT_VACCINATION:
      return self->vaccination_check;
    case MADO_HUB_CONSENT_MATERNAL_CHILD:
      return self->maternal_child_check;
    case MADO_HUB_CONSENT_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

MadoHubConsent
mado_consent_page_get_consent (MadoConsentPage *self)
{
  MadoHubConsent consent = MADO_HUB_CONSENT_NONE;

  g_return_val_if_fail (MADO_IS_CONSENT_PAGE (self), MADO_HUB_CONSENT_NONE);

  if (gtk_check_button_get_active (self->subsidy_check))
    consent |= MADO_HUB_CONSENT_SUBSIDY;
  if (gtk_check_button_get_active (self->vaccination_check))
    consent |= MADO_HUB_CONSENT_VACCINATION;
  if (gtk_check_button_get_active (self->maternal_child_check))
    consent |= MADO_HUB_CONSENT_MATERNAL_CHILD;
  return consent;
}
