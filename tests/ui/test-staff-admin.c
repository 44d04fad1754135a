/* test-staff-admin.c — an administrator's staff accounts: add, reset, role, disable, refusals shown
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-sign-in-page.h"
#include "mado-staff-admin-roles.h"
#include "mado-staff-admin-window.h"
#include "mado-window.h"
#include "mado-test-util.h"
#include "ui-test-util.h"

#define ADMIN_PASSWORD "correct-horse-battery"
#define NEW_PASSWORD   "a new reception passphrase"
#define RESET_PASSWORD "carol forgot the first one"

static char *scratch;

static MadoApplication *
app_of (GtkWindow *window)
{
  return MADO_APPLICATION (gtk_window_get_application (window));
}

static gboolean
menu_offers (MadoApplication *app,
             const char      *action)
{
  GMenuModel *menu = mado_application_get_operator_menu (app);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
not_busy (gpointer data)
{
  return !mado_staff_admin_window_is_busy (data);
}

/* Clicks the button @name below @root and waits for the change to be made or refused. */
static void
click (GtkWidget  *dialog,
       GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = mado_ui_test_find_named (root, name);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  mado_test_wait_until (not_busy, dialog, 30, name);
  mado_ui_test_wait_for_frames (dialog, 3);
}

static void
type (GtkWidget  *root,
      const char *name,
      const char *text)
{
  GtkWidget *row = mado_ui_test_find_named (root, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
text_of (GtkWidget  *root,
         const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (mado_ui_test_find_named (root, name)));
}

static GtkWidget *
open_staff_accounts (GtkWindow *window)
{
  MadoApplication *app = app_of (window);

  g_assert_true (menu_offers (app, "app.staff-accounts"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "staff-accounts"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "staff-accounts", NULL);
  return GTK_WIDGET (mado_ui_test_wait_for_toplevel (MADO_TYPE_STAFF_ADMIN_WINDOW));
}

static void
sign_out (GtkWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (app_of (window)), "sign-out", NULL);
  mado_ui_test_wait_for_page (window, "sign-in");
}

/* The admin adds carol: the passwords differ first (refused, the ID and
 * name kept, the passwords emptied), then the same twice. */
static void
add_carol (GtkWidget *dialog)
{
  MadoStaffAdminWindow *admin = MADO_STAFF_ADMIN_WINDOW (dialog);
  g_autofree char *png = NULL;

  type (dialog, "staff-add-id", "carol");
  type (dialog, "staff-add-name", "受付 花子");
  type (dialog, "staff-add-password", NEW_PASSWORD);
  type (dialog, "staff-add-repeat", NEW_PASSWORD "!");
  click (dialog, dialog, "staff-add");
  g_assert_cmpstr (mado_staff_admin_window_get_error (admin), ==,
                   _("The two passwords differ. Type the same password in both fields."));
  g_assert_cmpstr (text_of (dialog, "staff-add-id"), ==, "carol");
  g_assert_cmpstr (text_of (dialog, "staff-add-name"), ==, "受付 花子");
  g_assert_cmpstr (text_of (dialog, "staff-add-password"), ==, "");
  g_assert_null (mado_ui_test_find_named (dialog, "staff-row-carol"));

  type (dialog, "staff-add-password", NEW_PASSWORD);
  type (dialog, "staff-add-repeat", NEW_PASSWORD);
  click (dialog, dialog, "staff-add");
  g_assert_null (mado_staff_admin_window_get_error (admin));
  g_assert_nonnull (mado_ui_test_find_named (dialog, "staff-row-carol"));
  g_assert_cmpstr (text_of (dialog, "staff-add-id"), ==, "");
  png = mado_ui_test_save_png (dialog, "staff-accounts.png");
}

/* Disabling oneself is refused with the rule's message, and the account stays enabled. */
static void
disable_self (GtkWidget *dialog)
{
  GtkWidget *own = mado_ui_test_find_named (dialog, "staff-row-admin");
  g_autofree char *png = NULL;

  g_assert_nonnull (own);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (own), TRUE);
  /* the row's opening animation, finished before the screenshot */
  mado_ui_test_wait_for_frames (dialog, 30);
  click (dialog, own, "staff-disable");
  g_assert_cmpstr (mado_staff_admin_window_get_error (MADO_STAFF_ADMIN_WINDOW (dialog)), ==,
                   _("You cannot disable your own account. Another administrator must do it."));
  own = mado_ui_test_find_named (dialog, "staff-row-admin");
  g_assert_nonnull (mado_ui_test_find_named (own, "staff-disable"));
  mado_ui_test_wait_for_frames (dialog, 30);
  png = mado_ui_test_save_png (dialog, "staff-accounts-refused.png");
}

