/* test-reader-monitor.c — reader choice, card events, states, and the monitor thread without pcscd
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-card-error.h"
#include "mado-reader-monitor-private.h"
#include "mado-reader-monitor.h"

static GPtrArray *
readers_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) mado_reader_info_free);
}

static void
add (GPtrArray       *readers,
     const char      *name,
     MadoReaderState  state,
     guint            count)
{
  g_ptr_array_add (readers, mado_reader_info_new (name, state,
                                                  state == MADO_READER_STATE_CARD_PRESENT ? "3B8F" : NULL,
                                                  count));
}

/* ---- Reader choice --------------------------------------------------- */

static void
test_choose_automatic (void)
{
  g_autoptr(GPtrArray) readers = readers_new ();
  g_autoptr(GPtrArray) empty = readers_new ();

  g_assert_null (mado_reader_monitor_choose_reader (empty, NULL, NULL));
  g_assert_null (mado_reader_monitor_choose_reader (NULL, NULL, NULL));

  add (readers, "A", MADO_READER_STATE_READER_EMPTY, 0);
  add (readers, "B", MADO_READER_STATE_READER_EMPTY, 0);
  g_assert_cmpstr (mado_reader_monitor_choose_reader (readers, NULL, NULL)->name, ==, "A");
  g_assert_cmpstr (mado_reader_monitor_choose_reader (readers, "", "B")->name, ==, "A");

  add (readers, "C", MADO_READER_STATE_CARD_PRESENT, 1);
  g_assert_cmpstr (mado_reader_monitor_choose_reader (readers, NULL, NULL)->name, ==, "C");
}

static void
test_choose_sticky (void)
{
  g_autoptr(GPtrArray) readers = readers_new ();

  /* A visit on B keeps B even though A, listed first, now has a card too. */
  add (readers, "A", MADO_READER_STATE_CARD_PRESENT, 1);
  add (readers, "B", MADO_READER_STATE_CARD_PRESENT, 3);
  g_assert_cmpstr (mado_reader_monitor_choose_reader (readers, NULL, "B")->name, ==, "B");
  g_assert_cmpstr (mado_reader_monitor_choose_reader (readers, NULL, "gone")->name, ==, "A");
}

static void
test_choose_mute_counts_as_card (void)
{
  g_autoptr(GPtrArray) readers = readers_new ();

  add (readers, "A", MADO_READER_STATE_READER_EMPTY, 0);
  add (readers, "B", MADO_READER_STATE_CARD_MUTE, 1);
  g_assert_cmpstr (mado_reader_monitor_choose_reader (readers, NULL, NULL)->name, ==, "B");
}

static void
test_choose_pinned (void)
{
  g_autoptr(GPtrArray) readers = readers_new ();

  add (readers, "A", MADO_READER_STATE_CARD_PRESENT, 1);
  add (readers, "B", MADO_READER_STATE_READER_EMPTY, 0);
  /* Pinned wins over a card elsewhere; a pinned reader that is absent is none. */
  g_assert_cmpstr (mado_reader_monitor_choose_reader (readers, "B", "A")->name, ==, "B");
  g_assert_null (mado_reader_monitor_choose_reader (readers, "Absent 00 00", NULL));
}

/* ---- States ------------------------------------------------------------ */

static void
test_derive_state (void)
{
  g_autoptr(MadoReaderInfo) mute = mado_reader_info_new ("A", MADO_READER_STATE_CARD_MUTE, "3B", 1);
  g_autoptr(MadoReaderInfo) empty = mado_reader_info_new ("A", MADO_READER_STATE_READER_EMPTY, NULL, 2);

  g_assert_cmpint (mado_reader_monitor_derive_state (FALSE, empty), ==,
                   MADO_READER_STATE_SERVICE_NOT_RUNNING);
  g_assert_cmpint (mado_reader_monitor_derive_state (TRUE, NULL), ==,
                   MADO_READER_STATE_NO_READER);
  g_assert_cmpint (mado_reader_monitor_derive_state (TRUE, empty), ==,
                   MADO_READER_STATE_READER_EMPTY);
  g_assert_cmpint (mado_reader_monitor_derive_state (TRUE, mute), ==,
                   MADO_READER_STATE_CARD_MUTE);
}

/* ---- Card events ------------------------------------------------------- */

static MadoReaderInfo *
info (const char *name, MadoReaderState state, guint count)
{
  return mado_reader_info_new (name, state, NULL, count);
}

