/* mado-pin-page.c — the resident types the 4-digit PIN
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The digits go from the key event straight into a MadoPin (locked,
 * zeroised memory): no GtkEntry buffer, no string, no undo history ever
 * holds them. The display shows only how many digits were typed.
 *
 * With a PIN-pad reader the digits never reach the terminal at all: the
 * page only tells the resident to type on the reader and starts the proof
 * (signal pin-pad-start). After a wrong or cancelled entry it waits for
 * staff to press "try again": the session never re-sends on its own, and
 * the reader must not prompt the resident again unannounced.
 *
 * The patient-facing window mirrors this page (signal changed and the
 * getters) and feeds its keys into mado_pin_page_handle_key(): one MadoPin.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-pin-page.h"

struct _MadoPinPage
{
  AdwBin         parent_instance;

  /* template children */
  AdwStatusPage *status_page;   /* the template's top widget, AdwBin's child */
  GtkLabel      *tries_label;
  GtkLabel      *wrong_label;
  GtkWidget     *last_try_box;
  GtkWidget     *acknowledge_button;
  GtkWidget     *pin_entry;
  GtkLabel      *dots_label;
  GtkWidget     *visual_button;
  GtkWidget     *retry_button;
  GtkLabel      *hint_label;

  MadoPin       *pin;
  gboolean       needs_acknowledgement;
  gboolean       busy;
  guint          tries_left;
  gboolean       pin_pad;
  gboolean       pin_pad_waiting;   /* for staff to press "try again" */
};

G_DEFINE_FINAL_TYPE (MadoPinPage, mado_pin_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SUBMIT,
  SIGNAL_CANCEL,
  SIGNAL_VISUAL_CHECK,
  SIGNAL_PIN_PAD_START,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
entry_enabled (MadoPinPage *self)
{
  return !self->pin_pad && !self->needs_acknowledgement && !self->busy;
}

static void
update_title (MadoPinPage *self)
{
  const char *title;

  if (self->pin_pad)
    title = self->pin_pad_waiting || self->needs_acknowledgement
            ? _("Ready to start the PIN entry on the card reader")
            : _("Type the PIN on the card reader");
  else
    title = self->busy ? _("Checking the PIN…") : _("Please type your 4-digit PIN");
  adw_status_page_set_title (self->status_page, title);
  gtk_label_set_label (self->hint_label,
                       self->pin_pad ? _("Esc: cancel the visit")
                                     : _("Enter: check the PIN · Backspace: correct · Esc: cancel the visit"));
}

static void
update_display (MadoPinPage *self)
{
  mado_pin_page_show_typed (self->dots_label, self->pin_entry, mado_pin_get_length (self->pin));
  gtk_widget_set_sensitive (self->pin_entry, entry_enabled (self));
  gtk_widget_set_visible (self->pin_entry, !self->pin_pad);
  gtk_widget_set_visible (self->retry_button, self->pin_pad && self->pin_pad_waiting &&
                                              !self->needs_acknowledgement && !self->busy);
  update_title (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The digit a key stands for, top row or keypad (Num Lock on or off), or -1. */
static int
keyval_to_digit (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_KP_Insert:    return 0;
    case GDK_KEY_KP_End:       return 1;
    case GDK_KEY_KP_Down:      return 2;
    case GDK_KEY_KP_Page_Down: return 3;
    case GDK_KEY_KP_Left:      return 4;
    case GDK_KEY_KP_Begin:     return 5;
    case GDK_KEY_KP_Right:     return 6;
    case GDK_KEY_KP_Home:      return 7;
    case GDK_KEY_KP_Up:        return 8;
    case GDK_KEY_KP_Page_Up:   return 9;
    default:
      break;
    }
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return (int) (keyval - GDK_KEY_0);
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return (int) (keyval - GDK_KEY_KP_0);
  return -1;
}

/**
 * mado_pin_page_handle_key:
 * @keyval: a GDK key value
 *
 * What the PIN entry does with a key press: digits (top row or keypad) go
 * into the PIN, Backspace removes the last one, Enter submits four digits,
 * Escape cancels the visit. Tests drive the page through this too.
 *
 * Returns: %TRUE when the key was used
 */
gboolean
mado_pin_page_handle_key (MadoPinPage *self,
                          guint        keyval)
{
  int digit = keyval_to_digit (keyval);

  g_return_val_if_fail (MADO_IS_PIN_PAGE (self), FALSE);

  if (keyval == GDK_KEY_Escape)
    {
      g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
      return TRUE;
    }
  if (!entry_enabled (self))
    return FALSE;

  if (digit >= 0)
    {
      if (mado_pin_get_length (self->pin) < MADO_PIN_DIGITS)
        mado_pin_append (self->pin, (char) ('0' + digit));
      gtk_widget_set_visible (GTK_WIDGET (self->wrong_label), FALSE);
    }
  else if (keyval == GDK_KEY_BackSpace)
    mado_pin_backspace (self->pin);
  else if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      if (mado_pin_get_length (self->pin) == MADO_PIN_DIGITS)
        g_signal_emit (self, signals[SIGNAL_SUBMIT], 0);
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
    }
  else
    return FALSE;

  update_display (self);
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MadoPinPage           *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  return mado_pin_page_handle_key (self, keyval);
}

/* Escape cancels from anywhere on the page (the warning's button included). */
static gboolean
page_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     MadoPinPage           *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
  return TRUE;
}

