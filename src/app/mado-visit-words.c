/* mado-visit-words.c — what the desk window says when a visit stops, and while it waits for a card
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window renders states; the words for them live here, so that the
 * window stays about wiring. Each hint says what staff do next.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-visit-words.h"

/**
 * mado_visit_words_for_failure:
 * @error: (nullable): why the visit stopped
 * @title: (out): the problem page's title
 * @hint: (out): what staff do next
 */
void
mado_visit_words_for_failure (const GError  *error,
                              const char   **title,
                              const char   **hint)
{
  if (g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED))
    {
      *title = _("This card's PIN is locked");
      *hint = _("The resident can have the PIN reset at their city office (市区町村の窓口) "
                "with this card and a photo ID. Press Done, then take the card off the reader.");
    }
  else if (g_error_matches (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_NO_CACHED_DATA))
    {
      *title = _("No saved information for this card");
      *hint = _("The hub cannot be reached and this card was never checked at this desk "
                "while it could. Ask for the paper certificates today; the next visit "
                "with the hub online fills the cache.");
    }
  else if (mado_error_refuses_card (error))
    {
      *title = _("This card cannot be used today");
      *hint = _("Placing the card again will not help. Give the card back: the resident "
                "can have its certificate renewed or reissued at their city office "
                "(市区町村の窓口). Use the paper certificates today, then press Done.");
    }
  else
    {
      *title = _("The visit stopped");
      *hint = _("Do what the message says, press Done, then place the card again.");
    }
}

/**
 * mado_visit_words_for_idle:
 * @card_present: the reader reports a card, as the status bar says
 * @closed_by_lock: the last resident's screen was closed when the desk
 *   locked or was signed out
 * @title: (out): the idle page's title
 * @description: (out) (transfer full): its description
 */
void
mado_visit_words_for_idle (gboolean     card_present,
                           gboolean     closed_by_lock,
                           const char **title,
                           char       **description)
{
  const char *what = card_present
    ? _("Read it again to show this resident once more, or take it off the reader for the next one.")
    : _("The card is read without a PIN. The resident types the PIN next.");

  *title = card_present ? _("A card is on the reader")
                        : _("Place the My Number Card on the reader");
  if (closed_by_lock)
    *description = g_strdup_printf ("%s\n%s",
                                    _("The desk was locked, so the last resident's screen was "
                                      "closed: nobody else may see it."),
                                    what);
  else
    *description = g_strdup (what);
}
