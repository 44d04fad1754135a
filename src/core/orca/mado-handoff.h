/* mado-handoff.h — the hand-off for desks without ORCA: the slip's content and the QR text
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mado-resident-bundle.h"

G_BEGIN_DECLS

/* The QR text's first field: its format and version (docs/handoff.md). */
#define MADO_HANDOFF_FORMAT "MADOGUCHI1"

GPtrArray *mado_handoff_subsidies (const MadoResidentBundle *bundle,
                                   const GDate              *today);
char      *mado_handoff_text      (const MadoResidentBundle *bundle,
                                   const GDate              *today,
                                   GDateTime                *checked_at);
char      *mado_handoff_format_checked (GDateTime          *checked_at);

G_END_DECLS