static void
start_pin_pad (MadoPinPage *self)
{
  self->pin_pad_waiting = FALSE;
  update_display (self);
  g_signal_emit (self, signals[SIGNAL_PIN_PAD_START], 0);
}

static void
acknowledge_clicked_cb (MadoPinPage *self)
{
  self->needs_acknowledgement = FALSE;
  gtk_widget_set_visible (self->last_try_box, FALSE);
  update_display (self);
  /* Staff told the resident: that press is what starts the reader's prompt. */
  if (self->pin_pad)
    start_pin_pad (self);
  else
    gtk_widget_grab_focus (self->pin_entry);
}

static void
retry_clicked_cb (MadoPinPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->wrong_label), FALSE);
  start_pin_pad (self);
}

static void
visual_clicked_cb (MadoPinPage *self)
{
  g_signal_emit (self, signals[SIGNAL_VISUAL_CHECK], 0);
}

static void
mado_pin_page_dispose (GObject *object)
{
  MadoPinPage *self = MADO_PIN_PAGE (object);

  g_clear_pointer (&self->pin, mado_pin_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_PIN_PAGE);

  G_OBJECT_CLASS (mado_pin_page_parent_class)->dispose (object);
}

static void
mado_pin_page_class_init (MadoPinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_pin_page_dispose;

  /* Four digits are typed and Enter pressed: take them with
   * mado_pin_page_take_pin(). */
  signals[SIGNAL_SUBMIT] =
    g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Escape: the desk ends the visit. */
  signals[SIGNAL_CANCEL] =
    g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Staff chose to compare the face instead (where the site allows it). */
  signals[SIGNAL_VISUAL_CHECK] =
    g_signal_new ("visual-check", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* PIN-pad reader: start the proof with a NULL PIN. Emitted from
   * mado_pin_page_prepare() too, so the handler must not start a step
   * synchronously from inside a state change. */
  signals[SIGNAL_PIN_PAD_START] =
    g_signal_new ("pin-pad-start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Anything on the page changed (digits typed, busy, tries, warning). */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-pin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoPinPage, tries_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPinPage, wrong_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPinPage, last_try_box);
  gtk_widget_class_bind_template_child (widget_class, MadoPinPage, acknowledge_button);
  gtk_widget_class_bind_template_child (widget_class, MadoPinPage, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoPinPage, dots_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPinPage, visual_button);
  gtk_widget_class_bind_template_child (widget_class, MadoPinPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MadoPinPage, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, acknowledge_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, visual_clicked_cb);
}

static void
mado_pin_page_init (MadoPinPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->status_page = ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self)));
  self->pin = mado_pin_new ();

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (self->pin_entry, keys);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (page_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  update_display (self);
}

GtkWidget *
mado_pin_page_new (void)
{
  return g_object_new (MADO_TYPE_PIN_PAGE, NULL);
}

/**
 * mado_pin_page_prepare:
 * @tries_left: what the card reports, shown before the resident types
 * @visual_offered: whether staff may compare the face instead
 * @problem: (nullable): why the last PIN was refused (the session error
 *   message, which already says what to do)
 *
 * Starts a fresh, empty PIN. With one try left, staff must acknowledge a
 * warning before the entry takes digits: the next wrong PIN locks the card.
 */
void
mado_pin_page_prepare (MadoPinPage *self,
                       guint        tries_left,
                       gboolean     visual_offered,
                       const char  *problem)
{
  g_autofree char *tries = NULL;

  g_return_if_fail (MADO_IS_PIN_PAGE (self));

  mado_pin_page_reset (self);
  self->tries_left = tries_left;
  tries = g_strdup_printf (ngettext ("%u try left before the card locks",
                                     "%u tries left before the card locks", tries_left),
                           tries_left);
  gtk_label_set_label (self->tries_label, tries);
  if (problem != NULL)
    gtk_label_set_label (self->wrong_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->wrong_label), problem != NULL);
  self->needs_acknowledgement = mado_pin_tries_need_confirmation (tries_left);
  gtk_widget_set_visible (self->last_try_box, self->needs_acknowledgement);
  gtk_widget_set_visible (self->visual_button, visual_offered);
  /* A refused or cancelled entry waits for staff: never a second prompt on its own. */
  self->pin_pad_waiting = self->pin_pad && problem != NULL;
  update_display (self);
  if (self->needs_acknowledgement)
    gtk_widget_grab_focus (self->acknowledge_button);
  else if (!self->pin_pad)
    gtk_widget_grab_focus (self->pin_entry);
  else if (self->pin_pad_waiting)
    gtk_widget_grab_focus (self->retry_button);
  else
    start_pin_pad (self);
}

