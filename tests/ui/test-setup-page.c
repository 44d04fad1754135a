/* test-setup-page.c — a terminal that is not set up opens on the administrator's page
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-setup-page.h"
#include "mado-window.h"
#include "mado-test-util.h"
#include "ui-test-util.h"

#define WAIT_SECONDS 15

static char *scratch;

static gboolean
shows_page (gpointer data)
{
  gpointer *wait = data;

  g_main_context_iteration (NULL, FALSE);
  return g_strcmp0 (mado_window_get_visible_page (MADO_WINDOW (wait[0])), wait[1]) == 0;
}

static void
wait_for_page (GtkWindow  *window,
               const char *page)
{
  gpointer wait[] = { window, (gpointer) page };

  mado_test_wait_until (shows_page, wait, WAIT_SECONDS, page);
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 2);
}

/* Whether some label on the page holds @needle (the fixes are commands). */
static gboolean
page_mentions (GtkWidget  *root,
               const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (page_mentions (child, needle))
      return TRUE;
  return FALSE;
}

static void
check_no_configuration (GtkWindow *window,
                        gpointer   user_data)
{
  g_autofree char *png = NULL;

  wait_for_page (window, "setup");
  g_assert_true (page_mentions (GTK_WIDGET (window),
                                "madoguchi-cli setup request --terminal-id ID --institution-code CODE"));
  g_assert_true (page_mentions (GTK_WIDGET (window), "nothing-here.conf"));
  png = mado_ui_test_save_png (GTK_WIDGET (window), "setup-page.png");
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
}

static void
check_no_store (GtkWindow *window,
                gpointer   user_data)
{
  wait_for_page (window, "setup");
  g_assert_true (page_mentions (GTK_WIDGET (window), "--cache-dir"));
  g_assert_false (page_mentions (GTK_WIDGET (window), "setup request"));
}

/* What the Check Again button does. */
static void
press_check_again (GtkWindow *window)
{
  GtkWidget *page = mado_ui_test_find_widget (GTK_WIDGET (window), MADO_TYPE_SETUP_PAGE);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (page, "setup.check-again", NULL));
}

static void
check_no_staff (GtkWindow *window,
                gpointer   user_data)
{
  MadoStore *store = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *fix = NULL;

  wait_for_page (window, "setup");
  fix = g_strdup_printf ("sudo -u %s madoguchi-cli user add ID --role administrator",
                         g_get_user_name ());
  g_assert_true (page_mentions (GTK_WIDGET (window), fix));
  mado_ui_test_save_png (GTK_WIDGET (window), "setup-page-no-staff.png");

  /* The administrator adds the first account: the sign-in page follows. */
  g_assert_true (mado_store_staff_add (store, "admin", MADO_STAFF_ROLE_ADMINISTRATOR,
                                       "correct-horse-battery", "system:test", &error));
  g_assert_no_error (error);
  press_check_again (window);
  wait_for_page (window, "sign-in");
}

static void
write_conf (const char *text)
{
  g_autofree char *conf = g_build_filename (scratch, "site.conf", NULL);

  mado_test_write_file (scratch, "site.conf", text);
  g_setenv ("MADOGUCHI_SITE_CONFIG", conf, TRUE);
}

static void
test_no_configuration (void)
{
  g_autofree char *missing = g_build_filename (scratch, "nothing-here.conf", NULL);

  g_setenv ("MADOGUCHI_SITE_CONFIG", missing, TRUE);
  g_assert_cmpint (mado_ui_test_run_app (check_no_configuration, NULL), ==, 0);
}

static void
test_no_store (void)
{
  write_conf ("[site]\ninstitution-code=1312345678\nterminal-id=desk-1\n");
  g_assert_cmpint (mado_ui_test_run_app (check_no_store, NULL), ==, 0);
}

static void
test_no_staff (void)
{
  g_autoptr(MadoStore) store = NULL;
  g_autofree char *conf = mado_test_make_desk_site (scratch, NULL, NULL, &store);

  g_setenv ("MADOGUCHI_SITE_CONFIG", conf, TRUE);
  g_assert_cmpint (mado_ui_test_run_app (check_no_staff, store), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  mado_ui_test_init (&argc, &argv);
  scratch = mado_test_make_dir ("mado-test-setup-page-XXXXXX");

  g_test_add_func ("/ui/setup/no-configuration", test_no_configuration);
  g_test_add_func ("/ui/setup/no-store", test_no_store);
  g_test_add_func ("/ui/setup/no-staff", test_no_staff);

  status = g_test_run ();
  mado_test_remove_dir (scratch);
  g_free (scratch);
  return status;
}
