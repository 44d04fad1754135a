/* mado-cli.h — shared plumbing of madoguchi-cli's commands
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit statuses. Each named error of later commands gets its own number;
 * docs/cli.md lists them all. */
enum {
  MADO_EXIT_OK      = 0,
  MADO_EXIT_INVALID = 1,
  MADO_EXIT_USAGE   = 2,
};

typedef int (*MadoCliCommandFunc) (int argc, char **argv);

typedef struct {
  const char         *name;
  const char         *synopsis;     /* untranslated argument syntax */
  const char         *summary;      /* N_() marked */
  MadoCliCommandFunc  run;
} MadoCliCommand;

int  mado_cli_usage_error  (const char *command,
                            const char *format,
                            ...) G_GNUC_PRINTF (2, 3);
void mado_cli_print_json   (JsonNode   *root);

int  mado_cli_check_number (int argc, char **argv);

G_END_DECLS
