/* test-hub-encode.c — record bodies, endpoints, idempotency keys and consent parameters
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

static void
test_encode_record (void)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = mado_hub_encode_new_idempotency_key ();
  g_autofree char *consent = mado_hub_encode_consent (MADO_HUB_CONSENT_ALL);

  g_assert_cmpstr (consent, ==, "subsidy,vaccination,maternalChild");
  g_assert_true (mado_hub_encode_check_idempotency_key (key, NULL));
  g_assert_false (mado_hub_encode_check_idempotency_key ("has space", NULL));
  g_assert_false (mado_hub_encode_check_idempotency_key ("under_score", NULL));

  json_object_set_string_member (record, "lotNumber", "AB123");
  g_assert_null (mado_hub_encode_record (MADO_HUB_RECORD_VACCINATION, record, &error));
  g_assert_error (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  json_object_set_string_member (record, "residentRef", "r-2f9c41");
  body = mado_hub_encode_record (MADO_HUB_RECORD_VACCINATION, record, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (body, "\"residentRef\":\"r-2f9c41\""));
  g_assert_cmpstr (mado_hub_encode_record_path (MADO_HUB_RECORD_QUESTIONNAIRE), ==,
                   "/v1/records/questionnaires");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/encode/record", test_encode_record);

  return g_test_run ();
}
