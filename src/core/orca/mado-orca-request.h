/* mado-orca-request.h — the bodies the desk sends to ORCA's API
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mado-orca-diff.h"

G_BEGIN_DECLS

/* One editing session of patientmodv32: who the desk is, what ORCA locked. */
typedef struct {
  const char *patient_id;
  const char *karte_uid;   /* the desk's own token for this hand-off */
  const char *orca_uid;    /* ORCA's lock token; NULL before the lock */
} MadoOrcaEdit;

char *mado_orca_request_read    (const char          *patient_id);
char *mado_orca_request_lock    (const MadoOrcaEdit  *edit);
char *mado_orca_request_changes (const MadoOrcaEdit  *edit,
                                 const char          *request_number,
                                 const MadoOrcaDiff  *diff,
                                 gboolean             answered);
char *mado_orca_request_unlock  (const MadoOrcaEdit  *edit);
char *mado_orca_request_search  (const char          *name,
                                 const GDate         *birth_date);

G_END_DECLS
