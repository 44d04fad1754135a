/* test-jpki.c — the JPKI application against a scripted card
 *
 * Every script is what docs/card.md says the card sees, written out by
 * hand; a command the code sends that is not in the script fails the
 * test, so "no VERIFY after 63C0" is checked by the absence of a step.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-scripted-transport.h"
#include "mado-test-card.h"
#include "mado-test-util.h"
#include "test-pki-util.h"

#define SELECT_AP   "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01"
#define SELECT_0006 "00 A4 02 0C 02 00 06"
#define SELECT_000A "00 A4 02 0C 02 00 0A"
#define SELECT_0017 "00 A4 02 0C 02 00 17"
#define SELECT_0018 "00 A4 02 0C 02 00 18"
#define TRIES_QUERY "00 20 00 80"
#define VERIFY_1234 "00 20 00 80 04 31 32 33 34"
#define OK          "90 00"

static struct {
  EVP_PKEY        *key;
  GBytes          *der;
  MadoCertificate *cert;
  guint8           digest[32];
  GBytes          *signature;
} fx;

static MadoJpki *
selected_jpki (MadoScriptedTransport *card)
{
  g_autoptr(GError) error = NULL;
  MadoJpki *jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));

  mado_test_card_expect_select (card);
  g_assert_true (mado_jpki_select (jpki, &error));
  g_assert_no_error (error);
  return jpki;
}

/* --- status words ------------------------------------------------------ */

static const struct {
  guint16       sw;
  MadoCardError code;
  guint         tries_left;
} status_table[] = {
  { 0x63C2, MADO_CARD_ERROR_PIN_WRONG, 2 },
  { 0x63C1, MADO_CARD_ERROR_PIN_WRONG, 1 },
  { 0x63C0, MADO_CARD_ERROR_PIN_BLOCKED, 0 },
  { 0x6983, MADO_CARD_ERROR_PIN_BLOCKED, 0 },
  { 0x6984, MADO_CARD_ERROR_PIN_BLOCKED, 0 },
  { 0x6982, MADO_CARD_ERROR_NOT_VERIFIED, 99 },
  { 0x6A82, MADO_CARD_ERROR_FILE_NOT_FOUND, 99 },
  { 0x6700, MADO_CARD_ERROR_WRONG_LENGTH, 99 },
  { 0x6A86, MADO_CARD_ERROR_WRONG_PARAMETERS, 99 },
  { 0x6B00, MADO_CARD_ERROR_WRONG_PARAMETERS, 99 },
  { 0x6985, MADO_CARD_ERROR_CONDITIONS_NOT_SATISFIED, 99 },
  { 0x6F00, MADO_CARD_ERROR_UNEXPECTED_STATUS, 99 },
  { 0x6D00, MADO_CARD_ERROR_UNEXPECTED_STATUS, 99 },
  { 0x6300, MADO_CARD_ERROR_UNEXPECTED_STATUS, 99 },
  { 0x6282, MADO_CARD_ERROR_UNEXPECTED_STATUS, 99 },
};

static void
test_status_words (void)
{
  g_assert_true (mado_jpki_check_status (0x9000, NULL, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
    {
      g_autoptr(GError) error = NULL;
      guint tries = 99;

      g_test_message ("SW %04X", status_table[i].sw);
      g_assert_false (mado_jpki_check_status (status_table[i].sw, &tries, &error));
      g_assert_error (error, MADO_CARD_ERROR, status_table[i].code);
      g_assert_cmpuint (tries, ==, status_table[i].tries_left);
      /* Staff never see a raw status word. */
      g_assert_null (strstr (error->message, "63"));
      g_assert_null (strstr (error->message, "6A"));
    }
}

/* The same table through the card: each status word as the answer to
 * SELECT of the certificate file. */
static void
test_status_words_on_card (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = selected_jpki (card);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *answer = g_strdup_printf ("%02X %02X", status_table[i].sw >> 8,
                                                 status_table[i].sw & 0xFF);

      mado_scripted_transport_expect (card, SELECT_000A, answer);
      bytes = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
      g_assert_null (bytes);
      g_assert_error (error, MADO_CARD_ERROR, status_table[i].code);
      mado_test_assert_script_done (card);
    }
}

/* --- selecting --------------------------------------------------------- */

static void
test_select_not_my_number_card (void)
{
  const char *answers[] = { "6A 82", "6A 86", "6D 00", "6E 00", "62 83" };

  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
      g_autoptr(GError) error = NULL;

      mado_scripted_transport_expect (card, SELECT_AP, answers[i]);
      g_assert_false (mado_jpki_select (jpki, &error));
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NOT_MY_NUMBER_CARD);
      mado_test_assert_script_done (card);
    }
}

