/* bench-card-pkcs11.h — the identity proof through OpenSC's PKCS#11 module, in this process
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

typedef struct _BenchPkcs11 BenchPkcs11;

BenchPkcs11 *bench_pkcs11_open  (const char   *module_path,
                                 GError      **error);
gboolean     bench_pkcs11_proof (BenchPkcs11  *self,
                                 const guint8 *challenge,
                                 gsize         challenge_len,
                                 GError      **error);
void         bench_pkcs11_close (BenchPkcs11  *self);
