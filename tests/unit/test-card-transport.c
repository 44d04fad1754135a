/* test-card-transport.c — the generic APDU layer and the scripted card
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-scripted-transport.h"
#include "mado-test-util.h"

static const guint8 read_cmd[] = { 0x00, 0xB0, 0x00, 0x00, 0x00 };

static void
test_plain (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;

  mado_scripted_transport_expect (card, "00 B0 00 00 00", "01 02 03 90 00");
  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), read_cmd, sizeof read_cmd,
                                               data, &sw, &error));
  g_assert_no_error (error);
  g_assert_cmphex (sw, ==, 0x9000);
  g_assert_cmpmem (data->data, data->len, "\x01\x02\x03", 3);
  g_assert_cmpuint (mado_card_transport_get_apdu_count (MADO_CARD_TRANSPORT (card)), ==, 1);
  mado_test_assert_script_done (card);
}

static void
test_get_response (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;

  mado_scripted_transport_expect (card, "00 B0 00 00 00", "AA 61 02");
  mado_scripted_transport_expect (card, "00 C0 00 00 02", "BB CC 61 01");
  mado_scripted_transport_expect (card, "00 C0 00 00 01", "DD 6A 82");
  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), read_cmd, sizeof read_cmd,
                                               data, &sw, &error));
  g_assert_no_error (error);
  /* The final status word is the application's to judge. */
  g_assert_cmphex (sw, ==, 0x6A82);
  g_assert_cmpmem (data->data, data->len, "\xAA\xBB\xCC\xDD", 4);
  g_assert_cmpuint (mado_card_transport_get_apdu_count (MADO_CARD_TRANSPORT (card)), ==, 3);
  mado_test_assert_script_done (card);
}

static void
test_get_response_forever (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;

  mado_scripted_transport_expect (card, "00 B0 00 00 00", "61 00");
  for (guint i = 0; i < 200; i++)
    mado_scripted_transport_expect (card, "*", "61 01");
  g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), read_cmd, sizeof read_cmd,
                                                NULL, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (mado_scripted_transport_get_position (card), <, 40);
}

static void
test_get_response_too_much (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(GError) error = NULL;
  guint8 full[258];
  guint16 sw = 0;

  memset (full, 0x55, sizeof full);
  full[256] = 0x61;
  full[257] = 0x00;
  for (guint i = 0; i < 40; i++)
    mado_scripted_transport_expect_bytes (card, NULL, 0, full, sizeof full);
  g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), read_cmd, sizeof read_cmd,
                                                NULL, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_RESPONSE);
  /* 8192 bytes are 32 answers: the 33rd crosses the bound. */
  g_assert_cmpuint (mado_scripted_transport_get_position (card), ==, 33);
}

static void
test_wrong_le (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;
  const guint8 case4[] = { 0x80, 0x2A, 0x00, 0x80, 0x02, 0x11, 0x22, 0x00 };
  const guint8 case1[] = { 0x00, 0x20, 0x00, 0x80 };

  mado_scripted_transport_expect (card, "00 B0 00 00 00", "6C 03");
  mado_scripted_transport_expect (card, "00 B0 00 00 03", "01 02 03 90 00");
  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), read_cmd, sizeof read_cmd,
                                               data, &sw, &error));
  g_assert_no_error (error);
  g_assert_cmphex (sw, ==, 0x9000);
  g_assert_cmpuint (data->len, ==, 3);

  /* Case 4: Le replaced; case 1: Le appended. */
  mado_scripted_transport_expect (card, "80 2A 00 80 02 11 22 00", "6C 10");
  mado_scripted_transport_expect (card, "80 2A 00 80 02 11 22 10", "90 00");
  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), case4, sizeof case4,
                                               NULL, &sw, &error));
  mado_scripted_transport_expect (card, "00 20 00 80", "6C 05");
  mado_scripted_transport_expect (card, "00 20 00 80 05", "63 C3");
  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), case1, sizeof case1,
                                               NULL, &sw, &error));
  g_assert_cmphex (sw, ==, 0x63C3);
  mado_test_assert_script_done (card);
}

/* 6Cxx to a VERIFY with the PIN: never a second VERIFY. The script would
 * fail on any further command. */
