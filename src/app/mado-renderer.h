/* mado-renderer.h — the desk draws with GTK's cairo renderer, without OpenGL
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char **mado_renderer_environ (char  **envp,
                              guint   gtk_minor_version) G_GNUC_WARN_UNUSED_RESULT;
void   mado_renderer_choose  (void);

G_END_DECLS
