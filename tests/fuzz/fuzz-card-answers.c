/* fuzz-card-answers.c — whatever a card answers, the card layer stays sane
 *
 * The input is a sequence of card responses, each a 2-byte big-endian
 * length and that many bytes. They are fed, in order and whatever the
 * command, through the scripted transport into: the generic transmit
 * (61xx/6Cxx chaining), selecting the JPKI application, reading the
 * certificate, the tries query and — when a certificate came out — the
 * proof. The input is also given to the DER header parser as it is.
 * Every outcome must be a result or a named MadoCardError.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-scripted-transport.h"
#include "mado-test-util.h"
#include "fuzz-target.h"

#define MAX_RESPONSE_LEN 600

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == MADO_CARD_ERROR);
  g_assert_cmpint (error->code, >=, 0);
  g_assert_cmpint (error->code, <=, MADO_CARD_ERROR_FAILED);
  g_assert_nonnull (error->message);
}

static MadoScriptedTransport *
card_from (const uint8_t *data,
           size_t         size)
{
  MadoScriptedTransport *card = mado_scripted_transport_new ();

  mado_scripted_transport_set_accept_any (card, TRUE);
  while (size >= 2)
    {
      size_t len = MIN ((size_t) (data[0] << 8 | data[1]), (size_t) MAX_RESPONSE_LEN);

      data += 2;
      size -= 2;
      len = MIN (len, size);
      mado_scripted_transport_expect_bytes (card, NULL, 0, data, len);
      data += len;
      size -= len;
    }
  return card;
}

static void
fuzz_transmit (const uint8_t *data,
               size_t         size)
{
  static const guint8 command[] = { 0x00, 0xB0, 0x00, 0x00, 0x00 };
  g_autoptr(MadoScriptedTransport) card = card_from (data, size);
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint16 sw = 0;

  if (mado_card_transport_transmit (MADO_CARD_TRANSPORT (card), command, sizeof command,
                                    answer, &sw, &error))
    g_assert_cmpuint (answer->len, <=, MADO_APDU_MAX_CHAINED_DATA);
  else
    check_error (error);
}

static void
fuzz_flows (const uint8_t *data,
            size_t         size)
{
  g_autoptr(MadoScriptedTransport) card = card_from (data, size);
  g_autoptr(MadoJpki) jpki = mado_jpki_new (MADO_CARD_TRANSPORT (card));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(MadoCertificate) cert = NULL;
  MadoJpkiPinStatus status = { 0 };

  der = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, &error);
  if (der == NULL)
    {
      check_error (error);
      g_clear_error (&error);
    }
  else
    {
      gsize len = g_bytes_get_size (der);
      const guint8 *bytes = g_bytes_get_data (der, NULL);

      g_assert_cmpuint (len, <=, MADO_JPKI_MAX_CERTIFICATE);
      g_assert_cmpuint (len, ==, ((gsize) bytes[2] << 8 | bytes[3]) + 4);
      cert = mado_certificate_new_from_der (bytes, len, &error);
      if (cert == NULL)
        {
          check_error (error);
          g_clear_error (&error);
        }
    }

  if (mado_jpki_query_pin (jpki, &status, &error))
    g_assert_true (status.verified || (status.tries_left >= 1 && status.tries_left <= 15));
  else
    {
      check_error (error);
      g_clear_error (&error);
    }

  if (cert != NULL)
    {
      g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
      g_autoptr(GBytes) signature = NULL;
      guint8 digest[32] = { 0 };

      signature = mado_jpki_prove (jpki, cert, digest, sizeof digest, pin, NULL, &error);
      if (signature == NULL)
        check_error (error);
      else
        g_assert_cmpuint (g_bytes_get_size (signature), ==, MADO_JPKI_SIGNATURE_LEN);
      g_assert_false (mado_scripted_transport_get_in_transaction (card));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  gsize total = 0;
  g_autoptr(GError) error = NULL;

  if (mado_jpki_parse_der_header (data, size, &total, &error))
    g_assert_true (total >= 0x104 && total <= MADO_JPKI_MAX_CERTIFICATE);
  else
    check_error (error);

  fuzz_transmit (data, size);
  fuzz_flows (data, size);
  return 0;
}
