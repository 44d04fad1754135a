/* mado-cli.h — shared plumbing of madoguchi-cli's commands
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit statuses: one per named error, by error domain (docs/cli.md lists
 * them all). A domain's codes are only ever appended to, so a status, once
 * documented, keeps its meaning. */
enum {
  MADO_EXIT_OK             = 0,
  MADO_EXIT_INVALID        = 1,
  MADO_EXIT_USAGE          = 2,
  MADO_EXIT_FAILED         = 3,   /* an error of no named kind */
  MADO_EXIT_CARD_BASE      = 10,  /* + MadoCardError */
  MADO_EXIT_HUB_BASE       = 60,  /* + MadoHubError (60–99) */
  MADO_EXIT_RECEPTION_BASE = 100, /* + MadoReceptionError (100–119) */
  MADO_EXIT_SITE_CONFIG_BASE = 120, /* + MadoSiteConfigError (120–139) */
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
int  mado_cli_exit_status  (const GError *error);
int  mado_cli_fail         (const char   *command,
                            const GError *error,
                            gboolean      json);
void mado_cli_json_add_error (JsonBuilder  *builder,
                              const GError *error);
gpointer mado_cli_load_site_config (GError **error);
gboolean mado_cli_check_tries      (guint    tries_left,
                                    gboolean last_try_confirmed,
                                    GError **error);

int  mado_cli_check_number (int argc, char **argv);
int  mado_cli_readers      (int argc, char **argv);
int  mado_cli_card         (int argc, char **argv);
int  mado_cli_diagnostics  (int argc, char **argv);

G_END_DECLS
