/* mado-site-check.h — is this terminal set up? One verdict per thing to check
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MadoSiteCheckStatus:
 * @MADO_SITE_CHECK_PASS: all is well
 * @MADO_SITE_CHECK_WARN: works today, needs attention soon (a certificate
 *   ending within %MADO_TERMINAL_CERT_WARN_DAYS days)
 * @MADO_SITE_CHECK_FAIL: the terminal cannot work until it is fixed
 * @MADO_SITE_CHECK_SKIP: not checked (asked not to, or an earlier check failed)
 */
typedef enum {
  MADO_SITE_CHECK_PASS,
  MADO_SITE_CHECK_WARN,
  MADO_SITE_CHECK_FAIL,
  MADO_SITE_CHECK_SKIP,
} MadoSiteCheckStatus;

/**
 * MadoSiteCheckFlags:
 * @MADO_SITE_CHECK_FLAGS_NONE: check everything
 * @MADO_SITE_CHECK_FLAGS_NO_HUB: do not ask the hub (no network)
 * @MADO_SITE_CHECK_FLAGS_NO_READER: do not ask pcscd for readers
 */
typedef enum /*< flags >*/ {
  MADO_SITE_CHECK_FLAGS_NONE      = 0,
  MADO_SITE_CHECK_FLAGS_NO_HUB    = 1 << 0,
  MADO_SITE_CHECK_FLAGS_NO_READER = 1 << 1,
} MadoSiteCheckFlags;

/**
 * MadoSiteCheck:
 * @name: the check's stable kebab-case name (JSON, logs, docs/cli.md)
 * @status: the verdict
 * @message: what was found, translated, one line
 * @fix: (nullable): what to do about it, translated, with the exact command
 *   where there is one
 * @error_name: (nullable): the named error behind a failure
 */
typedef struct {
  char                *name;
  MadoSiteCheckStatus  status;
  char                *message;
  char                *fix;
  char                *error_name;
} MadoSiteCheck;

const char *mado_site_check_status_to_string (MadoSiteCheckStatus  status);
GPtrArray  *mado_site_check_run              (const char          *path,
                                              MadoSiteCheckFlags   flags,
                                              GDateTime           *now);
gboolean    mado_site_check_all_passed       (GPtrArray           *checks);
void        mado_site_check_free             (MadoSiteCheck       *check);

G_END_DECLS
