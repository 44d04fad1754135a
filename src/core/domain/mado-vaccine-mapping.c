/* mado-vaccine-mapping.c — which vaccine kind a bundle's codes and names mean
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-vaccine-mapping.h"

typedef struct {
  const char *pattern;
  const char *kind_id;
} KindPattern;

/* Longer codes first: a prefix match must not take DPT-IPV-HIB for DPT-IPV. */
static const KindPattern code_prefixes[] = {
  { "DPT-IPV-HIB", "dpt-ipv-hib" },
  { "DPT-IPV",     "dpt-ipv" },
  { "BCG",         "bcg" },
  { "MR",          "mr" },
  { "MEASLES",     "measles" },
  { "RUBELLA",     "rubella" },
  { "VAR",         "varicella" },
  { "MUMPS",       "mumps" },
  { "ROTA",        "rotavirus" },
  { "HIB",         "hib" },
  { "PCV",         "pcv" },
  { "HEPB",        "hepb" },
  { "JE",          "je" },
  { "HPV",         "hpv" },
  { "FLU",         "influenza" },
};

/* Most specific first: "麻しん風しん混合" contains "麻しん", and
 * "5種混合" vaccines protect against Hib too. */
static const KindPattern name_substrings[] = {
  { "5種混合",       "dpt-ipv-hib" },
  { "五種混合",      "dpt-ipv-hib" },
  { "4種混合",       "dpt-ipv" },
  { "四種混合",      "dpt-ipv" },
  { "麻しん風しん",  "mr" },
  { "麻疹風疹",      "mr" },
  { "MR",            "mr" },
  { "BCG",           "bcg" },
  { "麻しん",        "measles" },
  { "麻疹",          "measles" },
  { "風しん",        "rubella" },
  { "風疹",          "rubella" },
  { "水痘",          "varicella" },
  { "おたふく",      "mumps" },
  { "ロタ",          "rotavirus" },
  { "肺炎球菌",      "pcv" },
  { "B型肝炎",       "hepb" },
  { "Ｂ型肝炎",      "hepb" },
  { "Hib",           "hib" },
  { "ヒブ",          "hib" },
  { "日本脳炎",      "je" },
  { "HPV",           "hpv" },
  { "ヒトパピローマ", "hpv" },
  { "インフルエンザ", "influenza" },
};

/**
 * mado_vaccine_mapping_kind_from_code:
 * @code: (nullable): an immunization's vaccineCode.code
 *
 * Returns: (nullable): the kind id, or %NULL when the code is unknown
 */
const char *
mado_vaccine_mapping_kind_from_code (const char *code)
{
  if (code == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (code_prefixes); i++)
    if (g_ascii_strncasecmp (code, code_prefixes[i].pattern,
                             strlen (code_prefixes[i].pattern)) == 0)
      return code_prefixes[i].kind_id;
  return NULL;
}

/**
 * mado_vaccine_mapping_kind_from_name:
 * @name: (nullable): a vaccine as a questionnaire or due entry names it
 *
 * Returns: (nullable): the kind id, or %NULL when the name is not recognised
 */
const char *
mado_vaccine_mapping_kind_from_name (const char *name)
{
  if (name == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (name_substrings); i++)
    if (strstr (name, name_substrings[i].pattern) != NULL)
      return name_substrings[i].kind_id;
  return NULL;
}

/* The dose intended today: the due entry for the same kind says which. */
static guint
intended_dose (const MadoResidentBundle *bundle,
               const char               *kind_id)
{
  if (bundle->immunizations_due == NULL)
    return 0;
  for (guint i = 0; i < bundle->immunizations_due->len; i++)
    {
      const MadoImmunizationDue *due = g_ptr_array_index (bundle->immunizations_due, i);

      if (g_strcmp0 (mado_vaccine_mapping_kind_from_name (due->vaccine), kind_id) == 0)
        return (guint) MAX (due->dose_number, 0);
    }
  return 0;
}

/**
 * mado_vaccine_mapping_history:
 * @bundle: a resident's bundle
 *
 * Returns: (transfer full) (element-type MadoVaccinationEvent): the
 *   completed immunizations of @bundle as the schedule rules read them; the
 *   kind ids point into static tables or into @bundle, which must outlive it
 */
GArray *
mado_vaccine_mapping_history (const MadoResidentBundle *bundle)
{
  GArray *history = g_array_new (FALSE, TRUE, sizeof (MadoVaccinationEvent));

  for (guint i = 0; bundle->immunizations != NULL && i < bundle->immunizations->len; i++)
    {
      const MadoImmunization *given = g_ptr_array_index (bundle->immunizations, i);
      MadoVaccinationEvent event = { 0 };
      const char *kind_id = mado_vaccine_mapping_kind_from_code (given->vaccine_code);

      if (g_strcmp0 (given->status, "completed") != 0 || !g_date_valid (&given->occurrence_date))
        continue;
      event.kind_id = kind_id != NULL ? kind_id : given->vaccine_code;
      event.date = given->occurrence_date;
      event.dose_number = (guint) MAX (given->dose_number, 0);
      event.live = given->live;
      event.injectable = given->injectable;
      g_array_append_val (history, event);
    }
  return history;
}

/**
 * mado_vaccine_mapping_check_intended:
 * @bundle: the resident's bundle (its immunizations are the history)
 * @intended_name: the vaccine a questionnaire is for
 * @today: the day of the intended vaccination
 *
 * Runs mado_vaccination_rules_check() for @intended_name given today against the
 * completed immunizations of @bundle.
 *
 * Returns: (transfer full) (nullable) (element-type MadoScheduleWarning): the
 *   warnings, or %NULL when @intended_name is not a vaccine the rules know
 */
GPtrArray *
mado_vaccine_mapping_check_intended (const MadoResidentBundle *bundle,
                                     const char               *intended_name,
                                     const GDate              *today)
{
  g_autoptr(GArray) history = NULL;
  MadoVaccinationEvent intended = { 0 };

  g_return_val_if_fail (bundle != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  intended.kind_id = mado_vaccine_mapping_kind_from_name (intended_name);
  if (intended.kind_id == NULL)
    return NULL;
  intended.date = *today;
  intended.dose_number = intended_dose (bundle, intended.kind_id);
  history = mado_vaccine_mapping_history (bundle);
  return mado_vaccination_rules_check ((const MadoVaccinationEvent *) (void *) history->data,
                                       history->len, &intended);
}
