/* mado-pin-page.h — the resident types the 4-digit PIN
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_PIN_PAGE (mado_pin_page_get_type ())
G_DECLARE_FINAL_TYPE (MadoPinPage, mado_pin_page, MADO, PIN_PAGE, AdwBin)

GtkWidget *mado_pin_page_new               (void);
void       mado_pin_page_prepare           (MadoPinPage *self,
                                            guint        tries_left,
                                            gboolean     visual_offered,
                                            const char  *problem);
void       mado_pin_page_set_busy          (MadoPinPage *self,
                                            gboolean     busy);
void       mado_pin_page_reset             (MadoPinPage *self);
MadoPin   *mado_pin_page_take_pin          (MadoPinPage *self);
gboolean   mado_pin_page_handle_key        (MadoPinPage *self,
                                            guint        keyval);
gboolean   mado_pin_page_get_entry_enabled (MadoPinPage *self);
gsize      mado_pin_page_get_length        (MadoPinPage *self);
void       mado_pin_page_set_pin_pad       (MadoPinPage *self,
                                            gboolean     pin_pad);
gboolean   mado_pin_page_get_pin_pad       (MadoPinPage *self);
gboolean   mado_pin_page_get_pin_pad_waiting (MadoPinPage *self);
guint      mado_pin_page_get_tries_left    (MadoPinPage *self);
gboolean   mado_pin_page_get_needs_acknowledgement (MadoPinPage *self);
gboolean   mado_pin_page_get_busy          (MadoPinPage *self);

void       mado_pin_page_show_typed        (GtkLabel    *dots_label,
                                            GtkWidget   *entry,
                                            gsize        typed);

G_END_DECLS
