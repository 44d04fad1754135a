/* mado-first-frame.h — work that waits for a window's first frame
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _MadoFirstFrame MadoFirstFrame;

MadoFirstFrame *mado_first_frame_new  (GtkWidget       *widget,
                                       guint            latest_ms,
                                       GSourceOnceFunc  func,
                                       gpointer         data);
void            mado_first_frame_free (MadoFirstFrame  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoFirstFrame, mado_first_frame_free)

G_END_DECLS
