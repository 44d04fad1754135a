/* mado-handoff-section.h — the resident screen's hand-off: 「レセコンへ送る」, the slip, the QR code
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

void mado_handoff_section_add (GtkBox                       *box,
                               const MadoResidentBundle     *bundle,
                               const MadoReceptionFreshness *freshness,
                               const GDate                  *today);

G_END_DECLS
