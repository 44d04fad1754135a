/* mado-cli-json-writer.h — the --json output of the card commands, written without json-glib
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MadoCliJsonWriter MadoCliJsonWriter;

MadoCliJsonWriter *mado_cli_json_writer_new          (void);
void               mado_cli_json_writer_free         (MadoCliJsonWriter *self);
void               mado_cli_json_writer_begin_object (MadoCliJsonWriter *self);
void               mado_cli_json_writer_end_object   (MadoCliJsonWriter *self);
void               mado_cli_json_writer_begin_array  (MadoCliJsonWriter *self);
void               mado_cli_json_writer_end_array    (MadoCliJsonWriter *self);
void               mado_cli_json_writer_member       (MadoCliJsonWriter *self,
                                                      const char        *name);
void               mado_cli_json_writer_string       (MadoCliJsonWriter *self,
                                                      const char        *value);
void               mado_cli_json_writer_int          (MadoCliJsonWriter *self,
                                                      gint64             value);
void               mado_cli_json_writer_boolean      (MadoCliJsonWriter *self,
                                                      gboolean           value);
void               mado_cli_json_writer_null         (MadoCliJsonWriter *self);
char              *mado_cli_json_writer_finish       (MadoCliJsonWriter *self);
void               mado_cli_json_writer_print        (MadoCliJsonWriter *self);
void               mado_cli_json_writer_add_string   (MadoCliJsonWriter *self,
                                                      const char        *name,
                                                      const char        *value);
void               mado_cli_json_writer_add_int      (MadoCliJsonWriter *self,
                                                      const char        *name,
                                                      gint64             value);
void               mado_cli_json_writer_add_boolean  (MadoCliJsonWriter *self,
                                                      const char        *name,
                                                      gboolean           value);
void               mado_cli_json_writer_add_error    (MadoCliJsonWriter *self,
                                                      const GError      *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoCliJsonWriter, mado_cli_json_writer_free)

G_END_DECLS
