/* mado-cues.h — short sound cues at the points of a visit the desk listens for
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The visit flow calls mado_cues_play() and knows nothing about sound; the
 * implementation decides what a cue sounds like.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * MadoCue:
 * @MADO_CUE_CARD_READ: the card was read; the resident may type the PIN
 * @MADO_CUE_PIN_WRONG: the card refused the PIN
 * @MADO_CUE_CONFIRMED: the resident screen is up (fresh or cached)
 */
typedef enum {
  MADO_CUE_CARD_READ,
  MADO_CUE_PIN_WRONG,
  MADO_CUE_CONFIRMED,
} MadoCue;

void            mado_cues_play            (MadoCue cue);
guint           mado_cues_get_play_count  (MadoCue cue);
GtkMediaStream *mado_cues_get_stream      (MadoCue cue);

G_END_DECLS
