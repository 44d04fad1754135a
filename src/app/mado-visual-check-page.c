/* mado-visual-check-page.c — staff compare the face with the card photo
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown only where the site allows visual checks: offered beside the PIN,
 * or alone when the card's PIN is locked (then with the city-office route,
 * and never a PIN entry). The checker is an account: whoever is signed in,
 * or another staff member who proves it with their own password (checked
 * by the desk's store, which audits the attempt). No typed ID reaches the
 * session unless its password was right.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-visual-check-page.h"

/* How long the other checker's proof lasts: it is signed out at once. */
#define CHECKER_SESSION_SECONDS 60

struct _MadoVisualCheckPage
{
  AdwBin         parent_instance;

  /* template children */
  AdwStatusPage *status_page;   /* the template's top widget, AdwBin's child */
  GtkWidget     *blocked_box;
  GtkLabel      *checker_label;
  GtkExpander   *other_expander;
  GtkEditable   *operator_entry;
  GtkEditable   *password_entry;
  GtkLabel      *error_label;
  GtkWidget     *confirm_button;

  MadoDesk      *desk;
  char          *signed_in;     /* the default checker */
  char          *checker;       /* the account the check is recorded under */
  GCancellable  *cancellable;   /* the other checker's password check */
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
other_checker (MadoVisualCheckPage *self)
{
  return gtk_expander_get_expanded (self->other_expander);
}

static gboolean
can_confirm (MadoVisualCheckPage *self)
{
  g_autofree char *id = NULL;

  if (self->busy || self->cancellable != NULL)
    return FALSE;
  if (!other_checker (self))
    return self->signed_in != NULL;
  id = g_strstrip (g_strdup (gtk_editable_get_text (self->operator_entry)));
  return id[0] != '\0' && gtk_editable_get_text (self->password_entry)[0] != '\0';
}

static void
operator_changed_cb (MadoVisualCheckPage *self)
{
  gtk_widget_set_sensitive (self->confirm_button, can_confirm (self));
}

static void
show_error (MadoVisualCheckPage *self,
            const char          *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
submit_as (MadoVisualCheckPage *self,
           const char          *checker)
{
  g_free (self->checker);
  self->checker = g_strdup (checker);
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0);
}

static void
checker_signed_in_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MadoVisualCheckPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStaffSession) session = mado_desk_sign_in_finish (MADO_DESK (source), result,
                                                                 &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  operator_changed_cb (self);
  if (session == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }
  /* The proof was all that was wanted: the desk stays with who signed in. */
  if (!mado_store_staff_sign_out (mado_desk_get_store (self->desk), session, &error))
    g_warning ("visual check: signing the checker out failed: %s", mado_error_name (error));
  submit_as (self, mado_staff_session_get_staff_id (session));
}

/* Another checker proves who they are with their password before the
 * check can be recorded under their ID. */
static void
check_other_checker (MadoVisualCheckPage *self)
{
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (self->operator_entry)));
  g_autofree char *password = g_strdup (gtk_editable_get_text (self->password_entry));

  /* The password is typed once and never kept on screen. */
  gtk_editable_set_text (self->password_entry, "");
  show_error (self, NULL);
  if (self->desk == NULL)
    {
      show_error (self, _("Staff accounts cannot be checked at this desk."));
      return;
    }
  self->cancellable = g_cancellable_new ();
  operator_changed_cb (self);
  mado_desk_sign_in_async (self->desk, id, password, CHECKER_SESSION_SECONDS, self->cancellable,
                           checker_signed_in_cb, g_object_ref (self));
  memset (password, 0, strlen (password));
}

static void
confirm_cb (MadoVisualCheckPage *self)
{
  if (!can_confirm (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (other_checker (self))
    check_other_checker (self);
  else
    submit_as (self, self->signed_in);
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
cancel_check (MadoVisualCheckPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
mado_visual_check_page_dispose (GObject *object)
{
  MadoVisualCheckPage *self = MADO_VISUAL_CHECK_PAGE (object);

  cancel_check (self);
  g_clear_object (&self->desk);
  G_OBJECT_CLASS (mado_visual_check_page_parent_class)->dispose (object);
}

static void
mado_visual_check_page_finalize (GObject *object)
{
  MadoVisualCheckPage *self = MADO_VISUAL_CHECK_PAGE (object);

  g_free (self->signed_in);
  g_free (self->checker);
  G_OBJECT_CLASS (mado_visual_check_page_parent_class)->finalize (object);
}

static void
mado_visual_check_page_class_init (MadoVisualCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_visual_check_page_dispose;
  object_class->finalize = mado_visual_check_page_finalize;

  /* Staff confirmed the face; mado_visual_check_page_get_operator_id()
   * names the account that checked. */
  signals[SIGNAL_SUBMIT] =
    g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CANCEL] =
    g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-visual-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoVisualCheckPage, blocked_box);
  gtk_widget_class_bind_template_child (widget_class, MadoVisualCheckPage, checker_label);
  gtk_widget_class_bind_template_child (widget_class, MadoVisualCheckPage, other_expander);
  gtk_widget_class_bind_template_child (widget_class, MadoVisualCheckPage, operator_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoVisualCheckPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoVisualCheckPage, error_label);
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
 * mado_visual_check_page_set_desk:
 * @desk: whose store checks another checker's password
 */
void
mado_visual_check_page_set_desk (MadoVisualCheckPage *self,
                                 MadoDesk            *desk)
{
  g_return_if_fail (MADO_IS_VISUAL_CHECK_PAGE (self));

  g_set_object (&self->desk, desk);
}

static void
show_title (MadoVisualCheckPage *self)
{
  adw_status_page_set_title (self->status_page,
                             self->busy ? _("Waiting for the hub to open the identity check…")
                                        : _("Compare the resident's face with the card photo"));
  adw_status_page_set_description (self->status_page,
                                   self->busy ? NULL
                                              : _("Waiting for you: nothing is sent until you "
                                                  "confirm."));
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
  g_autofree char *checker = NULL;

  g_return_if_fail (MADO_IS_VISUAL_CHECK_PAGE (self));

  cancel_check (self);
  self->busy = FALSE;
  show_title (self);
  g_free (self->signed_in);
  self->signed_in = g_strdup (operator_id);
  g_clear_pointer (&self->checker, g_free);
  checker = g_strdup_printf (_("Checked by: %s (signed in)"),
                             operator_id != NULL ? operator_id : _("nobody"));
  gtk_label_set_label (self->checker_label, checker);
  gtk_widget_set_visible (self->blocked_box, pin_blocked);
  gtk_expander_set_expanded (self->other_expander, FALSE);
  gtk_editable_set_text (self->operator_entry, "");
  gtk_editable_set_text (self->password_entry, "");
  show_error (self, NULL);
  operator_changed_cb (self);
  /* Enter confirms at once for the one signed in. */
  gtk_widget_grab_focus (self->confirm_button);
}

void
mado_visual_check_page_set_busy (MadoVisualCheckPage *self,
                                 gboolean             busy)
{
  g_return_if_fail (MADO_IS_VISUAL_CHECK_PAGE (self));

  self->busy = busy;
  show_title (self);
  operator_changed_cb (self);
}

/**
 * mado_visual_check_page_get_operator_id:
 *
 * Returns: (nullable): the account the check is recorded under: the one
 *   signed in, or another whose password was checked; %NULL before "submit"
 */
const char *
mado_visual_check_page_get_operator_id (MadoVisualCheckPage *self)
{
  g_return_val_if_fail (MADO_IS_VISUAL_CHECK_PAGE (self), NULL);

  return self->checker;
}
