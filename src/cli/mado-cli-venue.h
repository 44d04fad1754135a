/* mado-cli-venue.h — madoguchi-cli's vaccination-venue commands and what they share
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "madoguchi-core.h"
#include "mado-cli-flow.h"
#include "mado-cli-store.h"

G_BEGIN_DECLS

/* Who signs: a staff account of the store, its password from a descriptor. */
typedef struct {
  char *staff_id;
  int   password_fd;
} MadoCliStaffOptions;

/* What every recording command parses: the card visit, the store, the staff. */
typedef struct {
  MadoCliVisitOptions visit;
  MadoCliStoreOptions store;
  MadoCliStaffOptions staff;
} MadoCliVenueOptions;

void              mado_cli_venue_options_init  (MadoCliVenueOptions  *options,
                                                GOptionContext       *context,
                                                gboolean              with_card);
void              mado_cli_venue_options_clear (MadoCliVenueOptions  *options);
MadoStaffSession *mado_cli_venue_sign_in       (const char           *command,
                                                MadoStore            *store,
                                                MadoCliVenueOptions  *options,
                                                int                  *status);
void              mado_cli_venue_print_node    (JsonNode             *node);
void              mado_cli_venue_add_findings  (JsonNode             *node,
                                                GPtrArray            *findings);
void              mado_cli_venue_print_findings (GPtrArray           *findings);

int  mado_cli_judge   (int argc, char **argv);
int  mado_cli_record  (int argc, char **argv);
int  mado_cli_correct (int argc, char **argv);
int  mado_cli_today   (int argc, char **argv);
int  mado_cli_report  (int argc, char **argv);

G_END_DECLS
