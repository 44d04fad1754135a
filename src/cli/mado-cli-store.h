/* mado-cli-store.h — madoguchi-cli's store commands and what they share
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "madoguchi-core.h"

G_BEGIN_DECLS

/* The store commands' own exit status (docs/cli.md) when the store's
 * location is unknown; each named store error has its own (mado-error.c). */
enum {
  MADO_EXIT_STORE_CONFIG = 39,
};

typedef struct {
  char *database;
  char *key_file;
  guint retention_days;   /* from the site configuration, or 90 */
} MadoCliStoreOptions;

void       mado_cli_store_options_add   (GOptionContext       *context,
                                         MadoCliStoreOptions  *options);
void       mado_cli_store_options_clear (MadoCliStoreOptions  *options);
gboolean   mado_cli_desk_open_store     (const char           *command,
                                         MadoDesk             *desk,
                                         MadoCliStoreOptions  *options,
                                         int                  *status);
MadoStore *mado_cli_store_open          (const char           *command,
                                         MadoCliStoreOptions  *options,
                                         int                  *status);
MadoStore *mado_cli_store_open_read_only (const char        *command,
                                          MadoCliStoreOptions *options,
                                          int                 *status);
int        mado_cli_store_fail          (const char           *command,
                                         const GError         *error);
char      *mado_cli_operator            (void);
char      *mado_cli_format_time         (gint64                us);

char      *mado_cli_user_read_password  (const char           *command,
                                         int                   fd,
                                         gboolean              confirm);
void       mado_cli_user_free_password  (char                 *password);

int        mado_cli_store               (int argc, char **argv);
int        mado_cli_cache               (int argc, char **argv);
int        mado_cli_outbox              (int argc, char **argv);
int        mado_cli_audit               (int argc, char **argv);
int        mado_cli_user                (int argc, char **argv);

G_END_DECLS
