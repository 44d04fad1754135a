/* mado-pin.h — the resident's PIN, in locked memory, for one VERIFY
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The user-authentication PIN: exactly this many ASCII digits. */
#define MADO_PIN_DIGITS 4
/* What the buffer holds while the resident types: more than a PIN, so that
 * a wrong length can be reported instead of silently cut. */
#define MADO_PIN_CAPACITY 16

typedef struct _MadoPin MadoPin;

MadoPin  *mado_pin_new          (void);
MadoPin  *mado_pin_new_from_fd  (int             fd,
                                 GError        **error);
void      mado_pin_free         (MadoPin        *pin);
gboolean  mado_pin_append       (MadoPin        *pin,
                                 char            byte);
void      mado_pin_backspace    (MadoPin        *pin);
void      mado_pin_clear        (MadoPin        *pin);
gsize     mado_pin_get_length   (const MadoPin  *pin);
gboolean  mado_pin_validate     (const MadoPin  *pin,
                                 GError        **error);
gboolean  mado_pin_copy_digits  (const MadoPin  *pin,
                                 guint8         *dest,
                                 gsize           dest_len,
                                 GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoPin, mado_pin_free)

G_END_DECLS
