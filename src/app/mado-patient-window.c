/* mado-patient-window.c — the second window, facing the resident: PIN and consent only
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A mirror of the desk's visit, never a second visit: it follows the desk
 * window's visible page and its PIN and consent pages. Digits touched on
 * the on-screen keypad or typed here go into the desk's MadoPinPage through
 * mado_pin_page_handle_key(), the very path of the desk's keyboard, so the
 * PIN lives in the one locked buffer whatever the resident used; the
 * consent check buttons are bound to the desk's. Everything else — the
 * resident's data above all — is a neutral "staff will help you" screen,
 * and a confirmed visit ends on "done, please take your card", with the
 * questions of the resident's own 予診票 in their language while the card
 * is on the reader (mado-patient-questionnaire.c, the one exception to
 * "no resident data", docs/patient-window.md). The
 * resident cannot cancel the visit from here (no Escape): that is the
 * desk's decision.
 *
 * The resident chooses the language with one touch; the words come from
 * the madoguchi-patient catalogue (mado-patient-text.c), so the desk's own
 * screens keep the desk's language. The window never takes the keyboard
 * focus from the desk, and nothing on it takes focus on a touch.
 */
#include "config.h"

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "mado-consent-page.h"
#include "mado-patient-questionnaire.h"
#include "mado-patient-window.h"
#include "mado-pin-page.h"

struct _MadoPatientWindow
{
  AdwWindow        parent_instance;

  /* template children */
  GtkLabel        *header_label;
  GtkBox          *language_box;
  GtkStack        *stack;
  GtkLabel        *idle_label;
  GtkLabel        *pin_title_label;
  GtkLabel        *tries_label;
  GtkLabel        *problem_label;
  GtkLabel        *last_try_label;
  GtkWidget       *pin_entry;
  GtkLabel        *dots_label;
  GtkGrid         *keypad;
  GtkLabel        *consent_title_label;
  GtkLabel        *consent_description_label;
  GtkCheckButton  *subsidy_check;
  GtkCheckButton  *vaccination_check;
  GtkCheckButton  *maternal_child_check;
  GtkLabel        *nothing_label;
  GtkButton       *continue_button;
  GtkLabel        *done_label;
  GtkLabel        *thanks_label;
  GtkWidget       *questionnaire;   /* the resident's 予診票 questions, on "done" only */

  MadoWindow      *desk;          /* not owned: it owns this window */
  MadoPinPage     *pin_page;
  MadoConsentPage *consent_page;
  const char      *language;      /* a code from mado_patient_text_languages() */
  const char      *problem;       /* P_() msgid after a refused PIN-pad or typed PIN */
  gboolean         visit_done;    /* confirmed, and the card not yet taken */
};

G_DEFINE_FINAL_TYPE (MadoPatientWindow, mado_patient_window, ADW_TYPE_WINDOW)

/* The keypad, in reading order: digits, then correct and confirm. */
static const struct {
  const char *label;
  guint       keyval;
  int         column;
  int         row;
} keypad_keys[] = {
  { "1", GDK_KEY_1, 0, 0 }, { "2", GDK_KEY_2, 1, 0 }, { "3", GDK_KEY_3, 2, 0 },
  { "4", GDK_KEY_4, 0, 1 }, { "5", GDK_KEY_5, 1, 1 }, { "6", GDK_KEY_6, 2, 1 },
  { "7", GDK_KEY_7, 0, 2 }, { "8", GDK_KEY_8, 1, 2 }, { "9", GDK_KEY_9, 2, 2 },
  { "⌫", GDK_KEY_BackSpace, 0, 3 }, { "0", GDK_KEY_0, 1, 3 }, { NULL, GDK_KEY_Return, 2, 3 },
};

static const char *
tr (MadoPatientWindow *self,
    const char        *msgid)
{
  return mado_patient_text_get (self->language, msgid);
}

static const char *
pin_title (MadoPatientWindow *self)
{
  gboolean busy = mado_pin_page_get_busy (self->pin_page);

  if (mado_pin_page_get_pin_pad (self->pin_page))
    return mado_pin_page_get_pin_pad_waiting (self->pin_page) ? P_("Please wait a moment")
                                                              : P_("Type the PIN on the card reader");
  if (mado_pin_page_get_needs_acknowledgement (self->pin_page))
    return P_("Please wait a moment");
  return busy ? P_("Checking the PIN…") : P_("Please type your 4-digit PIN");
}

