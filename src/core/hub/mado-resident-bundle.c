/* mado-resident-bundle.c — what the hub holds for one resident, as the desk may show it
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mado-patient-text.h"
#include "mado-resident-bundle.h"

static void
clear_dates (GDate *date)
{
  g_date_clear (date, 1);
}

MadoSubsidy *
mado_subsidy_new (void)
{
  MadoSubsidy *subsidy = g_new0 (MadoSubsidy, 1);

  clear_dates (&subsidy->valid_from);
  clear_dates (&subsidy->valid_to);
  return subsidy;
}

void
mado_subsidy_free (MadoSubsidy *subsidy)
{
  if (subsidy == NULL)
    return;
  g_free (subsidy->medical_subsidy_insurer_number);
  g_free (subsidy->medical_subsidy_recipient_number);
  g_free (subsidy->certification_name);
  g_free (subsidy->income_segment);
  g_strfreev (subsidy->designated_medical_institutions);
  g_free (subsidy->additional_conditions);
  g_clear_pointer (&subsidy->number_check, mado_subsidy_check_free);
  g_free (subsidy);
}

MadoQuestionnaireItem *
mado_questionnaire_item_new (void)
{
  return g_new0 (MadoQuestionnaireItem, 1);
}

void
mado_questionnaire_item_free (MadoQuestionnaireItem *item)
{
  if (item == NULL)
    return;
  g_free (item->item_id);
  g_free (item->text);
  g_free (item->answer_type);
  g_free (item->unit);
  g_free (item->answer_text);
  g_free (item->attention_reason);
  g_strfreev (item->translation_languages);
  g_strfreev (item->translation_texts);
  g_free (item);
}

/**
 * mado_questionnaire_item_get_text_in:
 * @language: one of mado_patient_text_languages()
 *
 * The item's question in @language, when the hub sent a translation into
 * it (the hub's tag for @language, exactly). For reading only: answers
 * stay the item's codes.
 *
 * Returns: (nullable) (transfer none): the translated text, or %NULL
 */
const char *
mado_questionnaire_item_get_text_in (const MadoQuestionnaireItem *item,
                                     const char                  *language)
{
  const char *tag = mado_patient_text_language_tag (language);

  g_return_val_if_fail (item != NULL, NULL);

  for (guint i = 0; tag != NULL && item->translation_languages != NULL
                    && item->translation_languages[i] != NULL; i++)
    if (g_str_equal (item->translation_languages[i], tag))
      return item->translation_texts[i];
  return NULL;
}

MadoDoctorItem *
mado_doctor_item_new (void)
{
  return g_new0 (MadoDoctorItem, 1);
}

void
mado_doctor_item_free (MadoDoctorItem *item)
{
  if (item == NULL)
    return;
  g_free (item->item_id);
  g_free (item->text);
  g_free (item->answer_type);
  g_strfreev (item->options);
  g_free (item);
}

MadoQuestionnaire *
mado_questionnaire_new (void)
{
  MadoQuestionnaire *questionnaire = g_new0 (MadoQuestionnaire, 1);

  questionnaire->items = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_questionnaire_item_free);
  questionnaire->doctor_section = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_doctor_item_free);
  return questionnaire;
}

void
mado_questionnaire_free (MadoQuestionnaire *questionnaire)
{
  if (questionnaire == NULL)
    return;
  g_free (questionnaire->questionnaire_id);
  g_free (questionnaire->form_code);
  g_free (questionnaire->title);
  g_free (questionnaire->vaccine);
  g_clear_pointer (&questionnaire->answered_at, g_date_time_unref);
  g_clear_pointer (&questionnaire->items, g_ptr_array_unref);
  g_clear_pointer (&questionnaire->doctor_section, g_ptr_array_unref);
  g_free (questionnaire);
}

MadoImmunization *
mado_immunization_new (void)
{
  MadoImmunization *immunization = g_new0 (MadoImmunization, 1);

  clear_dates (&immunization->occurrence_date);
  return immunization;
}

void
mado_immunization_free (MadoImmunization *immunization)
{
  if (immunization == NULL)
    return;
  g_free (immunization->vaccine_code_system);
  g_free (immunization->vaccine_code);
  g_free (immunization->vaccine_code_display);
  g_strfreev (immunization->target_disease);
  g_free (immunization->lot_number);
  g_free (immunization->site);
  g_free (immunization->performer);
  g_free (immunization->status);
  g_free (immunization);
}