/**
 * mado_pin_page_set_pin_pad:
 * @pin_pad: whether the resident types the PIN on the reader
 *
 * Call before mado_pin_page_prepare(): a PIN-pad page shows no digits and
 * takes none from the keyboard.
 */
void
mado_pin_page_set_pin_pad (MadoPinPage *self,
                           gboolean     pin_pad)
{
  g_return_if_fail (MADO_IS_PIN_PAGE (self));

  self->pin_pad = pin_pad;
  self->pin_pad_waiting = FALSE;
  update_display (self);
}

gboolean
mado_pin_page_get_pin_pad (MadoPinPage *self)
{
  g_return_val_if_fail (MADO_IS_PIN_PAGE (self), FALSE);

  return self->pin_pad;
}

/* Whether a PIN-pad entry waits for staff to press "try again". */
gboolean
mado_pin_page_get_pin_pad_waiting (MadoPinPage *self)
{
  g_return_val_if_fail (MADO_IS_PIN_PAGE (self), FALSE);

  return self->pin_pad_waiting || (self->pin_pad && self->needs_acknowledgement);
}

/* The tries left as last given to mado_pin_page_prepare(). */
guint
mado_pin_page_get_tries_left (MadoPinPage *self)
{
  g_return_val_if_fail (MADO_IS_PIN_PAGE (self), 0);

  return self->tries_left;
}

/* Whether the one-try-left warning is up (staff have not acknowledged it). */
gboolean
mado_pin_page_get_needs_acknowledgement (MadoPinPage *self)
{
  g_return_val_if_fail (MADO_IS_PIN_PAGE (self), FALSE);

  return self->needs_acknowledgement;
}

gboolean
mado_pin_page_get_busy (MadoPinPage *self)
{
  g_return_val_if_fail (MADO_IS_PIN_PAGE (self), FALSE);

  return self->busy;
}

/* While the card and the hub check the PIN, the entry takes nothing. */
void
mado_pin_page_set_busy (MadoPinPage *self,
                        gboolean     busy)
{
  g_return_if_fail (MADO_IS_PIN_PAGE (self));

  self->busy = busy;
  update_display (self);
}

/* Wipes whatever was typed. */
void
mado_pin_page_reset (MadoPinPage *self)
{
  g_return_if_fail (MADO_IS_PIN_PAGE (self));

  mado_pin_clear (self->pin);
  self->busy = FALSE;
  self->pin_pad_waiting = FALSE;
  update_display (self);
}

/**
 * mado_pin_page_take_pin:
 *
 * Hands the typed PIN over; the page starts an empty one and keeps nothing.
 *
 * Returns: (transfer full): the PIN, for mado_reception_session_submit_pin()
 */
MadoPin *
mado_pin_page_take_pin (MadoPinPage *self)
{
  MadoPin *pin;

  g_return_val_if_fail (MADO_IS_PIN_PAGE (self), NULL);

  pin = g_steal_pointer (&self->pin);
  self->pin = mado_pin_new ();
  update_display (self);
  return pin;
}

gboolean
mado_pin_page_get_entry_enabled (MadoPinPage *self)
{
  g_return_val_if_fail (MADO_IS_PIN_PAGE (self), FALSE);

  return entry_enabled (self);
}

gsize
mado_pin_page_get_length (MadoPinPage *self)
{
  g_return_val_if_fail (MADO_IS_PIN_PAGE (self), 0);

  return mado_pin_get_length (self->pin);
}

/**
 * mado_pin_page_show_typed:
 * @dots_label: the label with one dot per digit
 * @entry: the widget whose accessible description gives the count
 * @typed: how many digits are typed
 *
 * Shows how much of the PIN is typed, the same way on the desk's page and
 * on the resident's screen.
 */
void
mado_pin_page_show_typed (GtkLabel  *dots_label,
                          GtkWidget *entry,
                          gsize      typed)
{
  g_autoptr(GString) dots = g_string_new (NULL);
  g_autofree char *description = NULL;

  for (gsize i = 0; i < MADO_PIN_DIGITS; i++)
    {
      if (i > 0)
        g_string_append_c (dots, ' ');
      g_string_append (dots, i < typed ? "●" : "○");
    }
  gtk_label_set_label (dots_label, dots->str);
  /* Screen readers hear the count, never the digits. */
  description = g_strdup_printf (_("%u of %u digits typed"), (guint) typed, (guint) MADO_PIN_DIGITS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}
