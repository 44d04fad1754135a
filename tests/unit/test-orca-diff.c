/* test-orca-diff.c — the hub's subsidies valid today against the 公費 ORCA holds
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "madoguchi-core.h"

static GDate today;

static GDate
day (int offset)
{
  GDate d = today;

  if (offset >= 0)
    g_date_add_days (&d, (guint) offset);
  else
    g_date_subtract_days (&d, (guint) -offset);
  return d;
}

static MadoSubsidy *
subsidy (const char *payer,
         const char *recipient,
         int         from,
         int         to)
{
  MadoSubsidy *s = mado_subsidy_new ();

  s->medical_subsidy_insurer_number = g_strdup (payer);
  s->medical_subsidy_recipient_number = g_strdup (recipient);
  s->valid_from = day (from);
  s->valid_to = day (to);
  return s;
}

static void
stored (MadoOrcaPatient *patient,
        const char      *id,
        const char      *payer,
        const char      *recipient,
        int              from,
        int              to,
        int              checked)
{
  MadoOrcaPublic *item = mado_orca_patient_public_new ();

  item->id = g_strdup (id);
  item->payer_number = g_strdup (payer);
  item->recipient_number = g_strdup (recipient);
  item->issued = day (from);
  item->expired = day (to);
  item->checked = day (checked);
  g_ptr_array_add (patient->publics, item);
}

static MadoOrcaChange *
change (MadoOrcaDiff *diff,
        guint         i)
{
  return g_ptr_array_index (diff->changes, i);
}

static void
test_kinds (void)
{
  g_autoptr(GPtrArray) hub = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_subsidy_free);
  g_autoptr(MadoOrcaPatient) patient = mado_orca_patient_new ();
  g_autoptr(MadoOrcaDiff) diff = NULL;

  patient->id = g_strdup ("00012");
  g_ptr_array_add (hub, subsidy ("54016027", "2304616", -200, 100));   /* stored, checked today */
  g_ptr_array_add (hub, subsidy ("80138019", "0045123", -10, 300));    /* stored, checked before */
  g_ptr_array_add (hub, subsidy ("81136244", "3810421", -50, 300));    /* new */
  g_ptr_array_add (hub, subsidy ("88138243", "5302146", 5, 300));      /* not valid today */
  g_ptr_array_add (hub, subsidy ("52136025", "1047257", -300, -1));    /* expired */
  g_ptr_array_add (hub, subsidy ("54016027", "9999990", -10, 100));    /* same payer, new recipient */
  stored (patient, "0000000001", "54016027", "2304616", -200, 100, 0);
  stored (patient, "0000000002", "80138019", "0045123", -10, 300, -30);
  stored (patient, "0000000003", "12345678", "1111111", -10, 300, -30);  /* ORCA's own */

  diff = mado_orca_diff_compute (patient, hub, &today);
  g_assert_cmpuint (diff->changes->len, ==, 4);
  g_assert_cmpint (change (diff, 0)->kind, ==, MADO_ORCA_CHANGE_UNCHANGED);
  g_assert_cmpint (change (diff, 1)->kind, ==, MADO_ORCA_CHANGE_UPDATE);
  g_assert_cmpstr (change (diff, 1)->stored->id, ==, "0000000002");
  g_assert_cmpint (change (diff, 2)->kind, ==, MADO_ORCA_CHANGE_ADD);
  g_assert_null (change (diff, 2)->stored);
  g_assert_cmpint (change (diff, 3)->kind, ==, MADO_ORCA_CHANGE_ADD);
  g_assert_cmpstr (change (diff, 3)->recipient_number, ==, "9999990");
  g_assert_cmpuint (mado_orca_diff_count (diff, MADO_ORCA_CHANGE_ADD), ==, 2);
  g_assert_true (mado_orca_diff_has_changes (diff));
  /* ORCA's own 公費 is in no change: never ended, never deleted. */
  for (guint i = 0; i < diff->changes->len; i++)
    g_assert_cmpstr (change (diff, i)->payer_number, !=, "12345678");
}

static void
test_period_changed (void)
{
  g_autoptr(GPtrArray) hub = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_subsidy_free);
  g_autoptr(MadoOrcaPatient) patient = mado_orca_patient_new ();
  g_autoptr(MadoOrcaDiff) diff = NULL;
  MadoSubsidy *open;

  patient->id = g_strdup ("1");
  g_ptr_array_add (hub, subsidy ("54016027", "2304616", -200, 100));
  open = subsidy ("80138019", "0045123", -10, 0);
  g_date_clear (&open->valid_to, 1);
  g_ptr_array_add (hub, open);
  stored (patient, "0000000001", "54016027", "2304616", -200, 90, 0);
  stored (patient, "0000000002", "80138019", "0045123", -10, 0, 0);
  g_date_clear (&((MadoOrcaPublic *) g_ptr_array_index (patient->publics, 1))->expired, 1);

  diff = mado_orca_diff_compute (patient, hub, &today);
  g_assert_cmpint (change (diff, 0)->kind, ==, MADO_ORCA_CHANGE_UPDATE);
  /* Open-ended on both sides is the same period. */
  g_assert_cmpint (change (diff, 1)->kind, ==, MADO_ORCA_CHANGE_UNCHANGED);
}

static void
test_nothing_today (void)
{
  g_autoptr(MadoOrcaPatient) patient = mado_orca_patient_new ();
  g_autoptr(MadoOrcaDiff) diff = NULL;

  patient->id = g_strdup ("1");
  stored (patient, "0000000001", "54016027", "2304616", -200, 90, -3);
  diff = mado_orca_diff_compute (patient, NULL, &today);
  g_assert_cmpuint (diff->changes->len, ==, 0);
  g_assert_false (mado_orca_diff_has_changes (diff));
}

static void
test_same (void)
{
  g_autoptr(GPtrArray) hub = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_subsidy_free);
  g_autoptr(MadoOrcaPatient) a = mado_orca_patient_new ();
  g_autoptr(MadoOrcaPatient) b = mado_orca_patient_new ();
  g_autoptr(MadoOrcaDiff) da = NULL;
  g_autoptr(MadoOrcaDiff) db = NULL;
  g_autoptr(MadoOrcaDiff) dc = NULL;

  a->id = g_strdup ("1");
  b->id = g_strdup ("1");
  g_ptr_array_add (hub, subsidy ("54016027", "2304616", -200, 100));
  stored (a, "0000000001", "54016027", "2304616", -200, 90, -3);
  /* Another 公費 ID for the same numbers: ORCA changed in between. */
  stored (b, "0000000009", "54016027", "2304616", -200, 90, -3);
  da = mado_orca_diff_compute (a, hub, &today);
  db = mado_orca_diff_compute (a, hub, &today);
  dc = mado_orca_diff_compute (b, hub, &today);
  g_assert_true (mado_orca_diff_same (da, db));
  g_assert_false (mado_orca_diff_same (da, dc));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 3, G_DATE_DECEMBER, 2026);

  g_test_add_func ("/core/orca/diff/kinds", test_kinds);
  g_test_add_func ("/core/orca/diff/period-changed", test_period_changed);
  g_test_add_func ("/core/orca/diff/nothing-today", test_nothing_today);
  g_test_add_func ("/core/orca/diff/same", test_same);
  return g_test_run ();
}
