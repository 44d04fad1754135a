/* mado-staff-admin-window.c — an administrator's staff accounts: add, reset a password, role, disable
 *
 * Opened from the primary menu by a signed-in administrator only, and
 * closed as soon as the session ends or stops being an administrator's.
 * The window is a convenience, not the guard: the store checks every
 * change against the operator's role as stored (mado-store-staff-rules.c),
 * and a refusal is shown here as the named error's message with what was
 * typed left in place — except passwords, which never stay on screen.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-staff-admin-change.h"
#include "mado-staff-admin-roles.h"
#include "mado-staff-admin-rows.h"
#include "mado-staff-admin-window.h"

struct _MadoStaffAdminWindow
{
  AdwPreferencesWindow  parent_instance;

  MadoApplication      *application;
  AdwPreferencesPage   *page;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *accounts_group;
  GPtrArray            *account_rows;   /* what refresh_accounts() added */
  AdwEntryRow          *id_row;
  AdwEntryRow          *name_row;
  AdwComboRow          *role_row;
  AdwPasswordEntryRow  *password_row;
  AdwPasswordEntryRow  *repeat_row;
  GCancellable         *cancellable;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (MadoStaffAdminWindow, mado_staff_admin_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
session_is_administrator (MadoStaffSession *session)
{
  return session != NULL &&
         mado_staff_session_get_role (session) == MADO_STAFF_ROLE_ADMINISTRATOR;
}

static void
show_error (MadoStaffAdminWindow *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (MadoStaffAdminWindow *self,
          gboolean              busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
}

static void refresh_accounts (MadoStaffAdminWindow *self);

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MadoStaffAdminWindow) self = user_data;
  const MadoStaffAdminChange *change = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, FALSE);
  if (!mado_staff_admin_change_run_finish (result, &error))
    {
      g_message ("staff change on %s refused: %s", change->staff_id, mado_error_name (error));
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  if (change->kind == MADO_STAFF_ADMIN_ADD)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->id_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
    }
  done = mado_staff_admin_change_describe (change);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (done));
  refresh_accounts (self);
}

/* Takes @change; the operator is whoever is signed in at this moment. */
static void
run_change (MadoStaffAdminWindow *self,
            MadoStaffAdminChange *change)
{
  MadoStaffSession *session = mado_application_get_staff_session (self->application);
  MadoStore *store = mado_application_get_store (self->application);

  if (self->busy || session == NULL || store == NULL)
    {
      mado_staff_admin_change_free (change);
      return;
    }
  change->operator_id = g_strdup (mado_staff_session_get_staff_id (session));
  set_busy (self, TRUE);
  mado_staff_admin_change_run_async (change, store, self->cancellable, change_done_cb,
                                     g_object_ref (self));
}

static void
change_requested_cb (gpointer              user_data,
                     MadoStaffAdminChange *change)
{
  run_change (MADO_STAFF_ADMIN_WINDOW (user_data), change);
}

/* Reads a password row and empties it: it is not kept on screen. */
static char *
take_password (AdwPasswordEntryRow *row)
{
  char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  return text;
}

static void
add_clicked_cb (MadoStaffAdminWindow *self)
{
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_row))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  MadoStaffAdminChange *change = mado_staff_admin_change_new (MADO_STAFF_ADMIN_ADD, id);

  change->role = mado_staff_admin_roles_at (adw_combo_row_get_selected (self->role_row));
  g_free (change->name);
  change->name = g_steal_pointer (&name);
  change->password = take_password (self->password_row);
  change->repeated = take_password (self->repeat_row);
  run_change (self, change);
}

static void
refresh_accounts (MadoStaffAdminWindow *self)
{
  MadoStore *store = mado_application_get_store (self->application);
  MadoStaffSession *session = mado_application_get_staff_session (self->application);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->account_rows->len; i++)
    adw_preferences_group_remove (self->accounts_group, g_ptr_array_index (self->account_rows, i));
  g_ptr_array_set_size (self->account_rows, 0);
  accounts = store != NULL ? mado_store_staff_list (store, &error) : NULL;
  if (accounts == NULL)
    {
      show_error (self, error != NULL ? error->message : _("The offline store is not open."));
      return;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      const MadoStaffAccount *account = g_ptr_array_index (accounts, i);
      gboolean is_self = session != NULL &&
                         g_str_equal (account->staff_id, mado_staff_session_get_staff_id (session));
      GtkWidget *row = mado_staff_admin_rows_new (account, is_self, change_requested_cb, self);

      adw_preferences_group_add (self->accounts_group, row);
      g_ptr_array_add (self->account_rows, row);
    }
}

