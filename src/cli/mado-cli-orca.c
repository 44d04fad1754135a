/* mado-cli-orca.c — madoguchi-cli orca: hand today's confirmed subsidies to ORCA, or to paper
 *
 * The input is what `madoguchi-cli visit --json` printed for a resident:
 * only a confirmation the hub gave today is handed off. `diff` shows what
 * ORCA would get, `send` registers it (after the same diff, under ORCA's
 * lock) and audits the hand-off, `qr` writes the QR text and image, `slip`
 * prints the slip's content or writes it as the PDF the app prints
 * (mado_handoff_slip_write_pdf()).
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "madoguchi-core.h"
#include "mado-json-guard.h"
#include "mado-cli.h"
#include "mado-cli-flow.h"
#include "mado-cli-orca.h"
#include "mado-cli-store.h"

#define MAX_VISIT_BYTES (4 * 1024 * 1024)
#define QR_SCALE        8

typedef struct {
  char                *visit;
  char                *patient;
  char                *answer;
  char                *output;
  char                *operator_id;
  gboolean             force;
  gboolean             json;
  MadoCliStoreOptions  store;
} Options;

typedef struct {
  MadoResidentBundle *bundle;
  GDateTime          *checked_at;
  GDate               today;
} Visit;

static void
visit_clear (Visit *visit)
{
  g_clear_pointer (&visit->bundle, mado_resident_bundle_free);
  g_clear_pointer (&visit->checked_at, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Visit, visit_clear)

static gboolean
not_today (GError **error)
{
  g_set_error_literal (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_NOT_CONFIRMED_TODAY,
                       _("The visit was not confirmed by the hub today: hand-offs take only a "
                         "fresh confirmation (state “confirmed”, confirmedAt today)."));
  return FALSE;
}

/* `visit --json`'s output: state confirmed, confirmedAt today, the bundle. */
static gboolean
check_visit (JsonObject  *object,
             Visit       *visit,
             GError     **error)
{
  const char *state = json_object_get_string_member_with_default (object, "state", "");
  const char *at = json_object_get_string_member_with_default (object, "confirmedAt", "");
  g_autoptr(GDateTime) local = NULL;
  GDate day;

  if (strcmp (state, "confirmed") != 0)
    return not_today (error);
  visit->checked_at = g_date_time_new_from_iso8601 (at, NULL);
  if (visit->checked_at == NULL)
    return not_today (error);
  local = g_date_time_to_local (visit->checked_at);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
  mado_date_today (&visit->today);
  if (g_date_compare (&day, &visit->today) != 0)
    return not_today (error);
  return TRUE;
}

static gboolean
load_visit (const char  *path,
            Visit       *visit,
            GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *bundle = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length = 0;
  JsonNode *root;
  JsonNode *member;

  if (!g_file_get_contents (path, &text, &length, error))
    return FALSE;
  if (length > MAX_VISIT_BYTES || !mado_json_guard_check (text, length, MADO_JSON_GUARD_MAX_DEPTH, NULL) ||
      !json_parser_load_from_data (parser, text, (gssize) length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("%s is not what “madoguchi-cli visit --json” prints."), path);
      return FALSE;
    }
  if (!check_visit (json_node_get_object (root), visit, error))
    return FALSE;
  member = json_object_get_member (json_node_get_object (root), "bundle");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return not_today (error);
  bundle = json_to_string (member, FALSE);
  visit->bundle = mado_bundle_decode (bundle, strlen (bundle), MADO_HUB_CONSENT_SUBSIDY, error);
  return visit->bundle != NULL;
}

static void
add_date (JsonBuilder *b,
          const char  *name,
          const GDate *date)
{
  g_autofree char *text = g_date_valid (date) ? mado_date_format (date) : NULL;

  mado_cli_json_add_string (b, name, text);
}

static void
add_patient (JsonBuilder           *b,
             const MadoOrcaPatient *patient)
{
  json_builder_begin_object (b);
  mado_cli_json_add_string (b, "patientId", patient->id);
  mado_cli_json_add_string (b, "name", patient->name);
  mado_cli_json_add_string (b, "nameKana", patient->name_kana);
  add_date (b, "birthDate", &patient->birth_date);
  json_builder_end_object (b);
}

