/* mado-orca-diff.c — what the hub confirmed today against the 公費 ORCA holds
 *
 * Only subsidies valid today count: the hub confirmed them today, so they
 * are added, or updated with today's check date. A 公費 ORCA holds that the
 * hub did not send is never ended or deleted: the hub gives no reason for
 * an absence (declined consent, a municipality not connected, a lapse all
 * look the same), so the diff does not even list it.
 *
 * A stored 公費 is the same certificate when payer and recipient numbers
 * match; a new recipient number under the same payer is a new certificate
 * and is added beside the old one, whose end date stays ORCA's business.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-orca-diff.h"
#include "mado-subsidy-validity.h"

const char *
mado_orca_change_kind_to_string (MadoOrcaChangeKind kind)
{
  switch (kind)
    {
    case MADO_ORCA_CHANGE_ADD:       return "add";
    case MADO_ORCA_CHANGE_UPDATE:    return "update";
    case MADO_ORCA_CHANGE_UNCHANGED: return "unchanged";
    default:                         return "unknown";
    }
}

void
mado_orca_change_free (MadoOrcaChange *change)
{
  if (change == NULL)
    return;
  g_free (change->payer_number);
  g_free (change->recipient_number);
  g_free (change->certification_name);
  g_clear_pointer (&change->stored, mado_orca_patient_public_free);
  g_free (change);
}

static gboolean
same_date (const GDate *a,
           const GDate *b)
{
  if (!g_date_valid (a) || !g_date_valid (b))
    return g_date_valid (a) == g_date_valid (b);
  return g_date_compare (a, b) == 0;
}

static MadoOrcaPublic *
copy_public (const MadoOrcaPublic *item)
{
  MadoOrcaPublic *copy = mado_orca_patient_public_new ();

  copy->id = g_strdup (item->id);
  copy->class_code = g_strdup (item->class_code);
  copy->name = g_strdup (item->name);
  copy->payer_number = g_strdup (item->payer_number);
  copy->recipient_number = g_strdup (item->recipient_number);
  copy->issued = item->issued;
  copy->expired = item->expired;
  copy->checked = item->checked;
  return copy;
}

/* The stored 公費 for these numbers: the one valid today if several are. */
static const MadoOrcaPublic *
find_stored (const MadoOrcaPatient *patient,
             const MadoSubsidy     *subsidy,
             const GDate           *today)
{
  const MadoOrcaPublic *found = NULL;

  for (guint i = 0; patient != NULL && i < patient->publics->len; i++)
    {
      const MadoOrcaPublic *item = g_ptr_array_index (patient->publics, i);
      MadoValidityVerdict verdict;

      if (g_strcmp0 (item->payer_number, subsidy->medical_subsidy_insurer_number) != 0 ||
          g_strcmp0 (item->recipient_number, subsidy->medical_subsidy_recipient_number) != 0)
        continue;
      /* ORCA may leave either date empty: an open side. */
      verdict = mado_validity_on (g_date_valid (&item->issued) ? &item->issued : NULL,
                                  g_date_valid (&item->expired) ? &item->expired : NULL,
                                  today, 0);
      if (found == NULL || verdict.validity == MADO_VALIDITY_VALID ||
          verdict.validity == MADO_VALIDITY_EXPIRING_SOON)
        found = item;
    }
  return found;
}

static MadoOrcaChange *
change_for (const MadoOrcaPatient *patient,
            const MadoSubsidy     *subsidy,
            const GDate           *today)
{
  g_autoptr(MadoOrcaChange) change = g_new0 (MadoOrcaChange, 1);
  const MadoOrcaPublic *stored = find_stored (patient, subsidy, today);

  change->payer_number = g_strdup (subsidy->medical_subsidy_insurer_number);
  change->recipient_number = g_strdup (subsidy->medical_subsidy_recipient_number);
  change->certification_name = g_strdup (subsidy->certification_name);
  change->valid_from = subsidy->valid_from;
  change->valid_to = subsidy->valid_to;
  change->has_max_copayment = subsidy->has_max_copayment;
  change->max_copayment_monthly_yen = subsidy->max_copayment_monthly_yen;
  if (stored == NULL)
    {
      change->kind = MADO_ORCA_CHANGE_ADD;
      return g_steal_pointer (&change);
    }
  change->stored = copy_public (stored);
  if (same_date (&stored->issued, &subsidy->valid_from) &&
      same_date (&stored->expired, &subsidy->valid_to) &&
      same_date (&stored->checked, today))
    change->kind = MADO_ORCA_CHANGE_UNCHANGED;
  else
    change->kind = MADO_ORCA_CHANGE_UPDATE;
  return g_steal_pointer (&change);
}

