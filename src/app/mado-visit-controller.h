/* mado-visit-controller.h — one visit at a time: the reception session behind the desk window
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "madoguchi-core.h"

G_BEGIN_DECLS

#define MADO_TYPE_VISIT_CONTROLLER (mado_visit_controller_get_type ())
G_DECLARE_FINAL_TYPE (MadoVisitController, mado_visit_controller, MADO, VISIT_CONTROLLER, GObject)

MadoVisitController  *mado_visit_controller_new            (MadoDesk             *desk);
void                  mado_visit_controller_set_operator   (MadoVisitController  *self,
                                                            const char           *operator_id);
gboolean              mado_visit_controller_start          (MadoVisitController  *self,
                                                            const char           *reader);
MadoReceptionSession *mado_visit_controller_get_session    (MadoVisitController  *self);
MadoReceptionState    mado_visit_controller_get_state      (MadoVisitController  *self);
gboolean              mado_visit_controller_get_busy       (MadoVisitController  *self);
void                  mado_visit_controller_submit_pin     (MadoVisitController  *self,
                                                            MadoPin              *pin);
void                  mado_visit_controller_confirm_visual (MadoVisitController  *self,
                                                            const char           *operator_id);
void                  mado_visit_controller_give_consent   (MadoVisitController  *self,
                                                            MadoHubConsent        consent);
void                  mado_visit_controller_card_removed   (MadoVisitController  *self);
void                  mado_visit_controller_end            (MadoVisitController  *self);

G_END_DECLS
