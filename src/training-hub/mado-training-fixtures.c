/* mado-training-fixtures.c — the training hub's residents and terminals, from a JSON file
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mado-training-fixtures.h"
#include "mado-training-json.h"
#include "mado-training-verifier.h"

struct _MadoTrainingFixtures
{
  GObject parent_instance;

  JsonNode *root;
  char *hub_name;
  GHashTable *terminals;      /* terminalId → JsonObject (borrowed from root) */
  GHashTable *residents_card; /* "issuer|SERIAL" → JsonObject */
  GHashTable *residents_ref;  /* residentRef → JsonObject */
};

G_DEFINE_FINAL_TYPE (MadoTrainingFixtures, mado_training_fixtures, G_TYPE_OBJECT)

static void
mado_training_fixtures_finalize (GObject *object)
{
  MadoTrainingFixtures *self = MADO_TRAINING_FIXTURES (object);

  g_clear_pointer (&self->terminals, g_hash_table_unref);
  g_clear_pointer (&self->residents_card, g_hash_table_unref);
  g_clear_pointer (&self->residents_ref, g_hash_table_unref);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->hub_name, g_free);
  G_OBJECT_CLASS (mado_training_fixtures_parent_class)->finalize (object);
}

static void
mado_training_fixtures_class_init (MadoTrainingFixturesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_training_fixtures_finalize;
}

static void
mado_training_fixtures_init (MadoTrainingFixtures *self)
{
  self->terminals = g_hash_table_new (g_str_hash, g_str_equal);
  self->residents_card = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->residents_ref = g_hash_table_new (g_str_hash, g_str_equal);
}

/*
 * @text: `@today`, optionally `+N` or `-N` with a unit `d`, `w`, `m` or `y`,
 *   optionally followed by a suffix starting with `T` (a time of day)
 * @today: the day `@today` stands for
 * @error: return location for a #GError
 *
 * Fixtures name dates relative to the day the hub starts so that they stay
 * valid: `@today-300d` → `2026-01-25` when today is 2026-11-21, and
 * `@today-1dT09:12:00Z` → `2026-11-20T09:12:00Z`.
 *
 * Returns: (transfer full) (nullable): the date (and suffix), or %NULL with @error set
 */
static char *
resolve_relative_date (const char  *text,
                       GDate       *today,
                       GError     **error)
{
  const char *p = text + strlen ("@today");
  g_autoptr(GDate) date = g_date_copy (today);

  if (!g_str_has_prefix (text, "@today"))
    goto invalid;
  if (*p == '+' || *p == '-')
    {
      gboolean minus = *p == '-';
      char *end = NULL;
      guint64 n = g_ascii_strtoull (p + 1, &end, 10);

      if (end == p + 1 || n > 36500)
        goto invalid;
      switch (*end)
        {
        case 'd':
          minus ? g_date_subtract_days (date, n) : g_date_add_days (date, n);
          break;
        case 'w':
          minus ? g_date_subtract_days (date, n * 7) : g_date_add_days (date, n * 7);
          break;
        case 'm':
          minus ? g_date_subtract_months (date, n) : g_date_add_months (date, n);
          break;
        case 'y':
          minus ? g_date_subtract_years (date, n) : g_date_add_years (date, n);
          break;
        default:
          goto invalid;
        }
      p = end + 1;
    }
  if (*p != '\0' && *p != 'T')
    goto invalid;
  return g_strdup_printf ("%04d-%02d-%02d%s", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date), p);

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "“%s” is not a relative date (@today, @today-300d, @today+1y, @today-2wT09:00:00Z)",
               text);
  return NULL;
}

/* Replaces every "@today…" string in the tree, in place. */
static gboolean
resolve_dates (JsonNode  *node,
               GDate     *today,
               GError   **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

        for (GList *l = members; l != NULL; l = l->next)
          if (!resolve_dates (json_object_get_member (json_node_get_object (node), l->data),
                              today, error))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!resolve_dates (json_array_get_element (array, i), today, error))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING
          && g_str_has_prefix (json_node_get_string (node), "@today"))
        {
          g_autofree char *resolved = resolve_relative_date (json_node_get_string (node),
                                                             today, error);
          if (resolved == NULL)
            return FALSE;
          json_node_set_string (node, resolved);
        }
      return TRUE;
    case JSON_NODE_NULL:
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* "C = JP,O=JPKI" and "C=JP, O=JPKI" are the same name. */
static char *
normalise_dn (const char *dn)
{
  g_auto(GStrv) parts = g_strsplit (dn, ",", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (parts[i], "=", 2);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_strstrip (kv[0]));
      if (kv[1] != NULL)
        g_string_append_printf (out, "=%s", g_strstrip (kv[1]));
    }
  return g_string_free (out, FALSE);
}

