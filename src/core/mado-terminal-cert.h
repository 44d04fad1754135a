/* mado-terminal-cert.h — the terminal's own key and certificates: enrolment and dates
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mado-certificate-expiry.h"

G_BEGIN_DECLS

/* How far ahead of a certificate's end the desk and `config check` warn. */
#define MADO_TERMINAL_CERT_WARN_DAYS MADO_CERTIFICATE_EXPIRY_WARN_DAYS

/**
 * MadoTerminalCertDates:
 * @count: how many certificates the file holds
 * @not_before: the latest start of validity among them
 * @not_after: the earliest end of validity among them
 * @subject: the first certificate's subject, one line (RFC 2253)
 *
 * What a PEM file of one or more certificates says about their dates.
 */
typedef struct {
  guint      count;
  GDateTime *not_before;
  GDateTime *not_after;
  char      *subject;
} MadoTerminalCertDates;

gboolean       mado_terminal_cert_make_key           (const char  *key_path,
                                                      GError     **error);
char          *mado_terminal_cert_make_request       (const char  *key_path,
                                                      const char  *institution_code,
                                                      const char  *terminal_id,
                                                      GError     **error);
gboolean       mado_terminal_cert_key_matches        (const char  *certificate_path,
                                                      const char  *key_path,
                                                      GError     **error);
MadoTerminalCertDates *mado_terminal_cert_read_dates         (const char  *pem_path,
                                                      GError     **error);
gint64         mado_terminal_cert_days_left          (const MadoTerminalCertDates *dates,
                                                      GDateTime           *now);
void           mado_terminal_cert_dates_free         (MadoTerminalCertDates *dates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoTerminalCertDates, mado_terminal_cert_dates_free)

G_END_DECLS
