/* mado-json-escape.c — a string as a JSON string literal, appended to a GString
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one escaping of the core's JSON writer (mado-json-write.c), the
 * CLI's streaming writer and the training hub's answers. It stays in its
 * own file, free of json-glib, because the small madoguchi-cli links it
 * and must not come to load json-glib or GIO.
 */
#include "config.h"

#include "mado-json-escape.h"

/* Bytes that go into the literal as they are: not a control, not DEL, not
 * a quote or a backslash. Non-ASCII bytes are UTF-8 here (checked below). */
static inline gboolean
is_plain (guchar c)
{
  return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f;
}

static void
append_escape (GString *out,
               guchar   c)
{
  switch (c)
    {
    case '"':  g_string_append_len (out, "\\\"", 2); break;
    case '\\': g_string_append_len (out, "\\\\", 2); break;
    case '\b': g_string_append_len (out, "\\b", 2); break;
    case '\f': g_string_append_len (out, "\\f", 2); break;
    case '\n': g_string_append_len (out, "\\n", 2); break;
    case '\r': g_string_append_len (out, "\\r", 2); break;
    case '\t': g_string_append_len (out, "\\t", 2); break;
    default:
      {
        static const char hex[] = "0123456789abcdef";
        char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };

        g_string_append_len (out, u, sizeof u);
      }
    }
}

static void
append_literal (GString    *out,
                const char *p,
                guchar     *out_high)
{
  guchar high = 0;

  g_string_append_c (out, '"');
  while (*p != '\0')
    {
      const char *run = p;

      for (; is_plain ((guchar) *p); p++)
        high |= (guchar) *p;
      if (p > run)
        g_string_append_len (out, run, p - run);
      if (*p != '\0')
        append_escape (out, (guchar) *p++);
    }
  g_string_append_c (out, '"');
  *out_high = high;
}

/**
 * mado_json_escape_append:
 * @out: where the literal goes
 * @text: any NUL-terminated bytes
 *
 * Appends @text in double quotes, with the quote, the backslash, every
 * control character and DEL escaped (the short escapes where JSON has
 * them, `\u00XX` otherwise). Bytes that are not UTF-8 become U+FFFD, so
 * that what is appended is always JSON, whatever @text held. Runs of plain
 * bytes are copied at once, and only text with a byte above ASCII is
 * checked for UTF-8: answers are mostly plain ASCII, codes, dates and
 * member names.
 */
void
mado_json_escape_append (GString    *out,
                         const char *text)
{
  gsize start = out->len;
  guchar high;

  append_literal (out, text, &high);
  if ((high & 0x80) != 0 && !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      g_string_truncate (out, start);
      append_literal (out, valid, &high);
    }
}