static void
test_select_after_power_up (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
  g_autoptr(GError) error = NULL;

  mado_scripted_transport_expect (card, SELECT_AP, "6F 00");
  mado_test_card_expect_select (card);
  g_assert_true (mado_jpki_select (jpki, &error));
  g_assert_no_error (error);
  mado_test_assert_script_done (card);
}

static void
test_select_phone (void)
{
  const char *labels[] = { "JPKIAPGPSETOKEN", "JPKIAPIOSTOKEN" };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
      g_autoptr(GError) error = NULL;

      mado_scripted_transport_expect (card, SELECT_AP, OK);
      mado_test_card_expect_label (card, labels[i]);
      g_assert_false (mado_jpki_select (jpki, &error));
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PHONE_TOKEN);
      mado_test_assert_script_done (card);
    }
}

static void
test_select_no_label (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
  g_autoptr(GError) error = NULL;

  mado_scripted_transport_expect (card, SELECT_AP, OK);
  mado_scripted_transport_expect (card, SELECT_0006, "6A 82");
  g_assert_true (mado_jpki_select (jpki, &error));
  g_assert_no_error (error);
  mado_test_assert_script_done (card);
}

/* --- reading ----------------------------------------------------------- */

static void
test_read_certificate (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint expected_apdus;

  /* Reading selects the application first when nobody did. */
  mado_test_card_expect_select (card);
  expected_apdus = 3 + mado_test_card_expect_read_certificate (card, fx.der);
  bytes = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, fx.der));
  g_assert_cmpuint (mado_jpki_get_apdu_count (jpki), ==, expected_apdus);
  mado_test_assert_script_done (card);
}

static void
test_read_bad_header (void)
{
  const char *first_chunks[] = {
    "90 00",                   /* no data at all */
    "30 82 90 00",             /* a short read of the header */
    "30 82 05 90 00",
    "31 82 04 00 90 00",       /* not a SEQUENCE */
    "30 81 FF 90 00",          /* one-byte length */
    "30 83 00 04 00 90 00",
    "30 82 00 10 90 00",       /* not DER's shortest form */
    "30 82 7F FB 90 00",       /* far too long */
    "30 82 1F FD 90 00",       /* just over the bound */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (first_chunks); i++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = selected_jpki (card);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_test_message ("first chunk %s", first_chunks[i]);
      mado_scripted_transport_expect (card, SELECT_000A, OK);
      mado_scripted_transport_expect (card, "00 B0 00 00 00", first_chunks[i]);
      bytes = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
      g_assert_null (bytes);
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_CERTIFICATE);
      mado_test_assert_script_done (card);
    }
}

static void
test_der_header (void)
{
  gsize total = 0;

  g_assert_true (mado_jpki_parse_der_header ((const guint8 *) "\x30\x82\x05\x1A", 4, &total, NULL));
  g_assert_cmpuint (total, ==, 0x051A + 4);
  g_assert_true (mado_jpki_parse_der_header ((const guint8 *) "\x30\x82\x1F\xFC", 4, &total, NULL));
  g_assert_cmpuint (total, ==, MADO_JPKI_MAX_CERTIFICATE);
  g_assert_false (mado_jpki_parse_der_header ((const guint8 *) "\x30\x82\x1F\xFD", 4, &total, NULL));
  g_assert_false (mado_jpki_parse_der_header ((const guint8 *) "\x30\x82\x05", 3, &total, NULL));
  g_assert_false (mado_jpki_parse_der_header (NULL, 0, &total, NULL));
}

