/* mado-vcard-profile.h — the virtual card's profile (certificates, key, PIN, behaviour)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

#define MADO_VCARD_PIN_LENGTH 4
#define MADO_VCARD_LABEL_LENGTH 32

typedef struct
{
  GBytes   *certificate;     /* EF 000A content before the filler */
  GBytes   *ca_certificate;  /* EF 000B content before the filler */
  EVP_PKEY *key;             /* signs for EF 0017 */
  guint8    pin[MADO_VCARD_PIN_LENGTH];
  guint     tries_left;
  guint8    token_label[MADO_VCARD_LABEL_LENGTH];
  guint     apdu_delay_ms;
  guint     remove_after_apdu;
  guint     garbage_at_apdu;
  gboolean  blocked;
} MadoVcardProfile;

MadoVcardProfile *mado_vcard_profile_load (const char  *path,
                                           GError     **error);
void              mado_vcard_profile_free (MadoVcardProfile *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoVcardProfile, mado_vcard_profile_free)

G_END_DECLS
