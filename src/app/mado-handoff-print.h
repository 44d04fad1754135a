/* mado-handoff-print.h — the hand-off slip on the desk's printer
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

GtkPrintOperation *mado_handoff_print_create_operation (MadoHandoffSlip *slip);

G_END_DECLS
