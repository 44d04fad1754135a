/* mado-orca-double-fixtures.c — the patients the ORCA double starts with
 *
 * One JSON file (docs/orca.md): patients with ORCA's element names, each
 * with the 公費 ORCA would hold. A date may be written "@today-Nd" or
 * "@today+Nd" so that fixtures stay valid whatever the day.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mado-orca-double.h"

void
mado_orca_double_public_free (MadoOrcaDoublePublic *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->class_code);
  g_free (item->name);
  g_free (item->payer);
  g_free (item->recipient);
  g_free (item->issued);
  g_free (item->expired);
  g_free (item->checked);
  g_free (item);
}

void
mado_orca_double_patient_free (MadoOrcaDoublePatient *patient)
{
  if (patient == NULL)
    return;
  g_free (patient->id);
  g_free (patient->name);
  g_free (patient->kana);
  g_free (patient->birth);
  g_free (patient->sex);
  g_ptr_array_unref (patient->publics);
  g_free (patient->orca_uid);
  g_free (patient->karte_uid);
  g_free (patient->pending);
  g_free (patient);
}

/**
 * mado_orca_double_fixtures_is_date:
 * @text: a value from a request or a fixture
 *
 * Returns: whether @text is a real date written YYYY-MM-DD (9999-12-31 included)
 */
gboolean
mado_orca_double_fixtures_is_date (const char *text)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* "@today±Nd" → YYYY-MM-DD; anything else is kept as written. */
static char *
resolve_date (const char *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;
  char *end = NULL;
  gint64 days;

  if (text == NULL || !g_str_has_prefix (text, "@today"))
    return g_strdup (text);
  days = text[6] == '\0' ? 0 : g_ascii_strtoll (text + 6, &end, 10);
  if (text[6] != '\0' && (end == NULL || strcmp (end, "d") != 0))
    return g_strdup (text);
  day = g_date_time_add_days (now, (gint) days);
  return g_date_time_format (day, "%Y-%m-%d");
}

static char *
member (JsonObject *object,
        const char *name)
{
  const char *value = json_object_get_string_member_with_default (object, name, NULL);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static MadoOrcaDoublePublic *
load_public (JsonObject *object)
{
  MadoOrcaDoublePublic *item = g_new0 (MadoOrcaDoublePublic, 1);
  g_autofree char *issued = member (object, "Certificate_IssuedDate");
  g_autofree char *expired = member (object, "Certificate_ExpiredDate");
  g_autofree char *checked = member (object, "Certificate_CheckDate");

  item->id = member (object, "PublicInsurance_Id");
  item->class_code = member (object, "PublicInsurance_Class");
  item->name = member (object, "PublicInsurance_Name");
  item->payer = member (object, "PublicInsurer_Number");
  item->recipient = member (object, "PublicInsuredPerson_Number");
  item->issued = resolve_date (issued);
  item->expired = resolve_date (expired);
  item->checked = resolve_date (checked);
  return item;
}

static MadoOrcaDoublePatient *
load_patient (JsonObject  *object,
              GError     **error)
{
  g_autoptr(GPtrArray) publics = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_orca_double_public_free);
  MadoOrcaDoublePatient *patient;
  g_autofree char *birth = member (object, "BirthDate");
  JsonArray *array = array_member (object, "PublicInsurance_Info");

  const char *id = json_object_get_string_member_with_default (object, "Patient_ID", NULL);

  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "a patient without Patient_ID");
      return NULL;
    }
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (publics, load_public (json_array_get_object_element (array, i)));
  patient = g_new0 (MadoOrcaDoublePatient, 1);
  patient->id = member (object, "Patient_ID");
  patient->name = member (object, "WholeName");
  patient->kana = member (object, "WholeName_inKana");
  patient->birth = resolve_date (birth);
  patient->sex = member (object, "Sex");
  patient->publics = g_steal_pointer (&publics);
  return patient;
}

/**
 * mado_orca_double_fixtures_load:
 * @path: the patients file
 * @error: why it cannot be used
 *
 * Returns: (transfer full) (nullable): Patient_ID → #MadoOrcaDoublePatient
 */
GHashTable *
mado_orca_double_fixtures_load (const char  *path,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) patients = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) mado_orca_double_patient_free);
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  array = array_member (JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL,
                        "patients");
  if (array == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: no \"patients\" array", path);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      MadoOrcaDoublePatient *patient = JSON_NODE_HOLDS_OBJECT (node)
                                         ? load_patient (json_node_get_object (node), error)
                                         : NULL;

      if (patient == NULL)
        return NULL;
      g_hash_table_replace (patients, patient->id, patient);
    }
  return g_steal_pointer (&patients);
}