MadoImmunizationDue *
mado_immunization_due_new (void)
{
  MadoImmunizationDue *due = g_new0 (MadoImmunizationDue, 1);

  clear_dates (&due->due_from);
  clear_dates (&due->due_to);
  return due;
}

void
mado_immunization_due_free (MadoImmunizationDue *due)
{
  if (due == NULL)
    return;
  g_free (due->vaccine);
  g_free (due);
}

MadoPregnancyCheckup *
mado_pregnancy_checkup_new (void)
{
  MadoPregnancyCheckup *checkup = g_new0 (MadoPregnancyCheckup, 1);

  clear_dates (&checkup->date);
  checkup->gestation_weeks = -1;
  return checkup;
}

void
mado_pregnancy_checkup_free (MadoPregnancyCheckup *checkup)
{
  if (checkup == NULL)
    return;
  g_free (checkup->blood_pressure);
  g_free (checkup->findings);
  g_free (checkup);
}

MadoInfantCheckup *
mado_infant_checkup_new (void)
{
  MadoInfantCheckup *checkup = g_new0 (MadoInfantCheckup, 1);

  clear_dates (&checkup->date);
  checkup->age_months = -1;
  return checkup;
}

void
mado_infant_checkup_free (MadoInfantCheckup *checkup)
{
  if (checkup == NULL)
    return;
  g_free (checkup->kind);
  g_free (checkup->urine_test);
  g_free (checkup->notes);
  g_free (checkup);
}

MadoMaternalChild *
mado_maternal_child_new (void)
{
  MadoMaternalChild *maternal_child = g_new0 (MadoMaternalChild, 1);

  maternal_child->pregnancy_checkups =
    g_ptr_array_new_with_free_func ((GDestroyNotify) mado_pregnancy_checkup_free);
  maternal_child->infant_checkups =
    g_ptr_array_new_with_free_func ((GDestroyNotify) mado_infant_checkup_free);
  return maternal_child;
}

void
mado_maternal_child_free (MadoMaternalChild *maternal_child)
{
  if (maternal_child == NULL)
    return;
  g_clear_pointer (&maternal_child->pregnancy_checkups, g_ptr_array_unref);
  g_clear_pointer (&maternal_child->infant_checkups, g_ptr_array_unref);
  g_free (maternal_child);
}

/**
 * mado_resident_bundle_new:
 *
 * Returns: (transfer full): an empty bundle: no categories, no basic info
 */
MadoResidentBundle *
mado_resident_bundle_new (void)
{
  MadoResidentBundle *bundle = g_new0 (MadoResidentBundle, 1);

  clear_dates (&bundle->basic_info.birth_date);
  return bundle;
}

void
mado_resident_bundle_free (MadoResidentBundle *bundle)
{
  if (bundle == NULL)
    return;
  g_free (bundle->version);
  g_clear_pointer (&bundle->as_of, g_date_time_unref);
  g_free (bundle->resident_ref);
  g_free (bundle->basic_info.name);
  g_free (bundle->basic_info.name_kana);
  g_clear_pointer (&bundle->subsidies, g_ptr_array_unref);
  g_clear_pointer (&bundle->questionnaires, g_ptr_array_unref);
  g_clear_pointer (&bundle->immunizations, g_ptr_array_unref);
  g_clear_pointer (&bundle->immunizations_due, g_ptr_array_unref);
  g_clear_pointer (&bundle->maternal_child, mado_maternal_child_free);
  g_free (bundle);
}

/**
 * mado_resident_bundle_get_categories:
 *
 * Returns: the categories the bundle carries (present, possibly empty)
 */
MadoHubConsent
mado_resident_bundle_get_categories (const MadoResidentBundle *bundle)
{
  MadoHubConsent categories = MADO_HUB_CONSENT_NONE;

  g_return_val_if_fail (bundle != NULL, MADO_HUB_CONSENT_NONE);

  if (bundle->subsidies != NULL)
    categories |= MADO_HUB_CONSENT_SUBSIDY;
  if (bundle->questionnaires != NULL || bundle->immunizations != NULL ||
      bundle->immunizations_due != NULL)
    categories |= MADO_HUB_CONSENT_VACCINATION;
  if (bundle->maternal_child != NULL)
    categories |= MADO_HUB_CONSENT_MATERNAL_CHILD;
  return categories;
}

/**
 * mado_resident_bundle_count_attention:
 *
 * Returns: how many questionnaire answers need a doctor's attention
 */
