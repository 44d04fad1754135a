/* mado-cli-record.c — `madoguchi-cli record`: the dose given, from a GS1 scan or typed, checked, signed and queued
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-cli.h"
#include "mado-cli-venue.h"

typedef struct {
  char     *gs1;
  char     *product;
  char     *lot;
  char     *expiry;
  int       dose;
  char     *site;
  double    volume;
  char     *route;
  char     *questionnaire;
  char     *time;
  char    **overrides;
  char     *override_reason;
} RecordOptions;

static gboolean
set_product_and_lot (MadoVaccination     *v,
                     const RecordOptions *o,
                     GError             **error)
{
  MadoGs1 scan;
  const MadoVaccineProduct *product;

  if (o->gs1 != NULL)
    return mado_gs1_parse (o->gs1, -1, &scan, error) && mado_vaccination_set_scan (v, &scan, error);
  product = mado_vaccine_products_find_code (o->product);
  if (product == NULL)
    {
      g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_UNKNOWN_PRODUCT,
                   _("The vaccine code %s is not in this desk's product table."), o->product);
      return FALSE;
    }
  mado_vaccination_set_product (v, product);
  v->lot_number = g_strdup (o->lot);
  if (!mado_date_parse_iso (o->expiry, &v->expiry))
    g_date_clear (&v->expiry, 1);
  return TRUE;
}

/* Everything that needs no card: read before the card is touched. */
static MadoVaccination *
build_vaccination (const RecordOptions  *o,
                   GError              **error)
{
  g_autoptr(MadoVaccination) v = mado_vaccination_new ();

  if (!set_product_and_lot (v, o, error))
    return NULL;
  for (guint i = 0; o->overrides != NULL && o->overrides[i] != NULL; i++)
    {
      MadoCheck check;

      if (!mado_check_from_string (o->overrides[i], &check))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--override %s: not a check's name"), o->overrides[i]);
          return NULL;
        }
      v->overrides |= MADO_CHECK_FLAG (check);
    }
  v->override_reason = g_strdup (o->override_reason);
  v->site = g_strdup (o->site);
  v->questionnaire_id = g_strdup (o->questionnaire);
  v->dose_number = (guint) MAX (o->dose, 0);
  if (o->volume > 0)
    v->dose_ml = o->volume;
  if (o->route != NULL && !mado_vaccine_route_from_string (o->route, &v->route))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--route must be subcutaneous, intramuscular, oral or percutaneous"));
      return NULL;
    }
  if (o->time != NULL && (v->occurred_at = g_date_time_new_from_iso8601 (o->time, NULL)) == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--time must be an RFC 3339 time with a zone"));
      return NULL;
    }
  return g_steal_pointer (&v);
}

static void
print_vaccination (const MadoVaccination *v,
                   GPtrArray             *findings,
                   gboolean               json)
{
  if (json)
    {
      g_autoptr(JsonNode) node = mado_record_encode_vaccination (v);

      json_object_set_string_member (json_node_get_object (node), "delivery",
                                     mado_delivery_to_string (MADO_DELIVERY_SENDING));
      mado_cli_venue_add_findings (node, findings);
      mado_cli_venue_print_node (node);
      return;
    }
  g_print (_("Recorded vaccination %s: %s dose %u, lot %s, by %s, doctor %s (recorded, sending).\n"),
           v->record_id, v->product->display, v->dose_number, v->lot_number, v->performer_name,
           v->doctor_name);
  if (v->overrides != 0)
    {
      g_autofree char *names = mado_check_flags_to_string (v->overrides);

      g_print (_("Overridden checks (audited): %s\n"), names);
    }
}

static int
report_refusal (const GError *error,
                GPtrArray    *findings,
                gboolean      json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      mado_cli_json_add_error (b, error);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      mado_cli_venue_add_findings (node, findings);
      mado_cli_venue_print_node (node);
      return mado_error_exit_status (error);
    }
  g_printerr ("madoguchi-cli record: %s\n", error->message);
  mado_cli_venue_print_findings (findings);
  return mado_error_exit_status (error);
}

