/* mado-handoff-slip.h — the hand-off slip: its content, its drawing with cairo and pango, its PDF
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "mado-handoff.h"
#include "mado-qr.h"

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
void               mado_handoff_slip_draw             (MadoHandoffSlip          *slip,
                                                       cairo_t                  *cr,
                                                       double                    width);
gboolean           mado_handoff_slip_write_pdf        (MadoHandoffSlip          *slip,
                                                       const char               *path,
                                                       gboolean                  overwrite,
                                                       GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHandoffSlip, mado_handoff_slip_free)

G_END_DECLS
