/* mado-store-key.h — the store's key file, sealing rows with AES-256-GCM, resident keys
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MADO_STORE_KEY_NONCE_LEN 12
#define MADO_STORE_KEY_TAG_LEN   16

typedef struct _MadoStoreKey MadoStoreKey;

MadoStoreKey *mado_store_key_load          (const char         *path,
                                            gboolean            create_if_missing,
                                            GError            **error);
void          mado_store_key_free          (MadoStoreKey       *key);

GBytes       *mado_store_key_seal          (MadoStoreKey       *key,
                                            const char         *aad,
                                            const guint8       *plaintext,
                                            gsize               length);
GBytes       *mado_store_key_open          (MadoStoreKey       *key,
                                            const char         *aad,
                                            const guint8       *sealed,
                                            gsize               length,
                                            GError            **error);
char         *mado_store_key_resident_key  (MadoStoreKey       *key,
                                            const char         *issuer,
                                            const char         *serial);
char         *mado_store_key_check_value   (MadoStoreKey       *key);
char         *mado_store_key_audit_mac     (MadoStoreKey       *key,
                                            const char         *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoStoreKey, mado_store_key_free)

G_END_DECLS
