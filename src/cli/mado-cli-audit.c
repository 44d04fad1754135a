/* mado-cli-audit.c — `madoguchi-cli audit verify|export`
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mado-cli.h"
#include "mado-cli-store.h"

static int
audit_verify (MadoStore *store,
              gboolean   json)
{
  g_autoptr(GError) error = NULL;
  MadoAuditVerdict verdict;
  gboolean ok = mado_store_audit_verify (store, &verdict, &error);

  if (!ok && !g_error_matches (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN))
    return mado_cli_store_fail ("audit verify", error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "intact");
      json_builder_add_boolean_value (b, ok);
      json_builder_set_member_name (b, "entriesChecked");
      json_builder_add_int_value (b, verdict.entries);
      json_builder_set_member_name (b, "problem");
      json_builder_add_string_value (b, mado_audit_problem_to_string (verdict.problem));
      if (!ok)
        {
          json_builder_set_member_name (b, "badSeq");
          json_builder_add_int_value (b, verdict.bad_seq);
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, error->message);
        }
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      mado_cli_json_print (root);
      return ok ? MADO_EXIT_OK
                : mado_error_code_exit_status (MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN);
    }
  if (!ok)
    return mado_cli_store_fail ("audit verify", error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "The audit log is intact: %lld entry verified.\n",
                        "The audit log is intact: %lld entries verified.\n", (gulong) verdict.entries),
           (long long) verdict.entries);
  return MADO_EXIT_OK;
}

static GDateTime *
parse_date (const char *text)
{
  GDate date;

  if (text == NULL || !mado_date_parse_iso (text, &date))
    return NULL;
  return g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
}

static gboolean
write_output (const char     *path,
              GOutputStream  *memory,
              GError        **error)
{
  gsize length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
  const char *data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory));

  if (path != NULL)
    return g_file_set_contents_full (path, data ? data : "", (gssize) length,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  if (length > 0 && fwrite (data, 1, length, stdout) != length)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_IO, "%s",
                   _("The export could not be written to the standard output."));
      return FALSE;
    }
  return fflush (stdout) == 0;
}

static int
audit_export (MadoStore  *store,
              const char *from_text,
              const char *to_text,
              const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = parse_date (from_text);
  g_autoptr(GDateTime) to = parse_date (to_text);
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autofree char *operator_id = mado_cli_operator ();
  g_autofree char *detail = NULL;
  gint64 count = 0;

  if ((from_text != NULL && from == NULL) || (to_text != NULL && to == NULL))
    return mado_cli_usage_error ("audit export", "%s",
                                 _("dates are written YYYY-MM-DD, for example 2026-11-21"));
  until = to != NULL ? g_date_time_add_days (to, 1) : NULL;   /* --to is inclusive */
  if (!mado_store_audit_export (store, from, until, memory, &count, &error) ||
      !g_output_stream_close (memory, NULL, &error) ||
      !write_output (output, memory, &error))
    return mado_cli_store_fail ("audit export", error);

  /* Exporting the log is itself an export of who saw whose data. */
  detail = g_strdup_printf ("audit log %s..%s, %" G_GINT64_FORMAT " entries",
                            from_text ? from_text : "", to_text ? to_text : "", count);
  if (mado_store_audit_append (store, operator_id, MADO_AUDIT_EXPORT, NULL, MADO_AUDIT_SUCCESS,
                               detail, &error) == 0)
    return mado_cli_store_fail ("audit export", error);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %lld audit entry.\n",
                           "Exported %lld audit entries.\n", (gulong) count), (long long) count);
  return MADO_EXIT_OK;
}

int
mado_cli_audit (int argc, char **argv)
{
  MadoCliStoreOptions options = { 0, };
  gboolean json = FALSE;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Export entries from this day on (UTC)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Export entries up to and including this day (UTC)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the export to FILE instead of the standard output"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the verification result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("verify|export — check the audit log's hash chain, or export it as JSON lines"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  int status = MADO_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_store_options_add (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("audit", "%s", error->message);
  else if (argc != 2 || (!g_str_equal (argv[1], "verify") && !g_str_equal (argv[1], "export")))
    status = mado_cli_usage_error ("audit", "%s", _("expected “verify” or “export”"));
  else if ((store = mado_cli_store_open ("audit", &options, &status)) != NULL)
    status = g_str_equal (argv[1], "verify") ? audit_verify (store, json)
                                             : audit_export (store, from, to, output);
  mado_cli_store_options_clear (&options);
  return status;
}