/* Several patients match: --json lists them for staff to choose. */
static int
report_candidates (GPtrArray    *candidates,
                   const GError *error,
                   gboolean      json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      mado_cli_json_add_error (b, error);
      json_builder_set_member_name (b, "candidates");
      json_builder_begin_array (b);
      for (guint i = 0; i < candidates->len; i++)
        add_patient (b, g_ptr_array_index (candidates, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      mado_cli_json_print (root);
      return mado_error_exit_status (error);
    }
  g_printerr ("madoguchi-cli orca: %s\n", error->message);
  for (guint i = 0; i < candidates->len; i++)
    {
      const MadoOrcaPatient *p = g_ptr_array_index (candidates, i);
      g_autofree char *birth = g_date_valid (&p->birth_date) ? mado_date_format (&p->birth_date) : NULL;

      g_printerr ("  --patient %s  %s  %s\n", p->id, p->name != NULL ? p->name : "",
                  birth != NULL ? birth : "");
    }
  return mado_error_exit_status (error);
}

/* --patient, or the one patient with the resident's name and birth date. */
static MadoOrcaPatient *
find_patient (MadoOrcaClient  *client,
              const Visit     *visit,
              const Options   *options,
              int             *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  const MadoOrcaPatient *only;
  MadoOrcaPatient *patient;

  if (options->patient == NULL)
    {
      candidates = mado_orca_client_search (client, visit->bundle->basic_info.name,
                                            &visit->bundle->basic_info.birth_date, NULL, &error);
      if (candidates != NULL && candidates->len > 1)
        {
          g_set_error (&error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_SEVERAL_PATIENTS,
                       _("%u ORCA patients have this name and birth date; choose one with --patient."),
                       candidates->len);
          *status = report_candidates (candidates, error, options->json);
          return NULL;
        }
    }
  only = candidates != NULL ? g_ptr_array_index (candidates, 0) : NULL;
  patient = error == NULL
              ? mado_orca_client_read_patient (client, only != NULL ? only->id : options->patient,
                                               NULL, &error)
              : NULL;
  if (patient == NULL)
    *status = mado_cli_fail ("orca", error, options->json);
  return patient;
}

static void
add_stored (JsonBuilder          *b,
            const MadoOrcaPublic *stored)
{
  json_builder_set_member_name (b, "stored");
  if (stored == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  mado_cli_json_add_string (b, "id", stored->id);
  mado_cli_json_add_string (b, "name", stored->name);
  add_date (b, "validFrom", &stored->issued);
  add_date (b, "validTo", &stored->expired);
  add_date (b, "checkDate", &stored->checked);
  json_builder_end_object (b);
}

static void
add_changes (JsonBuilder        *b,
             const MadoOrcaDiff *diff)
{
  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (guint i = 0; i < diff->changes->len; i++)
    {
      const MadoOrcaChange *change = g_ptr_array_index (diff->changes, i);

      json_builder_begin_object (b);
      mado_cli_json_add_string (b, "kind", mado_orca_change_kind_to_string (change->kind));
      mado_cli_json_add_string (b, "payerNumber", change->payer_number);
      mado_cli_json_add_string (b, "recipientNumber", change->recipient_number);
      mado_cli_json_add_string (b, "certificationName", change->certification_name);
      add_date (b, "validFrom", &change->valid_from);
      add_date (b, "validTo", &change->valid_to);
      add_date (b, "checkDate", &diff->today);
      add_stored (b, change->stored);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_diff_text (const MadoOrcaPatient *patient,
                 const MadoOrcaDiff    *diff)
{
  g_print (_("ORCA patient %s %s\n"), patient->id, patient->name != NULL ? patient->name : "");
  if (diff->changes->len == 0)
    g_print (_("No subsidy valid today: nothing to hand off.\n"));
  for (guint i = 0; i < diff->changes->len; i++)
    {
      const MadoOrcaChange *change = g_ptr_array_index (diff->changes, i);
      g_autofree char *from = mado_date_format (&change->valid_from);
      g_autofree char *to = g_date_valid (&change->valid_to) ? mado_date_format (&change->valid_to)
                                                             : g_strdup ("-");

      g_print ("  %-9s %s %s  %s … %s\n", mado_orca_change_kind_to_string (change->kind),
               change->payer_number, change->recipient_number, from, to);
    }
}

/* state: what the diff or the hand-off came to. */
static void
print_outcome (const char               *state,
               const MadoOrcaPatient    *patient,
               const MadoOrcaDiff       *diff,
               const MadoOrcaSendResult *result,
               gboolean                  json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!json)
    {
      print_diff_text (patient, diff);
      g_print (_("State: %s\n"), state);
      for (guint i = 0; result != NULL && result->messages[i] != NULL; i++)
        g_print (_("ORCA says: %s\n"), result->messages[i]);
      return;
    }
  json_builder_begin_object (b);
  mado_cli_json_add_string (b, "state", state);
  json_builder_set_member_name (b, "patient");
  add_patient (b, patient);
  add_date (b, "today", &diff->today);
  add_changes (b, diff);
  if (result != NULL)
    {
      mado_cli_json_add_string (b, "orcaResult", result->api_result);
      json_builder_set_member_name (b, "messages");
      json_builder_begin_array (b);
      for (guint i = 0; result->messages[i] != NULL; i++)
        json_builder_add_string_value (b, result->messages[i]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  mado_cli_json_print (root);
}

static MadoOrcaClient *
open_client (MadoDesk  *desk,
             gboolean   json,
             int       *status)
{
  g_autoptr(GError) error = NULL;
  MadoOrcaClient *client = mado_orca_client_new (mado_desk_get_site_config (desk), &error);

  if (client == NULL)
    *status = mado_cli_fail ("orca", error, json);
  return client;
}

static MadoOrcaAnswer
parse_answer (const char *text)
{
  if (g_strcmp0 (text, "ok") == 0)
    return MADO_ORCA_ANSWER_OK;
  if (g_strcmp0 (text, "no") == 0)
    return MADO_ORCA_ANSWER_NG;
  return MADO_ORCA_ANSWER_ASK;
}

static int
send_diff (MadoDesk              *desk,
           MadoOrcaClient        *client,
           const Visit           *visit,
           const MadoOrcaPatient *patient,
           const MadoOrcaDiff    *diff,
           Options               *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) audit_error = NULL;
  g_autofree char *operator_id = options->operator_id != NULL ? g_strdup (options->operator_id)
                                                              : mado_cli_operator ();
  MadoOrcaSendResult result = { 0 };
  int status = MADO_EXIT_OK;
  gboolean ok;

  if (!mado_cli_desk_open_store ("orca", desk, &options->store, &status))
    return status;
  ok = mado_orca_client_send (client, diff, visit->bundle->subsidies,
                              parse_answer (options->answer), &result, NULL, &error);
  /* Every hand-off staff confirmed is audited, whatever ORCA answered. */
  if (!mado_orca_audit_send (mado_desk_get_store (desk), operator_id, NULL,
                             visit->bundle->resident_ref, diff, ok ? &result : NULL, error,
                             &audit_error))
    g_warning ("orca: the hand-off was not audited: %s", audit_error->message);
  if (ok)
    print_outcome (result.sent ? "sent" : "unchanged", patient, diff, &result, options->json);
  else
    status = mado_cli_fail ("orca", error, options->json);
  mado_orca_send_result_clear (&result);
  return status;
}

static int
run_orca (const char *action,
          Options    *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoDesk) desk = NULL;
  g_autoptr(MadoOrcaClient) client = NULL;
  g_autoptr(MadoOrcaPatient) patient = NULL;
  g_autoptr(MadoOrcaDiff) diff = NULL;
  g_auto(Visit) visit = { 0 };
  int status = MADO_EXIT_OK;

  if (!load_visit (options->visit, &visit, &error) ||
      (desk = mado_cli_desk (&error)) == NULL)
    return mado_cli_fail ("orca", error, options->json);
  if ((client = open_client (desk, options->json, &status)) == NULL ||
      (patient = find_patient (client, &visit, options, &status)) == NULL)
    return status;
  diff = mado_orca_diff_compute (patient, visit.bundle->subsidies, &visit.today);
  if (strcmp (action, "send") == 0)
    return send_diff (desk, client, &visit, patient, diff, options);
  print_outcome (mado_orca_diff_has_changes (diff) ? "changes" : "unchanged", patient, diff,
                 NULL, options->json);
  return MADO_EXIT_OK;
}

static void
print_slip_text (const Visit *visit)
{
  g_autoptr(GPtrArray) subsidies = mado_handoff_subsidies (visit->bundle, &visit->today);
  g_autofree char *birth = mado_date_format (&visit->bundle->basic_info.birth_date);
  g_autofree char *checked = mado_handoff_format_checked (visit->checked_at);

  g_print (_("Name: %s\n"), visit->bundle->basic_info.name);
  g_print (_("Birth date: %s\n"), birth);
  g_print (_("Checked with the hub: %s\n"), checked);
  if (subsidies->len == 0)
    g_print (_("No subsidy valid today.\n"));
  for (guint i = 0; i < subsidies->len; i++)
    {
      const MadoSubsidy *subsidy = g_ptr_array_index (subsidies, i);
      g_autofree char *period = mado_subsidy_validity_describe_period (subsidy);

      g_print (_("Payer %s  Recipient %s  %s\n"), subsidy->medical_subsidy_insurer_number,
               subsidy->medical_subsidy_recipient_number, period);
      if (subsidy->has_max_copayment)
        {
          g_autofree char *cap = g_strdup_printf ("%" G_GINT64_FORMAT, subsidy->max_copayment_monthly_yen);

          g_print (_("  Monthly cap: %s yen\n"), cap);
        }
    }
}

static void
print_written (const char *text,
               const char *output,
               guint       modules,
               gboolean    json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (!json)
    {
      g_print ("%s\n", text);
      return;
    }
  json_builder_begin_object (b);
  mado_cli_json_add_string (b, "text", text);
  if (modules > 0)
    {
      json_builder_set_member_name (b, "modules");
      json_builder_add_int_value (b, modules);
    }
  mado_cli_json_add_string (b, "output", output);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  mado_cli_json_print (root);
}

/* The slip as text, or as the app's PDF with --output. */
static int
run_slip (const Visit *visit,
          Options     *options)
{
  g_autoptr(MadoHandoffSlip) slip = NULL;
  g_autoptr(GError) error = NULL;

  if (options->output == NULL)
    {
      print_slip_text (visit);
      return MADO_EXIT_OK;
    }
  slip = mado_handoff_slip_new (visit->bundle, &visit->today, visit->checked_at);
  if (!mado_handoff_slip_write_pdf (slip, options->output, options->force, &error))
    return mado_cli_fail ("orca", error, options->json);
  if (options->json)
    print_written (mado_handoff_slip_get_text (slip), options->output, 0, TRUE);
  else
    g_print (_("The slip was written to %s.\n"), options->output);
  return MADO_EXIT_OK;
}

/* `qr` and `slip` need no ORCA: the hand-off for every other desk. */
static int
run_paper (const char *action,
           Options    *options)
{
  g_autoptr(GError) error = NULL;
  g_auto(Visit) visit = { 0 };
  g_autofree char *text = NULL;
  g_autoptr(MadoQr) qr = NULL;

  if (!load_visit (options->visit, &visit, &error))
    return mado_cli_fail ("orca", error, options->json);
  if (strcmp (action, "slip") == 0)
    return run_slip (&visit, options);
  text = mado_handoff_text (visit.bundle, &visit.today, visit.checked_at);
  qr = mado_qr_encode (text, &error);
  if (qr == NULL || (options->output != NULL &&
                     !mado_qr_write_pbm (qr, QR_SCALE, options->output, &error)))
    return mado_cli_fail ("orca", error, options->json);
  print_written (text, options->output, qr->width, options->json);
  return MADO_EXIT_OK;
}

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->visit, g_free);
  g_clear_pointer (&options->patient, g_free);
  g_clear_pointer (&options->answer, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->operator_id, g_free);
  mado_cli_store_options_clear (&options->store);
}

static int
check_options (const char *action,
               Options    *options)
{
  static const char *const actions[] = { "diff", "send", "qr", "slip", NULL };

  if (!g_strv_contains (actions, action))
    return mado_cli_usage_error ("orca", _("unknown action “%s”: diff, send, qr or slip"), action);
  if (options->visit == NULL)
    return mado_cli_usage_error ("orca", "%s", _("--visit FILE is required"));
  if (options->patient != NULL && !mado_orca_patient_is_id (options->patient))
    return mado_cli_usage_error ("orca", "%s", _("--patient takes ORCA’s patient number (digits)"));
  if (options->answer != NULL && parse_answer (options->answer) == MADO_ORCA_ANSWER_ASK)
    return mado_cli_usage_error ("orca", "%s", _("--answer takes ok or no"));
  return MADO_EXIT_OK;
}

int
mado_cli_orca (int argc, char **argv)
{
  Options options = { 0 };
  GOptionEntry entries[] = {
    { "visit", 0, 0, G_OPTION_ARG_FILENAME, &options.visit, N_("What “visit --json” printed for the resident"), "FILE" },
    { "patient", 0, 0, G_OPTION_ARG_STRING, &options.patient, N_("The ORCA patient number (default: search by name and birth date)"), "ID" },
    { "answer", 0, 0, G_OPTION_ARG_STRING, &options.answer, N_("Answer ORCA’s question: ok or no"), "ANSWER" },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &options.operator_id, N_("The staff member handing off (audited)"), "ID" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &options.output, N_("qr: write the code as a PBM image; slip: write the slip as PDF"), "FILE" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force, N_("slip: replace the --output file if it is there"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("diff|send|qr|slip — hand today’s subsidies to ORCA, or to paper"));
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_store_options_add (context, &options.store);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("orca", "%s", error->message);
  else if (argc != 2)
    status = mado_cli_usage_error ("orca", "%s", _("expected one action: diff, send, qr or slip"));
  else if ((status = check_options (argv[1], &options)) != MADO_EXIT_OK)
    ;
  else if (strcmp (argv[1], "qr") == 0 || strcmp (argv[1], "slip") == 0)
    status = run_paper (argv[1], &options);
  else
    status = run_orca (argv[1], &options);
  options_clear (&options);
  return status;
}
