/* mado-pcsc-context.c — PC/SC contexts, reader lists and PC/SC error codes
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-error.h"
#include "mado-pcsc-context.h"
#include "mado-reader-monitor-private.h"

/* A reader list longer than this is not a reader list. */
#define MAX_READER_LIST_CHARS (64 * 1024)

/**
 * mado_pcsc_context_error_code:
 * @rv: a pcsc-lite return code other than %SCARD_S_SUCCESS
 * @mid_operation: whether a card connection was already established; then a
 *   missing card means it was taken away, not that it was never there
 *
 * Returns: the named error for @rv
 */
MadoCardError
mado_pcsc_context_error_code (LONG     rv,
                              gboolean mid_operation)
{
  switch (rv)
    {
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
      return MADO_CARD_ERROR_SERVICE_NOT_RUNNING;
    case SCARD_E_NO_READERS_AVAILABLE:
      return MADO_CARD_ERROR_NO_READER;
    case SCARD_E_NO_SMARTCARD:
    case SCARD_W_REMOVED_CARD:
      return mid_operation ? MADO_CARD_ERROR_CARD_REMOVED : MADO_CARD_ERROR_NO_CARD;
    case SCARD_W_UNRESPONSIVE_CARD:
    case SCARD_W_UNPOWERED_CARD:
      return MADO_CARD_ERROR_CARD_MUTE;
    case SCARD_E_READER_UNAVAILABLE:
    case SCARD_E_UNKNOWN_READER:
      return MADO_CARD_ERROR_READER_GONE;
    case SCARD_W_RESET_CARD:
      return MADO_CARD_ERROR_CARD_RESET;
    default:
      return MADO_CARD_ERROR_FAILED;
    }
}

/**
 * mado_pcsc_context_is_service_error:
 *
 * Returns: whether @rv means the PC/SC context is no longer usable and has
 *   to be established again (the daemon stopped or restarted)
 */
gboolean
mado_pcsc_context_is_service_error (LONG rv)
{
  return rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED ||
         rv == SCARD_F_COMM_ERROR || rv == SCARD_E_INVALID_HANDLE;
}

/**
 * mado_pcsc_context_set_error:
 * @error: (nullable): where to put the error
 * @rv: the pcsc-lite return code
 * @mid_operation: see mado_pcsc_context_error_code()
 * @operation: the PC/SC call that failed, for the log
 *
 * Sets @error to the named error for @rv with advice for staff; the raw
 * code goes to the debug log only.
 *
 * Returns: %FALSE, so that callers can `return mado_pcsc_context_set_error (…)`
 */
gboolean
mado_pcsc_context_set_error (GError    **error,
                             LONG        rv,
                             gboolean    mid_operation,
                             const char *operation)
{
  MadoCardError code = mado_pcsc_context_error_code (rv, mid_operation);

  g_debug ("PC/SC: %s failed: %s (0x%08lX)", operation,
           pcsc_stringify_error (rv), (unsigned long) (DWORD) rv);
  mado_error_set (error, MADO_CARD_ERROR, code);
  return FALSE;
}

/**
 * mado_pcsc_context_state_from_flags:
 * @event_state: a reader's dwEventState from SCardGetStatusChange()
 *
 * Returns: what the desk should be told about that reader
 */
MadoReaderState
mado_pcsc_context_state_from_flags (DWORD event_state)
{
  if (event_state & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE))
    return MADO_READER_STATE_NO_READER;
  if (event_state & SCARD_STATE_PRESENT)
    return (event_state & SCARD_STATE_MUTE) ? MADO_READER_STATE_CARD_MUTE
                                            : MADO_READER_STATE_CARD_PRESENT;
  if (event_state & SCARD_STATE_EMPTY)
    return MADO_READER_STATE_READER_EMPTY;
  return MADO_READER_STATE_UNKNOWN;
}

/**
 * mado_pcsc_context_event_count:
 *
 * pcsc-lite counts card insertions and removals per reader in the upper 16
 * bits of dwEventState: a card taken away and put back between two looks
 * still changes it.
 *
 * Returns: the event counter in @event_state
 */
