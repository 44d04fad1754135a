/* mado-reception-error.h — how a visit can end without the hub's answer, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_RECEPTION_ERROR (mado_reception_error_quark ())

/**
 * MadoReceptionError:
 * @MADO_RECEPTION_ERROR_WRONG_STATE: a step was asked for in a state that does not offer it
 * @MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED: the site configuration does not allow this
 *   identity check (or, for the PIN, the card's PIN is blocked)
 * @MADO_RECEPTION_ERROR_CERTIFICATE_NOT_TRUSTED: offline, the card certificate failed the
 *   terminal's own check (untrusted issuer, expired, not yet valid, or no trust anchors)
 * @MADO_RECEPTION_ERROR_NO_CACHED_DATA: offline, and nothing is cached for this card
 * @MADO_RECEPTION_ERROR_CONSENT_REQUIRED: no category was consented to
 */
typedef enum {
  MADO_RECEPTION_ERROR_WRONG_STATE,
  MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED,
  MADO_RECEPTION_ERROR_CERTIFICATE_NOT_TRUSTED,
  MADO_RECEPTION_ERROR_NO_CACHED_DATA,
  MADO_RECEPTION_ERROR_CONSENT_REQUIRED,
} MadoReceptionError;

GQuark mado_reception_error_quark (void);

G_END_DECLS
