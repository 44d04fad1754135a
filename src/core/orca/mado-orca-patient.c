/* mado-orca-patient.c — an ORCA patient and the public subsidies (公費) ORCA holds for them
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-orca-patient.h"

MadoOrcaPublic *
mado_orca_patient_public_new (void)
{
  MadoOrcaPublic *item = g_new0 (MadoOrcaPublic, 1);

  g_date_clear (&item->issued, 1);
  g_date_clear (&item->expired, 1);
  g_date_clear (&item->checked, 1);
  return item;
}

void
mado_orca_patient_public_free (MadoOrcaPublic *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->class_code);
  g_free (item->name);
  g_free (item->payer_number);
  g_free (item->recipient_number);
  g_free (item);
}

MadoOrcaPatient *
mado_orca_patient_new (void)
{
  MadoOrcaPatient *patient = g_new0 (MadoOrcaPatient, 1);

  g_date_clear (&patient->birth_date, 1);
  patient->publics = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_orca_patient_public_free);
  return patient;
}

void
mado_orca_patient_free (MadoOrcaPatient *patient)
{
  if (patient == NULL)
    return;
  g_free (patient->id);
  g_free (patient->name);
  g_free (patient->name_kana);
  g_ptr_array_unref (patient->publics);
  g_free (patient);
}

/**
 * mado_orca_patient_is_id:
 * @text: (nullable): what staff typed or ORCA sent
 *
 * Returns: whether @text is an ORCA patient number: 1 to 20 ASCII digits
 */
gboolean
mado_orca_patient_is_id (const char *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (length == 0 || length > MADO_ORCA_MAX_PATIENT_ID)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}
