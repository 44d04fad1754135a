/* mado-visual-check-page.c — staff compare the face with the card photo
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown only where the site allows visual checks: offered beside the PIN,
 * or alone when the card's PIN is locked (then with the city-office route,
 * and never a PIN entry). The operator ID defaults to whoever is signed in
 * and is recorded by the session with the check.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-visual-check-page.h"

struct _MadoVisualCheckPage
{
  AdwBin         parent_instance;

  /* template children */
  AdwStatusPage *status_page;   /* the template's top widget, AdwBin's child */
  GtkWidget     *blocked_box;
  GtkEditable   *operator_entry;
  GtkWidget     *confirm_button;

  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (MadoVisualCheckPage, mado_visual_check_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SUBMIT,
  SIGNAL_CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
has_operator (MadoVisualCheckPage *self)
{
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (self->operator_entry)));

  return id[0] != '\0';
}

static void
operator_changed_cb (MadoVisualCheckPage *self)
{
  gtk_widget_set_sensitive (self->confirm_button, !self->busy && has_operator (self));
}

static void
confirm_cb (MadoVisualCheckPage *self)
{
  if (self->busy || !has_operator (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MadoVisualCheckPage   *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
  return TRUE;
}

static void
mado_visual_check_page_class_init (MadoVisualCheckPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Staff confirmed the face; the operator ID is filled in. */
  signals[SIGNAL_SUBMIT] =
    g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CANCEL] =
    g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-visual-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoVisualCheckPage, blocked_box);
  gtk_widget_class_bind_template_child (widget_class, MadoVisualCheckPage, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoVisualCheckPage, confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, confirm_cb);
  gtk_widget_class_bind_template_callback (widget_class, operator_changed_cb);
}

static void
mado_visual_check_page_init (MadoVisualCheckPage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->status_page = ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self)));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
mado_visual_check_page_new (void)
{
  return g_object_new (MADO_TYPE_VISUAL_CHECK_PAGE, NULL);
}

/**
 * mado_visual_check_page_prepare:
 * @pin_blocked: the card's PIN is locked: explain the city-office route
 * @operator_id: (nullable): the signed-in staff member, the default checker
 */
void
mado_visual_check_page_prepare (MadoVisualCheckPage *self,
                                gboolean             pin_blocked,
                                const char          *operator_id)
{
  g_return_if_fail (MADO_IS_VISUAL_CHECK_PAGE (self));

  self->busy = FALSE;
  gtk_widget_set_visible (self->blocked_box, pin_blocked);
  gtk_editable_set_text (self->operator_entry, operator_id != NULL ? operator_id : "");
  operator_changed_cb (self);
  /* With the ID filled in, Enter confirms at once; otherwise type it first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->operator_entry));
}

void
mado_visual_check_page_set_busy (MadoVisualCheckPage *self,
                                 gboolean             busy)
{
  g_return_if_fail (MADO_IS_VISUAL_CHECK_PAGE (self));

  self->busy = busy;
  adw_status_page_set_title (self->status_page,
                             busy ? _("Recording the check…")
                                  : _("Compare the resident's face with the card photo"));
  operator_changed_cb (self);
}

/* The checker's ID as typed, surrounding blanks removed by the caller. */
const char *
mado_visual_check_page_get_operator_id (MadoVisualCheckPage *self)
{
  g_return_val_if_fail (MADO_IS_VISUAL_CHECK_PAGE (self), NULL);

  return gtk_editable_get_text (self->operator_entry);
}