/* What a screen reader says of the entry, in the resident's language:
 * the count, never the digits. */
static void
show_typed_count (MadoPatientWindow *self,
                  gsize              typed)
{
  g_autofree char *description = g_strdup_printf ("%s %u/%u", tr (self, P_("Digits typed:")),
                                                  (guint) typed, (guint) MADO_PIN_DIGITS);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pin_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
update_pin (MadoPatientWindow *self)
{
  g_autofree char *tries = NULL;
  guint tries_left = mado_pin_page_get_tries_left (self->pin_page);
  gsize typed = mado_pin_page_get_length (self->pin_page);
  gboolean pin_pad = mado_pin_page_get_pin_pad (self->pin_page);
  gboolean busy = mado_pin_page_get_busy (self->pin_page);

  gtk_label_set_label (self->pin_title_label, tr (self, pin_title (self)));
  /* No plural forms and no translated format: "tries left: 3" reads
   * plainly in every language here, with the number after the words. */
  tries = g_strdup_printf ("%s %u", tr (self, P_("Tries left before the card locks:")), tries_left);
  gtk_label_set_label (self->tries_label, tries);
  gtk_widget_set_visible (GTK_WIDGET (self->last_try_label),
                          mado_pin_tries_need_confirmation (tries_left));

  if (self->problem != NULL)
    gtk_label_set_label (self->problem_label, tr (self, self->problem));
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label),
                          self->problem != NULL && typed == 0 && !busy);

  mado_pin_page_show_typed (self->dots_label, self->pin_entry, typed);
  show_typed_count (self, typed);
  gtk_widget_set_visible (self->pin_entry, !pin_pad);
  gtk_widget_set_visible (GTK_WIDGET (self->keypad), !pin_pad);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad),
                            mado_pin_page_get_entry_enabled (self->pin_page));
}

static void
set_choice_label (MadoPatientWindow *self,
                  GtkCheckButton    *check,
                  guint              number,
                  const char        *msgid)
{
  g_autofree char *label = g_strdup_printf ("%u  %s", number, tr (self, msgid));

  gtk_check_button_set_label (check, label);
}

/* Tells Pango which language each label is in, so a Han character takes
 * its Chinese, Japanese or Korean form and a line breaks where that
 * language breaks it. The language buttons keep their own languages. */
static void
mark_language (GtkWidget     *root,
               GtkWidget     *skip,
               PangoAttrList *attributes)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child == skip)
        continue;
      if (GTK_IS_LABEL (child))
        gtk_label_set_attributes (GTK_LABEL (child), attributes);
      mark_language (child, skip, attributes);
    }
}

static PangoAttrList *
language_attributes (const char *language)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_language_new (pango_language_from_string (language)));
  return attributes;
}

/* The resident's questions, under the privacy rule: the done screen of a
 * confirmed visit still on the desk, the card on the reader (a removed
 * card clears visit_done). Anything else clears them. */
static void
update_questionnaire (MadoPatientWindow *self)
{
  MadoReceptionSession *session = self->desk != NULL
    ? mado_visit_controller_get_session (mado_window_get_visit_controller (self->desk)) : NULL;
  MadoReceptionState state = session != NULL ? mado_reception_session_get_state (session)
                                             : MADO_RECEPTION_STATE_IDLE;
  gboolean confirmed = state == MADO_RECEPTION_STATE_CONFIRMED
                       || state == MADO_RECEPTION_STATE_CONFIRMED_OFFLINE;
  const char *heading;

  if (!self->visit_done || !confirmed
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "done") != 0)
    {
      mado_patient_questionnaire_clear (self->questionnaire);
      return;
    }
  /* TRANSLATORS: the heading over the questions of the resident's own
   * pre-vaccination questionnaire, shown for reading after the visit. */
  heading = tr (self, P_("The questions you answered"));
  mado_patient_questionnaire_show (self->questionnaire, mado_reception_session_get_bundle (session),
                                   self->language, heading);
}