static void
test_read_short_chunks (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *der = g_bytes_get_data (fx.der, NULL);
  guint8 answer[260];

  /* A card that answers the second READ with no data at all. */
  mado_scripted_transport_expect (card, SELECT_000A, OK);
  memcpy (answer, der, 256);
  answer[256] = 0x90;
  answer[257] = 0x00;
  mado_scripted_transport_expect_bytes (card, (const guint8 *) "\x00\xB0\x00\x00\x00", 5, answer, 258);
  mado_scripted_transport_expect (card, "00 B0 01 00 00", OK);
  bytes = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
  g_assert_null (bytes);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_CERTIFICATE);
  mado_test_assert_script_done (card);
}

static void
test_read_reset_recovers (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *der = g_bytes_get_data (fx.der, NULL);
  guint8 answer[258];

  memcpy (answer, der, 256);
  answer[256] = 0x90;
  answer[257] = 0x00;
  mado_scripted_transport_expect (card, SELECT_000A, OK);
  mado_scripted_transport_expect_bytes (card, (const guint8 *) "\x00\xB0\x00\x00\x00", 5, answer, 258);
  mado_scripted_transport_expect_error (card, "00 B0 01 00 00", MADO_CARD_ERROR_CARD_RESET);
  mado_test_card_expect_select (card);
  mado_test_card_expect_read_certificate (card, fx.der);
  bytes = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, fx.der));
  mado_test_assert_script_done (card);
}

static void
test_read_silent_reset_twice (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* A transport that reconnected by itself: the answer comes, but the
   * generation moved. Re-read once; a second reset is reported. */
  mado_scripted_transport_expect_reset (card, SELECT_000A, OK);
  mado_test_card_expect_select (card);
  mado_scripted_transport_expect_reset (card, SELECT_000A, OK);
  bytes = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
  g_assert_null (bytes);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_RESET);
  mado_test_assert_script_done (card);
}

static void
test_read_removed (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  mado_scripted_transport_expect (card, SELECT_000A, OK);
  mado_scripted_transport_expect_error (card, "00 B0 00 00 00", MADO_CARD_ERROR_CARD_REMOVED);
  bytes = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
  g_assert_null (bytes);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED);
  mado_test_assert_script_done (card);
}

/* --- the tries query --------------------------------------------------- */

static void
test_tries (void)
{
  struct { const char *answer; gboolean ok; guint tries; gboolean verified; MadoCardError code; } cases[] = {
    { "63 C3", TRUE, 3, FALSE, 0 },
    { "63 C1", TRUE, 1, FALSE, 0 },
    { "90 00", TRUE, 0, TRUE, 0 },
    { "63 C0", FALSE, 0, FALSE, MADO_CARD_ERROR_PIN_BLOCKED },
    { "69 84", FALSE, 0, FALSE, MADO_CARD_ERROR_PIN_BLOCKED },
    { "69 83", FALSE, 0, FALSE, MADO_CARD_ERROR_PIN_BLOCKED },
    { "6A 82", FALSE, 0, FALSE, MADO_CARD_ERROR_FILE_NOT_FOUND },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = selected_jpki (card);
      g_autoptr(GError) error = NULL;
      MadoJpkiPinStatus status = { 0 };

      mado_scripted_transport_expect (card, SELECT_0018, OK);
      mado_scripted_transport_expect (card, TRIES_QUERY, cases[i].answer);
      g_assert_cmpint (mado_jpki_query_pin (jpki, &status, &error), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (status.tries_left, ==, cases[i].tries);
          g_assert_cmpint (status.verified, ==, cases[i].verified);
        }
      else
        {
          g_assert_error (error, MADO_CARD_ERROR, cases[i].code);
        }
      mado_test_assert_script_done (card);
    }
}

/* --- the proof --------------------------------------------------------- */

static void
test_prove (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = NULL;
  guint tries = 99;

  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
  mado_scripted_transport_expect (card, VERIFY_1234, OK);
  mado_test_card_expect_sign (card, fx.digest, fx.signature, "9000");
  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, &tries, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (signature, fx.signature));
  g_assert_cmpuint (tries, ==, 3);
  g_assert_cmpuint (mado_scripted_transport_get_transactions (card), ==, 1);
  g_assert_cmpuint (mado_scripted_transport_get_power_downs (card), ==, 1);
  mado_test_assert_script_done (card);
}