/* carol forgot her password: a new one, typed twice; and she becomes a nurse. */
static void
reset_and_role (GtkWidget *dialog)
{
  GtkWidget *row = mado_ui_test_find_named (dialog, "staff-row-carol");

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  type (row, "staff-reset-password", RESET_PASSWORD);
  type (row, "staff-reset-repeat", RESET_PASSWORD);
  click (dialog, row, "staff-reset");
  g_assert_null (mado_staff_admin_window_get_error (MADO_STAFF_ADMIN_WINDOW (dialog)));

  row = mado_ui_test_find_named (dialog, "staff-row-carol");
  adw_combo_row_set_selected (ADW_COMBO_ROW (mado_ui_test_find_named (row, "staff-role")),
                              mado_staff_admin_roles_index (MADO_STAFF_ROLE_NURSE));
  click (dialog, row, "staff-role-apply");
  g_assert_null (mado_staff_admin_window_get_error (MADO_STAFF_ADMIN_WINDOW (dialog)));
}

static gboolean
destroyed (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

static void
check_staff_admin (GtkWindow *window,
                   gpointer   user_data)
{
  MadoApplication *app = app_of (window);
  MadoSignInPage *page;
  GtkWidget *dialog;
  MadoStaffSession *session;

  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
  mado_ui_test_sign_in (window, "admin", ADMIN_PASSWORD);
  mado_ui_test_wait_for_page (window, "idle");
  dialog = open_staff_accounts (window);
  add_carol (dialog);
  disable_self (dialog);
  reset_and_role (dialog);

  /* Signing out closes the window: no account changes without a session. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  sign_out (window);
  mado_test_wait_until (destroyed, &dialog, 10, "the staff window to close");

  /* carol signs in with the password set for her, as a nurse: no staff page for her */
  page = mado_ui_test_sign_in (window, "carol", NEW_PASSWORD);
  g_assert_null (mado_application_get_staff_session (app));
  g_assert_cmpstr (mado_sign_in_page_get_error_text (page), ==,
                   _("The staff ID or the password is wrong. Type them again."));
  mado_ui_test_sign_in (window, "carol", RESET_PASSWORD);
  session = mado_application_get_staff_session (app);
  g_assert_nonnull (session);
  g_assert_cmpint (mado_staff_session_get_role (session), ==, MADO_STAFF_ROLE_NURSE);
  g_assert_cmpstr (mado_staff_session_get_display_name (session), ==, "受付 花子");
  g_assert_false (menu_offers (app, "app.staff-accounts"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "staff-accounts"));
  g_assert_false (mado_staff_admin_window_may_open (app));
  sign_out (window);

  /* the admin disables carol; she can no longer sign in */
  mado_ui_test_sign_in (window, "admin", ADMIN_PASSWORD);
  dialog = open_staff_accounts (window);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (mado_ui_test_find_named (dialog, "staff-row-carol")), TRUE);
  click (dialog, mado_ui_test_find_named (dialog, "staff-row-carol"), "staff-disable");
  g_assert_null (mado_staff_admin_window_get_error (MADO_STAFF_ADMIN_WINDOW (dialog)));
  g_assert_nonnull (mado_ui_test_find_named (mado_ui_test_find_named (dialog, "staff-row-carol"),
                                             "staff-enable"));
  sign_out (window);
  page = mado_ui_test_sign_in (window, "carol", RESET_PASSWORD);
  g_assert_null (mado_application_get_staff_session (app));
  g_assert_cmpstr (mado_sign_in_page_get_error_text (page), ==,
                   _("This staff account is disabled. Ask the administrator."));
}

static void
run (gconstpointer data)
{
  g_assert_cmpint (mado_ui_test_run_app ((MadoUiTestFunc) data, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autofree char *conf = NULL;
  int status;

  mado_ui_test_init (&argc, &argv);
  scratch = mado_test_make_dir ("mado-test-staff-admin-XXXXXX");
  conf = mado_test_make_desk_site (scratch, NULL, NULL, &store);
  g_setenv ("MADOGUCHI_SITE_CONFIG", conf, TRUE);
  g_assert_true (mado_store_staff_add (store, "admin", MADO_STAFF_ROLE_ADMINISTRATOR, ADMIN_PASSWORD,
                                       "system:test", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_test_add_data_func ("/ui/staff-admin/add-disable-refuse", check_staff_admin, run);

  status = g_test_run ();
  mado_test_remove_dir (scratch);
  g_free (scratch);
  return status;
}