/* Every word on the window, in the resident's language. */
static void
relabel (MadoPatientWindow *self)
{
  g_autoptr(PangoAttrList) attributes = language_attributes (self->language);

  gtk_window_set_title (GTK_WINDOW (self), tr (self, P_("Madoguchi — for the resident")));
  gtk_label_set_label (self->header_label, tr (self, P_("Reception")));
  gtk_label_set_label (self->idle_label, tr (self, P_("The staff at the desk will help you")));
  gtk_label_set_label (self->last_try_label,
                       tr (self, P_("Only one try is left. If this PIN is wrong, the card locks "
                                    "and the PIN must be reset at your city office.")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pin_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tr (self, P_("PIN (4 digits)")), -1);
  gtk_label_set_label (self->consent_title_label, tr (self, P_("What may the clinic see today?")));
  gtk_label_set_label (self->consent_description_label,
                       tr (self, P_("Choose what this clinic may see for today's visit. "
                                    "Nothing else is shown to them.")));
  set_choice_label (self, self->subsidy_check, 1, P_("Medical-expense subsidy certificates"));
  set_choice_label (self, self->vaccination_check, 2,
                    P_("Vaccinations and pre-vaccination questionnaires"));
  set_choice_label (self, self->maternal_child_check, 3, P_("Maternal and child health check-ups"));
  gtk_label_set_label (self->nothing_label, tr (self, P_("Choose at least one item to share.")));
  gtk_button_set_label (self->continue_button, tr (self, P_("Share and continue")));
  gtk_label_set_label (self->done_label, tr (self, P_("Done. Please take your card.")));
  gtk_label_set_label (self->thanks_label, tr (self, P_("Thank you.")));
  gtk_button_set_label (GTK_BUTTON (gtk_grid_get_child_at (self->keypad, 2, 3)), tr (self, P_("OK")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_grid_get_child_at (self->keypad, 0, 3)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tr (self, P_("Delete")), -1);
  update_pin (self);
  mark_language (GTK_WIDGET (self), GTK_WIDGET (self->language_box), attributes);
  /* After the marking: each question says its own language. */
  update_questionnaire (self);
}

/* Only the desk's PIN and consent pages have a counterpart here; after a
 * confirmed visit the resident is asked to take the card. */
static void
desk_page_changed_cb (MadoPatientWindow *self)
{
  const char *desk_page = mado_window_get_visible_page (self->desk);
  const char *name = self->visit_done ? "done" : "idle";

  if (g_strcmp0 (desk_page, "pin") == 0)
    name = "pin";
  else if (g_strcmp0 (desk_page, "consent") == 0)
    name = "consent";
  if (g_strcmp0 (name, "consent") != 0)
    gtk_widget_set_visible (GTK_WIDGET (self->nothing_label), FALSE);
  if (g_strcmp0 (name, "pin") == 0)
    update_pin (self);
  else
    self->problem = NULL;
  gtk_stack_set_visible_child_name (self->stack, name);
  update_questionnaire (self);
}

static void
visit_step_finished_cb (MadoPatientWindow *self,
                        const GError      *error)
{
  gboolean pin_pad = mado_pin_page_get_pin_pad (self->pin_page);

  if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG))
    self->problem = pin_pad ? P_("The PIN was not correct. The staff will start the entry again.")
                            : P_("The PIN was not correct. Please type it again.");
  else if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_CANCELLED))
    self->problem = P_("The PIN entry on the card reader stopped. No try was used.");
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
  if (new_state == MADO_RECEPTION_STATE_CONFIRMED ||
      new_state == MADO_RECEPTION_STATE_CONFIRMED_OFFLINE)
    self->visit_done = TRUE;
  else if (new_state == MADO_RECEPTION_STATE_READING_CARD || new_state == MADO_RECEPTION_STATE_FAILED)
    self->visit_done = FALSE;
  desk_page_changed_cb (self);
}

/* The card is taken: "please take your card" has done its work, and the
 * next resident finds the screen in the desk's language, not this one's. */
static void
card_removed_cb (MadoPatientWindow *self)
{
  self->visit_done = FALSE;
  mado_patient_window_set_language (self, mado_patient_text_default_language ());
  desk_page_changed_cb (self);
}

static void
submit_consent (MadoPatientWindow *self)
{
  if (mado_consent_page_get_consent (self->consent_page) == MADO_HUB_CONSENT_NONE)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->nothing_label), TRUE);
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
    gtk_widget_set_visible (GTK_WIDGET (self->nothing_label), FALSE);
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

static void
key_clicked_cb (GtkButton         *button,
                MadoPatientWindow *self)
{
  guint keyval = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "mado-keyval"));

  mado_patient_window_handle_key (self, keyval);
}