guint
mado_pcsc_context_event_count (DWORD event_state)
{
  return (guint) ((event_state >> 16) & 0xFFFF);
}

/**
 * mado_pcsc_context_atr_to_hex:
 *
 * Returns: (transfer full) (nullable): @atr as upper-case hex, %NULL when empty
 */
char *
mado_pcsc_context_atr_to_hex (const guint8 *atr,
                              gsize         atr_len)
{
  GString *hex;

  if (atr == NULL || atr_len == 0)
    return NULL;

  hex = g_string_sized_new (atr_len * 2);
  for (gsize i = 0; i < atr_len; i++)
    g_string_append_printf (hex, "%02X", atr[i]);
  return g_string_free (hex, FALSE);
}

/**
 * mado_pcsc_context_establish:
 * @out_context: (out): the new context, to be released with SCardReleaseContext()
 *
 * Returns: %TRUE on success; else @error is set (%MADO_CARD_ERROR_SERVICE_NOT_RUNNING
 *   when pcscd is not there)
 */
gboolean
mado_pcsc_context_establish (SCARDCONTEXT *out_context,
                             GError      **error)
{
  LONG rv;

  g_return_val_if_fail (out_context != NULL, FALSE);

  rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, out_context);
  if (rv != SCARD_S_SUCCESS)
    return mado_pcsc_context_set_error (error, rv, FALSE, "SCardEstablishContext");
  return TRUE;
}

/**
 * mado_pcsc_context_parse_reader_list:
 * @multi_string: PC/SC's list of NUL-terminated names ended by an empty one
 * @len: its length in bytes as SCardListReaders() reported it
 *
 * Reads no byte beyond @len, whether or not the final terminators are there.
 *
 * Returns: (transfer full) (element-type utf8): the reader names
 */
GPtrArray *
mado_pcsc_context_parse_reader_list (const char *multi_string,
                                     gsize       len)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gsize pos = 0;

  while (multi_string != NULL && pos < len && multi_string[pos] != '\0')
    {
      gsize end = pos;

      while (end < len && multi_string[end] != '\0')
        end++;
      g_ptr_array_add (names, g_strndup (multi_string + pos, end - pos));
      pos = end + 1;
    }
  return names;
}

/**
 * mado_pcsc_context_list_readers:
 *
 * Returns: (transfer full) (element-type utf8): the names of the attached
 *   readers, empty when there is none; %NULL with @error set on failure
 */
GPtrArray *
mado_pcsc_context_list_readers (SCARDCONTEXT context,
                                GError     **error)
{
  g_autofree char *buffer = NULL;
  DWORD len = 0;
  LONG rv;

  rv = SCardListReaders (context, NULL, NULL, &len);
  if (rv == SCARD_E_NO_READERS_AVAILABLE)
    return g_ptr_array_new_with_free_func (g_free);
  if (rv != SCARD_S_SUCCESS)
    {
      mado_pcsc_context_set_error (error, rv, FALSE, "SCardListReaders");
      return NULL;
    }
  if (len == 0 || len > MAX_READER_LIST_CHARS)
    {
      mado_pcsc_context_set_error (error, SCARD_F_UNKNOWN_ERROR, FALSE,
                                   "SCardListReaders (length)");
      return NULL;
    }

  buffer = g_malloc0 (len);
  rv = SCardListReaders (context, NULL, buffer, &len);
  if (rv == SCARD_E_NO_READERS_AVAILABLE)
    return g_ptr_array_new_with_free_func (g_free);
  if (rv != SCARD_S_SUCCESS)
    {
      mado_pcsc_context_set_error (error, rv, FALSE, "SCardListReaders");
      return NULL;
    }

  return mado_pcsc_context_parse_reader_list (buffer, len);
}

/* Looks once at every reader through @context, for a caller that goes on
 * to connect through the same context. Returns one MadoReaderInfo per
 * reader; %NULL with @error set when pcscd cannot be asked. */
