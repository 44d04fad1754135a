/* mado-hub-monitor.h — can the desk reach the hub, and since when not?
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MadoHubState:
 * @MADO_HUB_STATE_UNKNOWN: not asked yet
 * @MADO_HUB_STATE_NOT_CONFIGURED: the site configuration names no hub
 * @MADO_HUB_STATE_ONLINE: the last exchange with the hub succeeded
 * @MADO_HUB_STATE_OFFLINE: the hub could not be reached since #MadoHubMonitor:offline-since
 */
typedef enum {
  MADO_HUB_STATE_UNKNOWN,
  MADO_HUB_STATE_NOT_CONFIGURED,
  MADO_HUB_STATE_ONLINE,
  MADO_HUB_STATE_OFFLINE,
} MadoHubState;

#define MADO_TYPE_HUB_MONITOR (mado_hub_monitor_get_type ())
G_DECLARE_FINAL_TYPE (MadoHubMonitor, mado_hub_monitor, MADO, HUB_MONITOR, GObject)

MadoHubMonitor *mado_hub_monitor_new               (void);
MadoHubState    mado_hub_monitor_get_state         (MadoHubMonitor *self);
GDateTime      *mado_hub_monitor_get_offline_since (MadoHubMonitor *self);
void            mado_hub_monitor_report_online     (MadoHubMonitor *self);
void            mado_hub_monitor_report_offline    (MadoHubMonitor *self,
                                                    GDateTime      *when);

const char     *mado_hub_state_to_string           (MadoHubState state);
char           *mado_hub_monitor_describe          (MadoHubMonitor *self);

G_END_DECLS
