/* fuzz-http-headers.c — the ETag and Retry-After values the hub sends
 *
 * Input: a header value (up to the first NUL, as libcurl hands it over);
 * it is read both as an ETag and as a Retry-After.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "hub/mado-hub-transport-private.h"
#include "fuzz-target.h"

/* 2026-11-21T00:00:00Z: fixed, so that a finding replays the same way. */
#define NOW_UNIX G_GINT64_CONSTANT (1795132800)

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *value = g_strndup ((const char *) data, size);
  g_autofree char *etag = mado_hub_transport_parse_etag (value);
  gint64 wait_ms = mado_hub_transport_parse_retry_after_ms (value, NOW_UNIX);

  if (etag != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", etag);
      gsize n = strlen (etag);

      /* A strong tag of 1–64 bytes of UTF-8 without controls, spaces or
       * quotes, as sent: it is compared with the bundle's version. */
      g_assert (n >= 1 && n <= 64);
      g_assert (g_utf8_validate (etag, -1, NULL));
      for (gsize i = 0; i < n; i++)
        g_assert ((guchar) etag[i] > 0x20 && (guchar) etag[i] != 0x7F && etag[i] != '"');
      g_assert (strstr (value, quoted) != NULL);
    }
  /* Never more than a day, whether seconds or a date. */
  g_assert (wait_ms >= -1 && wait_ms <= 86400 * 1000);
  /* A number of seconds is taken only up to a day. */
  if (wait_ms >= 0 && g_ascii_isdigit (value[strspn (value, " \t")]))
    g_assert (wait_ms <= 86400 * 1000 && wait_ms % 1000 == 0);
  g_assert (mado_hub_transport_parse_retry_after_ms (NULL, NOW_UNIX) == -1);
  return 0;
}
