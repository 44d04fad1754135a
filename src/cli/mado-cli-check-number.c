/* mado-cli-check-number.c — `madoguchi-cli check-number NUMBER [RECIPIENT] [--json]`
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "madoguchi-core.h"
#include "mado-cli.h"
#include "mado-cli-json-writer.h"

static const char *
severity_to_string (MadoNumberSeverity severity)
{
  return severity == MADO_NUMBER_SEVERITY_ERROR ? "error" : "warning";
}

static const char *
field_to_string (MadoNumberField field)
{
  return field == MADO_NUMBER_FIELD_INSURER ? "insurer" : "recipient";
}

static void
add_programme (MadoCliJsonWriter      *writer,
               const MadoSubsidyCheck *check)
{
  const MadoProgramme *programme = mado_programme_lookup (check->houbetsu);
  g_autofree char *name = mado_programme_describe (check->houbetsu);

  mado_cli_json_writer_member (writer, "programme");
  mado_cli_json_writer_begin_object (writer);
  mado_cli_json_writer_add_int (writer, "houbetsu", check->houbetsu);
  mado_cli_json_writer_add_string (writer, "name", name);
  mado_cli_json_writer_add_boolean (writer, "municipal", check->municipal);
  mado_cli_json_writer_add_boolean (writer, "known", programme != NULL);
  mado_cli_json_writer_add_boolean (writer, "confirmed",
                                    programme != NULL &&
                                    programme->strength == MADO_SOURCE_CONFIRMED);
  mado_cli_json_writer_end_object (writer);
}

static void
print_check_json (const MadoSubsidyCheck *check)
{
  g_autoptr(MadoCliJsonWriter) writer = mado_cli_json_writer_new ();

  mado_cli_json_writer_begin_object (writer);
  mado_cli_json_writer_add_string (writer, "medicalSubsidyInsurerNumber", check->insurer_number);
  if (check->recipient_number != NULL)
    mado_cli_json_writer_add_string (writer, "medicalSubsidyRecipientNumber",
                                     check->recipient_number);
  mado_cli_json_writer_add_string (writer, "verdict", mado_number_verdict_to_string (check->verdict));
  if (check->houbetsu != 0)
    add_programme (writer, check);

  mado_cli_json_writer_member (writer, "issues");
  mado_cli_json_writer_begin_array (writer);
  for (guint i = 0; i < check->issues->len; i++)
    {
      const MadoNumberIssue *issue = g_ptr_array_index (check->issues, i);

      mado_cli_json_writer_begin_object (writer);
      mado_cli_json_writer_add_string (writer, "field", field_to_string (issue->field));
      mado_cli_json_writer_add_string (writer, "problem",
                                       mado_number_problem_to_string (issue->problem));
      mado_cli_json_writer_add_string (writer, "severity", severity_to_string (issue->severity));
      mado_cli_json_writer_add_string (writer, "message", issue->message);
      mado_cli_json_writer_end_object (writer);
    }
  mado_cli_json_writer_end_array (writer);
  mado_cli_json_writer_end_object (writer);
  mado_cli_json_writer_print (writer);
}

static const char *
verdict_in_words (MadoNumberVerdict verdict)
{
  switch (verdict)
    {
    case MADO_NUMBER_VALID:               return _("valid");
    case MADO_NUMBER_VALID_WITH_WARNINGS: return _("valid, with warnings");
    case MADO_NUMBER_INVALID:             return _("INVALID");
    default:                              g_return_val_if_reached ("");
    }
}

static void
print_check (const MadoSubsidyCheck *check)
{
  g_print (_("Payer number (公費負担者番号): %s\n"), check->insurer_number);
  if (check->recipient_number != NULL)
    g_print (_("Recipient number (受給者番号): %s\n"), check->recipient_number);
  if (check->houbetsu != 0)
    {
      g_autofree char *name = mado_programme_describe (check->houbetsu);

      /* An unlisted programme's description already names its 法別番号. */
      if (mado_programme_lookup (check->houbetsu) != NULL)
        g_print (_("Programme: %s (法別 %02u)\n"), name, check->houbetsu);
      else
        g_print (_("Programme: %s\n"), name);
    }
  g_print (_("Verdict: %s\n"), verdict_in_words (check->verdict));

  for (guint i = 0; i < check->issues->len; i++)
    {
      const MadoNumberIssue *issue = g_ptr_array_index (check->issues, i);

      if (issue->severity == MADO_NUMBER_SEVERITY_ERROR)
        g_print (_("Error: %s\n"), issue->message);
      else
        g_print (_("Warning: %s\n"), issue->message);
    }
}

int
mado_cli_check_number (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("NUMBER [RECIPIENT] — check a 公費負担者番号 and its 受給者番号"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSubsidyCheck) check = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mado_cli_usage_error ("check-number", "%s", error->message);
  if (argc < 2 || argc > 3)
    return mado_cli_usage_error ("check-number", "%s",
                                 _("expected a payer number and, optionally, a recipient number"));

  check = mado_subsidy_number_check (argv[1], argc == 3 ? argv[2] : NULL);

  if (json)
    print_check_json (check);
  else
    print_check (check);

  return check->verdict == MADO_NUMBER_INVALID ? MADO_EXIT_INVALID : MADO_EXIT_OK;
}
