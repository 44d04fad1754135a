/* visit-test-env.c — the virtual card, the training hub and a signed-in desk for visit tests
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "madoguchi-core.h"
#include "mado-consent-page.h"
#include "mado-pin-page.h"
#include "mado-resident-view.h"
#include "mado-test-util.h"
#include "visit-test-env.h"
#include "hub-test-util.h"

#define WAIT_SECONDS 30

static HubProcess *hub;
static char *scratch;

/**
 * visit_env_setup:
 *
 * Starts the training hub and writes a site configuration for it.
 * Returns %FALSE when not inside card-env.sh (the caller skips).
 */
gboolean
visit_env_setup (const char *hub_binary)
{
  const char *dir = g_getenv ("MADOGUCHI_CARD_ENV_DIR");
  g_autofree char *site = NULL;

  if (dir == NULL || g_getenv ("MADOGUCHI_CARD_ENV_LIB") == NULL)
    return FALSE;
  scratch = g_build_filename (dir, "visit", NULL);
  g_assert_cmpint (g_mkdir_with_parents (scratch, 0700), ==, 0);
  hub = hub_process_start (hub_binary, NULL);
  site = hub_test_write_site_config (hub->port, scratch);
  g_setenv ("MADOGUCHI_SITE_CONFIG", site, TRUE);
  return TRUE;
}

void
visit_env_stop_hub (void)
{
  if (hub != NULL)
    hub_process_stop (g_steal_pointer (&hub));
}

/**
 * visit_env_records_count:
 * @member: `vaccinations`, `questionnaires` or `total`
 *
 * Returns: how many records of that kind the training hub has accepted
 */
gint64
visit_env_records_count (const char *member)
{
  g_autoptr(HubResponse) response = NULL;

  g_assert_nonnull (hub);
  response = hub_request (hub, "GET", "/v1/training/records-count", NULL);
  g_assert_cmpint (response->status, ==, 200);
  return json_object_get_int_member (hub_response_object (response), member);
}

void
visit_env_teardown (void)
{
  visit_env_card_remove ();
  visit_env_stop_hub ();
  g_clear_pointer (&scratch, g_free);
}

/* Runs a card-env-lib.sh function; its output goes to our stderr, never to a
 * pipe the background card would hold open. */
static void
card_env_run (const char *script,
              const char *arg1,
              const char *arg2)
{
  const char *argv[] = { "bash", "-c", script, "card-env", arg1, arg2, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static const char *
vpcd_port (void)
{
  static char port[16];
  const char *ports = g_getenv ("MADOGUCHI_VPCD_PORTS");

  g_assert_nonnull (ports);
  g_strlcpy (port, ports, sizeof port);
  port[strcspn (port, " ")] = '\0';
  return port;
}

/* The test PKI's card @card goes on the first reader (the one before removed). */
void
visit_env_card_insert (const char *card)
{
  g_autofree char *relative = g_strdup_printf ("cards/%s.profile", card);
  g_autofree char *profile = hub_test_pki_path (relative);

  card_env_run (". \"$MADOGUCHI_CARD_ENV_LIB\" && vcard_stop && vcard_start \"$1\" \"$2\"",
                vpcd_port (), profile);
}

void
visit_env_card_remove (void)
{
  card_env_run (". \"$MADOGUCHI_CARD_ENV_LIB\" && vcard_stop", NULL, NULL);
}

void
visit_env_sign_in (GtkWindow *window)
{
  MadoApplication *app = MADO_APPLICATION (gtk_window_get_application (window));
  g_autoptr(MadoStaffSession) staff =
    mado_staff_session_new ("staff-007", MADO_STAFF_ROLE_RECEPTION, 3600, g_get_real_time ());

  mado_application_set_staff_session (app, staff);
  g_assert_cmpstr (mado_window_get_visible_page (MADO_WINDOW (window)), ==, "idle");
}

/* Spins the main loop until @done says so; fails the test after a while. */
void
visit_env_wait (gboolean   (*done) (gpointer data),
                gpointer     data,
                const char  *what)
{
  mado_test_wait_until (done, data, WAIT_SECONDS, what);
}

typedef struct {
  MadoWindow *window;
  const char *page;
} PageWait;

/**
 * visit_env_find_resident_view:
 *
 * Returns: (nullable) (transfer none): the resident view at or below @root
 */
MadoResidentView *
visit_env_find_resident_view (GtkWidget *root)
{
  if (MADO_IS_RESIDENT_VIEW (root))
    return MADO_RESIDENT_VIEW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MadoResidentView *found = visit_env_find_resident_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
resident_complete (gpointer data)
{
  return mado_resident_view_is_complete (data);
}

/**
 * visit_env_wait_resident:
 * @root: the resident view or a widget above it
 *
 * Waits until every section of the resident view under @root is visible:
 * the sections below the top come one frame after another.
 */
void
visit_env_wait_resident (GtkWidget *root)
{
  MadoResidentView *view = visit_env_find_resident_view (root);

  if (view == NULL)
    g_error ("no resident view here");
  visit_env_wait (resident_complete, view, "every section of the resident screen");
}

static gboolean
page_shown (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (mado_window_get_visible_page (wait->window), wait->page) == 0;
}

void
visit_env_wait_page (MadoWindow *window,
                     const char *page)
{
  PageWait wait = { window, page };
  g_autofree char *what = g_strdup_printf ("the %s page", page);

  visit_env_wait (page_shown, &wait, what);
  /* A test looks at the whole screen, not only at its top. */
  if (g_strcmp0 (page, "resident") == 0)
    visit_env_wait_resident (mado_window_get_page (window, "resident"));
}

/**
 * visit_env_find_named:
 *
 * Returns: (nullable) (transfer none): the first widget below @root named @name
 */
GtkWidget *
visit_env_find_named (GtkWidget  *root,
                      const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = visit_env_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Key presses as the page's key handler receives them. */
void
visit_env_type (GtkWidget   *page,
                const guint *keyvals,
                gsize        n_keyvals)
{
  for (gsize i = 0; i < n_keyvals; i++)
    {
      if (MADO_IS_PIN_PAGE (page))
        mado_pin_page_handle_key (MADO_PIN_PAGE (page), keyvals[i]);
      else
        g_assert_true (mado_consent_page_handle_key (MADO_CONSENT_PAGE (page), keyvals[i]));
    }
}
