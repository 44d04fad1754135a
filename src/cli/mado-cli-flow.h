/* mado-cli-flow.h — madoguchi-cli's reception commands and what they share
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "madoguchi-core.h"

G_BEGIN_DECLS

typedef struct {
  char     *reader;
  int       pin_fd;
  gboolean  visual;
  char     *operator_id;
  char     *consent;
  gboolean  json;
  gboolean  last_try;
} MadoCliVisitOptions;

void  mado_cli_visit_options_init  (MadoCliVisitOptions  *options);
void  mado_cli_visit_options_add   (GOptionContext       *context,
                                    MadoCliVisitOptions  *options);
void  mado_cli_visit_options_clear (MadoCliVisitOptions  *options);
int   mado_cli_run_visit           (const char           *command,
                                    MadoCliVisitOptions  *options,
                                    MadoStore            *store);
MadoDesk *mado_cli_desk            (GError              **error);
MadoReceptionSession *mado_cli_open_visit (const char           *command,
                                           MadoCliVisitOptions  *options,
                                           MadoStore            *store,
                                           MadoDesk            **out_desk,
                                           int                  *status);

int   mado_cli_verify              (int argc, char **argv);
int   mado_cli_visit               (int argc, char **argv);
int   mado_cli_hub                 (int argc, char **argv);
int   mado_cli_sync                (int argc, char **argv);

G_END_DECLS
