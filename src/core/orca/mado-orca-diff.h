/* mado-orca-diff.h — what the hub confirmed today against the 公費 ORCA holds
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-orca-patient.h"
#include "mado-resident-bundle.h"

G_BEGIN_DECLS

/**
 * MadoOrcaChangeKind:
 * @MADO_ORCA_CHANGE_ADD: ORCA lacks this 公費: it is added
 * @MADO_ORCA_CHANGE_UPDATE: ORCA holds it with another period or check date: it is updated
 * @MADO_ORCA_CHANGE_UNCHANGED: ORCA holds it as the hub confirmed it today
 */
typedef enum {
  MADO_ORCA_CHANGE_ADD,
  MADO_ORCA_CHANGE_UPDATE,
  MADO_ORCA_CHANGE_UNCHANGED,
} MadoOrcaChangeKind;

typedef struct {
  MadoOrcaChangeKind  kind;
  char               *payer_number;
  char               *recipient_number;
  char               *certification_name;  /* nullable */
  GDate               valid_from;
  GDate               valid_to;            /* cleared when open-ended */
  gboolean            has_max_copayment;
  gint64              max_copayment_monthly_yen;
  MadoOrcaPublic     *stored;              /* what ORCA holds; NULL for an addition */
} MadoOrcaChange;

typedef struct {
  char      *patient_id;
  GDate      today;
  GPtrArray *changes;   /* (element-type MadoOrcaChange) in the hub's order */
} MadoOrcaDiff;

const char   *mado_orca_change_kind_to_string (MadoOrcaChangeKind     kind);
void          mado_orca_change_free           (MadoOrcaChange        *change);
MadoOrcaDiff *mado_orca_diff_compute          (const MadoOrcaPatient *patient,
                                               GPtrArray             *subsidies,
                                               const GDate           *today);
void          mado_orca_diff_free             (MadoOrcaDiff          *diff);
guint         mado_orca_diff_count            (const MadoOrcaDiff    *diff,
                                               MadoOrcaChangeKind     kind);
gboolean      mado_orca_diff_has_changes      (const MadoOrcaDiff    *diff);
gboolean      mado_orca_diff_same             (const MadoOrcaDiff    *a,
                                               const MadoOrcaDiff    *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOrcaChange, mado_orca_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOrcaDiff, mado_orca_diff_free)

G_END_DECLS
