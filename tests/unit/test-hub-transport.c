/* test-hub-transport.c — the transport's reading of the hub's headers
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"
#include "hub/mado-hub-transport-private.h"

static void
test_retry_after (void)
{
  /* Sun, 06 Nov 1994 08:49:37 GMT is 784111777. */
  g_assert_cmpint (mado_hub_transport_parse_retry_after_ms ("3", 0), ==, 3000);
  g_assert_cmpint (mado_hub_transport_parse_retry_after_ms (" 0 ", 0), ==, 0);
  g_assert_cmpint (mado_hub_transport_parse_retry_after_ms ("Sun, 06 Nov 1994 08:49:37 GMT",
                                                            784111770), ==, 7000);
  g_assert_cmpint (mado_hub_transport_parse_retry_after_ms ("Sun, 06 Nov 1994 08:49:37 GMT",
                                                            784111800), ==, 0);
  g_assert_cmpint (mado_hub_transport_parse_retry_after_ms ("soon", 0), ==, -1);
  g_assert_cmpint (mado_hub_transport_parse_retry_after_ms ("-1", 0), ==, -1);
  g_assert_cmpint (mado_hub_transport_parse_retry_after_ms ("99999999", 0), ==, -1);
  g_assert_cmpint (mado_hub_transport_parse_retry_after_ms (NULL, 0), ==, -1);
}

static void
test_etag (void)
{
  g_autofree char *a = mado_hub_transport_parse_etag ("\"7\"");
  g_autofree char *b = mado_hub_transport_parse_etag ("  \"v-12\"  ");

  g_assert_cmpstr (a, ==, "7");
  g_assert_cmpstr (b, ==, "v-12");
  g_assert_null (mado_hub_transport_parse_etag ("W/\"7\""));
  g_assert_null (mado_hub_transport_parse_etag ("7"));
  g_assert_null (mado_hub_transport_parse_etag ("\"\""));
  g_assert_null (mado_hub_transport_parse_etag ("\"a\"b\""));
  g_assert_null (mado_hub_transport_parse_etag (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hub/transport/retry-after", test_retry_after);
  g_test_add_func ("/hub/transport/etag", test_etag);
  return g_test_run ();
}
