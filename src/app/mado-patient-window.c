/* mado-patient-window.c — the second window, facing the resident: PIN and consent only
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A mirror of the desk's visit, never a second visit: it follows the desk
 * window's visible page and its PIN and consent pages. Keys typed here go
 * into the desk's MadoPinPage through mado_pin_page_handle_key(), so the
 * PIN lives in the one locked buffer whichever keyboard the resident uses;
 * the consent check buttons are bound to the desk's. Everything else —
 * the resident's data above all — is a neutral "staff will help you"
 * screen. The resident cannot cancel the visit from here (no Escape): that
 * is the desk's decision.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "mado-consent-page.h"
#include "mado-patient-window.h"
#include "mado-pin-page.h"

struct _MadoPatientWindow
{
  AdwWindow        parent_instance;

  /* template children */
  GtkStack        *stack;
  AdwStatusPage   *pin_status;
  GtkLabel        *tries_label;
  GtkLabel        *problem_label;
  GtkWidget       *last_try_label;
  GtkWidget       *pin_entry;
  GtkLabel        *dots_label;
  GtkWidget       *pin_hint_label;
  GtkCheckButton  *subsidy_check;
  GtkCheckButton  *vaccination_check;
  GtkCheckButton  *maternal_child_check;
  GtkWidget       *nothing_label;

  MadoWindow      *desk;          /* not owned: it owns this window */
  MadoPinPage     *pin_page;
  MadoConsentPage *consent_page;
  const char      *problem;       /* static text after a refused PIN-pad or typed PIN */
};

G_DEFINE_FINAL_TYPE (MadoPatientWindow, mado_patient_window, ADW_TYPE_WINDOW)

static const char *
pin_title (MadoPatientWindow *self)
{
  gboolean busy = mado_pin_page_get_busy (self->pin_page);

  if (mado_pin_page_get_pin_pad (self->pin_page))
    return mado_pin_page_get_pin_pad_waiting (self->pin_page) ? _("Please wait a moment")
                                                              : _("Type the PIN on the card reader");
  if (mado_pin_page_get_needs_acknowledgement (self->pin_page))
    return _("Please wait a moment");
  return busy ? _("Checking the PIN…") : _("Please type your 4-digit PIN");
}

static void
update_pin (MadoPatientWindow *self)
{
  g_autofree char *tries = NULL;
  guint tries_left = mado_pin_page_get_tries_left (self->pin_page);
  gsize typed = mado_pin_page_get_length (self->pin_page);
  gboolean pin_pad = mado_pin_page_get_pin_pad (self->pin_page);
  gboolean busy = mado_pin_page_get_busy (self->pin_page);

  adw_status_page_set_title (self->pin_status, pin_title (self));
  tries = g_strdup_printf (ngettext ("%u try left before the card locks",
                                     "%u tries left before the card locks", tries_left),
                           tries_left);
  gtk_label_set_label (self->tries_label, tries);
  gtk_widget_set_visible (self->last_try_label,
                          mado_pin_tries_need_confirmation (tries_left));

  if (self->problem != NULL)
    gtk_label_set_label (self->problem_label, self->problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label),
                          self->problem != NULL && typed == 0 && !busy);

  mado_pin_page_show_typed (self->dots_label, self->pin_entry, typed);
  gtk_widget_set_visible (self->pin_entry, !pin_pad);
  gtk_widget_set_visible (self->pin_hint_label, !pin_pad);
  gtk_widget_set_sensitive (self->pin_entry, mado_pin_page_get_entry_enabled (self->pin_page));
}

/* Only the desk's PIN and consent pages have a counterpart here. */
static void
desk_page_changed_cb (MadoPatientWindow *self)
{
  const char *desk_page = mado_window_get_visible_page (self->desk);
  const char *name = "idle";

  if (g_strcmp0 (desk_page, "pin") == 0)
    name = "pin";
  else if (g_strcmp0 (desk_page, "consent") == 0)
    name = "consent";
  if (g_strcmp0 (name, "consent") != 0)
    gtk_widget_set_visible (self->nothing_label, FALSE);
  if (g_strcmp0 (name, "pin") == 0)
    update_pin (self);
  else
    self->problem = NULL;
  gtk_stack_set_visible_child_name (self->stack, name);
  if (g_strcmp0 (name, "pin") == 0 && gtk_widget_get_visible (self->pin_entry))
    gtk_widget_grab_focus (self->pin_entry);
}