static void
test_prove_signature_chained (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GByteArray) rest = g_byte_array_new ();

  /* A reader that cannot pass 256 bytes at once: 61 00, GET RESPONSE. */
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
  mado_scripted_transport_expect (card, VERIFY_1234, OK);
  mado_test_card_expect_sign (card, fx.digest, NULL, "6100");
  g_byte_array_append (rest, g_bytes_get_data (fx.signature, NULL), 256);
  g_byte_array_append (rest, (const guint8 *) "\x90\x00", 2);
  mado_scripted_transport_expect_bytes (card, (const guint8 *) "\x00\xC0\x00\x00\x00", 5,
                                        rest->data, rest->len);
  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (signature, fx.signature));
  mado_test_assert_script_done (card);
}

static void
test_prove_verify_status (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = selected_jpki (card);
      g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) signature = NULL;
      g_autofree char *answer = g_strdup_printf ("%02X %02X", status_table[i].sw >> 8,
                                                 status_table[i].sw & 0xFF);
      guint tries = 99;

      mado_scripted_transport_expect (card, SELECT_0018, OK);
      mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
      mado_scripted_transport_expect (card, VERIFY_1234, answer);
      signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, &tries, &error);
      g_assert_null (signature);
      g_assert_error (error, MADO_CARD_ERROR, status_table[i].code);
      if (status_table[i].tries_left != 99)
        g_assert_cmpuint (tries, ==, status_table[i].tries_left);
      g_assert_cmpuint (mado_scripted_transport_get_power_downs (card), ==, 1);
      g_assert_false (mado_scripted_transport_get_in_transaction (card));
      mado_test_assert_script_done (card);
    }
}

/* The resident was shown 3 tries; inside the proof the card says 1: the
 * last-try warning was never given, so no VERIFY may go out. */
static void
test_prove_tries_changed (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = NULL;
  guint tries = 99;

  mado_jpki_set_expected_tries (jpki, 3);
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C1");
  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, &tries, &error);
  g_assert_null (signature);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_TRIES_CHANGED);
  g_assert_cmpuint (tries, ==, 1);
  g_assert_null (strstr (error->message, "1234"));
  mado_test_assert_script_done (card);
}

static void
test_prove_blocked (void)
{
  const char *answers[] = { "63 C0", "69 84", "69 83" };

  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = selected_jpki (card);
      g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) signature = NULL;
      guint tries = 99;

      /* No VERIFY in the script: sending one would fail the script. */
      mado_scripted_transport_expect (card, SELECT_0018, OK);
      mado_scripted_transport_expect (card, TRIES_QUERY, answers[i]);
      signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, &tries, &error);
      g_assert_null (signature);
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED);
      g_assert_cmpuint (tries, ==, 0);
      g_assert_cmpuint (mado_scripted_transport_get_power_downs (card), ==, 1);
      mado_test_assert_script_done (card);
    }
}

static void
test_prove_pin_format (void)
{
  const char *pins[] = {
    "123", "12345", "12a4", "", "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94", "\xd9\xa1\xd9\xa2",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pins); i++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
      g_autoptr(MadoPin) pin = mado_test_pin_new (pins[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) signature = NULL;

      signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, NULL, &error);
      g_assert_null (signature);
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT);
      g_assert_cmpuint (mado_jpki_get_apdu_count (jpki), ==, 0);
      g_assert_cmpuint (mado_scripted_transport_get_transactions (card), ==, 0);
      mado_test_assert_script_done (card);
    }
}

static void
test_prove_no_pin_no_pad (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = NULL;

  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, NULL, NULL, &error);
  g_assert_null (signature);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT);
  mado_test_assert_script_done (card);
}

