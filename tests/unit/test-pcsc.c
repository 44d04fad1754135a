/* test-pcsc.c — PC/SC error mapping, reader flags, part 10 TLVs and PIN-pad structures
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <reader.h>

#include "mado-error.h"
#include "mado-pcsc-context.h"
#include "mado-pcsc-transport.h"

static void
test_error_code (void)
{
  static const struct {
    LONG          rv;
    gboolean      mid_operation;
    MadoCardError expected;
  } cases[] = {
    { SCARD_E_NO_SERVICE,           FALSE, MADO_CARD_ERROR_SERVICE_NOT_RUNNING },
    { SCARD_E_NO_SERVICE,           TRUE,  MADO_CARD_ERROR_SERVICE_NOT_RUNNING },
    { SCARD_E_SERVICE_STOPPED,      TRUE,  MADO_CARD_ERROR_SERVICE_NOT_RUNNING },
    { SCARD_E_NO_READERS_AVAILABLE, FALSE, MADO_CARD_ERROR_NO_READER },
    { SCARD_E_NO_SMARTCARD,         FALSE, MADO_CARD_ERROR_NO_CARD },
    { SCARD_E_NO_SMARTCARD,         TRUE,  MADO_CARD_ERROR_CARD_REMOVED },
    { SCARD_W_REMOVED_CARD,         FALSE, MADO_CARD_ERROR_NO_CARD },
    { SCARD_W_REMOVED_CARD,         TRUE,  MADO_CARD_ERROR_CARD_REMOVED },
    { SCARD_W_UNRESPONSIVE_CARD,    FALSE, MADO_CARD_ERROR_CARD_MUTE },
    { SCARD_W_UNPOWERED_CARD,       TRUE,  MADO_CARD_ERROR_CARD_MUTE },
    { SCARD_E_READER_UNAVAILABLE,   TRUE,  MADO_CARD_ERROR_READER_GONE },
    { SCARD_E_UNKNOWN_READER,       FALSE, MADO_CARD_ERROR_READER_GONE },
    { SCARD_W_RESET_CARD,           TRUE,  MADO_CARD_ERROR_CARD_RESET },
    { SCARD_E_SHARING_VIOLATION,    FALSE, MADO_CARD_ERROR_FAILED },
    { SCARD_E_NOT_TRANSACTED,       TRUE,  MADO_CARD_ERROR_FAILED },
    { SCARD_F_COMM_ERROR,           TRUE,  MADO_CARD_ERROR_FAILED },
    { SCARD_E_TIMEOUT,              FALSE, MADO_CARD_ERROR_FAILED },
    { (LONG) 0x12345678,            FALSE, MADO_CARD_ERROR_FAILED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %" G_GSIZE_FORMAT ": 0x%08lX", i, (unsigned long) (DWORD) cases[i].rv);
      g_assert_cmpint (mado_pcsc_context_error_code (cases[i].rv, cases[i].mid_operation), ==,
                       cases[i].expected);
    }
}

static void
test_set_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other = NULL;

  g_assert_false (mado_pcsc_context_set_error (&error, SCARD_E_NO_SERVICE, FALSE,
                                               "SCardEstablishContext"));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_SERVICE_NOT_RUNNING);
  g_assert_nonnull (strstr (error->message, "pcscd"));

  /* Raw codes go to the log, never into what staff read. */
  g_assert_false (mado_pcsc_context_set_error (&other, SCARD_E_SHARING_VIOLATION, TRUE,
                                               "SCardTransmit"));
  g_assert_error (other, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED);
  g_assert_null (strstr (other->message, "0x"));
  g_assert_null (strstr (other->message, "8010"));
  g_assert_null (strstr (other->message, "SCard"));

  /* "pcscd is not running" and "no reader" are different advice. */
  g_assert_cmpstr (mado_error_advice (MADO_CARD_ERROR, MADO_CARD_ERROR_SERVICE_NOT_RUNNING), !=,
                   mado_error_advice (MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER));

  /* A NULL error location is allowed. */
  g_assert_false (mado_pcsc_context_set_error (NULL, SCARD_W_RESET_CARD, TRUE, "SCardTransmit"));
}

static void
test_service_error (void)
{
  g_assert_true (mado_pcsc_context_is_service_error (SCARD_E_NO_SERVICE));
  g_assert_true (mado_pcsc_context_is_service_error (SCARD_E_SERVICE_STOPPED));
  g_assert_true (mado_pcsc_context_is_service_error (SCARD_F_COMM_ERROR));
  g_assert_false (mado_pcsc_context_is_service_error (SCARD_E_TIMEOUT));
  g_assert_false (mado_pcsc_context_is_service_error (SCARD_W_REMOVED_CARD));
}

