/* test-reader-monitor.c — the reader monitor and the PC/SC transport against a real pcscd
 *
 * Runs inside tests/integration/card-env.sh --readers 2: a private pcscd with
 * two vpcd readers (four slots), and madoguchi-vcard as the card. The tests
 * run in order and share that one environment; each leaves it as it found
 * it (pcscd running, no card anywhere).
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mado-card-transport.h"
#include "mado-pcsc-context.h"
#include "mado-pcsc-transport.h"
#include "mado-reader-monitor-private.h"
#include "mado-reader-monitor.h"

#define WAIT_SECONDS 10

static const guint8 select_jpki[] = {
  0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01,
};

static guint port1, port2;
static char *reader1, *reader2;
static char *profile;

/* ---- The harness, through card-env-lib.sh ---------------------------- */

static void card_env (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Runs card-env-lib.sh functions. Their output goes to stderr: stdout is TAP. */
static void
card_env (const char *format,
          ...)
{
  g_autofree char *commands = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  int status = 0;

  va_start (args, format);
  commands = g_strdup_vprintf (format, args);
  va_end (args);

  script = g_strdup_printf ("exec >&2; set -e; . \"$MADOGUCHI_CARD_ENV_LIB\"; %s", commands);
  {
    const char *argv[] = { "bash", "-c", script, NULL };

    g_test_message ("card-env: %s", commands);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* ---- Waiting on the main context ------------------------------------- */

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_state (MadoReaderMonitor *monitor,
                MadoReaderState    state)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, timeout_cb, &timed_out);

  while (mado_reader_monitor_get_state (monitor) != state && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("waited %d s for %s, still %s", WAIT_SECONDS, mado_reader_state_to_string (state),
             mado_reader_state_to_string (mado_reader_monitor_get_state (monitor)));
  g_source_remove (id);
}

/* Lets whatever the monitor thread already queued arrive. */
static void
settle (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct {
  GThread *main_thread;
  GString *events;             /* "+reader ", "-reader " in order */
  char    *last_atr;
  gboolean off_thread;
} Record;

static void
card_inserted_cb (MadoReaderMonitor *monitor,
                  const char        *reader,
                  const char        *atr_hex,
                  Record            *record)
{
  g_string_append_printf (record->events, "+%s;", reader);
  g_free (record->last_atr);
  record->last_atr = g_strdup (atr_hex);
  record->off_thread |= g_thread_self () != record->main_thread;
}

static void
card_removed_cb (MadoReaderMonitor *monitor,
                 const char        *reader,
                 Record            *record)
{
  g_string_append_printf (record->events, "-%s;", reader);
  record->off_thread |= g_thread_self () != record->main_thread;
}

static MadoReaderMonitor *
monitor_new (Record *record)
{
  MadoReaderMonitor *monitor = mado_reader_monitor_new ();

  record->main_thread = g_thread_self ();
  record->events = g_string_new (NULL);
  g_signal_connect (monitor, "card-inserted", G_CALLBACK (card_inserted_cb), record);
  g_signal_connect (monitor, "card-removed", G_CALLBACK (card_removed_cb), record);
  return monitor;
}

static void
record_clear (Record *record)
{
  g_string_free (record->events, TRUE);
  g_free (record->last_atr);
}

/* ---- Monitor ---------------------------------------------------------- */

static void
test_reader_empty_then_card (void)
{
  g_autoptr(MadoReaderMonitor) monitor = NULL;
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  Record record = { 0 };

  monitor = monitor_new (&record);
  mado_reader_monitor_start (monitor);
  wait_for_state (monitor, MADO_READER_STATE_READER_EMPTY);
  g_assert_cmpstr (mado_reader_monitor_get_reader_name (monitor), ==, reader1);
  g_assert_false (mado_reader_monitor_check_card (monitor, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_CARD);

  readers = mado_reader_monitor_dup_readers (monitor);
  g_assert_cmpuint (readers->len, ==, 4);       /* two vpcd readers, two slots each */
  for (guint i = 0; i < readers->len; i++)
    {
      MadoReaderInfo *info = g_ptr_array_index (readers, i);

      g_assert_cmpint (info->state, ==, MADO_READER_STATE_READER_EMPTY);
      g_assert_null (info->atr_hex);
    }

  card_env ("vcard_start %u '%s'", port1, profile);
  wait_for_state (monitor, MADO_READER_STATE_CARD_PRESENT);
  settle (200);
  expected = g_strdup_printf ("+%s;", reader1);
  g_assert_cmpstr (record.events->str, ==, expected);
  g_assert_nonnull (record.last_atr);
  g_assert_cmpuint (strlen (record.last_atr), >=, 4);
  g_assert_true (g_str_has_prefix (record.last_atr, "3B") || g_str_has_prefix (record.last_atr, "3F"));
  g_assert_false (record.off_thread);
  g_assert_true (mado_reader_monitor_check_card (monitor, NULL));

  g_string_truncate (record.events, 0);
  card_env ("vcard_stop %u", port1);
  wait_for_state (monitor, MADO_READER_STATE_READER_EMPTY);
  settle (200);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("-%s;", reader1);
  g_assert_cmpstr (record.events->str, ==, expected);

  mado_reader_monitor_stop (monitor);
  record_clear (&record);
}

/* Take the card away and place it again as soon as pcscd has noticed the
 * removal (pcscd polls vpcd, so a faster swap would be invisible to pcscd
 * itself, let alone to its clients). */
#define REINSERT "gone () { ! _card_present \"$1\"; }; vcard_stop %u; " \
                 "_wait_for removal gone %u; vcard_start %u '%s'"

static void
test_quick_reinsert (void)
{
  g_autoptr(MadoReaderMonitor) monitor = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *expected = NULL;
  MadoReaderInfo *info_before, *info_after;
  Record record = { 0 };

  card_env ("vcard_start %u '%s'", port1, profile);

  /* pcsc-lite's own counter: a removal and an insertion between two looks
   * leave the state "present" but move the counter by two. */
  before = mado_pcsc_context_dup_reader_infos (NULL);
  g_assert_nonnull (before);
  card_env (REINSERT, port1, port1, port1, profile);
  after = mado_pcsc_context_dup_reader_infos (NULL);
  g_assert_nonnull (after);
  info_before = g_ptr_array_index (before, 0);
  info_after = g_ptr_array_index (after, 0);
  g_assert_cmpstr (info_before->name, ==, reader1);
  g_assert_cmpint (info_before->state, ==, MADO_READER_STATE_CARD_PRESENT);
  g_assert_cmpint (info_after->state, ==, MADO_READER_STATE_CARD_PRESENT);
  g_assert_cmpuint (info_after->event_count, ==, (info_before->event_count + 2) & 0xFFFF);
  g_assert_cmpint (mado_reader_monitor_card_events (info_before, info_after), ==,
                   MADO_CARD_EVENT_REMOVED | MADO_CARD_EVENT_INSERTED);

  /* And the monitor, whose main context is busy (not iterated) while the
   * card goes and comes back, reports both. */
  monitor = monitor_new (&record);
  mado_reader_monitor_start (monitor);
  wait_for_state (monitor, MADO_READER_STATE_CARD_PRESENT);
  settle (200);
  g_string_truncate (record.events, 0);
  card_env (REINSERT, port1, port1, port1, profile);
  settle (1500);
  expected = g_strdup_printf ("-%s;+%s;", reader1, reader1);
  g_assert_cmpstr (record.events->str, ==, expected);
  g_assert_cmpint (mado_reader_monitor_get_state (monitor), ==, MADO_READER_STATE_CARD_PRESENT);

  mado_reader_monitor_stop (monitor);
  card_env ("vcard_stop %u", port1);
  record_clear (&record);
}

static void
test_pinned_second_reader (void)
{
  g_autoptr(MadoReaderMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  Record record = { 0 };

  card_env ("vcard_start %u '%s'", port2, profile);
  monitor = monitor_new (&record);
  mado_reader_monitor_start (monitor);

  /* Automatic: the first reader with a card, not the first reader. */
  wait_for_state (monitor, MADO_READER_STATE_CARD_PRESENT);
  g_assert_cmpstr (mado_reader_monitor_get_reader_name (monitor), ==, reader2);

  /* Pinned to the empty first reader: that one, empty; the card elsewhere is not the desk's. */
  g_string_truncate (record.events, 0);
  mado_reader_monitor_set_pinned_reader (monitor, reader1);
  g_assert_cmpint (mado_reader_monitor_get_state (monitor), ==, MADO_READER_STATE_READER_EMPTY);
  g_assert_cmpstr (mado_reader_monitor_get_reader_name (monitor), ==, reader1);

  /* Pinned to the second by name. */
  mado_reader_monitor_set_pinned_reader (monitor, reader2);
  g_assert_cmpint (mado_reader_monitor_get_state (monitor), ==, MADO_READER_STATE_CARD_PRESENT);
  g_assert_cmpstr (mado_reader_monitor_get_reader_name (monitor), ==, reader2);

  /* Pinned to a reader that is not attached: NO_READER, named in the message. */
  mado_reader_monitor_set_pinned_reader (monitor, "Desk Reader 9 00 00");
  g_assert_cmpint (mado_reader_monitor_get_state (monitor), ==, MADO_READER_STATE_NO_READER);
  g_assert_null (mado_reader_monitor_get_reader_name (monitor));
  g_assert_false (mado_reader_monitor_check_card (monitor, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER);
  g_assert_nonnull (strstr (error->message, "Desk Reader 9 00 00"));

  mado_reader_monitor_stop (monitor);
  card_env ("vcard_stop %u", port2);
  record_clear (&record);
}

/* Opening a transport chooses the reader by the monitor's rule and connects
 * through one context: the first reader with a card, or the pinned reader
 * and only it; else an error naming why (test_no_reader: no reader). */
static void
test_transport_open (void)
{
  g_autoptr(MadoPcscTransport) transport = NULL;
  g_autoptr(GError) error = NULL;

  transport = mado_pcsc_transport_open (NULL, &error);
  g_assert_null (transport);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_CARD);
  g_clear_error (&error);

  card_env ("vcard_start %u '%s'", port2, profile);
  transport = mado_pcsc_transport_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mado_pcsc_transport_get_reader_name (transport), ==, reader2);
  g_clear_object (&transport);

  transport = mado_pcsc_transport_open (reader2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mado_pcsc_transport_get_reader_name (transport), ==, reader2);
  g_clear_object (&transport);

  transport = mado_pcsc_transport_open (reader1, &error);
  g_assert_null (transport);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_CARD);
  g_clear_error (&error);

  transport = mado_pcsc_transport_open ("Desk Reader 9 00 00", &error);
  g_assert_null (transport);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER);
  g_assert_nonnull (strstr (error->message, "Desk Reader 9 00 00"));
  g_clear_error (&error);

  card_env ("vcard_stop %u; pcscd_stop", port2);
  transport = mado_pcsc_transport_open (NULL, &error);
  g_assert_null (transport);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_SERVICE_NOT_RUNNING);
  card_env ("pcscd_start");
}

static void
test_service_restart (void)
{
  g_autoptr(MadoReaderMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPcscTransport) transport = NULL;
  g_autofree char *expected = NULL;
  Record record = { 0 };

  card_env ("vcard_start %u '%s'", port1, profile);
  monitor = monitor_new (&record);
  mado_reader_monitor_start (monitor);
  wait_for_state (monitor, MADO_READER_STATE_CARD_PRESENT);

  card_env ("vcard_stop %u; pcscd_stop", port1);
  wait_for_state (monitor, MADO_READER_STATE_SERVICE_NOT_RUNNING);
  g_assert_false (mado_reader_monitor_check_card (monitor, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_SERVICE_NOT_RUNNING);
  g_clear_error (&error);

  transport = mado_pcsc_transport_new (reader1, &error);
  g_assert_null (transport);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_SERVICE_NOT_RUNNING);

  card_env ("pcscd_start");
  wait_for_state (monitor, MADO_READER_STATE_READER_EMPTY);
  card_env ("vcard_start %u '%s'", port1, profile);
  wait_for_state (monitor, MADO_READER_STATE_CARD_PRESENT);
  settle (200);
  expected = g_strdup_printf ("+%s;-%s;+%s;", reader1, reader1, reader1);
  g_assert_cmpstr (record.events->str, ==, expected);
  g_assert_false (record.off_thread);

  mado_reader_monitor_stop (monitor);
  card_env ("vcard_stop %u", port1);
  record_clear (&record);
}

static void
test_no_reader (void)
{
  g_autoptr(MadoReaderMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  Record record = { 0 };

  /* A pcscd with no reader configured at all. */
  card_env ("pcscd_stop; mkdir -p \"$MADOGUCHI_CARD_ENV_DIR/no-readers\"; "
            "pcscd --foreground -c \"$MADOGUCHI_CARD_ENV_DIR/no-readers\" "
            ">>\"$MADOGUCHI_CARD_ENV_DIR/pcscd.log\" 2>&1 & "
            "echo $! > \"$MADOGUCHI_CARD_ENV_DIR/pcscd.pid\"; "
            "_wait_for 'an empty pcscd' test -S /run/pcscd/pcscd.comm");

  monitor = monitor_new (&record);
  mado_reader_monitor_start (monitor);
  wait_for_state (monitor, MADO_READER_STATE_NO_READER);
  g_assert_false (mado_reader_monitor_check_card (monitor, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER);
  g_clear_error (&error);
  mado_reader_monitor_stop (monitor);

  g_assert_null (mado_pcsc_transport_open (NULL, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER);

  card_env ("pcscd_stop; pcscd_start");
  record_clear (&record);
}

/* ---- Transport -------------------------------------------------------- */

static void
test_transport_select (void)
{
  g_autoptr(MadoPcscTransport) transport = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;

  transport = mado_pcsc_transport_new (reader2, &error);
  g_assert_null (transport);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_CARD);
  g_clear_error (&error);

  card_env ("vcard_start %u '%s'", port2, profile);
  transport = mado_pcsc_transport_new (reader2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mado_pcsc_transport_get_reader_name (transport), ==, reader2);
  g_test_message ("protocol T=%u", mado_pcsc_transport_get_protocol (transport));

  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (transport), select_jpki,
                                               sizeof select_jpki, data, &sw, &error));
  g_assert_no_error (error);
  g_assert_cmphex (sw, ==, 0x9000);
  g_assert_cmpuint (data->len, ==, 0);

  /* vpcd has no PIN pad: the part 10 query fails and nothing is offered. */
  g_assert_false (mado_card_transport_has_pin_pad (MADO_CARD_TRANSPORT (transport)));
  g_assert_cmpuint (mado_card_transport_get_generation (MADO_CARD_TRANSPORT (transport)), ==, 0);

  /* Powered down, the session is over. */
  mado_card_transport_power_down (MADO_CARD_TRANSPORT (transport));
  g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (transport), select_jpki,
                                                sizeof select_jpki, data, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED);

  card_env ("vcard_stop %u", port2);
}