/* The session ended (lock, sign-out, idle) or changed hands: the window goes. */
static void
session_changed_cb (MadoStaffAdminWindow *self)
{
  if (!session_is_administrator (mado_application_get_staff_session (self->application)))
    gtk_window_destroy (GTK_WINDOW (self));
}

static AdwPreferencesGroup *
build_add_group (MadoStaffAdminWindow *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) roles = mado_staff_admin_roles_model ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add Account"));

  adw_preferences_group_set_title (group, _("Add an Account"));
  adw_preferences_group_set_description (group,
                                         _("The password needs at least 13 characters. Give it to the person in private; it is never shown again."));
  self->id_row = ADW_ENTRY_ROW (mado_staff_admin_rows_titled (adw_entry_row_new (), _("Staff ID"),
                                                              "staff-add-id"));
  self->name_row = ADW_ENTRY_ROW (mado_staff_admin_rows_titled (adw_entry_row_new (),
                                                                _("Name as records carry it (optional)"),
                                                                "staff-add-name"));
  self->role_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role_row), _("Role"));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  gtk_widget_set_name (GTK_WIDGET (self->role_row), "staff-add-role");
  self->password_row = ADW_PASSWORD_ENTRY_ROW (mado_staff_admin_rows_titled (adw_password_entry_row_new (),
                                                                            _("Initial password"),
                                                                            "staff-add-password"));
  self->repeat_row = ADW_PASSWORD_ENTRY_ROW (mado_staff_admin_rows_titled (adw_password_entry_row_new (),
                                                                          _("The same password again"),
                                                                          "staff-add-repeat"));
  adw_preferences_group_add (group, GTK_WIDGET (self->id_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->name_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->role_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->password_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->repeat_row));
  gtk_widget_set_name (button, "staff-add");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 12);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_add (group, button);
  return group;
}

static void
build (MadoStaffAdminWindow *self)
{
  AdwPreferencesGroup *top = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->page, _("Staff Accounts"));
  adw_preferences_page_set_icon_name (self->page, "system-users-symbolic");
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->error_label), "staff-error");
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Why the change was refused"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (top, GTK_WIDGET (self->error_label));
  adw_preferences_page_add (self->page, top);

  self->accounts_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->accounts_group, _("Accounts"));
  adw_preferences_group_set_description (self->accounts_group,
                                         _("Open an account to reset its password, change its role, or disable it. Disabled accounts stay listed for the audit log."));
  adw_preferences_page_add (self->page, self->accounts_group);
  adw_preferences_page_add (self->page, build_add_group (self));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->page);
}

static void
mado_staff_admin_window_dispose (GObject *object)
{
  MadoStaffAdminWindow *self = MADO_STAFF_ADMIN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->account_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (mado_staff_admin_window_parent_class)->dispose (object);
}

static void
mado_staff_admin_window_class_init (MadoStaffAdminWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mado_staff_admin_window_dispose;
}

static void
mado_staff_admin_window_init (MadoStaffAdminWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->account_rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Staff Accounts"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  /* Fits a 1024×600 desk screen; the page scrolls. */
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  build (self);
}

/**
 * mado_staff_admin_window_may_open:
 * @application: the application
 *
 * Returns: %TRUE when an administrator is signed in
 */
gboolean
mado_staff_admin_window_may_open (MadoApplication *application)
{
  return session_is_administrator (mado_application_get_staff_session (application));
}

/**
 * mado_staff_admin_window_new:
 * @application: the application, with an administrator signed in
 *
 * Returns: (transfer floating): the window, listing the accounts
 */
GtkWidget *
mado_staff_admin_window_new (MadoApplication *application)
{
  MadoStaffAdminWindow *self = g_object_new (MADO_TYPE_STAFF_ADMIN_WINDOW, NULL);

  self->application = application;
  g_signal_connect_object (application, "notify::staff-session", G_CALLBACK (session_changed_cb),
                           self, G_CONNECT_SWAPPED);
  refresh_accounts (self);
  return GTK_WIDGET (self);
}

/**
 * mado_staff_admin_window_get_error:
 * @self: the window
 *
 * Returns: (nullable): the refusal shown, or %NULL
 */
const char *
mado_staff_admin_window_get_error (MadoStaffAdminWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

/**
 * mado_staff_admin_window_is_busy:
 * @self: the window
 *
 * Returns: %TRUE while a change is being made
 */
gboolean
mado_staff_admin_window_is_busy (MadoStaffAdminWindow *self)
{
  return self->busy;
}