/* Buttons a touch presses without taking the focus: the desk keeps it. */
static GtkWidget *
touch_button_new (const char *label)
{
  GtkWidget *button = gtk_button_new_with_label (label != NULL ? label : "");

  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  return button;
}

static void
build_keypad (MadoPatientWindow *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keypad_keys); i++)
    {
      GtkWidget *button = touch_button_new (keypad_keys[i].label);
      g_autofree char *name = g_strdup_printf ("patient-key-%s",
                                               keypad_keys[i].keyval == GDK_KEY_Return ? "ok"
                                               : keypad_keys[i].keyval == GDK_KEY_BackSpace ? "delete"
                                               : keypad_keys[i].label);

      gtk_widget_set_name (button, name);
      gtk_widget_add_css_class (button, "patient-key");
      if (keypad_keys[i].keyval == GDK_KEY_Return)
        gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "mado-keyval", GUINT_TO_POINTER (keypad_keys[i].keyval));
      g_signal_connect (button, "clicked", G_CALLBACK (key_clicked_cb), self);
      gtk_grid_attach (self->keypad, button, keypad_keys[i].column, keypad_keys[i].row, 1, 1);
    }
}

static void
language_toggled_cb (GtkToggleButton   *button,
                     MadoPatientWindow *self)
{
  if (gtk_toggle_button_get_active (button))
    mado_patient_window_set_language (self, g_object_get_data (G_OBJECT (button), "mado-language"));
}

/* One touch on a language's own name switches the whole window. */
static void
build_language_buttons (MadoPatientWindow *self)
{
  const char *const *codes = mado_patient_text_languages ();
  GtkToggleButton *group = NULL;

  for (gsize i = 0; codes[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (mado_patient_text_language_name (codes[i]));
      g_autofree char *name = g_strdup_printf ("patient-language-%s", codes[i]);
      g_autoptr(PangoAttrList) attributes = language_attributes (codes[i]);

      gtk_widget_set_name (button, name);
      mark_language (button, NULL, attributes);
      gtk_widget_set_focusable (button, FALSE);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_add_css_class (button, "patient-language");
      g_object_set_data (G_OBJECT (button), "mado-language", (gpointer) codes[i]);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (language_toggled_cb), self);
      gtk_box_append (self->language_box, button);
    }
}

static void
check_language_button (MadoPatientWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->language_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "mado-language"), self->language) == 0)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), TRUE);
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
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, header_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, language_box);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, idle_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, pin_title_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, tries_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, last_try_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, dots_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, keypad);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, consent_title_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, consent_description_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, subsidy_check);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, vaccination_check);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, maternal_child_check);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, nothing_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, continue_button);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, done_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPatientWindow, thanks_label);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
}

static void
mado_patient_window_init (MadoPatientWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->language = mado_patient_text_default_language ();
  self->questionnaire = mado_patient_questionnaire_new ();
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->done_label))), self->questionnaire);
  build_keypad (self);
  build_language_buttons (self);

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
  if (MADO_IS_APPLICATION (gtk_window_get_application (GTK_WINDOW (desk))))
    g_signal_connect_object (mado_application_get_reader_monitor (
                               MADO_APPLICATION (gtk_window_get_application (GTK_WINDOW (desk)))),
                             "card-removed", G_CALLBACK (card_removed_cb), self, G_CONNECT_SWAPPED);
  check_language_button (self);
  relabel (self);
  desk_page_changed_cb (self);
  return self;
}

/**
 * mado_patient_window_get_visible_page:
 *
 * Returns: "idle", "pin", "consent" or "done"
 */
const char *
mado_patient_window_get_visible_page (MadoPatientWindow *self)
{
  g_return_val_if_fail (MADO_IS_PATIENT_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * mado_patient_window_set_language:
 * @language: one of mado_patient_text_languages(); anything else is ignored
 *
 * Shows every word of this window in @language. The desk's windows keep
 * theirs.
 */
void
mado_patient_window_set_language (MadoPatientWindow *self,
                                  const char        *language)
{
  const char *const *codes = mado_patient_text_languages ();

  g_return_if_fail (MADO_IS_PATIENT_WINDOW (self));

  for (gsize i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], language) == 0 && codes[i] != self->language)
      {
        self->language = codes[i];
        check_language_button (self);
        relabel (self);
      }
}

const char *
mado_patient_window_get_language (MadoPatientWindow *self)
{
  g_return_val_if_fail (MADO_IS_PATIENT_WINDOW (self), NULL);

  return self->language;
}