static int
save (MadoStore                *store,
      MadoStaffSession         *staff,
      const MadoResidentBundle *bundle,
      MadoVaccination          *v,
      gboolean                  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *id = NULL;

  v->resident_ref = g_strdup (bundle->resident_ref);
  v->resident_name = g_strdup (bundle->basic_info.name);
  if (v->dose_number == 0 && v->product != NULL)
    v->dose_number = mado_venue_recorder_propose_dose (store, bundle, v->product);
  id = mado_venue_recorder_record_vaccination (store, staff, bundle, v, &findings, &error);
  if (id == NULL)
    return report_refusal (error, findings, json);
  print_vaccination (v, findings, json);
  return MADO_EXIT_OK;
}

static int
run_record (MadoCliVenueOptions *options,
            const RecordOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(MadoStaffSession) staff = NULL;
  g_autoptr(MadoDesk) desk = NULL;
  g_autoptr(MadoReceptionSession) session = NULL;
  g_autoptr(MadoVaccination) v = build_vaccination (o, &error);
  int status = MADO_EXIT_OK;

  if (v == NULL)
    return error->domain == G_OPTION_ERROR ? mado_cli_usage_error ("record", "%s", error->message)
                                           : mado_cli_fail ("record", error, options->visit.json);
  store = mado_cli_store_open ("record", &options->store, &status);
  if (store == NULL)
    return status;
  staff = mado_cli_venue_sign_in ("record", store, options, &status);
  if (staff == NULL)
    return status;
  session = mado_cli_open_visit ("record", &options->visit, store, &desk, &status);
  if (session == NULL)
    return status;
  status = save (store, staff, mado_reception_session_get_bundle (session), v, options->visit.json);
  mado_reception_session_finish (session);
  return status;
}

static void
record_options_clear (RecordOptions *o)
{
  g_free (o->gs1);
  g_free (o->product);
  g_free (o->lot);
  g_free (o->expiry);
  g_free (o->site);
  g_free (o->route);
  g_free (o->questionnaire);
  g_free (o->time);
  g_strfreev (o->overrides);
  g_free (o->override_reason);
}

int
mado_cli_record (int argc, char **argv)
{
  MadoCliVenueOptions options;
  RecordOptions o = { 0 };
  GOptionEntry entries[] = {
    { "gs1", 0, 0, G_OPTION_ARG_STRING, &o.gs1,
      N_("The package's GS1 element string as the scanner typed it (GTIN, expiry, lot)"), N_("STRING") },
    { "product", 0, 0, G_OPTION_ARG_STRING, &o.product,
      N_("Without a scan: the vaccine code (docs/recording.md lists them)"), N_("CODE") },
    { "lot", 0, 0, G_OPTION_ARG_STRING, &o.lot, N_("Without a scan: the lot number"), N_("LOT") },
    { "expiry", 0, 0, G_OPTION_ARG_STRING, &o.expiry,
      N_("Without a scan: the lot's expiry date"), N_("YYYY-MM-DD") },
    { "dose", 0, 0, G_OPTION_ARG_INT, &o.dose,
      N_("The dose number (default: what the schedule proposes)"), N_("N") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &o.site,
      N_("left-upper-arm, right-upper-arm, left-thigh, right-thigh or oral"), N_("SITE") },
    { "volume", 0, 0, G_OPTION_ARG_DOUBLE, &o.volume,
      N_("The volume given in mL (default: the product's)"), N_("ML") },
    { "route", 0, 0, G_OPTION_ARG_STRING, &o.route,
      N_("subcutaneous, intramuscular, oral or percutaneous (default: the product's)"), N_("ROUTE") },
    { "questionnaire", 0, 0, G_OPTION_ARG_STRING, &o.questionnaire,
      N_("Today's 予診票 (default: the one the doctor judged)"), N_("ID") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &o.time,
      N_("When it was given (default: now)"), N_("RFC3339") },
    { "override", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.overrides,
      N_("Save despite this check's finding (repeatable; recorded and audited)"), N_("CHECK") },
    { "override-reason", 0, 0, G_OPTION_ARG_STRING, &o.override_reason,
      N_("Why the overrides were decided"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— record the vaccination given, from a GS1 scan or typed"));
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_venue_options_init (&options, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("record", "%s", error->message);
  else if (argc != 1)
    status = mado_cli_usage_error ("record", "%s", _("unexpected argument"));
  else if ((o.gs1 != NULL) == (o.product != NULL || o.lot != NULL || o.expiry != NULL))
    status = mado_cli_usage_error ("record", "%s", _("give either --gs1 STRING or --product CODE --lot LOT --expiry DATE"));
  else
    status = run_record (&options, &o);
  mado_cli_venue_options_clear (&options);
  record_options_clear (&o);
  return status;
}
