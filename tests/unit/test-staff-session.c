/* test-staff-session.c — who is signed in and the idle lock (mado-staff-session.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"

static void
test_staff_idle_lock (void)
{
  const gint64 s = G_USEC_PER_SEC;
  g_autoptr(MadoStaffSession) session = mado_staff_session_new ("rec-1", MADO_STAFF_ROLE_RECEPTION, 60, 1000 * s);
  g_autoptr(MadoStaffSession) never = mado_staff_session_new ("rec-2", MADO_STAFF_ROLE_DOCTOR, 0, 0);

  g_assert_false (mado_staff_session_is_locked (session, 1000 * s));
  g_assert_false (mado_staff_session_is_locked (session, 1059 * s));
  mado_staff_session_touch (session, 1059 * s);
  g_assert_cmpint (mado_staff_session_get_last_activity (session), ==, 1059 * s);
  g_assert_false (mado_staff_session_is_locked (session, 1118 * s));
  g_assert_true (mado_staff_session_is_locked (session, 1119 * s));
  /* activity after the lock does not unlock */
  mado_staff_session_touch (session, 1120 * s);
  g_assert_true (mado_staff_session_is_locked (session, 1120 * s));
  g_assert_cmpint (mado_staff_session_get_last_activity (session), ==, 1059 * s);
  g_assert_false (mado_staff_session_is_locked (never, G_MAXINT64 / 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/staff/idle-lock", test_staff_idle_lock);

  return g_test_run ();
}
