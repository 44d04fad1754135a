/* test-pin-tries.c — at one try left, staff confirm the resident was warned
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"

static void
test_need_confirmation (void)
{
  /* Blocked: nothing is sent, so nothing to confirm. */
  g_assert_false (mado_pin_tries_need_confirmation (0));
  g_assert_true (mado_pin_tries_need_confirmation (1));
  g_assert_false (mado_pin_tries_need_confirmation (2));
  g_assert_false (mado_pin_tries_need_confirmation (3));
  g_assert_false (mado_pin_tries_need_confirmation (G_MAXUINT));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/pin-tries/need-confirmation", test_need_confirmation);

  return g_test_run ();
}
