/* mado-vcard-log.h — the virtual card's APDU log (one line per command)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MadoVcardLog MadoVcardLog;

MadoVcardLog *mado_vcard_log_open    (const char    *path,
                                      GError       **error);
void          mado_vcard_log_free    (MadoVcardLog  *log);
void          mado_vcard_log_command (MadoVcardLog  *log,
                                      guint          index,
                                      const guint8  *command,
                                      gsize          command_length,
                                      const char    *outcome);
void          mado_vcard_log_apdu    (MadoVcardLog  *log,
                                      guint          index,
                                      const guint8  *command,
                                      gsize          command_length,
                                      const guint8  *response,
                                      gsize          response_length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoVcardLog, mado_vcard_log_free)

G_END_DECLS
