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

/* The desk's status bar rebuilds its text on every notification, the
 * offline-since one included: each must find a state it can describe. */
static void
describe_notify_cb (MadoHubMonitor *monitor,
                    GParamSpec     *pspec,
                    GPtrArray      *texts)
{
  g_ptr_array_add (texts, mado_hub_monitor_describe (monitor));
}

static void
test_describe_while_back_online (void)
{
  g_autoptr(MadoHubMonitor) monitor = mado_hub_monitor_new ();
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  mado_hub_monitor_report_offline (monitor, when);
  g_signal_connect (monitor, "notify::state", G_CALLBACK (describe_notify_cb), texts);
  g_signal_connect (monitor, "notify::offline-since", G_CALLBACK (describe_notify_cb), texts);

  /* Before the fix this printed a GLib-CRITICAL (g_date_time_to_local on
   * NULL), which g_test_init() makes fatal. */
  mado_hub_monitor_report_online (monitor);
  g_assert_cmpuint (texts->len, ==, 2);
  for (guint i = 0; i < texts->len; i++)
    g_assert_cmpstr (g_ptr_array_index (texts, i), ==, "Hub: online");

  g_ptr_array_set_size (texts, 0);
  mado_hub_monitor_report_offline (monitor, when);
  g_assert_cmpuint (texts->len, ==, 2);
  for (guint i = 0; i < texts->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (texts, i), "offline since"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/hub-monitor/offline-since", test_offline_since_is_kept);
  g_test_add_func ("/core/hub-monitor/describe", test_describe_mentions_time);
  g_test_add_func ("/core/hub-monitor/describe-while-back-online", test_describe_while_back_online);

  return g_test_run ();
}