static GPtrArray *
dup_reader_infos_in (SCARDCONTEXT context,
                     GError     **error)
{
  g_autoptr(GPtrArray) names = mado_pcsc_context_list_readers (context, error);
  g_autofree SCARD_READERSTATE *states = NULL;
  GPtrArray *infos;
  LONG rv;

  if (names == NULL)
    return NULL;
  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_reader_info_free);
  if (names->len == 0)
    return infos;

  states = g_new0 (SCARD_READERSTATE, names->len);
  for (guint i = 0; i < names->len; i++)
    states[i].szReader = g_ptr_array_index (names, i);

  rv = SCardGetStatusChange (context, 0, states, names->len);
  if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT)
    {
      g_ptr_array_unref (infos);
      mado_pcsc_context_set_error (error, rv, FALSE, "SCardGetStatusChange");
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      DWORD atr_len = MIN (states[i].cbAtr, (DWORD) sizeof states[i].rgbAtr);
      DWORD flags = states[i].dwEventState;
      g_autofree char *atr_hex = mado_pcsc_context_atr_to_hex (states[i].rgbAtr, atr_len);

      g_ptr_array_add (infos,
                       mado_reader_info_new (states[i].szReader,
                                             mado_pcsc_context_state_from_flags (flags), atr_hex,
                                             mado_pcsc_context_event_count (flags)));
    }
  return infos;
}

/**
 * mado_pcsc_context_dup_reader_infos:
 *
 * Looks once at every reader, with a context of its own: for diagnostics
 * and `madoguchi-cli readers`, where no monitor runs.
 *
 * Returns: (transfer full) (element-type MadoReaderInfo): one entry per
 *   reader; %NULL with @error set when pcscd cannot be asked
 */
GPtrArray *
mado_pcsc_context_dup_reader_infos (GError **error)
{
  SCARDCONTEXT context;
  GPtrArray *infos;

  if (!mado_pcsc_context_establish (&context, error))
    return NULL;
  infos = dup_reader_infos_in (context, error);
  SCardReleaseContext (context);
  return infos;
}

static MadoCardError
card_error_for_state (MadoReaderState state)
{
  switch (state)
    {
    case MADO_READER_STATE_SERVICE_NOT_RUNNING: return MADO_CARD_ERROR_SERVICE_NOT_RUNNING;
    case MADO_READER_STATE_NO_READER:           return MADO_CARD_ERROR_NO_READER;
    case MADO_READER_STATE_READER_EMPTY:        return MADO_CARD_ERROR_NO_CARD;
    case MADO_READER_STATE_CARD_MUTE:           return MADO_CARD_ERROR_CARD_MUTE;
    case MADO_READER_STATE_CARD_PRESENT:
    case MADO_READER_STATE_UNKNOWN:
    default:                                    return MADO_CARD_ERROR_FAILED;
    }
}

/**
 * mado_pcsc_context_choose_reader_in:
 * @context: an established PC/SC context
 * @pinned: (nullable): the reader staff pinned by name, or %NULL for automatic
 *
 * Picks the reader to use for one card operation, by the same rule as the
 * reader monitor: the pinned reader and only it, or else the first reader
 * with a card on it.
 *
 * Returns: (transfer full) (nullable): the reader's name; %NULL with @error
 *   naming why no card can be used (service, no reader, empty, mute)
 */
char *
mado_pcsc_context_choose_reader_in (SCARDCONTEXT  context,
                                    const char   *pinned,
                                    GError      **error)
{
  g_autoptr(GPtrArray) readers = dup_reader_infos_in (context, error);
  const MadoReaderInfo *chosen;
  MadoReaderState state;

  if (readers == NULL)
    return NULL;

  chosen = mado_reader_monitor_choose_reader (readers, pinned, NULL);
  state = mado_reader_monitor_derive_state (TRUE, chosen);
  if (state == MADO_READER_STATE_CARD_PRESENT)
    return g_strdup (chosen->name);

  if (state == MADO_READER_STATE_NO_READER && pinned != NULL && *pinned != '\0')
    g_set_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER,
                 _("The pinned card reader “%s” is not connected. Connect it, or choose "
                   "another reader in the preferences."), pinned);
  else
    mado_error_set (error, MADO_CARD_ERROR, card_error_for_state (state));
  return NULL;
}
