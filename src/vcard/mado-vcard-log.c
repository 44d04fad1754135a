/* mado-vcard-log.c — the virtual card's APDU log (one line per command)
 *
 * Lines look like
 *   apdu=5 cla=00 ins=20 p1=00 p2=80 lc=04 data=<redacted> le=- sw=9000 resp=0
 * The data of VERIFY is never written: it is a PIN.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-vcard-log.h"

#include <errno.h>
#include <stdio.h>

struct _MadoVcardLog
{
  FILE *stream;
};

/**
 * mado_vcard_log_open:
 * @path: the log file; lines are appended
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the log
 */
MadoVcardLog *
mado_vcard_log_open (const char  *path,
                     GError     **error)
{
  FILE *stream = fopen (path, "ae");
  MadoVcardLog *log;

  if (stream == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "cannot open the log %s: %s", path, g_strerror (errno));
      return NULL;
    }
  /* Line-buffered: tests read the log while the card runs. */
  setvbuf (stream, NULL, _IOLBF, 0);
  log = g_new0 (MadoVcardLog, 1);
  log->stream = stream;
  return log;
}

void
mado_vcard_log_free (MadoVcardLog *log)
{
  if (log == NULL)
    return;
  fclose (log->stream);
  g_free (log);
}

static char *
hex (const guint8 *bytes,
     gsize         length)
{
  GString *text = g_string_sized_new (length * 2 + 1);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (text, "%02X", bytes[i]);
  return g_string_free (text, FALSE);
}

/* "lc=… data=… le=…" for a command; VERIFY's data is redacted. */
static char *
describe_body (const guint8 *command,
               gsize         length)
{
  g_autofree char *data = NULL;
  gsize lc;

  if (length <= 4)
    return g_strdup ("lc=- data=- le=-");
  if (length == 5)
    return g_strdup_printf ("lc=- data=- le=%02X", command[4]);
  lc = MIN (command[4], length - 5);
  if (command[1] == 0x20)
    data = g_strdup ("<redacted>");
  else
    data = hex (command + 5, lc);
  if (length > 5 + lc)
    return g_strdup_printf ("lc=%02X data=%s le=%02X", command[4], data, command[length - 1]);
  return g_strdup_printf ("lc=%02X data=%s le=-", command[4], data);
}

/**
 * mado_vcard_log_command:
 * @log: (nullable): the log
 * @index: the command's number, from 1
 * @command: (array length=command_length): the command APDU
 * @command_length: its length
 * @outcome: what happened instead of an answer ("removed", "garbage")
 */
void
mado_vcard_log_command (MadoVcardLog *log,
                        guint         index,
                        const guint8 *command,
                        gsize         command_length,
                        const char   *outcome)
{
  g_autofree char *body = NULL;

  if (log == NULL)
    return;
  body = describe_body (command, command_length);
  if (command_length < 4)
    fprintf (log->stream, "apdu=%u short=%zu %s\n", index, command_length, outcome);
  else
    fprintf (log->stream, "apdu=%u cla=%02X ins=%02X p1=%02X p2=%02X %s %s\n", index,
             command[0], command[1], command[2], command[3], body, outcome);
}

/**
 * mado_vcard_log_apdu:
 * @log: (nullable): the log
 * @index: the command's number, from 1
 * @command: (array length=command_length): the command APDU
 * @command_length: its length
 * @response: (array length=response_length): the response APDU (at least the SW)
 * @response_length: its length
 */
void
mado_vcard_log_apdu (MadoVcardLog *log,
                     guint         index,
                     const guint8 *command,
                     gsize         command_length,
                     const guint8 *response,
                     gsize         response_length)
{
  g_autofree char *outcome = NULL;

  if (log == NULL || response_length < 2)
    return;
  outcome = g_strdup_printf ("sw=%02X%02X resp=%zu", response[response_length - 2],
                             response[response_length - 1], response_length - 2);
  mado_vcard_log_command (log, index, command, command_length, outcome);
}
