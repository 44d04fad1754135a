/* test-hub-monitor.c — the hub status the desk sees
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_offline_since_is_kept (void)
{
  g_autoptr(MadoHubMonitor) monitor = mado_hub_monitor_new ();
  g_autoptr(GDateTime) first = g_date_time_new_utc (2026, 11, 20, 5, 3, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 11, 20, 5, 9, 0);
  guint notifications = 0;

  g_assert_cmpint (mado_hub_monitor_get_state (monitor), ==, MADO_HUB_STATE_UNKNOWN);
  g_assert_null (mado_hub_monitor_get_offline_since (monitor));
  g_signal_connect (monitor, "notify::state", G_CALLBACK (count_notify_cb), &notifications);

  mado_hub_monitor_report_offline (monitor, first);
  g_assert_cmpint (mado_hub_monitor_get_state (monitor), ==, MADO_HUB_STATE_OFFLINE);
  g_assert_cmpuint (notifications, ==, 1);

  /* A second failure keeps the start of the outage. */
  mado_hub_monitor_report_offline (monitor, later);
  g_assert_true (g_date_time_equal (mado_hub_monitor_get_offline_since (monitor), first));
  g_assert_cmpuint (notifications, ==, 1);

  mado_hub_monitor_report_online (monitor);
  g_assert_cmpint (mado_hub_monitor_get_state (monitor), ==, MADO_HUB_STATE_ONLINE);
  g_assert_null (mado_hub_monitor_get_offline_since (monitor));
  g_assert_cmpuint (notifications, ==, 2);
}

static void
test_describe_mentions_time (void)
{
  g_autoptr(MadoHubMonitor) monitor = mado_hub_monitor_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = g_date_time_new (tz, 2026, 11, 20, 14, 3, 0);
  g_autofree char *text = NULL;

  mado_hub_monitor_report_offline (monitor, when);
  text = mado_hub_monitor_describe (monitor);
  g_assert_nonnull (strstr (text, "14:03"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/hub-monitor/offline-since", test_offline_since_is_kept);
  g_test_add_func ("/core/hub-monitor/describe", test_describe_mentions_time);

  return g_test_run ();
}
