/* mado-log.c — where the desk's log goes, and its structured fields
 *
 * Under systemd (the journal is our standard error) or in a desktop
 * session the desk writes to the journal with its own fields — which part
 * of the desk spoke (MADO_COMPONENT), for which visit (MADO_VISIT_ID) and
 * the named error (MADO_ERROR, the registry's kebab-case name) — so
 * support can select on them. Elsewhere it writes to standard error as
 * GLib does; a CLI's --json on standard output is never touched.
 *
 * Only the fields listed here reach any output: a field someone adds
 * later, with a resident's name in it, is dropped rather than written.
 * What the messages say is the callers' concern (HACKING.md: state names,
 * fingerprints and error names, never personal data, PINs or secrets).
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mado-log.h"
#include "mado-error.h"

/* GLib's own fields, journald's identifier, and ours. */
static const char * const allowed_fields[] = {
  "MESSAGE", "PRIORITY", "GLIB_DOMAIN", "GLIB_OLD_LOG_API", "CODE_FILE", "CODE_LINE",
  "CODE_FUNC", "SYSLOG_IDENTIFIER", MADO_LOG_FIELD_COMPONENT, MADO_LOG_FIELD_VISIT_ID,
  MADO_LOG_FIELD_ERROR,
};

#define MAX_FIELDS 16
#define JOURNAL_SOCKET "/run/systemd/journal/socket"

static GMutex lock;
static char *identifier;
static MadoLogTarget target = MADO_LOG_TARGET_STDERR;
static MadoLogSink sink;
static gpointer sink_data;
static GQueue recent = G_QUEUE_INIT;

static gboolean
is_allowed (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (allowed_fields); i++)
    if (strcmp (key, allowed_fields[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
field_text (const GLogField *field)
{
  if (field->length < 0)
    return g_strdup (field->value);
  return g_strndup (field->value, (gsize) field->length);
}

static char *
find_field (const GLogField *fields,
            gsize            n_fields,
            const char      *key)
{
  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, key) == 0)
      return field_text (&fields[i]);
  return NULL;
}

/* GLib's rule for debug and info messages (g_log_writer_default_would_drop()
 * is newer than Debian 12's GLib). */
static gboolean
would_drop (GLogLevelFlags  level,
            const char     *domain)
{
  const char *wanted = g_getenv ("G_MESSAGES_DEBUG");

  if ((level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)) == 0 || g_log_get_debug_enabled ())
    return FALSE;
  if (wanted == NULL)
    return TRUE;
  if (strcmp (wanted, "all") == 0)
    return FALSE;
  return domain == NULL || strstr (wanted, domain) == NULL;
}

static const char *
level_word (GLogLevelFlags level)
{
  if (level & G_LOG_LEVEL_ERROR)
    return "error";
  if (level & G_LOG_LEVEL_CRITICAL)
    return "critical";
  if (level & G_LOG_LEVEL_WARNING)
    return "warning";
  if (level & G_LOG_LEVEL_MESSAGE)
    return "message";
  if (level & G_LOG_LEVEL_INFO)
    return "info";
  return "debug";
}

static void
remember (GLogLevelFlags   level,
          const GLogField *fields,
          gsize            n_fields)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *message = find_field (fields, n_fields, "MESSAGE");
  g_autofree char *component = find_field (fields, n_fields, MADO_LOG_FIELD_COMPONENT);
  g_autofree char *visit = find_field (fields, n_fields, MADO_LOG_FIELD_VISIT_ID);
  g_autofree char *error = find_field (fields, n_fields, MADO_LOG_FIELD_ERROR);
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "%s %s", time, level_word (level));
  if (component != NULL)
    g_string_append_printf (line, " [%s]", component);
  if (visit != NULL)
    g_string_append_printf (line, " visit %s", visit);
  if (error != NULL)
    g_string_append_printf (line, " %s", error);
  g_string_append_printf (line, ": %s", message != NULL ? message : "");
  g_mutex_lock (&lock);
  g_queue_push_tail (&recent, g_string_free (line, FALSE));
  while (g_queue_get_length (&recent) > MADO_LOG_RECENT_LINES)
    g_free (g_queue_pop_head (&recent));
  g_mutex_unlock (&lock);
}

static GLogWriterOutput
default_sink (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  /* A journal that refuses the message still leaves standard error. */
  if (target == MADO_LOG_TARGET_JOURNAL &&
      g_log_writer_journald (level, fields, n_fields, NULL) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_standard_streams (level, fields, n_fields, NULL);
}

/**
 * mado_log_writer:
 *
 * The desk's #GLogWriterFunc: drops debug and info messages as GLib does
 * (G_MESSAGES_DEBUG), keeps only the allowed fields, adds the journal
 * identifier, remembers the line for the diagnostics window and hands the
 * message to the target (or the sink a test set).
 */
GLogWriterOutput
mado_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogField kept[MAX_FIELDS + 1];
  g_autofree char *domain = find_field (fields, n_fields, "GLIB_DOMAIN");
  gsize n_kept = 0;
  gboolean has_identifier = FALSE;

  if (would_drop (level, domain))
    return G_LOG_WRITER_HANDLED;
  for (gsize i = 0; i < n_fields && n_kept < MAX_FIELDS; i++)
    if (is_allowed (fields[i].key))
      {
        has_identifier |= strcmp (fields[i].key, "SYSLOG_IDENTIFIER") == 0;
        kept[n_kept++] = fields[i];
      }
  if (!has_identifier && identifier != NULL)
    kept[n_kept++] = (GLogField) { "SYSLOG_IDENTIFIER", identifier, -1 };
  remember (level, kept, n_kept);
  if (sink != NULL)
    return sink (level, kept, n_kept, sink_data);
  return default_sink (level, kept, n_kept, NULL);
}

