/* fuzz-json-guard.c — the JSON guard alone, and json-glib behind it
 *
 * The guard is the only thing between the network and json-glib's
 * recursive parser, in the client and in the training hub. Whatever it
 * accepts json-glib must parse; whatever it refuses carries the JSON path;
 * a tighter depth bound never accepts more than a looser one.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "madoguchi-core.h"
#include "hub/mado-json-guard.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) shallow_error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  gboolean ok, shallow;

  ok = mado_json_guard_check (text, size, MADO_JSON_GUARD_MAX_DEPTH, &error);
  shallow = mado_json_guard_check (text, size, 2, &shallow_error);
  g_assert (!shallow || ok);
  if (!ok)
    {
      g_assert (error != NULL && error->domain == MADO_HUB_ERROR);
      g_assert (error->code == MADO_HUB_ERROR_MALFORMED_RESPONSE);
      g_assert (error->message[0] == '$');
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);
  parser = json_parser_new_immutable ();
  g_assert (json_parser_load_from_data (parser, text, (gssize) size, NULL));
  return 0;
}