static void
test_prove_bad_signature (void)
{
  g_autofree guint8 *corrupt = NULL;
  gsize len;

  corrupt = g_bytes_unref_to_data (g_bytes_ref (fx.signature), &len);
  corrupt[17] ^= 0x40;

  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = selected_jpki (card);
      g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) signature = NULL;
      g_autoptr(GBytes) answer = NULL;

      if (variant == 0)
        answer = g_bytes_new (corrupt, len);               /* a flipped bit */
      else if (variant == 1)
        answer = g_bytes_new_from_bytes (fx.signature, 0, 255);  /* one byte short */
      else
        answer = g_bytes_new (NULL, 0);                    /* no signature at all */

      mado_scripted_transport_expect (card, SELECT_0018, OK);
      mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
      mado_scripted_transport_expect (card, VERIFY_1234, OK);
      mado_test_card_expect_sign (card, fx.digest, answer, "9000");
      signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, NULL, &error);
      g_assert_null (signature);
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_BAD_SIGNATURE);
      g_assert_cmpuint (mado_scripted_transport_get_power_downs (card), ==, 1);
      mado_test_assert_script_done (card);
    }
}

static void
test_prove_reset (void)
{
  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = selected_jpki (card);
      g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) signature = NULL;

      mado_scripted_transport_expect (card, SELECT_0018, OK);
      if (variant == 0)
        {
          /* Reset reported on VERIFY: the PIN is not sent again. */
          mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
          mado_scripted_transport_expect_error (card, VERIFY_1234, MADO_CARD_ERROR_CARD_RESET);
        }
      else if (variant == 1)
        {
          /* A silent reconnect at the tries query: no VERIFY follows. */
          mado_scripted_transport_expect_reset (card, TRIES_QUERY, "63 C3");
        }
      else
        {
          /* Reset after VERIFY: the verified state is gone, no signing. */
          mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
          mado_scripted_transport_expect_reset (card, VERIFY_1234, OK);
        }
      signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, NULL, &error);
      g_assert_null (signature);
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_RESET);
      g_assert_cmpuint (mado_scripted_transport_get_power_downs (card), ==, 1);
      g_assert_false (mado_scripted_transport_get_in_transaction (card));
      mado_test_assert_script_done (card);
    }
}

static void
test_prove_removed (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = NULL;

  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
  mado_scripted_transport_expect (card, VERIFY_1234, OK);
  mado_scripted_transport_expect_error (card, SELECT_0017, MADO_CARD_ERROR_CARD_REMOVED);
  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, NULL, &error);
  g_assert_null (signature);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED);
  g_assert_cmpuint (mado_scripted_transport_get_power_downs (card), ==, 1);
  mado_test_assert_script_done (card);
}

static void
test_prove_pin_pad (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = NULL;

  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C2");
  mado_scripted_transport_expect_pin_pad (card, 0x9000);
  mado_test_card_expect_sign (card, fx.digest, fx.signature, "9000");
  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (signature, fx.signature));
  mado_test_assert_script_done (card);
}

static void
test_prove_pin_pad_failures (void)
{
  for (guint variant = 0; variant < 2; variant++)
    {
      g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
      g_autoptr(MadoJpki) jpki = selected_jpki (card);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) signature = NULL;
      guint tries = 99;

      mado_scripted_transport_expect (card, SELECT_0018, OK);
      mado_scripted_transport_expect (card, TRIES_QUERY, "63 C2");
      if (variant == 0)
        mado_scripted_transport_expect_pin_pad_error (card, MADO_CARD_ERROR_PIN_CANCELLED);
      else
        mado_scripted_transport_expect_pin_pad (card, 0x63C1);
      signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, NULL, &tries, &error);
      g_assert_null (signature);
      if (variant == 0)
        {
          g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_CANCELLED);
        }
      else
        {
          g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG);
          g_assert_cmpuint (tries, ==, 1);
        }
      g_assert_cmpuint (mado_scripted_transport_get_power_downs (card), ==, 1);
      mado_test_assert_script_done (card);
    }
}

/* A whole visit as the desk runs it: the card held from the reading to
 * the proof, so the PIN goes out under the tries query the resident was
 * shown, with EF 0018 still selected. The script is strict: a second
 * SELECT of EF 0018 or a second tries query fails it. */
