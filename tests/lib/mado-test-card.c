/* mado-test-card.c — scripts of a My Number Card's JPKI application for the scripted card
 *
 * The commands and answers docs/card.md describes, as a card that behaves
 * gives them: unit tests of the JPKI application and of the reception
 * session script the same card.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-test-card.h"

#define SELECT_AP   "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01"
#define SELECT_0006 "00 A4 02 0C 02 00 06"
#define SELECT_000A "00 A4 02 0C 02 00 0A"
#define SELECT_0017 "00 A4 02 0C 02 00 17"
#define OK          "90 00"

/* What is left after the certificate in its file (EF 000A). */
#define FILLER_LEN 300

/**
 * mado_test_card_expect_label:
 * @label: what the token information file (EF 0006) says, up to 32 bytes
 *
 * Scripts SELECT EF 0006 and the READ BINARY of its 32 bytes, padded with
 * spaces.
 */
void
mado_test_card_expect_label (MadoScriptedTransport *card,
                             const char            *label)
{
  guint8 answer[34];

  memset (answer, ' ', 32);
  memcpy (answer, label, strlen (label));
  answer[32] = 0x90;
  answer[33] = 0x00;
  mado_scripted_transport_expect (card, SELECT_0006, OK);
  mado_scripted_transport_expect_bytes (card, (const guint8 *) "\x00\xB0\x00\x00\x20", 5,
                                        answer, sizeof answer);
}

/**
 * mado_test_card_expect_select:
 *
 * Scripts selecting the JPKI application of a card (`JPKIAPICCTOKEN2`).
 */
void
mado_test_card_expect_select (MadoScriptedTransport *card)
{
  mado_scripted_transport_expect (card, SELECT_AP, OK);
  mado_test_card_expect_label (card, "JPKIAPICCTOKEN2");
}

/**
 * mado_test_card_with_filler:
 * @der: a certificate
 *
 * Returns: (transfer full): the content of EF 000A holding @der: the
 *   certificate, then 0xFF bytes
 */
GBytes *
mado_test_card_with_filler (GBytes *der)
{
  g_autoptr(GByteArray) content = g_byte_array_new ();
  guint8 filler[FILLER_LEN];

  memset (filler, 0xFF, sizeof filler);
  g_byte_array_append (content, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  g_byte_array_append (content, filler, sizeof filler);
  return g_byte_array_free_to_bytes (g_steal_pointer (&content));
}

/**
 * mado_test_card_expect_read_body:
 * @content: what the file holds (certificate and filler)
 * @cert_len: how long the certificate is
 *
 * Scripts READ BINARY of @content as card.md has it: 256 bytes, then what
 * the header says is left, 256 at a time.
 *
 * Returns: the number of READ BINARY commands
 */
guint
mado_test_card_expect_read_body (MadoScriptedTransport *card,
                                 GBytes                *content,
                                 gsize                  cert_len)
{
  const guint8 *data = g_bytes_get_data (content, NULL);
  guint reads = 0;

  for (gsize offset = 0; offset < cert_len; offset += 256, reads++)
    {
      gsize want = offset == 0 ? 256 : MIN ((gsize) 256, cert_len - offset);
      guint8 command[5] = { 0x00, 0xB0, offset >> 8, offset & 0xFF, want == 256 ? 0 : want };
      g_autoptr(GByteArray) answer = g_byte_array_new ();

      g_byte_array_append (answer, data + offset, want);
      g_byte_array_append (answer, (const guint8 *) "\x90\x00", 2);
      mado_scripted_transport_expect_bytes (card, command, 5, answer->data, answer->len);
    }
  return reads;
}

/**
 * mado_test_card_expect_read_certificate:
 * @der: the certificate the card holds
 *
 * Scripts SELECT EF 000A and the reads of @der.
 *
 * Returns: the number of commands scripted
 */
guint
mado_test_card_expect_read_certificate (MadoScriptedTransport *card,
                                        GBytes                *der)
{
  g_autoptr(GBytes) content = mado_test_card_with_filler (der);

  mado_scripted_transport_expect (card, SELECT_000A, OK);
  return 1 + mado_test_card_expect_read_body (card, content, g_bytes_get_size (der));
}

/**
 * mado_test_card_expect_sign:
 * @digest: the 32-byte SHA-256 digest the card is asked to sign
 * @signature: (nullable): what the card answers before its status word
 * @sw_hex: the status word, such as `9000`
 *
 * Scripts SELECT EF 0017 and COMPUTE DIGITAL SIGNATURE of @digest's
 * DigestInfo.
 */
void
mado_test_card_expect_sign (MadoScriptedTransport *card,
                            const guint8          *digest,
                            GBytes                *signature,
                            const char            *sw_hex)
{
  g_autoptr(GByteArray) command = g_byte_array_new ();
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  const guint8 prefix[] = {
    0x80, 0x2A, 0x00, 0x80, 0x33,
    0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
  };
  guint sw = (guint) g_ascii_strtoull (sw_hex, NULL, 16);
  guint8 sw_bytes[2] = { sw >> 8, sw & 0xFF };

  g_byte_array_append (command, prefix, sizeof prefix);
  g_byte_array_append (command, digest, 32);
  g_byte_array_append (command, (const guint8 *) "\x00", 1);
  if (signature != NULL)
    g_byte_array_append (answer, g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  g_byte_array_append (answer, sw_bytes, 2);

  mado_scripted_transport_expect (card, SELECT_0017, OK);
  mado_scripted_transport_expect_bytes (card, command->data, command->len, answer->data, answer->len);
}
