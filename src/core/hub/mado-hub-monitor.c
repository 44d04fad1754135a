/* mado-hub-monitor.c — can the desk reach the hub, and since when not?
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mado-core-enums.h"
#include "mado-hub-monitor.h"

struct _MadoHubMonitor
{
  GObject       parent_instance;

  MadoHubState  state;
  GDateTime    *offline_since;
};

G_DEFINE_FINAL_TYPE (MadoHubMonitor, mado_hub_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_OFFLINE_SINCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mado_hub_monitor_finalize (GObject *object)
{
  MadoHubMonitor *self = MADO_HUB_MONITOR (object);

  g_clear_pointer (&self->offline_since, g_date_time_unref);

  G_OBJECT_CLASS (mado_hub_monitor_parent_class)->finalize (object);
}

static void
mado_hub_monitor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MadoHubMonitor *self = MADO_HUB_MONITOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_OFFLINE_SINCE:
      g_value_set_boxed (value, self->offline_since);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_hub_monitor_class_init (MadoHubMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_hub_monitor_finalize;
  object_class->get_property = mado_hub_monitor_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MADO_TYPE_HUB_STATE, MADO_HUB_STATE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE_SINCE] =
    g_param_spec_boxed ("offline-since", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_hub_monitor_init (MadoHubMonitor *self)
{
  self->state = MADO_HUB_STATE_UNKNOWN;
}

MadoHubMonitor *
mado_hub_monitor_new (void)
{
  return g_object_new (MADO_TYPE_HUB_MONITOR, NULL);
}

MadoHubState
mado_hub_monitor_get_state (MadoHubMonitor *self)
{
  g_return_val_if_fail (MADO_IS_HUB_MONITOR (self), MADO_HUB_STATE_UNKNOWN);

  return self->state;
}

/**
 * mado_hub_monitor_get_offline_since:
 *
 * Returns: (nullable) (transfer none): when the hub was first found
 *   unreachable, while it still is
 */
GDateTime *
mado_hub_monitor_get_offline_since (MadoHubMonitor *self)
{
  g_return_val_if_fail (MADO_IS_HUB_MONITOR (self), NULL);

  return self->offline_since;
}

static void
set_state (MadoHubMonitor *self,
           MadoHubState    state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
mado_hub_monitor_report_online (MadoHubMonitor *self)
{
  g_return_if_fail (MADO_IS_HUB_MONITOR (self));

  /* Both changes before either notification: a handler that describes
   * the state must never see "offline" without its offline-since. */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->offline_since != NULL)
    {
      g_clear_pointer (&self->offline_since, g_date_time_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_SINCE]);
    }
  set_state (self, MADO_HUB_STATE_ONLINE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * mado_hub_monitor_report_offline:
 * @when: when the failed exchange happened
 *
 * The first failure after being online sets #MadoHubMonitor:offline-since;
 * later failures keep it, so the desk sees how long the outage has lasted.
 */
void
mado_hub_monitor_report_offline (MadoHubMonitor *self,
                                 GDateTime      *when)
{
  g_return_if_fail (MADO_IS_HUB_MONITOR (self));
  g_return_if_fail (when != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->offline_since == NULL)
    {
      self->offline_since = g_date_time_ref (when);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_SINCE]);
    }
  set_state (self, MADO_HUB_STATE_OFFLINE);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
mado_hub_state_to_string (MadoHubState state)
{
  switch (state)
    {
    case MADO_HUB_STATE_UNKNOWN:        return "unknown";
    case MADO_HUB_STATE_NOT_CONFIGURED: return "not-configured";
    case MADO_HUB_STATE_ONLINE:         return "online";
    case MADO_HUB_STATE_OFFLINE:        return "offline";
    default:                            g_return_val_if_reached ("unknown");
    }
}

/**
 * mado_hub_monitor_describe:
 *
 * Returns: (transfer full): the hub's state in words for staff
 */
char *
mado_hub_monitor_describe (MadoHubMonitor *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (MADO_IS_HUB_MONITOR (self), NULL);

  switch (self->state)
    {
    case MADO_HUB_STATE_UNKNOWN:
      return g_strdup (_("Hub: not checked yet"));
    case MADO_HUB_STATE_NOT_CONFIGURED:
      return g_strdup (_("Hub: not configured"));
    case MADO_HUB_STATE_ONLINE:
      return g_strdup (_("Hub: online"));
    case MADO_HUB_STATE_OFFLINE:
      local = g_date_time_to_local (self->offline_since);
      /* Translators: a time of day, as in "offline since 14:03" */
      time = g_date_time_format (local, _("%H:%M"));
      return g_strdup_printf (_("Hub: offline since %s"), time);
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}