/**
 * mado_log_choose_target:
 * @desktop_session: whether a desktop session counts (the app: yes; a
 *   command typed in a terminal: no, its user reads standard error)
 *
 * `MADOGUCHI_LOG=stderr` or `=journal` decides when set; else the journal
 * when standard error is the journal (a systemd unit) or, with
 * @desktop_session, when a desktop session runs and journald listens.
 */
MadoLogTarget
mado_log_choose_target (gboolean desktop_session)
{
  const char *forced = g_getenv ("MADOGUCHI_LOG");

  if (g_strcmp0 (forced, "stderr") == 0)
    return MADO_LOG_TARGET_STDERR;
  if (g_strcmp0 (forced, "journal") == 0)
    return MADO_LOG_TARGET_JOURNAL;
  if (g_log_writer_is_journald (fileno (stderr)))
    return MADO_LOG_TARGET_JOURNAL;
  if (desktop_session &&
      (g_getenv ("XDG_SESSION_ID") != NULL || g_getenv ("XDG_CURRENT_DESKTOP") != NULL) &&
      g_file_test (JOURNAL_SOCKET, G_FILE_TEST_EXISTS))
    return MADO_LOG_TARGET_JOURNAL;
  return MADO_LOG_TARGET_STDERR;
}

/**
 * mado_log_init:
 * @identifier: the journal's SYSLOG_IDENTIFIER (`journalctl -t`), e.g. "madoguchi"
 * @target: where messages go
 *
 * Installs mado_log_writer() as the process's log writer (once).
 */
void
mado_log_init (const char    *identifier_,
               MadoLogTarget  target_)
{
  static gsize installed = 0;

  g_mutex_lock (&lock);
  g_free (identifier);
  identifier = g_strdup (identifier_);
  target = target_;
  g_mutex_unlock (&lock);
  if (g_once_init_enter (&installed))
    {
      g_log_set_writer_func (mado_log_writer, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

/**
 * mado_log_set_sink:
 * @sink_: (nullable): where checked messages go instead of the target
 *
 * For tests: capture what would be written.
 */
void
mado_log_set_sink (MadoLogSink sink_,
                   gpointer    user_data)
{
  sink = sink_;
  sink_data = user_data;
}

MadoLogTarget
mado_log_get_target (void)
{
  return target;
}

/**
 * mado_log_get_identifier:
 *
 * Returns: (nullable): the journal identifier mado_log_init() was given
 */
const char *
mado_log_get_identifier (void)
{
  return identifier;
}

/**
 * mado_log_describe_stderr:
 *
 * Returns: (transfer full) (nullable): what standard error is (a terminal,
 *   a file, a pipe), as the system names it
 */
char *
mado_log_describe_stderr (void)
{
  return g_file_read_link ("/proc/self/fd/2", NULL);
}

/**
 * mado_log_dup_recent:
 *
 * Returns: (transfer full): this process's last log lines, oldest first
 */
GStrv
mado_log_dup_recent (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_mutex_lock (&lock);
  for (GList *l = recent.head; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  g_mutex_unlock (&lock);
  return g_strv_builder_end (builder);
}

static const char *
priority_of (GLogLevelFlags level)
{
  if (level & G_LOG_LEVEL_ERROR)
    return "3";
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return "4";
  if (level & G_LOG_LEVEL_MESSAGE)
    return "5";
  if (level & G_LOG_LEVEL_INFO)
    return "6";
  return "7";
}

/**
 * mado_log_event:
 * @level: one level
 * @component: (nullable): the desk's part, e.g. "reception", "outbox"
 * @visit_id: (nullable): the visit the message is about
 * @error: (nullable): the error; its registry name goes into MADO_ERROR
 *   and at the end of the message
 * @format: the message: state names, counts, error names — never a
 *   resident's data, a PIN or a secret
 *
 * Logs one message with the desk's structured fields.
 */
void
mado_log_event (GLogLevelFlags  level,
                const char     *component,
                const char     *visit_id,
                const GError   *error,
                const char     *format,
                ...)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  GLogField fields[6];
  gsize n = 0;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  message = error != NULL ? g_strdup_printf ("%s: %s", text, mado_error_name (error))
                          : g_steal_pointer (&text);
  fields[n++] = (GLogField) { "MESSAGE", message, -1 };
  fields[n++] = (GLogField) { "PRIORITY", priority_of (level), -1 };
  fields[n++] = (GLogField) { "GLIB_DOMAIN", G_LOG_DOMAIN, -1 };
  if (component != NULL)
    fields[n++] = (GLogField) { MADO_LOG_FIELD_COMPONENT, component, -1 };
  if (visit_id != NULL)
    fields[n++] = (GLogField) { MADO_LOG_FIELD_VISIT_ID, visit_id, -1 };
  if (error != NULL)
    fields[n++] = (GLogField) { MADO_LOG_FIELD_ERROR, mado_error_name (error), -1 };
  g_log_structured_array (level, fields, n);
}