static void
test_state_from_flags (void)
{
  g_assert_cmpint (mado_pcsc_context_state_from_flags (SCARD_STATE_EMPTY), ==,
                   MADO_READER_STATE_READER_EMPTY);
  g_assert_cmpint (mado_pcsc_context_state_from_flags (0x00030000 | SCARD_STATE_EMPTY |
                                                       SCARD_STATE_CHANGED), ==,
                   MADO_READER_STATE_READER_EMPTY);
  g_assert_cmpint (mado_pcsc_context_state_from_flags (SCARD_STATE_PRESENT), ==,
                   MADO_READER_STATE_CARD_PRESENT);
  g_assert_cmpint (mado_pcsc_context_state_from_flags (SCARD_STATE_PRESENT | SCARD_STATE_INUSE), ==,
                   MADO_READER_STATE_CARD_PRESENT);
  g_assert_cmpint (mado_pcsc_context_state_from_flags (SCARD_STATE_PRESENT |
                                                       SCARD_STATE_UNPOWERED), ==,
                   MADO_READER_STATE_CARD_PRESENT);
  g_assert_cmpint (mado_pcsc_context_state_from_flags (SCARD_STATE_PRESENT | SCARD_STATE_MUTE), ==,
                   MADO_READER_STATE_CARD_MUTE);
  g_assert_cmpint (mado_pcsc_context_state_from_flags (SCARD_STATE_UNKNOWN |
                                                       SCARD_STATE_UNAVAILABLE), ==,
                   MADO_READER_STATE_NO_READER);
  g_assert_cmpint (mado_pcsc_context_state_from_flags (SCARD_STATE_IGNORE), ==,
                   MADO_READER_STATE_NO_READER);
  g_assert_cmpint (mado_pcsc_context_state_from_flags (SCARD_STATE_UNAVAILABLE), ==,
                   MADO_READER_STATE_UNKNOWN);
  g_assert_cmpint (mado_pcsc_context_state_from_flags (0), ==, MADO_READER_STATE_UNKNOWN);
}

static void
test_event_count (void)
{
  g_assert_cmpuint (mado_pcsc_context_event_count (SCARD_STATE_PRESENT), ==, 0);
  g_assert_cmpuint (mado_pcsc_context_event_count (0x00050022), ==, 5);
  g_assert_cmpuint (mado_pcsc_context_event_count (0xFFFF0010), ==, 0xFFFF);
}

static void
test_atr_hex (void)
{
  static const guint8 atr[] = { 0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14 };
  g_autofree char *hex = mado_pcsc_context_atr_to_hex (atr, sizeof atr);

  g_assert_cmpstr (hex, ==, "3BE000FF8131FE4514");
  g_assert_null (mado_pcsc_context_atr_to_hex (atr, 0));
  g_assert_null (mado_pcsc_context_atr_to_hex (NULL, 4));
}

static void
test_reader_list (void)
{
  static const char two[] = "Reader A 00 00\0Reader B 01 00\0";   /* + implicit final NUL */
  static const char unterminated[] = { 'R', 'd', 'r', '\0', 'X', 'Y' };
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) partial = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) none = NULL;

  names = mado_pcsc_context_parse_reader_list (two, sizeof two);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Reader A 00 00");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "Reader B 01 00");

  /* A list without its terminators is read up to its length, not beyond. */
  partial = mado_pcsc_context_parse_reader_list (unterminated, sizeof unterminated);
  g_assert_cmpuint (partial->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (partial, 0), ==, "Rdr");
  g_assert_cmpstr (g_ptr_array_index (partial, 1), ==, "XY");

  empty = mado_pcsc_context_parse_reader_list ("\0", 2);
  g_assert_cmpuint (empty->len, ==, 0);
  none = mado_pcsc_context_parse_reader_list (NULL, 10);
  g_assert_cmpuint (none->len, ==, 0);
}

/* ---- Part 10 feature TLVs ------------------------------------------- */