static void
test_wrong_le_never_resends_the_pin (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;
  const guint8 verify[] = { 0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34 };

  mado_scripted_transport_expect (card, "00 20 00 80 04 31 32 33 34", "6C 00");
  g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), verify, sizeof verify,
                                                NULL, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_WRONG_LENGTH);
  g_assert_null (strstr (error->message, "1234"));
  g_assert_cmpuint (mado_scripted_transport_get_position (card), ==, 1);
  mado_test_assert_script_done (card);
}

static void
test_wrong_le_twice (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;

  mado_scripted_transport_expect (card, "00 B0 00 00 00", "6C 03");
  mado_scripted_transport_expect (card, "00 B0 00 00 03", "6C 04");
  g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), read_cmd, sizeof read_cmd,
                                                NULL, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_WRONG_LENGTH);
  mado_test_assert_script_done (card);
}

static void
test_short_and_oversized (void)
{
  const char *answers[] = { "", "90" };

  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(GError) error = NULL;
      guint16 sw = 0;

      mado_scripted_transport_expect (card, "*", answers[i]);
      g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), read_cmd,
                                                    sizeof read_cmd, NULL, &sw, &error));
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_RESPONSE);
    }

  {
    g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
    g_autoptr(GError) error = NULL;
    guint8 huge[300] = { 0 };
    guint16 sw = 0;

    huge[298] = 0x90;
    mado_scripted_transport_expect_bytes (card, NULL, 0, huge, sizeof huge);
    g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), read_cmd,
                                                  sizeof read_cmd, NULL, &sw, &error));
    g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_RESPONSE);
  }
}

static void
test_script_mismatch (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) done_error = NULL;
  const guint8 verify[] = { 0x00, 0x20, 0x00, 0x80, 0x04, '1', '2', '3', '4' };
  guint16 sw = 0;

  mado_scripted_transport_expect (card, "00 B0 00 00 00", "90 00");
  mado_scripted_transport_expect (card, "00 20 00 80", "63 C3");
  g_assert_true (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), read_cmd, sizeof read_cmd,
                                               NULL, &sw, &error));
  g_assert_false (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), verify, sizeof verify,
                                                NULL, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "step 2"));
  g_assert_nonnull (strstr (error->message, "expected 00 20 00 80"));
  g_assert_nonnull (strstr (error->message, "got 00 20 00 80 04"));
  /* Even the test transport never prints VERIFY data. */
  g_assert_null (strstr (error->message, "31 32 33 34"));

  g_assert_false (mado_scripted_transport_check_done (card, &done_error));
  g_assert_error (done_error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED);
  g_assert_nonnull (strstr (done_error->message, "step 2"));
}

static void
test_script_left_over (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(GError) error = NULL;

  mado_scripted_transport_expect (card, "00 B0 00 00 00", "90 00");
  g_assert_false (mado_scripted_transport_check_done (card, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "0 of 1"));
}