static void
test_visit_apdu_count (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) signature = NULL;
  MadoJpkiPinStatus status = { 0 };

  mado_test_card_expect_select (card);
  mado_test_card_expect_read_certificate (card, fx.der);
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
  mado_scripted_transport_expect (card, VERIFY_1234, OK);
  mado_test_card_expect_sign (card, fx.digest, fx.signature, "9000");

  g_assert_true (mado_jpki_hold (jpki, &error));
  g_assert_true (mado_jpki_select (jpki, &error));
  der = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
  g_assert_no_error (error);
  g_assert_true (mado_jpki_query_pin (jpki, &status, &error));
  g_assert_cmpuint (status.tries_left, ==, 3);
  mado_jpki_set_expected_tries (jpki, status.tries_left);
  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signature);
  mado_test_assert_script_done (card);

  g_test_message ("APDUs for a visit with a %" G_GSIZE_FORMAT "-byte certificate: %u",
                  g_bytes_get_size (fx.der), mado_jpki_get_apdu_count (jpki));
  g_assert_cmpuint (mado_jpki_get_apdu_count (jpki), ==, mado_scripted_transport_get_position (card));
  g_assert_cmpuint (mado_jpki_get_apdu_count (jpki), <=, 14);
  /* One transaction from the hold to the power-down, none left open. */
  g_assert_cmpuint (mado_scripted_transport_get_transactions (card), ==, 1);
  g_assert_cmpuint (mado_scripted_transport_get_power_downs (card), ==, 1);
  g_assert_false (mado_scripted_transport_get_in_transaction (card));
}

/* Held, but another EF was selected after the tries query: EF 0018 is
 * selected again (VERIFY speaks to the current EF), the tries are not
 * asked again. */
static void
test_held_other_ef (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GBytes) signature = NULL;
  MadoJpkiPinStatus status = { 0 };

  mado_test_card_expect_select (card);
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C2");
  mado_test_card_expect_read_certificate (card, fx.der);
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, VERIFY_1234, OK);
  mado_test_card_expect_sign (card, fx.digest, fx.signature, "9000");

  g_assert_true (mado_jpki_hold (jpki, &error));
  g_assert_true (mado_jpki_select (jpki, &error));
  g_assert_true (mado_jpki_query_pin (jpki, &status, &error));
  der = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
  g_assert_no_error (error);
  mado_jpki_set_expected_tries (jpki, status.tries_left);
  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signature);
  mado_test_assert_script_done (card);
}

/* A reset after the tries query ends the hold: whatever the card said
 * before is gone, so the proof selects EF 0018 and asks the tries again,
 * and a card that now has fewer tries than shown gets no VERIFY. */
static void
test_held_reset (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = NULL;
  MadoJpkiPinStatus status = { 0 };
  guint tries = 99;

  mado_test_card_expect_select (card);
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
  g_assert_true (mado_jpki_hold (jpki, &error));
  g_assert_true (mado_jpki_select (jpki, &error));
  g_assert_true (mado_jpki_query_pin (jpki, &status, &error));
  mado_jpki_set_expected_tries (jpki, status.tries_left);
  g_assert_cmpuint (mado_card_transport_get_transaction_id (MADO_CARD_TRANSPORT (card)), !=, 0);

  /* Asked again, the card answers after a reset: selected and asked anew. */
  mado_scripted_transport_expect_error (card, TRIES_QUERY, MADO_CARD_ERROR_CARD_RESET);
  mado_test_card_expect_select (card);
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
  g_assert_true (mado_jpki_query_pin (jpki, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mado_card_transport_get_transaction_id (MADO_CARD_TRANSPORT (card)), ==, 0);

  /* Meanwhile a try went: the proof asks, sees 1, and sends no PIN. */
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C1");
  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, &tries, &error);
  g_assert_null (signature);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_TRIES_CHANGED);
  g_assert_cmpuint (tries, ==, 1);
  mado_test_assert_script_done (card);
  g_assert_false (mado_scripted_transport_get_in_transaction (card));
}

/* Without a hold, another program may have spoken to the card between the
 * query and the proof: both are done again inside the proof. */
