/* mado-diagnostics.h — a plain-text report of the terminal's state for support
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-site-config.h"
#include "card/mado-reader-monitor.h"
#include "hub/mado-hub-monitor.h"
#include "store/mado-store.h"

G_BEGIN_DECLS

/**
 * MadoDiagnosticsInput:
 * @program: (nullable): who asks, e.g. "madoguchi" or "madoguchi-cli"
 * @extra_versions: (nullable) (array zero-terminated=1): more "Name version"
 *   lines the caller knows and the core cannot (GTK, libadwaita)
 * @site_config: (nullable): the loaded site configuration
 * @site_config_path: (nullable): the file the configuration was (to be) read from
 * @setup_error: (nullable): why the configuration, store or hub client is missing
 * @readers: (nullable) (element-type MadoReaderInfo): the readers as last seen
 * @hub_monitor: (nullable): the hub's reachability
 * @store: (nullable): the offline store, for the outbox counts
 * @now: (nullable): the report's time (default: now)
 *
 * What a report is made from. Everything is borrowed.
 */
typedef struct {
  const char           *program;
  const char * const   *extra_versions;
  const MadoSiteConfig *site_config;
  const char           *site_config_path;
  const GError         *setup_error;
  GPtrArray            *readers;
  MadoHubMonitor       *hub_monitor;
  MadoStore            *store;
  GDateTime            *now;
} MadoDiagnosticsInput;

char *mado_diagnostics_report (const MadoDiagnosticsInput *input);

G_END_DECLS
