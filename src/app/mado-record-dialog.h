/* mado-record-dialog.h — record the vaccination given: vaccine, dose, lot from a scan, site, time
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_RECORD_DIALOG (mado_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MadoRecordDialog, mado_record_dialog, MADO, RECORD_DIALOG, AdwWindow)

MadoRecordDialog *mado_record_dialog_present    (GtkWindow                *parent,
                                                const MadoResidentBundle *bundle);
guint             mado_record_dialog_overrides (MadoRecordDialog         *self);
gboolean          mado_record_dialog_save      (MadoRecordDialog         *self);

G_END_DECLS