static void
test_simulated_errors (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  MadoCardTransport *transport = MADO_CARD_TRANSPORT (card);
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;

  mado_scripted_transport_expect_error (card, "*", MADO_CARD_ERROR_CARD_REMOVED);
  mado_scripted_transport_expect_error (card, "*", MADO_CARD_ERROR_CARD_RESET);
  mado_scripted_transport_expect_reset (card, "*", "90 00");

  g_assert_cmpuint (mado_card_transport_get_generation (transport), ==, 0);
  g_assert_false (mado_card_transport_transmit (transport, read_cmd, sizeof read_cmd, NULL, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED);
  g_clear_error (&error);
  g_assert_false (mado_card_transport_transmit (transport, read_cmd, sizeof read_cmd, NULL, &sw, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_RESET);
  g_assert_cmpuint (mado_card_transport_get_generation (transport), ==, 1);
  g_clear_error (&error);
  g_assert_true (mado_card_transport_transmit (transport, read_cmd, sizeof read_cmd, NULL, &sw, &error));
  g_assert_cmpuint (mado_card_transport_get_generation (transport), ==, 2);

  g_assert_true (mado_card_transport_begin_transaction (transport, &error));
  g_assert_true (mado_scripted_transport_get_in_transaction (card));
  mado_card_transport_end_transaction (transport);
  mado_card_transport_power_down (transport);
  g_assert_cmpuint (mado_scripted_transport_get_transactions (card), ==, 1);
  g_assert_cmpuint (mado_scripted_transport_get_power_downs (card), ==, 1);
  g_assert_false (mado_card_transport_has_pin_pad (transport));
  mado_test_assert_script_done (card);
}

/* Transactions nest; the id says whether one was held without a break. */
static void
test_transaction_id (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  MadoCardTransport *transport = MADO_CARD_TRANSPORT (card);
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;
  guint id, second;

  g_assert_cmpuint (mado_card_transport_get_transaction_id (transport), ==, 0);
  g_assert_true (mado_card_transport_begin_transaction (transport, &error));
  id = mado_card_transport_get_transaction_id (transport);
  g_assert_cmpuint (id, !=, 0);
  /* An inner transaction is the same one: the card saw one begin. */
  g_assert_true (mado_card_transport_begin_transaction (transport, &error));
  g_assert_cmpuint (mado_card_transport_get_transaction_id (transport), ==, id);
  mado_card_transport_end_transaction (transport);
  g_assert_cmpuint (mado_card_transport_get_transaction_id (transport), ==, id);
  g_assert_true (mado_scripted_transport_get_in_transaction (card));
  g_assert_cmpuint (mado_scripted_transport_get_transactions (card), ==, 1);
  mado_card_transport_end_transaction (transport);
  g_assert_false (mado_scripted_transport_get_in_transaction (card));
  g_assert_cmpuint (mado_card_transport_get_transaction_id (transport), ==, 0);
  mado_card_transport_end_transaction (transport);   /* unmatched: nothing happens */

  /* A new transaction has a new id. */
  g_assert_true (mado_card_transport_begin_transaction (transport, &error));
  second = mado_card_transport_get_transaction_id (transport);
  g_assert_cmpuint (second, !=, 0);
  g_assert_cmpuint (second, !=, id);

  /* A reset breaks it; the next begin takes the card again, anew. */
  mado_scripted_transport_expect_reset (card, "*", "90 00");
  g_assert_true (mado_card_transport_transmit (transport, read_cmd, sizeof read_cmd, NULL, &sw, &error));
  g_assert_cmpuint (mado_card_transport_get_transaction_id (transport), ==, 0);
  g_assert_true (mado_card_transport_begin_transaction (transport, &error));
  g_assert_cmpuint (mado_scripted_transport_get_transactions (card), ==, 3);
  id = mado_card_transport_get_transaction_id (transport);
  g_assert_cmpuint (id, !=, 0);
  g_assert_cmpuint (id, !=, second);

  /* The power-down ends every level at once. */
  mado_card_transport_power_down (transport);
  g_assert_false (mado_scripted_transport_get_in_transaction (card));
  g_assert_cmpuint (mado_card_transport_get_transaction_id (transport), ==, 0);
  mado_card_transport_end_transaction (transport);
  mado_card_transport_end_transaction (transport);
  mado_test_assert_script_done (card);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/card/transport/plain", test_plain);
  g_test_add_func ("/card/transport/get-response", test_get_response);
  g_test_add_func ("/card/transport/get-response-forever", test_get_response_forever);
  g_test_add_func ("/card/transport/get-response-too-much", test_get_response_too_much);
  g_test_add_func ("/card/transport/wrong-le", test_wrong_le);
  g_test_add_func ("/card/transport/wrong-le-twice", test_wrong_le_twice);
  g_test_add_func ("/card/transport/wrong-le-verify", test_wrong_le_never_resends_the_pin);
  g_test_add_func ("/card/transport/short-and-oversized", test_short_and_oversized);
  g_test_add_func ("/card/transport/transaction-id", test_transaction_id);
  g_test_add_func ("/card/scripted/mismatch", test_script_mismatch);
  g_test_add_func ("/card/scripted/left-over", test_script_left_over);
  g_test_add_func ("/card/scripted/simulated-errors", test_simulated_errors);

  return g_test_run ();
}
