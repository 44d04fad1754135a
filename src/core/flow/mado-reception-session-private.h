/* mado-reception-session-private.h — hooks for the session's tests; not for the app
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-reception-session.h"

G_BEGIN_DECLS

/* The 32 bytes the card signs when the hub cannot give a challenge, instead
 * of fresh random ones: a scripted card must know the digest beforehand. */
void mado_reception_session_set_local_nonce (MadoReceptionSession *self,
                                             GBytes               *nonce);

G_END_DECLS
