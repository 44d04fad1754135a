/* fuzz-training-request.c — the training hub's request bodies on arbitrary bytes
 *
 * Any terminal holding a certificate can post anything. A body is either
 * refused with a reason, or it is an object that json-glib built from text
 * the client's JSON guard passed, and the hub's getters read whatever
 * members it has without a warning.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"
#include "hub/mado-json-guard.h"
#include "mado-training-json.h"
#include "fuzz-target.h"

/* The members the verification and record endpoints read. */
static void
read_members (JsonObject *body)
{
  static const char *const strings[] = {
    "challenge", "certificate", "signature", "institutionCode", "terminalId", "residentRef",
    "vaccineCode", "administeredOn", "lotNumber", "doseNumber",
  };
  JsonObject *identity = mado_training_json_get_object (body, "identity");
  JsonArray *consent = mado_training_json_get_array (body, "consent");

  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *value = mado_training_json_get_string (body, strings[i]);

      g_assert (value == NULL || g_utf8_validate (value, -1, NULL));
    }
  (void) mado_training_json_get_string (identity, "method");
  (void) mado_training_json_get_string (identity, "operatorId");
  for (guint i = 0; consent != NULL && i < json_array_get_length (consent); i++)
    g_assert (json_array_get_element (consent, i) != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *detail = NULL;
  g_autoptr(JsonNode) root = mado_training_json_parse_object ((const char *) data, size, &detail);

  if (root == NULL)
    {
      g_assert (detail != NULL && g_utf8_validate (detail, -1, NULL));
      return 0;
    }
  g_assert (detail == NULL);
  /* Only text the client's guard accepts gets this far. */
  g_assert (mado_json_guard_check ((const char *) data, size, MADO_JSON_GUARD_MAX_DEPTH, NULL));
  g_assert (JSON_NODE_HOLDS_OBJECT (root));
  read_members (json_node_get_object (root));
  return 0;
}