static void
test_events_insert_remove (void)
{
  g_autoptr(MadoReaderInfo) empty = info ("A", MADO_READER_STATE_READER_EMPTY, 2);
  g_autoptr(MadoReaderInfo) present = info ("A", MADO_READER_STATE_CARD_PRESENT, 3);
  g_autoptr(MadoReaderInfo) empty_again = info ("A", MADO_READER_STATE_READER_EMPTY, 4);

  g_assert_cmpint (mado_reader_monitor_card_events (NULL, NULL), ==, MADO_CARD_EVENT_NONE);
  g_assert_cmpint (mado_reader_monitor_card_events (empty, present), ==, MADO_CARD_EVENT_INSERTED);
  g_assert_cmpint (mado_reader_monitor_card_events (present, present), ==, MADO_CARD_EVENT_NONE);
  g_assert_cmpint (mado_reader_monitor_card_events (present, empty_again), ==, MADO_CARD_EVENT_REMOVED);
  g_assert_cmpint (mado_reader_monitor_card_events (NULL, present), ==, MADO_CARD_EVENT_INSERTED);
  /* pcscd gone or reader unplugged: the card is gone with it. */
  g_assert_cmpint (mado_reader_monitor_card_events (present, NULL), ==, MADO_CARD_EVENT_REMOVED);
}

static void
test_events_quick_replace (void)
{
  /* Removed and placed again between two looks: still present, but the
   * event counter moved by two. */
  g_autoptr(MadoReaderInfo) before = info ("A", MADO_READER_STATE_CARD_PRESENT, 3);
  g_autoptr(MadoReaderInfo) after = info ("A", MADO_READER_STATE_CARD_PRESENT, 5);

  g_assert_cmpint (mado_reader_monitor_card_events (before, after), ==,
                   MADO_CARD_EVENT_REMOVED | MADO_CARD_EVENT_INSERTED);
}

static void
test_events_reader_switch (void)
{
  g_autoptr(MadoReaderInfo) on_a = info ("A", MADO_READER_STATE_CARD_PRESENT, 1);
  g_autoptr(MadoReaderInfo) on_b = info ("B", MADO_READER_STATE_CARD_PRESENT, 1);
  g_autoptr(MadoReaderInfo) b_empty = info ("B", MADO_READER_STATE_READER_EMPTY, 0);

  g_assert_cmpint (mado_reader_monitor_card_events (on_a, on_b), ==,
                   MADO_CARD_EVENT_REMOVED | MADO_CARD_EVENT_INSERTED);
  g_assert_cmpint (mado_reader_monitor_card_events (on_a, b_empty), ==, MADO_CARD_EVENT_REMOVED);
}

static void
test_events_mute (void)
{
  g_autoptr(MadoReaderInfo) empty = info ("A", MADO_READER_STATE_READER_EMPTY, 0);
  g_autoptr(MadoReaderInfo) mute = info ("A", MADO_READER_STATE_CARD_MUTE, 1);
  g_autoptr(MadoReaderInfo) empty_again = info ("A", MADO_READER_STATE_READER_EMPTY, 2);

  g_assert_cmpint (mado_reader_monitor_card_events (empty, mute), ==, MADO_CARD_EVENT_NONE);
  g_assert_cmpint (mado_reader_monitor_card_events (mute, empty_again), ==, MADO_CARD_EVENT_NONE);
}

static void
test_reader_info_copy (void)
{
  g_autoptr(MadoReaderInfo) original = mado_reader_info_new ("A", MADO_READER_STATE_CARD_PRESENT, "3B8F", 7);
  g_autoptr(MadoReaderInfo) copy = mado_reader_info_copy (original);

  g_assert_true (copy != original);
  g_assert_true (copy->name != original->name);
  g_assert_cmpstr (copy->name, ==, "A");
  g_assert_cmpstr (copy->atr_hex, ==, "3B8F");
  g_assert_cmpint (copy->state, ==, MADO_READER_STATE_CARD_PRESENT);
  g_assert_cmpuint (copy->event_count, ==, 7);
}

/* ---- The thread, with no pcscd to talk to ----------------------------- */

typedef struct {
  GThread *main_thread;
  guint    notifies;
  gboolean off_thread;
} NotifyRecord;