static void
test_transport_reset (void)
{
  g_autoptr(MadoPcscTransport) transport = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  SCARDCONTEXT context;
  SCARDHANDLE other;
  DWORD protocol;
  guint16 sw = 0;

  card_env ("vcard_start %u '%s'", port2, profile);
  transport = mado_pcsc_transport_new (reader2, &error);
  g_assert_no_error (error);
  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (transport), select_jpki,
                                               sizeof select_jpki, data, &sw, &error));

  /* Another program resets the card under us. */
  g_assert_cmpint (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context), ==, SCARD_S_SUCCESS);
  g_assert_cmpint (SCardConnect (context, reader2, SCARD_SHARE_SHARED,
                                 SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &other, &protocol), ==,
                   SCARD_S_SUCCESS);
  g_assert_cmpint (SCardDisconnect (other, SCARD_RESET_CARD), ==, SCARD_S_SUCCESS);
  SCardReleaseContext (context);

  g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (transport), select_jpki,
                                                sizeof select_jpki, data, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_RESET);
  g_clear_error (&error);
  g_assert_cmpuint (mado_card_transport_get_generation (MADO_CARD_TRANSPORT (transport)), ==, 1);

  /* Reconnected: the caller selects again and goes on. */
  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (transport), select_jpki,
                                               sizeof select_jpki, data, &sw, &error));
  g_assert_no_error (error);
  g_assert_cmphex (sw, ==, 0x9000);

  g_clear_object (&transport);
  card_env ("vcard_stop %u", port2);
}

