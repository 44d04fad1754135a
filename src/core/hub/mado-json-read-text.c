/* mado-json-read-text.c — the text checks of the hub JSON reader: digits, tokens
 *
 * Apart from mado-json-read.c so that what checks plain text (the site
 * configuration's institution code and terminal ID among it) links
 * without json-glib: the small madoguchi-cli loads neither it nor GIO.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-json-read-private.h"

gboolean
mado_json_read_is_digits (const char *text,
                          gsize       length)
{
  if (strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
mado_json_read_is_token (const char *text,
                         gsize       max_length,
                         const char *extra)
{
  gsize n;

  if (text == NULL)
    return FALSE;
  n = strlen (text);
  if (n == 0 || n > max_length)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (text[i]) && strchr (extra, text[i]) == NULL)
      return FALSE;
  return TRUE;
}
