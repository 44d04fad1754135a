/* mado-display-text.h — text from the hub or the card made safe to show
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MadoDisplayText:
 * @MADO_DISPLAY_TEXT_LINE: one line: no line break, no tab
 * @MADO_DISPLAY_TEXT_LINES: free text: line feeds and tabs are kept
 *
 * Where a string will be shown.
 */
typedef enum {
  MADO_DISPLAY_TEXT_LINE,
  MADO_DISPLAY_TEXT_LINES,
} MadoDisplayText;

gboolean  mado_display_text_is_safe   (gunichar         c,
                                       MadoDisplayText  kind);
char     *mado_display_text_sanitize  (const char      *text,
                                       gssize           length,
                                       MadoDisplayText  kind);

G_END_DECLS
