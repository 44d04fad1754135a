/* mado-window.c — the desk's main window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-window.h"

struct _MadoWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwStatusPage        *idle_page;
  GtkLabel             *reader_status_label;
  GtkImage             *reader_status_icon;
  GtkLabel             *hub_status_label;
  GtkImage             *hub_status_icon;

  MadoReaderMonitor    *reader_monitor;
  MadoHubMonitor       *hub_monitor;
};

G_DEFINE_FINAL_TYPE (MadoWindow, mado_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_READER_MONITOR,
  PROP_HUB_MONITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
reader_state_icon_name (MadoReaderState state)
{
  switch (state)
    {
    case MADO_READER_STATE_READER_EMPTY:
    case MADO_READER_STATE_CARD_PRESENT:
      return "emblem-ok-symbolic";
    case MADO_READER_STATE_SERVICE_NOT_RUNNING:
    case MADO_READER_STATE_NO_READER:
    case MADO_READER_STATE_CARD_MUTE:
      return "dialog-warning-symbolic";
    case MADO_READER_STATE_UNKNOWN:
    default:
      return "content-loading-symbolic";
    }
}

static const char *
hub_state_icon_name (MadoHubState state)
{
  switch (state)
    {
    case MADO_HUB_STATE_ONLINE:
      return "network-transmit-receive-symbolic";
    case MADO_HUB_STATE_OFFLINE:
    case MADO_HUB_STATE_NOT_CONFIGURED:
      return "network-offline-symbolic";
    case MADO_HUB_STATE_UNKNOWN:
    default:
      return "content-loading-symbolic";
    }
}

static void
reader_state_changed_cb (MadoWindow *self)
{
  MadoReaderState state = mado_reader_monitor_get_state (self->reader_monitor);

  gtk_label_set_label (self->reader_status_label, mado_reader_state_describe (state));
  gtk_image_set_from_icon_name (self->reader_status_icon, reader_state_icon_name (state));
}

static void
hub_state_changed_cb (MadoWindow *self)
{
  MadoHubState state = mado_hub_monitor_get_state (self->hub_monitor);
  g_autofree char *text = mado_hub_monitor_describe (self->hub_monitor);

  gtk_label_set_label (self->hub_status_label, text);
  gtk_image_set_from_icon_name (self->hub_status_icon, hub_state_icon_name (state));
}

static void
mado_window_constructed (GObject *object)
{
  MadoWindow *self = MADO_WINDOW (object);

  G_OBJECT_CLASS (mado_window_parent_class)->constructed (object);

  g_signal_connect_object (self->reader_monitor, "notify::state",
                           G_CALLBACK (reader_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hub_monitor, "notify::state",
                           G_CALLBACK (hub_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hub_monitor, "notify::offline-since",
                           G_CALLBACK (hub_state_changed_cb), self, G_CONNECT_SWAPPED);
  reader_state_changed_cb (self);
  hub_state_changed_cb (self);
}

static void
mado_window_dispose (GObject *object)
{
  MadoWindow *self = MADO_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_WINDOW);
  g_clear_object (&self->reader_monitor);
  g_clear_object (&self->hub_monitor);

  G_OBJECT_CLASS (mado_window_parent_class)->dispose (object);
}

static void
mado_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MadoWindow *self = MADO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_READER_MONITOR:
      self->reader_monitor = g_value_dup_object (value);
      break;
    case PROP_HUB_MONITOR:
      self->hub_monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_window_class_init (MadoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mado_window_constructed;
  object_class->dispose = mado_window_dispose;
  object_class->set_property = mado_window_set_property;

  properties[PROP_READER_MONITOR] =
    g_param_spec_object ("reader-monitor", NULL, NULL, MADO_TYPE_READER_MONITOR,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HUB_MONITOR] =
    g_param_spec_object ("hub-monitor", NULL, NULL, MADO_TYPE_HUB_MONITOR,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, idle_page);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, reader_status_label);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, reader_status_icon);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, hub_status_label);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, hub_status_icon);
}

static void
mado_window_init (MadoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

MadoWindow *
mado_window_new (MadoApplication *application)
{
  return g_object_new (MADO_TYPE_WINDOW,
                       "application", application,
                       "reader-monitor", mado_application_get_reader_monitor (application),
                       "hub-monitor", mado_application_get_hub_monitor (application),
                       NULL);
}

GtkWidget *
mado_window_get_idle_page (MadoWindow *self)
{
  g_return_val_if_fail (MADO_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->idle_page);
}