static void
test_not_held (void)
{
  g_autoptr(MadoScriptedTransport) card = mado_scripted_transport_new ();
  g_autoptr(MadoJpki) jpki = selected_jpki (card);
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = NULL;
  MadoJpkiPinStatus status = { 0 };

  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
  mado_scripted_transport_expect (card, VERIFY_1234, OK);
  mado_test_card_expect_sign (card, fx.digest, fx.signature, "9000");
  g_assert_true (mado_jpki_query_pin (jpki, &status, &error));
  mado_jpki_set_expected_tries (jpki, status.tries_left);
  signature = mado_jpki_prove (jpki, fx.cert, fx.digest, 32, pin, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signature);
  mado_test_assert_script_done (card);
}

int
main (int argc, char **argv)
{
  g_autoptr(X509) root = NULL;
  g_autoptr(X509) leaf = NULL;
  g_autoptr(EVP_PKEY) root_key = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  root_key = test_pki_make_key ();
  fx.key = test_pki_make_key ();
  root = test_pki_make_root (root_key, 2023);
  leaf = test_pki_make_leaf ("00112233445566778899AABBCCDDEEFF", fx.key, root, root_key, 0x1001, -1, 365);
  fx.der = test_pki_der (leaf);
  fx.cert = mado_certificate_new_from_der (g_bytes_get_data (fx.der, NULL), g_bytes_get_size (fx.der), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sizeof fx.digest; i++)
    fx.digest[i] = (guint8) (i * 7 + 1);
  fx.signature = test_pki_sign_sha256 (fx.key, fx.digest);

  g_test_add_func ("/card/jpki/status-words", test_status_words);
  g_test_add_func ("/card/jpki/status-words-on-card", test_status_words_on_card);
  g_test_add_func ("/card/jpki/select/not-my-number-card", test_select_not_my_number_card);
  g_test_add_func ("/card/jpki/select/after-power-up", test_select_after_power_up);
  g_test_add_func ("/card/jpki/select/phone-token", test_select_phone);
  g_test_add_func ("/card/jpki/select/no-label", test_select_no_label);
  g_test_add_func ("/card/jpki/read/certificate", test_read_certificate);
  g_test_add_func ("/card/jpki/read/bad-header", test_read_bad_header);
  g_test_add_func ("/card/jpki/read/der-header", test_der_header);
  g_test_add_func ("/card/jpki/read/empty-chunk", test_read_short_chunks);
  g_test_add_func ("/card/jpki/read/reset", test_read_reset_recovers);
  g_test_add_func ("/card/jpki/read/silent-reset-twice", test_read_silent_reset_twice);
  g_test_add_func ("/card/jpki/read/removed", test_read_removed);
  g_test_add_func ("/card/jpki/tries", test_tries);
  g_test_add_func ("/card/jpki/prove/ok", test_prove);
  g_test_add_func ("/card/jpki/prove/signature-chained", test_prove_signature_chained);
  g_test_add_func ("/card/jpki/prove/verify-status", test_prove_verify_status);
  g_test_add_func ("/card/jpki/prove/blocked", test_prove_blocked);
  g_test_add_func ("/card/jpki/prove/tries-changed", test_prove_tries_changed);
  g_test_add_func ("/card/jpki/prove/pin-format", test_prove_pin_format);
  g_test_add_func ("/card/jpki/prove/no-pin-no-pad", test_prove_no_pin_no_pad);
  g_test_add_func ("/card/jpki/prove/bad-signature", test_prove_bad_signature);
  g_test_add_func ("/card/jpki/prove/reset", test_prove_reset);
  g_test_add_func ("/card/jpki/prove/removed", test_prove_removed);
  g_test_add_func ("/card/jpki/prove/pin-pad", test_prove_pin_pad);
  g_test_add_func ("/card/jpki/prove/pin-pad-failures", test_prove_pin_pad_failures);
  g_test_add_func ("/card/jpki/visit/apdu-count", test_visit_apdu_count);
  g_test_add_func ("/card/jpki/held/other-ef", test_held_other_ef);
  g_test_add_func ("/card/jpki/held/reset", test_held_reset);
  g_test_add_func ("/card/jpki/held/not-held", test_not_held);

  status = g_test_run ();

  g_clear_object (&fx.cert);
  g_clear_pointer (&fx.der, g_bytes_unref);
  g_clear_pointer (&fx.signature, g_bytes_unref);
  g_clear_pointer (&fx.key, EVP_PKEY_free);
  return status;
}
