/* mado-venue-records.h — the venue screens' way to the desk's records: save, list, propose
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "madoguchi-core.h"
#include "flow/mado-venue-recorder.h"
#include "store/mado-store-records.h"

G_BEGIN_DECLS

/**
 * MadoVenueRow:
 * @record_id: the local record's ID
 * @kind: `vaccination`, `judgement` or `correction`
 * @resident_ref: whose
 * @resident_name: (nullable): for the desk's list
 * @vaccine: (nullable): the product's name (vaccination) or the 予診票's vaccine (judgement)
 * @description: what the row says after the vaccine: dose and lot, or the decision
 * @lot: (nullable): the lot (vaccination)
 * @author: (nullable): who recorded or signed it
 * @at: when
 * @state: how far delivery got
 * @refusal: (nullable): the hub's reason, when refused
 * @corrected: a later correction marks it entered in error
 * @examination_only: a judgement that ends the visit as 予診のみ
 *
 * One of this desk's records as the venue screens list it.
 */
typedef struct {
  char            *record_id;
  char            *kind;
  char            *resident_ref;
  char            *resident_name;
  char            *vaccine;
  char            *description;
  char            *lot;
  char            *author;
  GDateTime       *at;
  MadoDelivery     state;
  char            *refusal;
  gboolean         corrected;
  gboolean         examination_only;
} MadoVenueRow;

void                      mado_venue_row_free                   (MadoVenueRow             *row);
char                     *mado_venue_row_describe_state         (const MadoVenueRow       *row,
                                                                 gboolean                  offline);

MadoResidentBundle       *mado_venue_records_copy_bundle        (const MadoResidentBundle *bundle);
const char               *mado_venue_records_staff_name         (MadoStaffSession         *staff);
MadoStore                *mado_venue_records_author_and_store   (GtkWidget                *widget,
                                                                 MadoStaffSession        **staff,
                                                                 GError                  **error);
const MadoVaccineProduct *mado_venue_records_propose_product    (const MadoResidentBundle *bundle);
const char               *mado_venue_records_questionnaire_for  (const MadoResidentBundle *bundle,
                                                                 const MadoVaccineProduct *product);
gboolean                  mado_venue_records_save_judgement     (GtkWidget                *widget,
                                                                 const MadoResidentBundle *bundle,
                                                                 MadoJudgement            *judgement,
                                                                 GError                  **error);
GPtrArray                *mado_venue_records_check              (GtkWidget                *widget,
                                                                 const MadoResidentBundle *bundle,
                                                                 const MadoVaccination    *vaccination,
                                                                 GError                  **error);
guint                     mado_venue_records_propose_dose       (GtkWidget                *widget,
                                                                 const MadoResidentBundle *bundle,
                                                                 const MadoVaccineProduct *product);
gboolean                  mado_venue_records_save_vaccination   (GtkWidget                *widget,
                                                                 const MadoResidentBundle *bundle,
                                                                 MadoVaccination          *vaccination,
                                                                 GError                  **error);
GPtrArray                *mado_venue_records_list_today        (GtkWidget                *widget,
                                                                 const char               *resident_ref,
                                                                 GError                  **error);
GPtrArray                *mado_venue_records_report            (GtkWidget                *widget,
                                                                 GError                  **error);
gboolean                  mado_venue_records_correct            (GtkWidget                *widget,
                                                                 const char               *record_id,
                                                                 const char               *reason,
                                                                 GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoVenueRow, mado_venue_row_free)

G_END_DECLS