static void
visit_step_finished_cb (MadoPatientWindow *self,
                        const GError      *error)
{
  gboolean pin_pad = mado_pin_page_get_pin_pad (self->pin_page);

  if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG))
    self->problem = pin_pad ? _("The PIN was not correct. The staff will start the entry again.")
                            : _("The PIN was not correct. Please type it again.");
  else if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_CANCELLED))
    self->problem = _("The PIN entry on the card reader stopped. No try was used.");
  else
    self->problem = NULL;
  update_pin (self);
}

static void
visit_state_changed_cb (MadoPatientWindow  *self,
                        MadoReceptionState  old_state,
                        MadoReceptionState  new_state)
{
  /* A new card or a new attempt: the last attempt's message is over. */
  if (new_state == MADO_RECEPTION_STATE_READING_CARD || new_state == MADO_RECEPTION_STATE_PROVING)
    self->problem = NULL;
}

static void
submit_consent (MadoPatientWindow *self)
{
  if (mado_consent_page_get_consent (self->consent_page) == MADO_HUB_CONSENT_NONE)
    {
      gtk_widget_set_visible (self->nothing_label, TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  mado_consent_page_handle_key (self->consent_page, GDK_KEY_Return);
}

static void
continue_clicked_cb (MadoPatientWindow *self)
{
  submit_consent (self);
}

static void
choice_toggled_cb (MadoPatientWindow *self)
{
  if (mado_consent_page_get_consent (self->consent_page) != MADO_HUB_CONSENT_NONE)
    gtk_widget_set_visible (self->nothing_label, FALSE);
}

/**
 * mado_patient_window_handle_key:
 * @keyval: a GDK key value
 *
 * On the PIN screen, digits, Backspace and Enter go to the desk's PIN page
 * (the one PIN buffer); on the consent screen, 1, 2, 3 and Enter choose and
 * continue. Escape is not the resident's: it does nothing here.
 *
 * Returns: %TRUE when the key was used
 */
gboolean
mado_patient_window_handle_key (MadoPatientWindow *self,
                                guint              keyval)
{
  const char *page;

  g_return_val_if_fail (MADO_IS_PATIENT_WINDOW (self), FALSE);

  if (keyval == GDK_KEY_Escape)
    return TRUE;
  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "pin") == 0)
    return mado_pin_page_handle_key (self->pin_page, keyval);
  if (g_strcmp0 (page, "consent") != 0)
    return FALSE;
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      submit_consent (self);
      return TRUE;
    }
  return mado_consent_page_handle_key (self->consent_page, keyval);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MadoPatientWindow     *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  /* Tab and the arrows still move the focus; Space still ticks a box. */
  if (g_strcmp0 (page, "consent") == 0 && keyval != GDK_KEY_Escape &&
      keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter &&
      (keyval < GDK_KEY_1 || keyval > GDK_KEY_3) && (keyval < GDK_KEY_KP_1 || keyval > GDK_KEY_KP_3))
    return FALSE;
  return mado_patient_window_handle_key (self, keyval);
}

/* Closing it turns the setting off, so it does not come back on its own. */
static gboolean
mado_patient_window_close_request (GtkWindow *window)
{
  MadoPatientWindow *self = MADO_PATIENT_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self->desk));
  GSettings *settings = MADO_IS_APPLICATION (app) ? mado_application_get_settings (MADO_APPLICATION (app))
                                                  : NULL;

  if (settings != NULL && g_settings_get_boolean (settings, "patient-window"))
    {
      g_settings_set_boolean (settings, "patient-window", FALSE);
      return TRUE;
    }
  return FALSE;
}

