/* mado-application.h — the reception application
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_APPLICATION (mado_application_get_type ())
G_DECLARE_FINAL_TYPE (MadoApplication, mado_application, MADO, APPLICATION, AdwApplication)

MadoApplication   *mado_application_new                (void);
MadoReaderMonitor *mado_application_get_reader_monitor (MadoApplication *self);
MadoHubMonitor    *mado_application_get_hub_monitor    (MadoApplication *self);

G_END_DECLS
