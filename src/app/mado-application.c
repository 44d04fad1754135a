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
};

G_DEFINE_FINAL_TYPE (MadoApplication, mado_application, ADW_TYPE_APPLICATION)

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

  G_APPLICATION_CLASS (mado_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
mado_application_class_init (MadoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mado_application_dispose;
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
