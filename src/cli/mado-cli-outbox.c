/* mado-cli-outbox.c — `madoguchi-cli outbox list`
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-cli.h"
#include "mado-cli-store.h"

static JsonNode *
records_to_json (GPtrArray *records)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < records->len; i++)
    {
      const MadoOutboxRecord *r = g_ptr_array_index (records, i);
      g_autofree char *created = mado_cli_format_time (r->created_at);
      g_autofree char *next = mado_cli_format_time (r->next_attempt_at);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "idempotencyKey");
      json_builder_add_string_value (b, r->idempotency_key);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, r->kind);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, mado_outbox_state_to_string (r->state));
      json_builder_set_member_name (b, "attempts");
      json_builder_add_int_value (b, r->attempts);
      json_builder_set_member_name (b, "created");
      json_builder_add_string_value (b, created);
      json_builder_set_member_name (b, "nextAttempt");
      json_builder_add_string_value (b, next);
      json_builder_set_member_name (b, "lastError");
      if (r->last_error != NULL)
        json_builder_add_string_value (b, r->last_error);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static void
print_records (GPtrArray *records)
{
  if (records->len == 0)
    {
      g_print (_("The outbox is empty: everything reached the hub.\n"));
      return;
    }
  for (guint i = 0; i < records->len; i++)
    {
      const MadoOutboxRecord *r = g_ptr_array_index (records, i);
      g_autofree char *created = mado_cli_format_time (r->created_at);
      g_autofree char *next = mado_cli_format_time (r->next_attempt_at);

      g_print ("%s  %-18s  %-9s  %s\n", r->idempotency_key, r->kind,
               mado_outbox_state_to_string (r->state), created);
      g_print (_("    attempts: %u, next attempt: %s\n"), r->attempts,
               r->state == MADO_OUTBOX_PENDING ? next : "-");
      if (r->last_error != NULL)
        g_print (_("    last error: %s\n"), r->last_error);
    }
}

int
mado_cli_outbox (int argc, char **argv)
{
  MadoCliStoreOptions options = { 0, };
  gboolean json = FALSE, all = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Also list delivered records"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the records as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("list — what still has to reach the hub"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int status = MADO_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_store_options_add (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("outbox", "%s", error->message);
  else if (argc != 2 || !g_str_equal (argv[1], "list"))
    status = mado_cli_usage_error ("outbox", "%s", _("expected “list”"));
  else if ((store = mado_cli_store_open_read_only ("outbox list", &options, &status)) != NULL)
    {
      records = mado_store_outbox_list (store, all, &error);
      if (records == NULL)
        status = mado_cli_store_fail ("outbox list", error);
      else if (json)
        {
          g_autoptr(JsonNode) root = records_to_json (records);

          mado_cli_json_print (root);
        }
      else
        print_records (records);
    }
  mado_cli_store_options_clear (&options);
  return status;
}