static void
test_feature_found (void)
{
  static const guint8 tlv[] = {
    0x0A, 0x04, 0x42, 0x33, 0x00, 0x0A,     /* FEATURE_IFD_PIN_PROPERTIES */
    0x06, 0x04, 0x42, 0x33, 0x00, 0x06,     /* FEATURE_VERIFY_PIN_DIRECT */
    0x07, 0x04, 0x42, 0x33, 0x00, 0x07,     /* FEATURE_MODIFY_PIN_DIRECT */
  };
  guint32 code = 0;

  g_assert_true (mado_pcsc_transport_find_feature (tlv, sizeof tlv, FEATURE_VERIFY_PIN_DIRECT,
                                                   &code));
  g_assert_cmphex (code, ==, 0x42330006);
  g_assert_true (mado_pcsc_transport_find_feature (tlv, sizeof tlv, FEATURE_MODIFY_PIN_DIRECT,
                                                   &code));
  g_assert_cmphex (code, ==, 0x42330007);
  g_assert_false (mado_pcsc_transport_find_feature (tlv, sizeof tlv, FEATURE_VERIFY_PIN_START,
                                                    &code));
}

static void
test_feature_empty (void)
{
  guint32 code = 0xDEADBEEF;

  g_assert_false (mado_pcsc_transport_find_feature (NULL, 0, FEATURE_VERIFY_PIN_DIRECT, &code));
  g_assert_false (mado_pcsc_transport_find_feature ((const guint8 *) "", 0,
                                                    FEATURE_VERIFY_PIN_DIRECT, &code));
  g_assert_cmphex (code, ==, 0xDEADBEEF);
}

static void
test_feature_truncated (void)
{
  static const guint8 header_only[] = { 0x06 };
  static const guint8 value_short[] = { 0x06, 0x04, 0x42, 0x33, 0x00 };
  static const guint8 after_good[] = { 0x0A, 0x04, 0x42, 0x33, 0x00, 0x0A, 0x06 };
  guint32 code = 0;

  g_assert_false (mado_pcsc_transport_find_feature (header_only, sizeof header_only,
                                                    FEATURE_VERIFY_PIN_DIRECT, &code));
  g_assert_false (mado_pcsc_transport_find_feature (value_short, sizeof value_short,
                                                    FEATURE_VERIFY_PIN_DIRECT, &code));
  g_assert_false (mado_pcsc_transport_find_feature (after_good, sizeof after_good,
                                                    FEATURE_VERIFY_PIN_DIRECT, &code));
  g_assert_cmphex (code, ==, 0);
}

static void
test_feature_zero_length (void)
{
  /* A zero-length entry of another tag is skipped; of the wanted tag, refused. */
  static const guint8 other_empty[] = { 0x0A, 0x00, 0x06, 0x04, 0x42, 0x33, 0x00, 0x06 };
  static const guint8 wanted_empty[] = { 0x06, 0x00 };
  static const guint8 zero_code[] = { 0x06, 0x04, 0x00, 0x00, 0x00, 0x00 };
  guint32 code = 0;

  g_assert_true (mado_pcsc_transport_find_feature (other_empty, sizeof other_empty,
                                                   FEATURE_VERIFY_PIN_DIRECT, &code));
  g_assert_cmphex (code, ==, 0x42330006);
  code = 0;
  g_assert_false (mado_pcsc_transport_find_feature (wanted_empty, sizeof wanted_empty,
                                                    FEATURE_VERIFY_PIN_DIRECT, &code));
  g_assert_false (mado_pcsc_transport_find_feature (zero_code, sizeof zero_code,
                                                    FEATURE_VERIFY_PIN_DIRECT, &code));
  g_assert_cmphex (code, ==, 0);
}

static void
test_feature_overlong (void)
{
  /* A length that runs far past the buffer must not be followed; a value
   * longer than 4 bytes is not a control code. */
  static const guint8 runaway[] = { 0x0A, 0xFF, 0x06, 0x04, 0x42, 0x33, 0x00, 0x06 };
  static const guint8 long_value[] = { 0x06, 0x05, 0x42, 0x33, 0x00, 0x06, 0x00 };
  guint8 *exact;
  guint32 code = 0;

  g_assert_false (mado_pcsc_transport_find_feature (runaway, sizeof runaway,
                                                    FEATURE_VERIFY_PIN_DIRECT, &code));
  g_assert_false (mado_pcsc_transport_find_feature (long_value, sizeof long_value,
                                                    FEATURE_VERIFY_PIN_DIRECT, &code));

  /* Exactly-sized heap copy: the sanitizer catches any read past it. */
  exact = g_memdup2 (runaway, 3);
  g_assert_false (mado_pcsc_transport_find_feature (exact, 3, FEATURE_VERIFY_PIN_DIRECT, &code));
  g_free (exact);
  g_assert_cmphex (code, ==, 0);
}

