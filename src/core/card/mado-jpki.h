/* mado-jpki.h — the JPKI application of the My Number Card
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-card-transport.h"
#include "mado-certificate.h"
#include "mado-pin.h"

G_BEGIN_DECLS

/* Certificates are about 1.2–1.5 KiB; anything near the 15-bit READ
 * BINARY offset limit is not a certificate. */
#define MADO_JPKI_MAX_CERTIFICATE 8192
#define MADO_JPKI_SIGNATURE_LEN   256
#define MADO_JPKI_DIGEST_LEN      32

/**
 * MadoJpkiFile:
 * @MADO_JPKI_FILE_AUTH_CERTIFICATE: EF 000A, the user-authentication certificate
 * @MADO_JPKI_FILE_AUTH_CA_CERTIFICATE: EF 000B, its issuing CA (never a trust anchor)
 */
typedef enum {
  MADO_JPKI_FILE_AUTH_CERTIFICATE,
  MADO_JPKI_FILE_AUTH_CA_CERTIFICATE,
} MadoJpkiFile;

/**
 * MadoJpkiPinStatus:
 * @verified: the card reports the PIN as already verified (tries unknown)
 * @tries_left: tries before the PIN locks (1–15); 0 when @verified
 */
typedef struct {
  gboolean verified;
  guint    tries_left;
} MadoJpkiPinStatus;

#define MADO_TYPE_JPKI (mado_jpki_get_type ())
G_DECLARE_FINAL_TYPE (MadoJpki, mado_jpki, MADO, JPKI, GObject)

MadoJpki *mado_jpki_new                (MadoCardTransport  *transport);
gboolean  mado_jpki_select             (MadoJpki           *self,
                                        GError            **error);
gboolean  mado_jpki_hold               (MadoJpki           *self,
                                        GError            **error);
GBytes   *mado_jpki_read_certificate   (MadoJpki           *self,
                                        MadoJpkiFile        file,
                                        GError            **error);
gboolean  mado_jpki_query_pin          (MadoJpki           *self,
                                        MadoJpkiPinStatus  *out_status,
                                        GError            **error);
GBytes   *mado_jpki_prove              (MadoJpki           *self,
                                        MadoCertificate    *certificate,
                                        const guint8       *digest,
                                        gsize               digest_len,
                                        const MadoPin      *pin,
                                        guint              *out_tries_left,
                                        GError            **error);
guint     mado_jpki_get_apdu_count     (MadoJpki           *self);
void      mado_jpki_set_expected_tries (MadoJpki           *self,
                                        guint               tries);

gboolean  mado_jpki_parse_der_header   (const guint8       *data,
                                        gsize               data_len,
                                        gsize              *out_total,
                                        GError            **error);
gboolean  mado_jpki_check_status       (guint16             sw,
                                        guint              *out_tries_left,
                                        GError            **error);

G_END_DECLS
