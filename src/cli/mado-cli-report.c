/* mado-cli-report.c — `madoguchi-cli report`: the day's doses per vaccine and lot, as CSV or JSON
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-cli.h"
#include "mado-cli-venue.h"

static void
print_json (GPtrArray *rows)
{
  JsonArray *array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_init_array (json_node_alloc (), array);

  for (guint i = 0; i < rows->len; i++)
    {
      const MadoDayReportRow *row = g_ptr_array_index (rows, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "outcome", row->outcome);
      json_object_set_string_member (object, "vaccineCode", row->vaccine_code);
      json_object_set_string_member (object, "vaccine", row->vaccine_name);
      json_object_set_string_member (object, "lotNumber", row->lot_number);
      json_object_set_int_member (object, "count", row->count);
      json_object_set_int_member (object, "enteredInError", row->entered_in_error);
      json_object_set_int_member (object, "recordedSending", row->sending);
      json_object_set_int_member (object, "delivered", row->delivered);
      json_object_set_int_member (object, "refused", row->refused);
      json_array_add_object_element (array, object);
    }
  mado_cli_json_print (root);
}

int
mado_cli_report (int argc, char **argv)
{
  MadoCliStoreOptions store_options = { 0 };
  g_autofree char *day = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "day", 0, 0, G_OPTION_ARG_STRING, &day, N_("Another day than today"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the rows as JSON instead of CSV"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— the day's doses per vaccine and lot, and the 予診のみ visits"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int status = MADO_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_store_options_add (context, &store_options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("report", "%s", error->message);
  else if (argc != 1)
    status = mado_cli_usage_error ("report", "%s", _("unexpected argument"));
  else if ((store = mado_cli_store_open ("report", &store_options, &status)) != NULL)
    {
      rows = mado_store_records_report (store, day, &error);
      if (rows == NULL)
        status = mado_cli_store_fail ("report", error);
      else if (json)
        print_json (rows);
      else
        {
          g_autofree char *csv = mado_store_records_report_csv (rows);

          g_print ("%s", csv);
        }
    }
  mado_cli_store_options_clear (&store_options);
  return status;
}
