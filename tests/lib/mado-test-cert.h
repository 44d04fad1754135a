/* mado-test-cert.h — certificates with chosen dates, signed by a test PKI CA
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *mado_test_cert_issue (const char *pki_dir,
                              const char *common_name,
                              gint64      start_seconds,
                              gint64      end_seconds,
                              const char *out_pem);

char   *mado_test_cert_write_site (const char *dir,
                                  gint64      start_seconds,
                                  gint64      end_seconds);

G_END_DECLS
