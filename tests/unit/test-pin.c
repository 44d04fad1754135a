/* test-pin.c — the PIN buffer: format, file descriptors, wiping
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "madoguchi-core.h"

static MadoPin *
pin_from (const char *text,
          gsize       len)
{
  MadoPin *pin = mado_pin_new ();

  for (gsize i = 0; i < len; i++)
    mado_pin_append (pin, text[i]);
  return pin;
}

static MadoPin *
pin_through_pipe (const char *text,
                  gsize       len,
                  GError    **error)
{
  int fds[2];
  MadoPin *pin;

  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], text, len), ==, (gssize) len);
  close (fds[1]);
  pin = mado_pin_new_from_fd (fds[0], error);
  close (fds[0]);
  return pin;
}

static void
test_format (void)
{
  struct { const char *text; gboolean valid; } cases[] = {
    { "1234", TRUE },
    { "0000", TRUE },
    { "123", FALSE },
    { "12345", FALSE },
    { "12a4", FALSE },
    { "", FALSE },
    { "12 4", FALSE },
    { "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94", FALSE },  /* fullwidth １２３４ */
    { "\xd9\xa1\xd9\xa2", FALSE },                                 /* Arabic-Indic ١٢ (4 bytes) */
    { "1234567890123456789", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoPin) pin = pin_from (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      guint8 digits[4] = { 0 };

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (mado_pin_validate (pin, &error), ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_true (mado_pin_copy_digits (pin, digits, sizeof digits, NULL));
          g_assert_cmpmem (digits, 4, cases[i].text, 4);
        }
      else
        {
          g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT);
          g_clear_error (&error);
          g_assert_false (mado_pin_copy_digits (pin, digits, sizeof digits, &error));
          g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT);
          g_assert_cmpmem (digits, 4, "\0\0\0\0", 4);
        }
    }
  g_assert_false (mado_pin_validate (NULL, NULL));
}

static void
test_editing (void)
{
  g_autoptr(MadoPin) pin = pin_from ("12345", 5);

  g_assert_false (mado_pin_validate (pin, NULL));
  mado_pin_backspace (pin);
  g_assert_cmpuint (mado_pin_get_length (pin), ==, 4);
  g_assert_true (mado_pin_validate (pin, NULL));
  mado_pin_clear (pin);
  g_assert_cmpuint (mado_pin_get_length (pin), ==, 0);
  g_assert_false (mado_pin_validate (pin, NULL));

  /* Past the capacity the PIN stays invalid, whatever is erased. */
  for (guint i = 0; i < MADO_PIN_CAPACITY + 3; i++)
    mado_pin_append (pin, '1');
  for (guint i = 0; i < MADO_PIN_CAPACITY; i++)
    mado_pin_backspace (pin);
  g_assert_false (mado_pin_validate (pin, NULL));
}

static void
test_from_fd (void)
{
  struct { const char *text; gboolean valid; } cases[] = {
    { "1234", TRUE },
    { "1234\n", TRUE },
    { "1234\r\n", TRUE },
    { "1234\nrest", TRUE },     /* reading stops at the line end */
    { "123\n", FALSE },
    { "12345\n", FALSE },
    { "\n", FALSE },
    { "", FALSE },
    { "12\n34", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoPin) pin = pin_through_pipe (cases[i].text, strlen (cases[i].text), &error);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_no_error (error);
      g_assert_nonnull (pin);
      g_assert_cmpint (mado_pin_validate (pin, NULL), ==, cases[i].valid);
    }
}

static void
test_from_fd_too_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPin) pin = NULL;
  char text[64];

  memset (text, '7', sizeof text);
  pin = pin_through_pipe (text, sizeof text, &error);
  g_assert_null (pin);
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT);
}

static void
test_from_bad_fd (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPin) pin = mado_pin_new_from_fd (-1, &error);

  g_assert_null (pin);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_BADF);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/card/pin/format", test_format);
  g_test_add_func ("/card/pin/editing", test_editing);
  g_test_add_func ("/card/pin/from-fd", test_from_fd);
  g_test_add_func ("/card/pin/from-fd-too-long", test_from_fd_too_long);
  g_test_add_func ("/card/pin/from-bad-fd", test_from_bad_fd);

  return g_test_run ();
}
