/* mado-orca-double-search.c — patientlst3v2 (patients by name and birth date) in the ORCA double
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-orca-double.h"

static const char *const search_members[] = {
  "WholeName", "Birth_StartDate", "Birth_EndDate", "Sex", "InOut", NULL,
};

/* Names compare with any space, ASCII or full-width, as one. */
static char *
normalise (const char *name)
{
  g_auto(GStrv) parts = g_strsplit_set (name != NULL ? name : "", " ", -1);
  g_autofree char *joined = g_strjoinv ("", parts);
  g_auto(GStrv) wide = g_strsplit (joined, "\u3000", -1);

  return g_strjoinv ("", wide);
}

static gboolean
matches (MadoOrcaDoublePatient *patient,
         const char            *name,
         const char            *from,
         const char            *to)
{
  g_autofree char *a = normalise (patient->name);
  g_autofree char *b = normalise (name);

  return strcmp (a, b) == 0 && patient->birth != NULL &&
         (from == NULL || strcmp (patient->birth, from) >= 0) &&
         (to == NULL || strcmp (patient->birth, to) <= 0);
}

static void
add_matches (JsonBuilder    *b,
             MadoOrcaDouble *self,
             JsonObject     *request,
             guint          *count)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->patients);
  json_builder_set_member_name (b, "Patient_Information");
  json_builder_begin_array (b);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      MadoOrcaDoublePatient *patient = value;

      if (!matches (patient, mado_orca_double_text (request, "WholeName"), mado_orca_double_text (request, "Birth_StartDate"),
                    mado_orca_double_text (request, "Birth_EndDate")))
        continue;
      (*count)++;
      json_builder_begin_object (b);
      mado_orca_double_add_text (b, "Patient_ID", patient->id);
      mado_orca_double_add_text (b, "WholeName", patient->name);
      mado_orca_double_add_text (b, "WholeName_inKana", patient->kana);
      mado_orca_double_add_text (b, "BirthDate", patient->birth);
      mado_orca_double_add_text (b, "Sex", patient->sex);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/**
 * mado_orca_double_search:
 * @self: the double
 * @msg: the request, answered here
 * @request: the body's patientlst3req object
 */
void
mado_orca_double_search (MadoOrcaDouble    *self,
                         SoupServerMessage *msg,
                         JsonObject        *request)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *count_text = NULL;
  g_autoptr(GList) names = json_object_get_members (request);
  guint count = 0;

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (search_members, l->data) || mado_orca_double_text (request, l->data) == NULL)
      {
        mado_orca_double_refuse (msg, "patientlst3req holds WholeName, Birth_StartDate, "
                                      "Birth_EndDate, Sex and InOut, as strings");
        return;
      }
  if (mado_orca_double_text (request, "WholeName") == NULL ||
      (mado_orca_double_text (request, "Birth_StartDate") != NULL &&
       !mado_orca_double_fixtures_is_date (mado_orca_double_text (request, "Birth_StartDate"))) ||
      (mado_orca_double_text (request, "Birth_EndDate") != NULL &&
       !mado_orca_double_fixtures_is_date (mado_orca_double_text (request, "Birth_EndDate"))))
    {
      mado_orca_double_refuse (msg, "WholeName is required; birth dates are YYYY-MM-DD");
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "patientlst2res");
  json_builder_begin_object (b);
  mado_orca_double_add_text (b, "Api_Result", "00");
  mado_orca_double_add_text (b, "Api_Result_Message", "処理終了");
  add_matches (b, self, request, &count);
  count_text = g_strdup_printf ("%03u", count);
  mado_orca_double_add_text (b, "Target_Patient_Count", count_text);
  json_builder_end_object (b);
  json_builder_end_object (b);
  g_ptr_array_add (self->log, g_strdup_printf ("patientlst3v2 - %u 00", count));
  mado_orca_double_respond (msg, SOUP_STATUS_OK, b);
}
