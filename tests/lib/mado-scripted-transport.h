/* mado-scripted-transport.h — a card that follows a script, for tests
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-card-transport.h"

G_BEGIN_DECLS

#define MADO_TYPE_SCRIPTED_TRANSPORT (mado_scripted_transport_get_type ())
G_DECLARE_FINAL_TYPE (MadoScriptedTransport, mado_scripted_transport, MADO, SCRIPTED_TRANSPORT, GObject)

MadoScriptedTransport *mado_scripted_transport_new                 (void);

void      mado_scripted_transport_expect               (MadoScriptedTransport *self,
                                                        const char            *command_hex,
                                                        const char            *response_hex);
void      mado_scripted_transport_expect_bytes         (MadoScriptedTransport *self,
                                                        const guint8          *command,
                                                        gsize                  command_len,
                                                        const guint8          *response,
                                                        gsize                  response_len);
void      mado_scripted_transport_expect_error         (MadoScriptedTransport *self,
                                                        const char            *command_hex,
                                                        MadoCardError          code);
void      mado_scripted_transport_expect_reset         (MadoScriptedTransport *self,
                                                        const char            *command_hex,
                                                        const char            *response_hex);
void      mado_scripted_transport_expect_pin_pad       (MadoScriptedTransport *self,
                                                        guint16                sw);
void      mado_scripted_transport_expect_pin_pad_error (MadoScriptedTransport *self,
                                                        MadoCardError          code);
void      mado_scripted_transport_set_accept_any       (MadoScriptedTransport *self,
                                                        gboolean               accept_any);
gboolean  mado_scripted_transport_check_sent           (MadoScriptedTransport *self,
                                                        GError               **error);
gboolean  mado_scripted_transport_check_done           (MadoScriptedTransport *self,
                                                        GError               **error);
guint     mado_scripted_transport_get_position         (MadoScriptedTransport *self);
guint     mado_scripted_transport_get_power_downs      (MadoScriptedTransport *self);
guint     mado_scripted_transport_get_transactions     (MadoScriptedTransport *self);
gboolean  mado_scripted_transport_get_in_transaction   (MadoScriptedTransport *self);

G_END_DECLS