static char *
card_key (const char *issuer,
          const char *serial)
{
  g_autofree char *dn = normalise_dn (issuer);
  g_autofree char *sn = mado_training_verifier_normalise_serial (serial);

  return g_strdup_printf ("%s|%s", dn, sn);
}

static gboolean
fail (GError    **error,
      const char *what,
      guint       index)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "fixtures: %s (entry %u)", what, index);
  return FALSE;
}

static gboolean
index_terminals (MadoTrainingFixtures  *self,
                 JsonArray             *terminals,
                 GError               **error)
{
  for (guint i = 0; terminals && i < json_array_get_length (terminals); i++)
    {
      JsonNode *element = json_array_get_element (terminals, i);
      JsonObject *terminal = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *id = terminal ? mado_training_json_get_string (terminal, "terminalId") : NULL;

      if (id == NULL)
        return fail (error, "a terminal without terminalId", i);
      g_hash_table_insert (self->terminals, (gpointer) id, terminal);
    }
  return TRUE;
}

static gboolean
index_residents (MadoTrainingFixtures  *self,
                 JsonArray             *residents,
                 GError               **error)
{
  for (guint i = 0; residents && i < json_array_get_length (residents); i++)
    {
      JsonNode *element = json_array_get_element (residents, i);
      JsonObject *resident = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonObject *card;
      const char *ref, *issuer, *serial;

      if (resident == NULL
          || (ref = mado_training_json_get_string (resident, "residentRef")) == NULL)
        return fail (error, "a resident without residentRef", i);
      if (!json_object_has_member (resident, "version")
          || mado_training_json_get_object (resident, "basicInfo") == NULL)
        return fail (error, "a resident without version or basicInfo", i);
      card = mado_training_json_get_object (resident, "card");
      if (card == NULL
          || (issuer = mado_training_json_get_string (card, "issuer")) == NULL
          || (serial = mado_training_json_get_string (card, "serial")) == NULL)
        return fail (error, "a resident without card.issuer and card.serial", i);
      if (g_hash_table_contains (self->residents_ref, ref))
        return fail (error, "two residents with one residentRef", i);
      g_hash_table_insert (self->residents_ref, (gpointer) ref, resident);
      g_hash_table_insert (self->residents_card, card_key (issuer, serial), resident);
    }
  return TRUE;
}

/**
 * mado_training_fixtures_new_from_file:
 * @path: the fixtures file (see docs/training-hub-fixtures.md)
 * @today: the day relative dates are resolved against
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the fixtures
 */
