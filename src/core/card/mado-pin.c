/* mado-pin.c — the resident's PIN, in locked memory, for one VERIFY
 *
 * The PIN lives in one anonymous page of its own, locked against swapping
 * and left out of core dumps, from the first key press to the VERIFY
 * command; it is wiped before the page is given back. Nothing here ever
 * formats the digits into a string: they leave only through
 * mado_pin_copy_digits(), into the caller's APDU buffer.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mado-card-error.h"
#include "mado-error.h"
#include "mado-pin.h"

/* --pin-fd hands over at most a PIN and a line end; anything longer is not
 * a PIN and is not read further. */
#define MAX_FD_BYTES (MADO_PIN_CAPACITY + 2)

struct _MadoPin
{
  gsize  page_size;
  gsize  length;
  guint  overflow : 1;
  guint  locked : 1;
  guint8 digits[MADO_PIN_CAPACITY];
};

static void
set_format_error (GError **error)
{
  mado_error_set (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT);
}

/**
 * mado_pin_new:
 *
 * Returns: (transfer full): an empty PIN in a locked page; free it with
 *   mado_pin_free()
 */
MadoPin *
mado_pin_new (void)
{
  long page_size = sysconf (_SC_PAGESIZE);
  gsize size = page_size > 0 ? (gsize) page_size : 4096;
  MadoPin *pin;
  void *page;

  G_STATIC_ASSERT (sizeof (MadoPin) <= 4096);

  page = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED)
    g_error ("cannot map a page for the PIN: %s", g_strerror (errno));

  pin = page;
  pin->page_size = size;
  if (mlock (page, size) == 0)
    pin->locked = TRUE;
  else
    g_debug ("PIN page not locked (%s); it may be swapped", g_strerror (errno));
#ifdef MADV_DONTDUMP
  if (madvise (page, size, MADV_DONTDUMP) != 0)
    g_debug ("PIN page not excluded from core dumps: %s", g_strerror (errno));
#endif
  return pin;
}

/**
 * mado_pin_new_from_fd:
 * @fd: a readable file descriptor (a pipe for `--pin-fd`)
 * @error: return location for a #MadoCardError
 *
 * Reads the PIN straight into the locked page, one byte at a time, up to
 * a line end or the end of the input. A trailing "\n" (or "\r\n") is
 * dropped. Input longer than a PIN and its line end is refused without
 * reading further. The result is not validated: mado_pin_validate() is.
 *
 * Returns: (transfer full) (nullable): the PIN, or %NULL with @error set
 */
MadoPin *
mado_pin_new_from_fd (int      fd,
                      GError **error)
{
  g_autoptr(MadoPin) pin = mado_pin_new ();
  gsize total = 0;

  for (;;)
    {
      guint8 *slot = pin->digits + MIN (pin->length, (gsize) MADO_PIN_CAPACITY - 1);
      ssize_t got;

      if (total >= MAX_FD_BYTES)
        {
          set_format_error (error);
          return NULL;
        }
      got = read (fd, slot, 1);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("The PIN could not be read from file descriptor %d: %s"),
                       fd, g_strerror (saved));
          return NULL;
        }
      if (got == 0)
        break;
      total++;
      if (*slot == '\n')
        {
          *slot = 0;
          break;
        }
      if (pin->length >= MADO_PIN_CAPACITY)
        pin->overflow = TRUE;
      else
        pin->length++;
    }
  if (!pin->overflow && pin->length > 0 && pin->digits[pin->length - 1] == '\r')
    {
      pin->length--;
      pin->digits[pin->length] = 0;
    }
  return g_steal_pointer (&pin);
}

/**
 * mado_pin_free:
 * @pin: (nullable): a #MadoPin
 *
 * Wipes the digits and gives the page back.
 */
void
mado_pin_free (MadoPin *pin)
{
  gsize size;
  gboolean locked;

  if (pin == NULL)
    return;
  size = pin->page_size;
  locked = pin->locked;
  OPENSSL_cleanse (pin, size);
  if (locked)
    munlock (pin, size);
  munmap (pin, size);
}

/**
 * mado_pin_append:
 * @pin: a #MadoPin
 * @byte: the next key the resident pressed
 *
 * Any byte is taken (validation comes before use); beyond
 * %MADO_PIN_CAPACITY the PIN is marked too long.
 *
 * Returns: %FALSE when the buffer is full
 */
gboolean
mado_pin_append (MadoPin *pin,
                 char     byte)
{
  g_return_val_if_fail (pin != NULL, FALSE);

  if (pin->length >= MADO_PIN_CAPACITY)
    {
      pin->overflow = TRUE;
      return FALSE;
    }
  pin->digits[pin->length++] = (guint8) byte;
  return TRUE;
}

/**
 * mado_pin_backspace:
 * @pin: a #MadoPin
 *
 * Forgets the last key.
 */
void
mado_pin_backspace (MadoPin *pin)
{
  g_return_if_fail (pin != NULL);

  if (pin->overflow)
    return;
  if (pin->length > 0)
    pin->digits[--pin->length] = 0;
}

/**
 * mado_pin_clear:
 * @pin: a #MadoPin
 *
 * Wipes what was typed.
 */
void
mado_pin_clear (MadoPin *pin)
{
  g_return_if_fail (pin != NULL);

  OPENSSL_cleanse (pin->digits, sizeof pin->digits);
  pin->length = 0;
  pin->overflow = FALSE;
}

/**
 * mado_pin_get_length:
 * @pin: a #MadoPin
 *
 * Returns: how many keys were typed (for showing dots), never the digits
 */
gsize
mado_pin_get_length (const MadoPin *pin)
{
  g_return_val_if_fail (pin != NULL, 0);
  return pin->length;
}

/**
 * mado_pin_validate:
 * @pin: (nullable): a #MadoPin
 * @error: return location for %MADO_CARD_ERROR_PIN_FORMAT
 *
 * A PIN is exactly %MADO_PIN_DIGITS ASCII digits: fullwidth or other
 * Unicode digits are refused, as are empty PINs (an empty VERIFY would be
 * the tries-left query).
 *
 * Returns: %TRUE when the PIN may be sent
 */
gboolean
mado_pin_validate (const MadoPin *pin,
                   GError       **error)
{
  if (pin == NULL || pin->overflow || pin->length != MADO_PIN_DIGITS)
    {
      set_format_error (error);
      return FALSE;
    }
  for (gsize i = 0; i < pin->length; i++)
    {
      if (pin->digits[i] < '0' || pin->digits[i] > '9')
        {
          set_format_error (error);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * mado_pin_copy_digits:
 * @pin: a #MadoPin
 * @dest: (out caller-allocates) (array length=dest_len): where the digits go
 * @dest_len: room at @dest; at least %MADO_PIN_DIGITS
 * @error: return location for %MADO_CARD_ERROR_PIN_FORMAT
 *
 * Validates, then copies the %MADO_PIN_DIGITS digits into an APDU buffer.
 * The caller wipes @dest with OPENSSL_cleanse() once the APDU is sent.
 *
 * Returns: %TRUE when the digits were copied
 */
gboolean
mado_pin_copy_digits (const MadoPin *pin,
                      guint8        *dest,
                      gsize          dest_len,
                      GError       **error)
{
  g_return_val_if_fail (dest != NULL && dest_len >= MADO_PIN_DIGITS, FALSE);

  if (!mado_pin_validate (pin, error))
    return FALSE;
  memcpy (dest, pin->digits, MADO_PIN_DIGITS);
  return TRUE;
}