/* ---- PIN_VERIFY_STRUCTURE -------------------------------------------- */

static void
test_verify_structure (void)
{
  /* Written out by hand from PC/SC part 10 and pcsc-lite's reader.h for
   * `00 20 00 80 04 <4 ASCII digits>` (x86: host order is little-endian). */
  static const guint8 expected[] = {
    0x1E,                   /* bTimerOut: 30 s */
    0x1E,                   /* bTimerOut2 */
    0x82,                   /* bmFormatString: bytes, position 0, left, ASCII */
    0x04,                   /* bmPINBlockString: no length field, 4-byte block */
    0x00,                   /* bmPINLengthFormat */
    0x04, 0x04,             /* wPINMaxExtraDigit: min 4, max 4 */
    0x03,                   /* bEntryValidationCondition: max size | key */
    0x01,                   /* bNumberMessage */
    0x11, 0x04,             /* wLangId 0x0411 (Japanese) */
    0x00,                   /* bMsgIndex */
    0x00, 0x00, 0x00,       /* bTeoPrologue */
    0x09, 0x00, 0x00, 0x00, /* ulDataLength: 9 */
    0x00, 0x20, 0x00, 0x80, 0x04, 0xFF, 0xFF, 0xFF, 0xFF,
  };
  MadoPinPadRequest request = { .cla = 0x00, .ins = 0x20, .p1 = 0x00, .p2 = 0x80,
                                .min_digits = 4, .max_digits = 4, .timeout_seconds = 30 };
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
    {
      g_test_skip ("expected bytes are written for a little-endian host");
      return;
    }

  g_assert_cmpuint (sizeof (PIN_VERIFY_STRUCTURE), ==, 19);
  bytes = mado_pcsc_transport_build_verify_pin_direct (&request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpmem (bytes->data, bytes->len, expected, sizeof expected);
}

static void
test_verify_structure_timeout_clamped (void)
{
  MadoPinPadRequest request = { .cla = 0x00, .ins = 0x20, .p1 = 0x00, .p2 = 0x80,
                                .min_digits = 4, .max_digits = 4, .timeout_seconds = 1000 };
  g_autoptr(GByteArray) bytes = mado_pcsc_transport_build_verify_pin_direct (&request, NULL);

  g_assert_nonnull (bytes);
  g_assert_cmpuint (bytes->data[0], ==, 255);
  g_assert_cmpuint (bytes->len, ==, 19 + 9);
}

static void
test_verify_structure_refused (void)
{
  static const struct { guint8 min, max; } bad[] = {
    { 4, 8 },     /* variable length: Lc could not be fixed */
    { 0, 0 },
    { 17, 17 },   /* longer than any PIN pad block here */
    { 6, 4 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      MadoPinPadRequest request = { .cla = 0x00, .ins = 0x20, .p1 = 0x00, .p2 = 0x80,
                                    .min_digits = bad[i].min, .max_digits = bad[i].max };
      g_autoptr(GError) error = NULL;
      g_autoptr(GByteArray) bytes = mado_pcsc_transport_build_verify_pin_direct (&request, &error);

      g_assert_null (bytes);
      g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/card/pcsc/error/code", test_error_code);
  g_test_add_func ("/card/pcsc/error/set", test_set_error);
  g_test_add_func ("/card/pcsc/error/service", test_service_error);
  g_test_add_func ("/card/pcsc/reader/state-from-flags", test_state_from_flags);
  g_test_add_func ("/card/pcsc/reader/event-count", test_event_count);
  g_test_add_func ("/card/pcsc/reader/atr-hex", test_atr_hex);
  g_test_add_func ("/card/pcsc/reader/list", test_reader_list);
  g_test_add_func ("/card/pcsc/feature/found", test_feature_found);
  g_test_add_func ("/card/pcsc/feature/empty", test_feature_empty);
  g_test_add_func ("/card/pcsc/feature/truncated", test_feature_truncated);
  g_test_add_func ("/card/pcsc/feature/zero-length", test_feature_zero_length);
  g_test_add_func ("/card/pcsc/feature/overlong", test_feature_overlong);
  g_test_add_func ("/card/pcsc/pin-pad/verify-structure", test_verify_structure);
  g_test_add_func ("/card/pcsc/pin-pad/timeout-clamped", test_verify_structure_timeout_clamped);
  g_test_add_func ("/card/pcsc/pin-pad/refused", test_verify_structure_refused);

  return g_test_run ();
}
