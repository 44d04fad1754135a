/* mado-training-terminal-database.h — the terminal CA as the TLS layer sees it, checked by the hub's verifier
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-training-verifier.h"

G_BEGIN_DECLS

#define MADO_TYPE_TRAINING_TERMINAL_DATABASE (mado_training_terminal_database_get_type ())
G_DECLARE_FINAL_TYPE (MadoTrainingTerminalDatabase, mado_training_terminal_database,
                      MADO, TRAINING_TERMINAL_DATABASE, GTlsDatabase)

GTlsDatabase *mado_training_terminal_database_new (MadoTrainingVerifier *verifier);

G_END_DECLS