MadoTrainingFixtures *
mado_training_fixtures_new_from_file (const char  *path,
                                      GDate       *today,
                                      GError     **error)
{
  g_autoptr(MadoTrainingFixtures) self = g_object_new (MADO_TYPE_TRAINING_FIXTURES, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *top;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  self->root = json_node_copy (json_parser_get_root (parser));
  if (!JSON_NODE_HOLDS_OBJECT (self->root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "fixtures: %s is not a JSON object", path);
      return NULL;
    }
  if (!resolve_dates (self->root, today, error))
    return NULL;
  top = json_node_get_object (self->root);
  self->hub_name = g_strdup (json_object_get_string_member_with_default (top, "hubName",
                                                                         "Madoguchi training hub"));
  if (!index_terminals (self, mado_training_json_get_array (top, "terminals"), error)
      || !index_residents (self, mado_training_json_get_array (top, "residents"), error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
mado_training_fixtures_get_hub_name (MadoTrainingFixtures *self)
{
  return self->hub_name;
}

/**
 * mado_training_fixtures_find_terminal:
 * @self: the fixtures
 * @terminal_id: a terminal ID (the client certificate's CN)
 *
 * Returns: (transfer none) (nullable): the terminal's entry
 */
JsonObject *
mado_training_fixtures_find_terminal (MadoTrainingFixtures *self,
                                      const char           *terminal_id)
{
  return g_hash_table_lookup (self->terminals, terminal_id);
}

/**
 * mado_training_fixtures_find_resident_by_card:
 * @self: the fixtures
 * @issuer: the card certificate's issuer DN
 * @serial: its serial number in hex
 *
 * Returns: (transfer none) (nullable): the resident
 */
JsonObject *
mado_training_fixtures_find_resident_by_card (MadoTrainingFixtures *self,
                                              const char           *issuer,
                                              const char           *serial)
{
  g_autofree char *key = card_key (issuer, serial);

  return g_hash_table_lookup (self->residents_card, key);
}

/**
 * mado_training_fixtures_find_resident_by_ref:
 * @self: the fixtures
 * @resident_ref: a residentRef
 *
 * Returns: (transfer none) (nullable): the resident
 */
JsonObject *
mado_training_fixtures_find_resident_by_ref (MadoTrainingFixtures *self,
                                             const char           *resident_ref)
{
  return g_hash_table_lookup (self->residents_ref, resident_ref);
}

gboolean
mado_training_fixtures_has_questionnaire (JsonObject *resident,
                                          const char *questionnaire_id)
{
  JsonArray *list = mado_training_json_get_array (resident, "questionnaires");

  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *q = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

      if (q && g_strcmp0 (mado_training_json_get_string (q, "questionnaireId"),
                          questionnaire_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * mado_training_fixtures_parse_consent:
 * @name: a category name of the API
 * @inout_mask: the #MadoConsent mask to add it to
 *
 * Returns: %FALSE when @name is no category
 */
gboolean
mado_training_fixtures_parse_consent (const char *name,
                                      guint      *inout_mask)
{
  if (g_str_equal (name, "subsidy"))
    *inout_mask |= MADO_CONSENT_SUBSIDY;
  else if (g_str_equal (name, "vaccination"))
    *inout_mask |= MADO_CONSENT_VACCINATION;
  else if (g_str_equal (name, "maternalChild"))
    *inout_mask |= MADO_CONSENT_MATERNAL_CHILD;
  else
    return FALSE;
  return TRUE;
}

static void
copy_member (JsonObject *to,
             JsonObject *from,
             const char *member)
{
  JsonNode *node = json_object_get_member (from, member);

  if (node != NULL)
    json_object_set_member (to, member, json_node_copy (node));
}

static void
copy_or_empty_array (JsonObject *to,
                     JsonObject *from,
                     const char *member)
{
  if (json_object_get_member (from, member) != NULL)
    copy_member (to, from, member);
  else
    json_object_set_array_member (to, member, json_array_new ());
}

/**
 * mado_training_fixtures_build_bundle:
 * @resident: the resident
 * @consent: a #MadoConsent mask
 * @as_of: when the bundle is confirmed
 *
 * Only the consented categories are present; a do-not-disclose resident's
 * basicInfo carries the name and date of birth only.
 *
 * Returns: (transfer full): the bundle
 */
JsonNode *
mado_training_fixtures_build_bundle (JsonObject *resident,
                                     guint       consent,
                                     GDateTime  *as_of)
{
  JsonObject *bundle = json_object_new ();
  JsonObject *basic = mado_training_json_get_object (resident, "basicInfo");
  gboolean hidden = json_object_get_boolean_member_with_default (resident, "isNotDisclosed", FALSE);
  g_autofree char *as_of_text = g_date_time_format (as_of, "%Y-%m-%dT%H:%M:%SZ");
  JsonNode *version = json_object_get_member (resident, "version");
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (JSON_NODE_HOLDS_VALUE (version) && json_node_get_value_type (version) == G_TYPE_STRING)
    json_object_set_string_member (bundle, "version", json_node_get_string (version));
  else
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (version));
      json_object_set_string_member (bundle, "version", text);
    }
  json_object_set_string_member (bundle, "asOf", as_of_text);
  copy_member (bundle, resident, "residentRef");
  json_object_set_boolean_member (bundle, "isNotDisclosed", hidden);
  if (hidden)
    {
      JsonObject *reduced = json_object_new ();

      copy_member (reduced, basic, "name");
      copy_member (reduced, basic, "birthDate");
      json_object_set_object_member (bundle, "basicInfo", reduced);
    }
  else
    copy_member (bundle, resident, "basicInfo");

  if (consent & MADO_CONSENT_SUBSIDY)
    copy_or_empty_array (bundle, resident, "subsidies");
  if (consent & MADO_CONSENT_VACCINATION)
    {
      copy_or_empty_array (bundle, resident, "questionnaires");
      copy_or_empty_array (bundle, resident, "immunizations");
      copy_or_empty_array (bundle, resident, "immunizationsDue");
    }
  if (consent & MADO_CONSENT_MATERNAL_CHILD)
    {
      if (json_object_get_member (resident, "maternalChild") != NULL)
        copy_member (bundle, resident, "maternalChild");
      else
        {
          JsonObject *empty = json_object_new ();

          json_object_set_array_member (empty, "pregnancyCheckups", json_array_new ());
          json_object_set_array_member (empty, "infantCheckups", json_array_new ());
          json_object_set_object_member (bundle, "maternalChild", empty);
        }
    }
  json_node_take_object (node, bundle);
  return node;
}
