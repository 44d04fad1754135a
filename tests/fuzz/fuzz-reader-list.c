/* fuzz-reader-list.c — PC/SC's reader-name lists, and choosing a reader from them
 *
 * Input: the multi-string as SCardListReaders() would fill it (its length
 * is the input's). The names are then given states from the same bytes
 * and the reader monitor's rule picks one, pinned to the first name or not.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "card/mado-pcsc-context.h"
#include "card/mado-reader-monitor-private.h"
#include "fuzz-target.h"

static void
check_choice (GPtrArray     *names,
              const uint8_t *data,
              size_t         size)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_reader_info_free);
  const char *pinned = names->len > 0 ? g_ptr_array_index (names, 0) : NULL;
  const MadoReaderInfo *chosen;

  for (guint i = 0; i < names->len; i++)
    {
      guint8 flags = size > 0 ? data[i % size] : 0;

      g_ptr_array_add (infos, mado_reader_info_new (g_ptr_array_index (names, i),
                                                    (MadoReaderState) (flags % (MADO_READER_STATE_CARD_MUTE + 1)),
                                                    NULL, flags >> 4));
    }
  /* Automatic: some reader whenever there is one. */
  chosen = mado_reader_monitor_choose_reader (infos, NULL, pinned);
  g_assert ((chosen != NULL) == (names->len > 0));
  /* The same picture twice: no card came or went. */
  g_assert (mado_reader_monitor_card_events (chosen, chosen) == 0);
  /* Pinned: that reader and no other. */
  chosen = mado_reader_monitor_choose_reader (infos, pinned, NULL);
  g_assert (chosen == NULL || g_str_equal (chosen->name, pinned));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) names = mado_pcsc_context_parse_reader_list ((const char *) data, size);
  gsize used = 0;

  g_assert (names != NULL);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gsize n = strlen (name);

      /* Nothing read past the end: every name lies within the input. */
      g_assert (n > 0);
      g_assert (used + n <= size && memcmp (data + used, name, n) == 0);
      used += n + 1;
    }
  check_choice (names, data, size);
  g_ptr_array_unref (mado_pcsc_context_parse_reader_list (NULL, size));
  return 0;
}
