/* mado-status-icons.h — the desk window's status bar: an icon for the reader's and the hub's state
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "madoguchi-core.h"

G_BEGIN_DECLS

const char *mado_status_icons_reader (MadoReaderState state);
const char *mado_status_icons_hub    (MadoHubState    state);

G_END_DECLS
