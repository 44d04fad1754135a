/* mado-error.h — every error of every domain: its name, exit status, advice and meaning
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The exit status of an error no row names (docs/cli.md). */
#define MADO_ERROR_EXIT_FAILED 3

const char *mado_error_name             (const GError *error);
int         mado_error_exit_status      (const GError *error);
const char *mado_error_code_name        (GQuark        domain,
                                         int           code);
int         mado_error_code_exit_status (GQuark        domain,
                                         int           code);
const char *mado_error_advice           (GQuark        domain,
                                         int           code);
void        mado_error_set              (GError      **error,
                                         GQuark        domain,
                                         int           code);

gboolean    mado_error_is_retryable     (const GError *error);
gboolean    mado_error_means_offline    (const GError *error);
gboolean    mado_error_is_permanent     (const GError *error);
gboolean    mado_error_is_unsent        (const GError *error);
gboolean    mado_error_refuses_card     (const GError *error);

G_END_DECLS