/* With a second monitor, it fills the one the desk window is not on. */
static void
mado_patient_window_realize (GtkWidget *widget)
{
  MadoPatientWindow *self = MADO_PATIENT_WINDOW (widget);
  GdkDisplay *display = gtk_widget_get_display (widget);
  GListModel *monitors = gdk_display_get_monitors (display);
  GtkNative *desk_native = GTK_NATIVE (self->desk);
  GdkSurface *desk_surface = gtk_native_get_surface (desk_native);
  GdkMonitor *desk_monitor = desk_surface != NULL ? gdk_display_get_monitor_at_surface (display, desk_surface)
                                                  : NULL;

  GTK_WIDGET_CLASS (mado_patient_window_parent_class)->realize (widget);
#ifdef GDK_WINDOWING_X11
  /* A user time of 0 asks the window manager not to focus it on map (EWMH):
   * the keyboard stays with the desk. */
  if (GDK_IS_X11_SURFACE (gtk_native_get_surface (GTK_NATIVE (widget))))
    gdk_x11_surface_set_user_time (gtk_native_get_surface (GTK_NATIVE (widget)), 0);
#endif

  for (guint i = 0; g_list_model_get_n_items (monitors) > 1 && i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != desk_monitor)
        {
          gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
          break;
        }
    }
}

static void
mado_patient_window_dispose (GObject *object)
{
  MadoPatientWindow *self = MADO_PATIENT_WINDOW (object);

  g_clear_object (&self->pin_page);
  g_clear_object (&self->consent_page);
  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_PATIENT_WINDOW);

  G_OBJECT_CLASS (mado_patient_window_parent_class)->dispose (object);
}

static void
mado_patient_window_class_init (MadoPatientWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mado_patient_window_dispose;
  widget_class->realize = mado_patient_window_realize;
  window_class->close_request = mado_patient_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-patient-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, pin_status);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, tries_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, last_try_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, dots_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, pin_hint_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, subsidy_check);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, vaccination_check);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, maternal_child_check);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, nothing_label);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
}

static void
mado_patient_window_init (MadoPatientWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

static void
bind_choice (MadoPatientWindow *self,
             GtkCheckButton    *mine,
             MadoHubConsent     category)
{
  g_object_bind_property (mado_consent_page_get_choice (self->consent_page, category), "active",
                          mine, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (mine, "toggled", G_CALLBACK (choice_toggled_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * mado_patient_window_new:
 * @desk: the desk window whose visit this window mirrors; it owns the result
 *
 * Returns: (transfer none): a new toplevel, destroyed by @desk
 */
MadoPatientWindow *
mado_patient_window_new (MadoWindow *desk)
{
  MadoPatientWindow *self = g_object_new (MADO_TYPE_PATIENT_WINDOW, NULL);
  MadoVisitController *visit = mado_window_get_visit_controller (desk);

  self->desk = desk;
  self->pin_page = g_object_ref (MADO_PIN_PAGE (mado_window_get_page (desk, "pin")));
  self->consent_page = g_object_ref (MADO_CONSENT_PAGE (mado_window_get_page (desk, "consent")));
  bind_choice (self, self->subsidy_check, MADO_HUB_CONSENT_SUBSIDY);
  bind_choice (self, self->vaccination_check, MADO_HUB_CONSENT_VACCINATION);
  bind_choice (self, self->maternal_child_check, MADO_HUB_CONSENT_MATERNAL_CHILD);
  g_signal_connect_object (self->pin_page, "changed", G_CALLBACK (update_pin), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (desk, "notify::visible-page", G_CALLBACK (desk_page_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (visit, "step-finished", G_CALLBACK (visit_step_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (visit, "state-changed", G_CALLBACK (visit_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  desk_page_changed_cb (self);
  return self;
}

/**
 * mado_patient_window_get_visible_page:
 *
 * Returns: "idle", "pin" or "consent"
 */
const char *
mado_patient_window_get_visible_page (MadoPatientWindow *self)
{
  g_return_val_if_fail (MADO_IS_PATIENT_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
