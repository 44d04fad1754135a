/* mado-pcsc-transport.h — APDUs to a card on a real reader, through pcsc-lite
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-card-transport.h"

G_BEGIN_DECLS

#define MADO_TYPE_PCSC_TRANSPORT (mado_pcsc_transport_get_type ())
G_DECLARE_FINAL_TYPE (MadoPcscTransport, mado_pcsc_transport, MADO, PCSC_TRANSPORT, GObject)

MadoPcscTransport *mado_pcsc_transport_new                     (const char              *reader_name,
                                                                GError                 **error);
MadoPcscTransport *mado_pcsc_transport_open                    (const char              *pinned,
                                                                GError                 **error);
const char        *mado_pcsc_transport_get_reader_name         (MadoPcscTransport       *self);
guint              mado_pcsc_transport_get_protocol            (MadoPcscTransport       *self);

/* PC/SC part 10, exposed for tests: pure functions, no reader needed. */
gboolean           mado_pcsc_transport_find_feature            (const guint8            *tlv,
                                                                gsize                    tlv_len,
                                                                guint8                   tag,
                                                                guint32                 *out_control_code);
GByteArray        *mado_pcsc_transport_build_verify_pin_direct (const MadoPinPadRequest *request,
                                                                GError                 **error);

G_END_DECLS
