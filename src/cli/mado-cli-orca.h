/* mado-cli-orca.h — madoguchi-cli orca: the hand-off to the receipt computer
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int mado_cli_orca (int argc, char **argv);

G_END_DECLS
