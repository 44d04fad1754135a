/* mado-sign-in-page.c — the staff sign-in and lock screen of the desk
 *
 * The page asks the application to sign in (the store checks the password
 * in a worker thread and audits the attempt). The password entry is GTK's password entry,
 * whose text lives in non-pageable memory; it is emptied after every try,
 * right or wrong, so the password does not stay on screen or in memory.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-application.h"
#include "mado-sign-in-page.h"

struct _MadoSignInPage
{
  AdwBin            parent_instance;

  /* template children */
  AdwStatusPage    *status_page;
  GtkLabel         *locked_label;
  GtkEntry         *staff_id_entry;
  GtkPasswordEntry *password_entry;
  GtkLabel         *error_label;

  MadoApplication  *application;   /* weak */
  gulong            session_handler;
};

G_DEFINE_FINAL_TYPE (MadoSignInPage, mado_sign_in_page, ADW_TYPE_BIN)

static MadoApplication *
find_application (MadoSignInPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return MADO_IS_APPLICATION (app) ? MADO_APPLICATION (app) : NULL;
}

static void
show_error (MadoSignInPage *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/**
 * mado_sign_in_page_sync:
 *
 * Brings the page in line with the application: after a lock, the staff ID
 * of whoever was signed in is filled in, the "locked" note shows and the
 * password entry has the focus.
 */
void
mado_sign_in_page_sync (MadoSignInPage *self)
{
  const char *locked_id;

  g_return_if_fail (MADO_IS_SIGN_IN_PAGE (self));

  if (self->application == NULL)
    return;
  if (mado_application_get_staff_session (self->application) != NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  locked_id = mado_application_get_locked_staff_id (self->application);
  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), locked_id != NULL);
  if (locked_id != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->staff_id_entry), locked_id);
      adw_status_page_set_title (self->status_page, _("Desk Locked"));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
    }
  else
    {
      adw_status_page_set_title (self->status_page, _("Staff Sign-in"));
      gtk_widget_grab_focus (GTK_WIDGET (self->staff_id_entry));
    }
}

static void
session_changed_cb (MadoSignInPage *self)
{
  if (mado_application_get_staff_session (self->application) == NULL)
    mado_sign_in_page_sync (self);
  else
    show_error (self, NULL);
}

static void
mado_sign_in_page_map (GtkWidget *widget)
{
  MadoSignInPage *self = MADO_SIGN_IN_PAGE (widget);

  GTK_WIDGET_CLASS (mado_sign_in_page_parent_class)->map (widget);

  if (self->application == NULL)
    {
      self->application = find_application (self);
      if (self->application != NULL)
        {
          g_object_add_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
          self->session_handler =
            g_signal_connect_object (self->application, "notify::staff-session",
                                     G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
        }
    }
  mado_sign_in_page_sync (self);
}

/* While the password is checked the entries take no input. They stay
 * sensitive: an insensitive entry would lose the focus staff typed in. */
static void
set_busy (MadoSignInPage *self,
          gboolean        busy)
{
  gtk_editable_set_editable (GTK_EDITABLE (self->staff_id_entry), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_entry), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", !busy);
}

static void
sign_in_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MadoSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!mado_application_sign_in_finish (MADO_APPLICATION (source), result, &error))
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), FALSE);
  show_error (self, NULL);
}

static void
sign_in (MadoSignInPage *self)
{
  g_autofree char *staff_id = NULL;

  if (!gtk_editable_get_editable (GTK_EDITABLE (self->password_entry)))
    return;
  if (self->application == NULL)
    self->application = find_application (self);
  if (self->application == NULL)
    return;

  staff_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->staff_id_entry))));
  if (staff_id[0] == '\0')
    {
      show_error (self, _("Type your staff ID."));
      gtk_widget_grab_focus (GTK_WIDGET (self->staff_id_entry));
      return;
    }

  /* The check copies the password, then the entry is emptied at once; the
   * page waits for scrypt without taking input. */
  set_busy (self, TRUE);
  mado_application_sign_in_async (self->application, staff_id,
                                  gtk_editable_get_text (GTK_EDITABLE (self->password_entry)),
                                  NULL, sign_in_done_cb, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sign_in (MADO_SIGN_IN_PAGE (widget));
}

static void
staff_id_activate_cb (MadoSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
password_activate_cb (MadoSignInPage *self)
{
  sign_in (self);
}

static void
mado_sign_in_page_dispose (GObject *object)
{
  MadoSignInPage *self = MADO_SIGN_IN_PAGE (object);

  if (self->application != NULL)
    {
      g_clear_signal_handler (&self->session_handler, self->application);
      g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      self->application = NULL;
    }
  /* The status page is both a bound template child and AdwBin's child:
   * gtk_widget_dispose_template() would unparent it, then AdwBin would try
   * again. Letting AdwBin drop its child is the one release it needs. */
  adw_bin_set_child (ADW_BIN (object), NULL);

  G_OBJECT_CLASS (mado_sign_in_page_parent_class)->dispose (object);
}

static void
mado_sign_in_page_class_init (MadoSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_sign_in_page_dispose;
  widget_class->map = mado_sign_in_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoSignInPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MadoSignInPage, locked_label);
  gtk_widget_class_bind_template_child (widget_class, MadoSignInPage, staff_id_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoSignInPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoSignInPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, staff_id_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activate_cb);
  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
}

static void
mado_sign_in_page_init (MadoSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mado_sign_in_page_new (void)
{
  return g_object_new (MADO_TYPE_SIGN_IN_PAGE, NULL);
}

/**
 * mado_sign_in_page_get_error_text:
 *
 * Returns: (nullable): the error shown under the entries, if any
 */
const char *
mado_sign_in_page_get_error_text (MadoSignInPage *self)
{
  g_return_val_if_fail (MADO_IS_SIGN_IN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}