/**
 * mado_orca_diff_compute:
 * @patient: the ORCA patient with the 公費 ORCA holds
 * @subsidies: (nullable) (element-type MadoSubsidy): what the hub confirmed today
 * @today: the desk's today
 *
 * Returns: (transfer full): one change per subsidy valid today, in the
 *   hub's order; none for a subsidy not valid today, none for a 公費 the
 *   hub did not send
 */
MadoOrcaDiff *
mado_orca_diff_compute (const MadoOrcaPatient *patient,
                        GPtrArray             *subsidies,
                        const GDate           *today)
{
  MadoOrcaDiff *diff = g_new0 (MadoOrcaDiff, 1);

  diff->patient_id = g_strdup (patient->id);
  diff->today = *today;
  diff->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_orca_change_free);
  for (guint i = 0; subsidies != NULL && i < subsidies->len; i++)
    {
      const MadoSubsidy *subsidy = g_ptr_array_index (subsidies, i);
      MadoValidityVerdict verdict = mado_subsidy_validity_on (subsidy, today);

      if (verdict.validity != MADO_VALIDITY_VALID &&
          verdict.validity != MADO_VALIDITY_EXPIRING_SOON)
        continue;
      if (subsidy->medical_subsidy_insurer_number == NULL ||
          subsidy->medical_subsidy_recipient_number == NULL)
        continue;
      g_ptr_array_add (diff->changes, change_for (patient, subsidy, today));
    }
  return diff;
}

void
mado_orca_diff_free (MadoOrcaDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->patient_id);
  g_ptr_array_unref (diff->changes);
  g_free (diff);
}

guint
mado_orca_diff_count (const MadoOrcaDiff *diff,
                      MadoOrcaChangeKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < diff->changes->len; i++)
    if (((MadoOrcaChange *) g_ptr_array_index (diff->changes, i))->kind == kind)
      n++;
  return n;
}

/**
 * mado_orca_diff_has_changes:
 * @diff: a diff
 *
 * Returns: whether anything would be sent to ORCA
 */
gboolean
mado_orca_diff_has_changes (const MadoOrcaDiff *diff)
{
  return mado_orca_diff_count (diff, MADO_ORCA_CHANGE_ADD) +
         mado_orca_diff_count (diff, MADO_ORCA_CHANGE_UPDATE) > 0;
}

/**
 * mado_orca_diff_same:
 * @a: the diff staff confirmed
 * @b: the diff computed again under ORCA's lock
 *
 * Returns: whether both would send the same thing to the same 公費 IDs
 */
gboolean
mado_orca_diff_same (const MadoOrcaDiff *a,
                     const MadoOrcaDiff *b)
{
  if (g_strcmp0 (a->patient_id, b->patient_id) != 0 || a->changes->len != b->changes->len)
    return FALSE;
  for (guint i = 0; i < a->changes->len; i++)
    {
      const MadoOrcaChange *x = g_ptr_array_index (a->changes, i);
      const MadoOrcaChange *y = g_ptr_array_index (b->changes, i);

      if (x->kind != y->kind || g_strcmp0 (x->payer_number, y->payer_number) != 0 ||
          g_strcmp0 (x->recipient_number, y->recipient_number) != 0 ||
          (x->stored != NULL && g_strcmp0 (x->stored->id, y->stored->id) != 0))
        return FALSE;
    }
  return TRUE;
}
