/* mado-handoff-slip.h — the printed hand-off slip and the QR code's drawing
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

typedef struct _MadoHandoffSlip MadoHandoffSlip;

MadoHandoffSlip   *mado_handoff_slip_new              (const MadoResidentBundle *bundle,
                                                       const GDate              *today,
                                                       GDateTime                *checked_at);
void               mado_handoff_slip_free             (MadoHandoffSlip          *slip);
const MadoQr      *mado_handoff_slip_get_qr           (MadoHandoffSlip          *slip);
const char        *mado_handoff_slip_get_text         (MadoHandoffSlip          *slip);
void               mado_handoff_slip_draw_qr          (cairo_t                  *cr,
                                                       const MadoQr             *qr,
                                                       double                    x,
                                                       double                    y,
                                                       double                    size);
GtkPrintOperation *mado_handoff_slip_create_operation (MadoHandoffSlip          *slip);
gboolean           mado_handoff_slip_export_pdf       (MadoHandoffSlip          *slip,
                                                       const char               *path,
                                                       GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHandoffSlip, mado_handoff_slip_free)

G_END_DECLS
