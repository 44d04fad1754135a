/* mado-training-history.c — the vaccinations the training hub accepted, in the resident's next bundle
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real hub's history grows with what venues record; so does the training
 * hub's: each vaccination record it accepted for a resident is appended to
 * the fixture's immunizations (as far as the bundle shares them), and the
 * bundle's version grows with the count, so a desk holding the old version
 * gets the new history rather than "not modified".
 */
#include "config.h"

#include "madoguchi-core.h"
#include "mado-training-history.h"

/* The members an accepted record and a bundle's immunization share. */
static const char * const shared_members[] = {
  "vaccineCode", "targetDisease", "occurrenceDate", "doseNumber", "lotNumber", "site",
  "doseQuantityMl", "performer", "status",
};

static JsonNode *
immunization_from_record (JsonObject *record)
{
  JsonObject *immunization = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *code = json_object_get_object_member (record, "vaccineCode");
  const char *kind_id = code != NULL ? mado_vaccine_mapping_kind_from_code (json_object_get_string_member_with_default (code, "code", NULL))
                                     : NULL;
  const MadoVaccineKind *kind = kind_id != NULL ? mado_vaccination_rules_lookup_kind (kind_id) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shared_members); i++)
    if (json_object_has_member (record, shared_members[i]))
      json_object_set_member (immunization, shared_members[i],
                              json_node_copy (json_object_get_member (record, shared_members[i])));
  if (!json_object_has_member (immunization, "status"))
    json_object_set_string_member (immunization, "status", "completed");
  /* What the 27-day rule needs, from the schedule's table of kinds. */
  json_object_set_boolean_member (immunization, "live", kind != NULL && kind->live);
  json_object_set_boolean_member (immunization, "injectable", kind == NULL || kind->injectable);
  json_node_take_object (node, immunization);
  return node;
}

/* A correction marks the immunization made from the record it names. */
static void
mark_corrected (GHashTable *by_record_id,
                JsonObject *correction)
{
  JsonNode *corrected = g_hash_table_lookup (by_record_id,
                                             json_object_get_string_member_with_default (correction, "correctionOf", ""));

  if (corrected != NULL)
    json_object_set_string_member (json_node_get_object (corrected), "status", "entered-in-error");
}

/* @object's array @member, replaced by a copy of its own first: a bundle's
 * arrays are the resident's fixture's (json_node_copy() shares what a node
 * holds), and what is added to the bundle must not be added to the fixture,
 * or every verification would add the records again. */
static JsonArray *
own_array (JsonObject *object,
           const char *member)
{
  JsonArray *shared = json_object_get_array_member (object, member);
  guint length = json_array_get_length (shared);
  JsonArray *copy = json_array_sized_new (length);

  for (guint i = 0; i < length; i++)
    json_array_add_element (copy, json_node_copy (json_array_get_element (shared, i)));
  json_object_set_array_member (object, member, copy);
  return copy;
}

/**
 * mado_training_history_add:
 * @store: the hub's record store
 * @bundle: a bundle as mado_training_fixtures_build_bundle() made it
 * @resident_ref: whose
 *
 * Appends @resident_ref's accepted vaccinations to @bundle's immunizations
 * (when it has them: vaccination data was shared) and counts them into its
 * version. A correction (status entered-in-error) is not a dose: it marks
 * the immunization of the record it names, and counts into the version.
 */
void
mado_training_history_add (MadoTrainingStore *store,
                           JsonNode          *bundle,
                           const char        *resident_ref)
{
  JsonObject *object = json_node_get_object (bundle);
  JsonArray *immunizations;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GHashTable) by_record_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *version = NULL;
  guint added = 0;

  if (!json_object_has_member (object, "immunizations") || resident_ref == NULL)
    return;
  bodies = mado_training_store_bodies (store, "vaccination", resident_ref);
  if (bodies == NULL || bodies->len == 0)
    return;
  immunizations = own_array (object, "immunizations");
  for (guint i = 0; bodies != NULL && i < bodies->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *record;
      JsonNode *immunization;

      /* Accepted bodies passed validation; one that does not parse is skipped. */
      if (!json_parser_load_from_data (parser, g_ptr_array_index (bodies, i), -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      record = json_node_get_object (json_parser_get_root (parser));
      added++;
      if (g_strcmp0 (json_object_get_string_member_with_default (record, "status", NULL),
                     "entered-in-error") == 0)
        {
          mark_corrected (by_record_id, record);
          continue;
        }
      immunization = immunization_from_record (record);
      json_array_add_element (immunizations, immunization);
      if (json_object_has_member (record, "recordId"))
        g_hash_table_insert (by_record_id,
                             g_strdup (json_object_get_string_member_with_default (record, "recordId", "")),
                             immunization);
    }
  if (added == 0)
    return;
  version = g_strdup_printf ("%s.%u", json_object_get_string_member_with_default (object, "version", "0"), added);
  json_object_set_string_member (object, "version", version);
}
