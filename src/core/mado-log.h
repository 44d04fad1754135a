/* mado-log.h — where the desk's log goes, and its structured fields
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MadoLogTarget:
 * @MADO_LOG_TARGET_STDERR: standard error, GLib's usual lines
 * @MADO_LOG_TARGET_JOURNAL: the systemd journal, with structured fields
 */
typedef enum {
  MADO_LOG_TARGET_STDERR,
  MADO_LOG_TARGET_JOURNAL,
} MadoLogTarget;

/* The fields the desk adds; journalctl shows them with -o verbose and
 * selects on them (journalctl MADO_ERROR=hub-unreachable). */
#define MADO_LOG_FIELD_COMPONENT "MADO_COMPONENT"
#define MADO_LOG_FIELD_VISIT_ID  "MADO_VISIT_ID"
#define MADO_LOG_FIELD_ERROR     "MADO_ERROR"

/* How many of this process's last log lines the diagnostics window shows. */
#define MADO_LOG_RECENT_LINES 100

/**
 * MadoLogSink:
 *
 * Where mado_log_writer() hands each message once its fields are checked;
 * tests capture them here.
 */
typedef GLogWriterOutput (*MadoLogSink) (GLogLevelFlags   level,
                                         const GLogField *fields,
                                         gsize            n_fields,
                                         gpointer         user_data);

MadoLogTarget    mado_log_choose_target   (gboolean         desktop_session);
void             mado_log_init            (const char      *identifier,
                                           MadoLogTarget    target);
void             mado_log_set_sink        (MadoLogSink      sink,
                                           gpointer         user_data);
GLogWriterOutput mado_log_writer          (GLogLevelFlags   level,
                                           const GLogField *fields,
                                           gsize            n_fields,
                                           gpointer         user_data);
MadoLogTarget    mado_log_get_target      (void);
const char      *mado_log_get_identifier  (void);
char            *mado_log_describe_stderr (void);
GStrv            mado_log_dup_recent      (void);
void             mado_log_event           (GLogLevelFlags   level,
                                           const char      *component,
                                           const char      *visit_id,
                                           const GError    *error,
                                           const char      *format,
                                           ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
