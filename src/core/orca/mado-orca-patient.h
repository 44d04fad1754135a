/* mado-orca-patient.h — an ORCA patient and the public subsidies (公費) ORCA holds for them
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ORCA's patient numbers are digits (at most 20, by site setting); its
 * 公費 IDs are 10 digits. */
#define MADO_ORCA_MAX_PATIENT_ID 20
#define MADO_ORCA_PUBLIC_ID_DIGITS 10

/* One 公費 as ORCA holds it. Dates are cleared (invalid) when ORCA left them
 * empty; an open end is ORCA's 9999-12-31, kept as a cleared @expired. */
typedef struct {
  char  *id;              /* PublicInsurance_Id, 10 digits */
  char  *class_code;      /* PublicInsurance_Class, nullable */
  char  *name;            /* PublicInsurance_Name, nullable */
  char  *payer_number;    /* PublicInsurer_Number, nullable */
  char  *recipient_number;/* PublicInsuredPerson_Number, nullable */
  GDate  issued;          /* Certificate_IssuedDate: valid from */
  GDate  expired;         /* Certificate_ExpiredDate: valid to */
  GDate  checked;         /* Certificate_CheckDate */
} MadoOrcaPublic;

typedef struct {
  char      *id;            /* Patient_ID */
  char      *name;          /* WholeName, nullable */
  char      *name_kana;     /* WholeName_inKana, nullable */
  GDate      birth_date;    /* cleared when absent */
  GPtrArray *publics;       /* (element-type MadoOrcaPublic) never NULL */
} MadoOrcaPatient;

MadoOrcaPublic  *mado_orca_patient_public_new  (void);
void             mado_orca_patient_public_free (MadoOrcaPublic  *item);
MadoOrcaPatient *mado_orca_patient_new         (void);
void             mado_orca_patient_free        (MadoOrcaPatient *patient);
gboolean         mado_orca_patient_is_id       (const char      *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOrcaPublic, mado_orca_patient_public_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOrcaPatient, mado_orca_patient_free)

G_END_DECLS
