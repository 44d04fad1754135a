/* mado-staff-admin-rows.c — one staff account in the administrator's list, with what can change
 *
 * An expander row per account: its ID, name, role and whether it may sign
 * in; opened, a role to choose, a new password typed twice, and Disable or
 * Enable. The row only asks (MadoStaffAdminRequest); the window runs the
 * change and the store decides.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-staff-admin-roles.h"
#include "mado-staff-admin-rows.h"

typedef struct {
  char                  *staff_id;
  AdwComboRow           *role_row;
  AdwPasswordEntryRow   *password_row;
  AdwPasswordEntryRow   *repeat_row;
  MadoStaffAdminRequest  request;
  gpointer               user_data;
} Parts;

static void
parts_free (Parts *parts)
{
  g_free (parts->staff_id);
  g_free (parts);
}

static void
request (Parts                *parts,
         MadoStaffAdminChange *change)
{
  parts->request (parts->user_data, change);
}

static void
role_clicked_cb (Parts *parts)
{
  MadoStaffAdminChange *change = mado_staff_admin_change_new (MADO_STAFF_ADMIN_ROLE, parts->staff_id);

  change->role = mado_staff_admin_roles_at (adw_combo_row_get_selected (parts->role_row));
  request (parts, change);
}

static void
reset_clicked_cb (Parts *parts)
{
  MadoStaffAdminChange *change = mado_staff_admin_change_new (MADO_STAFF_ADMIN_PASSWORD, parts->staff_id);

  /* Read and emptied at once: a password is not kept on screen. */
  change->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (parts->password_row)));
  change->repeated = g_strdup (gtk_editable_get_text (GTK_EDITABLE (parts->repeat_row)));
  gtk_editable_set_text (GTK_EDITABLE (parts->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (parts->repeat_row), "");
  request (parts, change);
}

static void
disable_clicked_cb (Parts *parts)
{
  request (parts, mado_staff_admin_change_new (MADO_STAFF_ADMIN_DISABLE, parts->staff_id));
}

static void
enable_clicked_cb (Parts *parts)
{
  request (parts, mado_staff_admin_change_new (MADO_STAFF_ADMIN_ENABLE, parts->staff_id));
}

static GtkWidget *
suffix_button (AdwActionRow *row,
               const char   *label,
               const char   *name,
               GCallback     clicked,
               Parts        *parts)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", clicked, parts);
  adw_action_row_add_suffix (row, button);
  return button;
}

static AdwPasswordEntryRow *
password_row (const char *title,
              const char *name)
{
  return ADW_PASSWORD_ENTRY_ROW (mado_staff_admin_rows_titled (adw_password_entry_row_new (),
                                                               title, name));
}

static void
add_role_row (AdwExpanderRow         *expander,
              const MadoStaffAccount *account,
              Parts                  *parts)
{
  g_autoptr(GtkStringList) roles = mado_staff_admin_roles_model ();

  parts->role_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (parts->role_row), _("Role"));
  adw_combo_row_set_model (parts->role_row, G_LIST_MODEL (roles));
  adw_combo_row_set_selected (parts->role_row, mado_staff_admin_roles_index (account->role));
  gtk_widget_set_name (GTK_WIDGET (parts->role_row), "staff-role");
  suffix_button (ADW_ACTION_ROW (parts->role_row), _("_Change Role"), "staff-role-apply",
                 G_CALLBACK (role_clicked_cb), parts);
  adw_expander_row_add_row (expander, GTK_WIDGET (parts->role_row));
}

static void
add_password_rows (AdwExpanderRow *expander,
                   Parts          *parts)
{
  GtkWidget *row = adw_action_row_new ();

  parts->password_row = password_row (_("New password"), "staff-reset-password");
  parts->repeat_row = password_row (_("The same password again"), "staff-reset-repeat");
  adw_expander_row_add_row (expander, GTK_WIDGET (parts->password_row));
  adw_expander_row_add_row (expander, GTK_WIDGET (parts->repeat_row));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Reset the password"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("For someone who forgot theirs: they sign in with the new one"));
  suffix_button (ADW_ACTION_ROW (row), _("_Reset Password"), "staff-reset",
                 G_CALLBACK (reset_clicked_cb), parts);
  adw_expander_row_add_row (expander, row);
}

static void
add_sign_in_row (AdwExpanderRow         *expander,
                 const MadoStaffAccount *account,
                 Parts                  *parts)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Sign-in"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               account->disabled ? _("Disabled: this account cannot sign in")
                                                 : _("Enabled: this account can sign in"));
  if (account->disabled)
    button = suffix_button (ADW_ACTION_ROW (row), _("_Enable"), "staff-enable",
                            G_CALLBACK (enable_clicked_cb), parts);
  else
    {
      button = suffix_button (ADW_ACTION_ROW (row), _("_Disable"), "staff-disable",
                              G_CALLBACK (disable_clicked_cb), parts);
      gtk_widget_add_css_class (button, "destructive-action");
    }
  adw_expander_row_add_row (expander, row);
}

static char *
summary (const MadoStaffAccount *account,
         gboolean                is_self)
{
  const char *role = mado_staff_admin_roles_words (account->role);
  const char *state = account->disabled ? _("disabled") : _("enabled");
  const char *name = account->display_name != NULL && account->display_name[0] != '\0'
                     ? account->display_name : _("no name");

  if (is_self)
    /* Translators: an account's line in the list: "<name> · <role> · <enabled or disabled> · you" */
    return g_strdup_printf (_("%s · %s · %s · you"), name, role, state);
  /* Translators: an account's line in the list: "<name> · <role> · <enabled or disabled>" */
  return g_strdup_printf (_("%s · %s · %s"), name, role, state);
}

/**
 * mado_staff_admin_rows_titled:
 * @row: (transfer floating): a new preferences row
 * @title: its title
 * @name: its widget name (the UI tests find it by name)
 *
 * Returns: (transfer floating): @row
 */
GtkWidget *
mado_staff_admin_rows_titled (GtkWidget  *row,
                              const char *title,
                              const char *name)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  return row;
}

/**
 * mado_staff_admin_rows_new:
 * @account: the account as listed
 * @is_self: whether it is the signed-in administrator's own
 * @request: called with each change asked for
 * @user_data: for @request
 *
 * Returns: (transfer floating): the account's expander row
 */
GtkWidget *
mado_staff_admin_rows_new (const MadoStaffAccount *account,
                           gboolean                is_self,
                           MadoStaffAdminRequest   request_cb,
                           gpointer                user_data)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  Parts *parts = g_new0 (Parts, 1);
  g_autofree char *name = g_strconcat ("staff-row-", account->staff_id, NULL);
  g_autofree char *subtitle = summary (account, is_self);

  parts->staff_id = g_strdup (account->staff_id);
  parts->request = request_cb;
  parts->user_data = user_data;
  g_object_set_data_full (G_OBJECT (expander), "mado-staff-admin-parts", parts,
                          (GDestroyNotify) parts_free);
  gtk_widget_set_name (GTK_WIDGET (expander), name);
  /* IDs are plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), account->staff_id);
  adw_expander_row_set_subtitle (expander, subtitle);
  add_role_row (expander, account, parts);
  add_password_rows (expander, parts);
  add_sign_in_row (expander, account, parts);
  return GTK_WIDGET (expander);
}
