/* test-expiry.c — the desk warns before the terminal's and a card's certificate ends
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The certificates are issued for this run from the test PKI's terminal CA,
 * ending in 30 days (and 12 hours, so the whole days left are 30 whatever
 * the clock does meanwhile), 400 days or 2 days ago.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-application.h"
#include "mado-resident-view.h"
#include "mado-window.h"
#include "mado-test-cert.h"
#include "mado-test-util.h"
#include "ui-test-util.h"
#include "visit-test-env.h"

#define DAY (24 * 3600)
#define WAIT_SECONDS 15

static char *scratch;

typedef struct {
  const char *name;
  gint64      start;
  gint64      end;
  const char *css_class;    /* (nullable): no warning */
  const char *says;         /* (nullable): what the warning holds */
  const char *png;
} Case;

static const Case terminal_cases[] = {
  { "soon",    -DAY,       30 * DAY + 12 * 3600, "warning", "30", "terminal-cert-expiring.png" },
  { "expired", -400 * DAY, -2 * DAY,             "error",   NULL, "terminal-cert-expired.png" },
  { "far",     -DAY,       400 * DAY,            NULL,      NULL, NULL },
};

static const char *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = first_label (child);

      if (text != NULL && text[0] != '\0')
        return text;
    }
  return NULL;
}

static gboolean
banner_settled (gpointer data)
{
  gpointer *wait = data;
  GtkWidget *banner = mado_ui_test_find_named (GTK_WIDGET (wait[0]), "terminal-cert-status");

  g_main_context_iteration (NULL, FALSE);
  return banner != NULL && gtk_widget_get_visible (banner) == GPOINTER_TO_INT (wait[1]);
}

static void
check_terminal (GtkWindow *window,
                gpointer   user_data)
{
  const Case *c = user_data;
  gpointer wait[] = { window, GINT_TO_POINTER (c->css_class != NULL) };
  GtkWidget *banner;
  const char *text;
  g_autofree char *png = NULL;

  mado_test_wait_until (banner_settled, wait, WAIT_SECONDS, "the terminal certificate's warning");
  mado_ui_test_wait_for_frames (GTK_WIDGET (window), 3);
  banner = mado_ui_test_find_named (GTK_WIDGET (window), "terminal-cert-status");
  if (c->css_class == NULL)
    {
      /* Settled hidden: give it more than the first look to change its mind. */
      mado_ui_test_wait_for_frames (GTK_WIDGET (window), 10);
      g_assert_false (gtk_widget_get_visible (banner));
      return;
    }
  g_assert_true (gtk_widget_has_css_class (banner, c->css_class));
  text = first_label (banner);
  g_assert_nonnull (text);
  g_test_message ("status bar: %s", text);
  /* The desk's language (Japanese) and the renewal in the tooltip. */
  g_assert_nonnull (strstr (text, "端末の証明書"));
  if (c->says != NULL)
    g_assert_nonnull (strstr (text, c->says));
  else
    g_assert_nonnull (strstr (text, "切れ"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (banner), "setup request"));
  png = mado_ui_test_save_png (GTK_WIDGET (window), c->png);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
}

static void
test_terminal (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *conf = mado_test_cert_write_site (scratch, c->start, c->end);

  g_setenv ("MADOGUCHI_SITE_CONFIG", conf, TRUE);
  g_assert_cmpint (mado_ui_test_run_app (check_terminal, (gpointer) c), ==, 0);
}

/* ---- the resident screen ----------------------------------------------- */

static GtkWidget *
show_resident (GtkWindow *app_window,
               gint64     card_end)
{
  g_autoptr(MadoResidentBundle) bundle = mado_ui_test_load_bundle ("resident-infant.json",
                                                                   MADO_HUB_CONSENT_ALL);
  g_autoptr(GBytes) der = mado_test_cert_issue (g_getenv ("MADOGUCHI_TEST_PKI"), "card",
                                                -DAY, card_end, NULL);
  g_autoptr(MadoCertificate) card = mado_certificate_new_from_der (g_bytes_get_data (der, NULL),
                                                                   g_bytes_get_size (der), NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = mado_resident_view_new ();
  GDate today;

  g_assert_nonnull (card);
  mado_ui_test_day (&today);
  gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (app_window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  mado_resident_view_show (MADO_RESIDENT_VIEW (view), bundle, NULL, "1312345678", &today);
  mado_resident_view_show_card_expiry (MADO_RESIDENT_VIEW (view), card);
  gtk_window_present (GTK_WINDOW (window));
  visit_env_wait_resident (view);
  mado_ui_test_wait_for_frames (window, 3);
  return view;
}

static void
check_card (GtkWindow *app_window,
            gpointer   user_data)
{
  GtkWidget *view = show_resident (app_window, 30 * DAY + 12 * 3600);
  GtkWidget *note = mado_resident_view_find_named (MADO_RESIDENT_VIEW (view), "resident-card-expiry");
  const char *text;
  g_autofree char *png = NULL;

  g_assert_nonnull (note);
  text = first_label (note);
  g_test_message ("resident screen: %s", text);
  g_assert_nonnull (strstr (text, "30"));
  g_assert_nonnull (strstr (text, "市区町村の窓口"));
  /* Right under what the hub confirmed, where staff look first. */
  g_assert_true (gtk_widget_get_prev_sibling (note) ==
                 mado_resident_view_find_named (MADO_RESIDENT_VIEW (view), "resident-freshness"));
  png = mado_ui_test_save_png (gtk_widget_get_ancestor (view, GTK_TYPE_WINDOW),
                               "resident-card-expiry.png");
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_ancestor (view, GTK_TYPE_WINDOW)));

  /* A card with years left says nothing of it. */
  view = show_resident (app_window, 400 * DAY);
  g_assert_null (mado_resident_view_find_named (MADO_RESIDENT_VIEW (view), "resident-card-expiry"));
  mado_resident_view_clear (MADO_RESIDENT_VIEW (view));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_ancestor (view, GTK_TYPE_WINDOW)));
}

static void
test_card (void)
{
  g_autofree char *missing = g_build_filename (scratch, "nothing-here.conf", NULL);

  g_setenv ("MADOGUCHI_SITE_CONFIG", missing, TRUE);
  g_assert_cmpint (mado_ui_test_run_app (check_card, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_setenv ("TZ", "JST-9", TRUE);
  mado_ui_test_init (&argc, &argv);
  scratch = mado_test_make_dir ("mado-test-expiry-XXXXXX");

  for (guint i = 0; i < G_N_ELEMENTS (terminal_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/expiry/terminal/%s", terminal_cases[i].name);

      g_test_add_data_func (path, &terminal_cases[i], test_terminal);
    }
  g_test_add_func ("/ui/expiry/card", test_card);

  status = g_test_run ();
  mado_test_remove_dir (scratch);
  g_free (scratch);
  return status;
}