static void
test_transport_removed_mid_transaction (void)
{
  g_autoptr(MadoPcscTransport) transport = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;

  card_env ("vcard_start %u '%s'", port2, profile);
  transport = mado_pcsc_transport_new (reader2, &error);
  g_assert_no_error (error);

  g_assert_true (mado_card_transport_begin_transaction (MADO_CARD_TRANSPORT (transport), &error));
  g_assert_no_error (error);
  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (transport), select_jpki,
                                               sizeof select_jpki, data, &sw, &error));
  g_assert_cmphex (sw, ==, 0x9000);

  card_env ("vcard_stop %u", port2);
  g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (transport), select_jpki,
                                                sizeof select_jpki, data, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED);
  mado_card_transport_end_transaction (MADO_CARD_TRANSPORT (transport));
}

int
main (int argc, char **argv)
{
  const char *ports, *pki;
  g_auto(GStrv) split = NULL;

  g_test_init (&argc, &argv, NULL);

  ports = g_getenv ("MADOGUCHI_VPCD_PORTS");
  pki = g_getenv ("MADOGUCHI_TEST_PKI");
  if (ports == NULL || g_getenv ("MADOGUCHI_CARD_ENV_LIB") == NULL || pki == NULL)
    {
      g_printerr ("run inside tests/integration/card-env.sh --readers 2, with MADOGUCHI_TEST_PKI\n");
      return 77;
    }
  split = g_strsplit (ports, " ", -1);
  if (g_strv_length (split) < 2)
    {
      g_printerr ("needs two vpcd readers (card-env.sh --readers 2)\n");
      return 77;
    }
  port1 = (guint) atoi (split[0]);
  port2 = (guint) atoi (split[1]);
  /* card-env.sh's reader names: "Madoguchi Virtual Reader <n> 00 00". */
  reader1 = g_strdup ("Madoguchi Virtual Reader 1 00 00");
  reader2 = g_strdup ("Madoguchi Virtual Reader 2 00 00");
  profile = g_build_filename (pki, "cards", "infant.profile", NULL);

  g_test_add_func ("/integration/reader-monitor/reader-empty-then-card", test_reader_empty_then_card);
  g_test_add_func ("/integration/reader-monitor/quick-reinsert", test_quick_reinsert);
  g_test_add_func ("/integration/reader-monitor/pinned-second-reader", test_pinned_second_reader);
  g_test_add_func ("/integration/reader-monitor/transport-open", test_transport_open);
  g_test_add_func ("/integration/reader-monitor/service-restart", test_service_restart);
  g_test_add_func ("/integration/reader-monitor/no-reader", test_no_reader);
  g_test_add_func ("/integration/pcsc-transport/select", test_transport_select);
  g_test_add_func ("/integration/pcsc-transport/reset", test_transport_reset);
  g_test_add_func ("/integration/pcsc-transport/removed-mid-transaction",
                   test_transport_removed_mid_transaction);

  {
    int status = g_test_run ();

    g_free (reader1);
    g_free (reader2);
    g_free (profile);
    return status;
  }
}
