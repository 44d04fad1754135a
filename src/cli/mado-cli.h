/* mado-cli.h — shared plumbing of madoguchi-cli's commands
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit statuses that are not errors' (docs/cli.md lists them all); each
 * named error has its own, from mado_error_exit_status(). */
enum {
  MADO_EXIT_OK             = 0,
  MADO_EXIT_INVALID        = 1,
  MADO_EXIT_USAGE          = 2,
  /* madoguchi-cli-desk cannot be run (main-front.c). Not the shell's 127:
   * that status is the site configuration's invalid-timeout. */
  MADO_EXIT_NO_DESK_PROGRAM = 4,
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
int  mado_cli_fail         (const char   *command,
                            const GError *error,
                            gboolean      json);
/* mado-cli-json.c: madoguchi-cli-desk's commands only (the card commands
 * write their JSON with mado-cli-json-writer.h, without json-glib). */
void mado_cli_json_print      (JsonNode     *root);
void mado_cli_json_add_error  (JsonBuilder  *builder,
                               const GError *error);
void mado_cli_json_add_string (JsonBuilder  *builder,
                               const char   *name,
                               const char   *value);
gpointer mado_cli_load_site_config (GError **error);
gboolean mado_cli_check_tries      (guint    tries_left,
                                    gboolean last_try_confirmed,
                                    GError **error);

int  mado_cli_check_number (int argc, char **argv);
int  mado_cli_readers      (int argc, char **argv);
int  mado_cli_card         (int argc, char **argv);
int  mado_cli_diagnostics  (int argc, char **argv);
int  mado_cli_config       (int argc, char **argv);
int  mado_cli_setup        (int argc, char **argv);

G_END_DECLS