guint
mado_resident_bundle_count_attention (const MadoResidentBundle *bundle)
{
  guint count = 0;

  g_return_val_if_fail (bundle != NULL, 0);

  if (bundle->questionnaires == NULL)
    return 0;
  for (guint i = 0; i < bundle->questionnaires->len; i++)
    {
      const MadoQuestionnaire *q = g_ptr_array_index (bundle->questionnaires, i);

      for (guint j = 0; j < q->items->len; j++)
        if (((const MadoQuestionnaireItem *) g_ptr_array_index (q->items, j))->needs_attention)
          count++;
    }
  return count;
}

/* A version of digits only, as a number; -1 for any other (versions are
 * opaque to the API, but a hub that counts them says so this way). */
static gint64
version_number (const char *version)
{
  guint64 value = 0;

  if (version == NULL || *version == '\0' || strlen (version) > 18)
    return -1;
  for (const char *p = version; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return -1;
      value = value * 10 + (guint64) (*p - '0');
    }
  return (gint64) value;
}

/**
 * mado_resident_bundle_is_older:
 * @bundle: the bundle the hub sent now
 * @than: the bundle the desk already holds for the same card
 *
 * A resident's data never goes back (docs/hub-api.md): @bundle is older
 * when its `asOf` is earlier, or when both versions are numbers and its
 * version is lower.
 *
 * Returns: whether @bundle goes back from @than
 */
gboolean
mado_resident_bundle_is_older (const MadoResidentBundle *bundle,
                               const MadoResidentBundle *than)
{
  gint64 version, than_version;

  g_return_val_if_fail (bundle != NULL && than != NULL, FALSE);

  if (bundle->as_of != NULL && than->as_of != NULL &&
      g_date_time_compare (bundle->as_of, than->as_of) < 0)
    return TRUE;
  version = version_number (bundle->version);
  than_version = version_number (than->version);
  return version >= 0 && than_version >= 0 && version < than_version;
}

/**
 * mado_resident_bundle_describe_as_of:
 *
 * How current the hub's data itself is, apart from when it was confirmed:
 * an old `asOf` confirmed now is still old data. The desk's screen and the
 * CLI both say it this way.
 *
 * Returns: (transfer full): one line with the local date and time of
 *   `asOf` and the version
 */
char *
mado_resident_bundle_describe_as_of (const MadoResidentBundle *bundle)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *as_of = NULL;

  g_return_val_if_fail (bundle != NULL && bundle->as_of != NULL, NULL);

  local = g_date_time_to_local (bundle->as_of);
  as_of = g_date_time_format (local, "%Y-%m-%d %H:%M");
  return g_strdup_printf (_("Hub data as of %s (version %s)"), as_of, bundle->version);
}

/**
 * mado_questionnaire_compare_latest_first:
 * @a: a pointer to a #MadoQuestionnaire pointer, as g_ptr_array_sort() passes
 * @b: another
 *
 * The one order of a resident's questionnaires, for the resident screen
 * and the patient window alike: the latest `answeredAt` first, those
 * without one last.
 *
 * Returns: negative when @a comes first, positive when @b does, else 0
 */
int
mado_questionnaire_compare_latest_first (gconstpointer a,
                                         gconstpointer b)
{
  const MadoQuestionnaire *qa = *(MadoQuestionnaire * const *) a;
  const MadoQuestionnaire *qb = *(MadoQuestionnaire * const *) b;

  if (qa->answered_at == NULL || qb->answered_at == NULL)
    return (qa->answered_at == NULL) - (qb->answered_at == NULL);
  return -g_date_time_compare (qa->answered_at, qb->answered_at);
}

/**
 * mado_resident_bundle_get_latest_questionnaire:
 *
 * Returns: (nullable) (transfer none): the first questionnaire in
 *   mado_questionnaire_compare_latest_first()'s order (of equals, the one
 *   the hub listed first), or %NULL when there is none
 */
const MadoQuestionnaire *
mado_resident_bundle_get_latest_questionnaire (const MadoResidentBundle *bundle)
{
  MadoQuestionnaire *found = NULL;

  g_return_val_if_fail (bundle != NULL, NULL);

  for (guint i = 0; bundle->questionnaires != NULL && i < bundle->questionnaires->len; i++)
    {
      MadoQuestionnaire *q = g_ptr_array_index (bundle->questionnaires, i);

      if (found == NULL || mado_questionnaire_compare_latest_first (&q, &found) < 0)
        found = q;
    }
  return found;
}