static void
state_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  NotifyRecord *record = user_data;

  record->notifies++;
  if (g_thread_self () != record->main_thread)
    record->off_thread = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_state (MadoReaderMonitor *monitor,
                MadoReaderState    state)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (mado_reader_monitor_get_state (monitor) != state && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
test_thread_no_service (void)
{
  g_autoptr(MadoReaderMonitor) monitor = mado_reader_monitor_new ();
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(GError) error = NULL;
  NotifyRecord record = { .main_thread = g_thread_self () };
  gint64 start;

  g_signal_connect (monitor, "notify::state", G_CALLBACK (state_notify_cb), &record);
  g_assert_cmpint (mado_reader_monitor_get_state (monitor), ==, MADO_READER_STATE_UNKNOWN);

  mado_reader_monitor_start (monitor);
  mado_reader_monitor_start (monitor);   /* twice is harmless */
  wait_for_state (monitor, MADO_READER_STATE_SERVICE_NOT_RUNNING);
  g_assert_cmpuint (record.notifies, ==, 1);
  g_assert_false (record.off_thread);
  g_assert_null (mado_reader_monitor_get_reader_name (monitor));

  readers = mado_reader_monitor_dup_readers (monitor);
  g_assert_cmpuint (readers->len, ==, 0);

  g_assert_false (mado_reader_monitor_check_card (monitor, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_SERVICE_NOT_RUNNING);

  /* The thread sleeps a second between tries; stop must not wait that out. */
  start = g_get_monotonic_time ();
  mado_reader_monitor_stop (monitor);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 500 * G_TIME_SPAN_MILLISECOND);
  mado_reader_monitor_stop (monitor);    /* and stopping twice too */

  /* Restartable after a stop. */
  mado_reader_monitor_start (monitor);
  mado_reader_monitor_stop (monitor);
}

static void
test_dispose_while_running (void)
{
  MadoReaderMonitor *monitor = mado_reader_monitor_new ();
  GWeakRef weak;

  g_weak_ref_init (&weak, monitor);
  mado_reader_monitor_start (monitor);
  /* Let a picture be queued for the main context, then drop the monitor:
   * dispose joins the thread; the queued picture keeps the object alive
   * until it is delivered and ignored. */
  g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  g_object_unref (monitor);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_pinned_property (void)
{
  g_autoptr(MadoReaderMonitor) monitor = mado_reader_monitor_new ();
  g_autofree char *pinned = NULL;
  guint notifies = 0;

  g_signal_connect (monitor, "notify::pinned-reader", G_CALLBACK (count_notify_cb), &notifies);

  mado_reader_monitor_set_pinned_reader (monitor, "Reader X 00 00");
  g_object_get (monitor, "pinned-reader", &pinned, NULL);
  g_assert_cmpstr (pinned, ==, "Reader X 00 00");
  g_assert_cmpuint (notifies, ==, 1);
  mado_reader_monitor_set_pinned_reader (monitor, "Reader X 00 00");
  g_assert_cmpuint (notifies, ==, 1);

  /* "" means automatic, like the site configuration's empty reader= */
  g_object_set (monitor, "pinned-reader", "", NULL);
  g_assert_null (mado_reader_monitor_get_pinned_reader (monitor));
  g_assert_cmpuint (notifies, ==, 2);
}

static void
test_pinned_absent_message (void)
{
  g_autoptr(MadoReaderMonitor) monitor = mado_reader_monitor_new ();
  g_autoptr(GError) error = NULL;

  mado_reader_monitor_set_pinned_reader (monitor, "Desk Reader 01 00");
  mado_reader_monitor_start (monitor);
  wait_for_state (monitor, MADO_READER_STATE_SERVICE_NOT_RUNNING);
  mado_reader_monitor_stop (monitor);

  /* Without pcscd the service is what staff must fix first. */
  g_assert_false (mado_reader_monitor_check_card (monitor, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_SERVICE_NOT_RUNNING);
}

static void
test_state_strings (void)
{
  for (MadoReaderState s = MADO_READER_STATE_UNKNOWN; s <= MADO_READER_STATE_CARD_MUTE; s++)
    {
      g_assert_cmpstr (mado_reader_state_to_string (s), !=, "");
      g_assert_cmpstr (mado_reader_state_describe (s), !=, "");
    }
  g_assert_cmpstr (mado_reader_state_to_string (MADO_READER_STATE_SERVICE_NOT_RUNNING), ==,
                   "service-not-running");
  g_assert_cmpstr (mado_reader_state_to_string (MADO_READER_STATE_CARD_MUTE), ==, "card-mute");
}

int
main (int argc, char **argv)
{
  g_autofree char *nowhere = NULL;

  g_test_init (&argc, &argv, NULL);

  /* pcsc-lite's client reads the daemon's socket path from here: point it
   * at nothing, so these tests never see a pcscd that happens to run. */
  nowhere = g_build_filename (g_get_tmp_dir (), "madoguchi-no-pcscd", "pcscd.comm", NULL);
  g_setenv ("PCSCLITE_CSOCK_NAME", nowhere, TRUE);

  g_test_add_func ("/card/reader-monitor/choose/automatic", test_choose_automatic);
  g_test_add_func ("/card/reader-monitor/choose/sticky", test_choose_sticky);
  g_test_add_func ("/card/reader-monitor/choose/mute-counts-as-card", test_choose_mute_counts_as_card);
  g_test_add_func ("/card/reader-monitor/choose/pinned", test_choose_pinned);
  g_test_add_func ("/card/reader-monitor/state/derive", test_derive_state);
  g_test_add_func ("/card/reader-monitor/state/strings", test_state_strings);
  g_test_add_func ("/card/reader-monitor/events/insert-remove", test_events_insert_remove);
  g_test_add_func ("/card/reader-monitor/events/quick-replace", test_events_quick_replace);
  g_test_add_func ("/card/reader-monitor/events/reader-switch", test_events_reader_switch);
  g_test_add_func ("/card/reader-monitor/events/mute", test_events_mute);
  g_test_add_func ("/card/reader-monitor/info/copy", test_reader_info_copy);
  g_test_add_func ("/card/reader-monitor/pinned/property", test_pinned_property);
  g_test_add_func ("/card/reader-monitor/pinned/absent-without-service", test_pinned_absent_message);
  g_test_add_func ("/card/reader-monitor/thread/no-service", test_thread_no_service);
  g_test_add_func ("/card/reader-monitor/thread/dispose-while-running", test_dispose_while_running);

  return g_test_run ();
}
