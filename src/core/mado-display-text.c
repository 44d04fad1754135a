/* mado-display-text.c — text from the hub or the card made safe to show
 *
 * The one sanitiser of outside text: every string the hub's JSON or the
 * card's certificate carries passes through it where it is decoded, so no
 * widget, log line or terminal ever sees it raw. What could change how
 * other text looks or reads becomes U+FFFD, visibly: control characters
 * (C0, DEL, C1, among them ESC and the terminal's CSI), line breaks where
 * one line is expected, the bidirectional embeddings, overrides, isolates
 * and marks (which can make "ABC" read as "CBA"), line and paragraph
 * separators, interlinear annotations and non-characters. The result is
 * valid UTF-8, and sanitising it again changes nothing.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-display-text.h"

#define REPLACEMENT 0xFFFD

/**
 * mado_display_text_is_safe:
 * @c: a character
 * @kind: where it will be shown
 *
 * Returns: whether @c may be shown as it is
 */
gboolean
mado_display_text_is_safe (gunichar        c,
                           MadoDisplayText kind)
{
  if (c == '\n' || c == '\t')
    return kind == MADO_DISPLAY_TEXT_LINES;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return FALSE;
  if (c == 0x061C || c == 0x200E || c == 0x200F ||
      (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
    return FALSE;
  if ((c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
    return FALSE;
  return TRUE;
}

/* A carriage return ends a line only with the line feed that follows it. */
static gboolean
is_crlf (const char *p,
         const char *end)
{
  return p[0] == '\r' && p + 1 < end && p[1] == '\n';
}

/**
 * mado_display_text_sanitize:
 * @text: (array length=length): text from outside the process, any bytes
 * @length: its length in bytes, or -1 when it is nul-terminated
 * @kind: where it will be shown
 *
 * Invalid UTF-8 and every character mado_display_text_is_safe() refuses
 * become U+FFFD; in %MADO_DISPLAY_TEXT_LINES a CR LF pair becomes LF.
 *
 * Returns: (transfer full): valid UTF-8, safe to show
 */
char *
mado_display_text_sanitize (const char     *text,
                            gssize          length,
                            MadoDisplayText kind)
{
  const char *p, *end;
  GString *out;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  out = g_string_sized_new ((gsize) length + 1);
  for (p = text, end = text + length; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_unichar (out, REPLACEMENT);
          p++;
          continue;
        }
      if (kind == MADO_DISPLAY_TEXT_LINES && is_crlf (p, end))
        ;
      else if (mado_display_text_is_safe (c, kind))
        g_string_append_unichar (out, c);
      else
        g_string_append_unichar (out, REPLACEMENT);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
