/* mado-application.c — the reception application
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-application.h"
#include "mado-window.h"

struct _MadoApplication
{
  AdwApplication     parent_instance;

  MadoReaderMonitor *reader_monitor;
  MadoHubMonitor    *hub_monitor;
  GSettings         *settings;

  /* From the site configuration; any of them may be missing, and then
   * setup_error says why (the window shows it). */
  MadoSiteConfig    *site_config;
  MadoHubClient     *hub_client;
  MadoStore         *store;
  MadoOutboxSender  *outbox_sender;
  GError            *setup_error;

  MadoStaffSession  *staff_session;
};

G_DEFINE_FINAL_TYPE (MadoApplication, mado_application, ADW_TYPE_APPLICATION)

/* How often the outbox is tried while the hub seems up; an outage ending
 * triggers delivery at once through the hub monitor. */
#define OUTBOX_INTERVAL_SECONDS 60

enum {
  PROP_0,
  PROP_STAFF_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The site configuration names the hub and the store. Without it the desk
 * still shows reader status and explains what is missing. */
static void
load_site (MadoApplication *self)
{
  const char *path = g_getenv ("MADOGUCHI_SITE_CONFIG");

  self->site_config = mado_site_config_load (path, &self->setup_error);
  if (self->site_config == NULL)
    return;

  if (self->site_config->cache_database != NULL && self->site_config->cache_key_file != NULL)
    {
      self->store = mado_store_open (self->site_config->cache_database,
                                     self->site_config->cache_key_file, &self->setup_error);
      if (self->store == NULL)
        return;
    }

  if (!self->site_config->has_hub)
    return;
  self->hub_client = mado_hub_client_new (self->site_config, &self->setup_error);
  if (self->hub_client == NULL)
    return;
  mado_hub_client_set_monitor (self->hub_client, self->hub_monitor);
  if (self->store != NULL)
    {
      self->outbox_sender = mado_outbox_sender_new (self->store, self->hub_client);
      mado_outbox_sender_set_monitor (self->outbox_sender, self->hub_monitor);
    }
}

static void
mado_application_activate (GApplication *app)
{
  MadoApplication *self = MADO_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (mado_window_new (self));

  gtk_window_present (window);
}

static void
mado_application_dispose (GObject *object)
{
  MadoApplication *self = MADO_APPLICATION (object);

  if (self->outbox_sender != NULL)
    mado_outbox_sender_stop (self->outbox_sender);
  if (self->reader_monitor != NULL)
    mado_reader_monitor_stop (self->reader_monitor);
  g_clear_object (&self->outbox_sender);
  g_clear_object (&self->hub_client);
  g_clear_object (&self->store);
  g_clear_pointer (&self->site_config, mado_site_config_free);
  g_clear_error (&self->setup_error);
  g_clear_object (&self->staff_session);
  g_clear_object (&self->settings);
  g_clear_object (&self->reader_monitor);
  g_clear_object (&self->hub_monitor);

  G_OBJECT_CLASS (mado_application_parent_class)->dispose (object);
}

static void
mado_application_about_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  static const char *developers[] = { "The Madoguchi authors", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Madoguchi"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Madoguchi authors"),
                        "developers", developers,
                        "comments", _("Reception terminal for My Number Card identity checks, "
                                      "subsidy eligibility, questionnaires and vaccination history"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/madoguchi/madoguchi",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
mado_application_quit_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = mado_application_about_action },
  { .name = "quit", .activate = mado_application_quit_action },
};

static void
mado_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  MadoApplication *self = MADO_APPLICATION (app);

  G_APPLICATION_CLASS (mado_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  self->settings = g_settings_new (APPLICATION_ID);
  load_site (self);
  if (self->site_config != NULL && self->site_config->reader != NULL)
    mado_reader_monitor_set_pinned_reader (self->reader_monitor, self->site_config->reader);
  mado_reader_monitor_start (self->reader_monitor);
  if (self->outbox_sender != NULL)
    mado_outbox_sender_start (self->outbox_sender, OUTBOX_INTERVAL_SECONDS);
  if (self->setup_error != NULL)
    g_message ("site setup: %s", self->setup_error->message);
}

static void
mado_application_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MadoApplication *self = MADO_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STAFF_SESSION:
      g_value_set_object (value, self->staff_session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_application_class_init (MadoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mado_application_dispose;
  object_class->get_property = mado_application_get_property;

  /* The signed-in staff member; %NULL while nobody is signed in. */
  properties[PROP_STAFF_SESSION] =
    g_param_spec_object ("staff-session", NULL, NULL, MADO_TYPE_STAFF_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  app_class->activate = mado_application_activate;
  app_class->startup = mado_application_startup;
}

static void
mado_application_init (MadoApplication *self)
{
  self->reader_monitor = mado_reader_monitor_new ();
  self->hub_monitor = mado_hub_monitor_new ();
}

MadoApplication *
mado_application_new (void)
{
  return g_object_new (MADO_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", APPLICATION_PATH,
                       NULL);
}

MadoReaderMonitor *
mado_application_get_reader_monitor (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->reader_monitor;
}

MadoHubMonitor *
mado_application_get_hub_monitor (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->hub_monitor;
}

/**
 * mado_application_get_site_config:
 *
 * Returns: (nullable): the site configuration, when it could be loaded
 */
const MadoSiteConfig *
mado_application_get_site_config (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->site_config;
}

/**
 * mado_application_get_setup_error:
 *
 * Returns: (nullable): why the site configuration, the store or the hub
 *   client could not be set up, for the window to show
 */
const GError *
mado_application_get_setup_error (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->setup_error;
}

/**
 * mado_application_get_hub_client:
 *
 * Returns: (nullable) (transfer none): the hub client; %NULL when no hub is configured
 */
MadoHubClient *
mado_application_get_hub_client (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->hub_client;
}

/**
 * mado_application_get_store:
 *
 * Returns: (nullable) (transfer none): the offline store; %NULL when none is configured
 */
MadoStore *
mado_application_get_store (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * mado_application_get_outbox_sender:
 *
 * Returns: (nullable) (transfer none): the background delivery of the outbox
 */
MadoOutboxSender *
mado_application_get_outbox_sender (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->outbox_sender;
}

/**
 * mado_application_get_settings:
 *
 * Returns: (transfer none): the desk preferences
 */
GSettings *
mado_application_get_settings (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * mado_application_get_staff_session:
 *
 * Returns: (nullable) (transfer none): the signed-in staff member
 */
MadoStaffSession *
mado_application_get_staff_session (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);

  return self->staff_session;
}

void
mado_application_set_staff_session (MadoApplication  *self,
                                    MadoStaffSession *session)
{
  g_return_if_fail (MADO_IS_APPLICATION (self));

  if (g_set_object (&self->staff_session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_SESSION]);
}
