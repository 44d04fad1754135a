/* mado-cli-today.c — `madoguchi-cli today`: the day's records at this desk, with their delivery state
 *
 * Then the day's hand-offs to ORCA, as the audit log holds them: sent,
 * unchanged, or not sent and why.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-cli.h"
#include "mado-cli-venue.h"

static void
add_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
record_to_json (const MadoStoredRecord *r)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *recorded = mado_cli_format_time (r->recorded_at);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "recordId", r->record_id);
  json_object_set_string_member (object, "kind", mado_record_kind_to_string (r->kind));
  json_object_set_string_member (object, "outcome", r->outcome);
  json_object_set_string_member (object, "recordedAt", recorded);
  add_string (object, "vaccineCode", r->vaccine_code);
  add_string (object, "vaccine", r->vaccine_name);
  add_string (object, "lotNumber", r->lot_number);
  if (r->dose_number > 0)
    json_object_set_int_member (object, "doseNumber", r->dose_number);
  json_object_set_string_member (object, "staffId", r->staff_id);
  add_string (object, "corrects", r->corrects);
  add_string (object, "correctedBy", r->corrected_by);
  json_object_set_string_member (object, "delivery", mado_delivery_to_string (r->delivery));
  add_string (object, "refusal", r->refusal);
  json_object_set_string_member (object, "idempotencyKey", r->outbox_key);
  if (r->local_body != NULL
      && json_parser_load_from_data (parser, g_bytes_get_data (r->local_body, NULL),
                                     (gssize) g_bytes_get_size (r->local_body), NULL))
    json_object_set_member (object, "record", json_node_copy (json_parser_get_root (parser)));
  return object;
}

static JsonObject *
handoff_to_json (const MadoOrcaAuditEntry *e)
{
  g_autofree char *at = mado_cli_format_time (e->at);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "kind", "orca-handoff");
  json_object_set_string_member (object, "recordedAt", at);
  json_object_set_string_member (object, "staffId", e->operator_id);
  add_string (object, "residentRef", e->resident_ref);
  json_object_set_string_member (object, "patientId", e->patient_id);
  json_object_set_string_member (object, "handoff", mado_orca_audit_state_to_string (e->state));
  add_string (object, "orcaResult", e->orca_result);
  add_string (object, "error", e->error_name);
  return object;
}

static void
print_handoffs (GPtrArray *handoffs,
                JsonArray *array)
{
  for (guint i = 0; handoffs != NULL && i < handoffs->len; i++)
    {
      const MadoOrcaAuditEntry *e = g_ptr_array_index (handoffs, i);
      g_autofree char *at = mado_cli_format_time (e->at);
      g_autofree char *state = mado_orca_audit_entry_describe (e);

      if (array != NULL)
        {
          json_array_add_object_element (array, handoff_to_json (e));
          continue;
        }
      if (i == 0)
        g_print (_("Hand-offs to ORCA:\n"));
      g_print ("%s  orca-handoff  %s %s  %s  %s: %s\n", at, e->patient_id,
               e->resident_ref != NULL ? e->resident_ref : "-", e->operator_id,
               mado_orca_audit_state_to_string (e->state), state);
    }
}

static void
print_records (GPtrArray *records,
               GPtrArray *handoffs,
               gboolean   json)
{
  JsonArray *array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_init_array (json_node_alloc (), array);

  for (guint i = 0; i < records->len; i++)
    {
      const MadoStoredRecord *r = g_ptr_array_index (records, i);
      g_autofree char *recorded = mado_cli_format_time (r->recorded_at);

      if (json)
        {
          json_array_add_object_element (array, record_to_json (r));
          continue;
        }
      g_print ("%s  %s  %-11s %-17s %s %s %s  %s%s%s\n", recorded, r->record_id,
               mado_record_kind_to_string (r->kind), r->outcome,
               r->vaccine_code != NULL ? r->vaccine_code : (r->vaccine_name != NULL ? r->vaccine_name : "-"),
               r->lot_number != NULL ? r->lot_number : "-", r->staff_id,
               mado_delivery_to_string (r->delivery), r->refusal != NULL ? ": " : "",
               r->refusal != NULL ? r->refusal : "");
      if (r->corrected_by != NULL)
        g_print (_("    entered in error: corrected by %s\n"), r->corrected_by);
    }
  if (!json && records->len == 0)
    g_print (_("No records on this day.\n"));
  print_handoffs (handoffs, json ? array : NULL);
  if (json)
    mado_cli_json_print (root);
}

#define KIND_HANDOFF "orca-handoff"

static gboolean
parse_filter (MadoRecordFilter  *filter,
              const char        *kind,
              const char        *state,
              GError           **error)
{
  MadoRecordKind k;
  MadoDelivery d;

  if (kind != NULL && strcmp (kind, KIND_HANDOFF) != 0)
    {
      if (!mado_record_kind_from_string (kind, &k))
        return g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                                    _("--kind must be judgement, vaccination, correction or orca-handoff")), FALSE;
      filter->kind = (int) k;
    }
  if (state != NULL)
    {
      if (!mado_delivery_from_string (state, &d))
        return g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                                    _("--state must be recorded-sending, delivered or refused")), FALSE;
      filter->delivery = (int) d;
    }
  return TRUE;
}

static gboolean
wants_records (const char *kind)
{
  return g_strcmp0 (kind, KIND_HANDOFF) != 0;
}

static gboolean
wants_handoffs (const char *kind,
                const char *state,
                const char *vaccine)
{
  return (kind == NULL || strcmp (kind, KIND_HANDOFF) == 0) && state == NULL && vaccine == NULL;
}

int
mado_cli_today (int argc, char **argv)
{
  MadoCliStoreOptions store_options = { 0 };
  MadoRecordFilter filter = MADO_RECORD_FILTER_ALL;
  g_autofree char *day = NULL, *kind = NULL, *state = NULL, *vaccine = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "day", 0, 0, G_OPTION_ARG_STRING, &day, N_("Another day than today"), N_("YYYY-MM-DD") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("judgement, vaccination, correction or orca-handoff"), N_("KIND") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("recorded-sending, delivered or refused"), N_("STATE") },
    { "vaccine", 0, 0, G_OPTION_ARG_STRING, &vaccine, N_("Only this vaccine code"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the records as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— the day's records, with their delivery state"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) handoffs = NULL;
  int status = MADO_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_store_options_add (context, &store_options);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1
      || !parse_filter (&filter, kind, state, &error))
    status = mado_cli_usage_error ("today", "%s", error != NULL ? error->message : _("unexpected argument"));
  else if ((store = mado_cli_store_open ("today", &store_options, &status)) != NULL)
    {
      filter.day = day;
      filter.vaccine_code = vaccine;
      filter.with_bodies = json;
      records = wants_records (kind) ? mado_store_records_list (store, &filter, &error)
                                     : g_ptr_array_new ();
      /* A hand-off has no delivery state and no vaccine. */
      if (records != NULL && wants_handoffs (kind, state, vaccine))
        handoffs = mado_orca_audit_list_day (store, day, &error);
      if (error != NULL)
        status = mado_cli_store_fail ("today", error);
      else
        print_records (records, handoffs, json);
    }
  mado_cli_store_options_clear (&store_options);
  return status;
}
