/* mado-test-card.h — scripts of a My Number Card's JPKI application for the scripted card
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-scripted-transport.h"

G_BEGIN_DECLS

void     mado_test_card_expect_label            (MadoScriptedTransport *card,
                                                 const char            *label);
void     mado_test_card_expect_select           (MadoScriptedTransport *card);
GBytes  *mado_test_card_with_filler             (GBytes                *der);
guint    mado_test_card_expect_read_body        (MadoScriptedTransport *card,
                                                 GBytes                *content,
                                                 gsize                  cert_len);
guint    mado_test_card_expect_read_certificate (MadoScriptedTransport *card,
                                                 GBytes                *der);
void     mado_test_card_expect_sign             (MadoScriptedTransport *card,
                                                 const guint8          *digest,
                                                 GBytes                *signature,
                                                 const char            *sw_hex);

G_END_DECLS
