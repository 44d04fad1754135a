/* mado-cli-verify.c — `madoguchi-cli verify`: card → identity → consent → hub, headless
 *
 * Also the visit runner `visit` shares (mado-cli-visit.c adds the store).
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-cli.h"
#include "mado-cli-flow.h"
#include "mado-cli-store.h"

void
mado_cli_visit_options_init (MadoCliVisitOptions *options)
{
  memset (options, 0, sizeof *options);
  options->pin_fd = -1;
}

void
mado_cli_visit_options_add (GOptionContext      *context,
                            MadoCliVisitOptions *options)
{
  GOptionEntry entries[] = {
    { "reader", 0, 0, G_OPTION_ARG_STRING, &options->reader,
      N_("Use this reader only (default: the site configuration's, else automatic)"), N_("NAME") },
    { "pin-fd", 0, 0, G_OPTION_ARG_INT, &options->pin_fd,
      N_("Read the resident's PIN from this file descriptor"), N_("N") },
    { "visual", 0, 0, G_OPTION_ARG_NONE, &options->visual,
      N_("Identity checked by staff against the card photo (needs --operator)"), NULL },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &options->operator_id,
      N_("The staff member who made the visual check"), N_("ID") },
    { "consent", 0, 0, G_OPTION_ARG_STRING, &options->consent,
      N_("Categories the resident agrees to share (default: all)"),
      "subsidy,vaccination,maternalChild" },
    { "last-try", 0, 0, G_OPTION_ARG_NONE, &options->last_try,
      N_("Staff have warned the resident that only one PIN try is left"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
}

void
mado_cli_visit_options_clear (MadoCliVisitOptions *options)
{
  g_clear_pointer (&options->reader, g_free);
  g_clear_pointer (&options->operator_id, g_free);
  g_clear_pointer (&options->consent, g_free);
}

static gboolean
parse_consent (const char      *text,
               MadoHubConsent  *out,
               GError         **error)
{
  g_auto(GStrv) parts = NULL;

  *out = MADO_HUB_CONSENT_NONE;
  if (text == NULL)
    {
      *out = MADO_HUB_CONSENT_ALL;
      return TRUE;
    }
  parts = g_strsplit (text, ",", -1);
  for (gsize i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_str_equal (part, "subsidy"))
        *out |= MADO_HUB_CONSENT_SUBSIDY;
      else if (g_str_equal (part, "vaccination"))
        *out |= MADO_HUB_CONSENT_VACCINATION;
      else if (g_str_equal (part, "maternalChild"))
        *out |= MADO_HUB_CONSENT_MATERNAL_CHILD;
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--consent: unknown category “%s” (subsidy, vaccination, maternalChild)"),
                       part);
          return FALSE;
        }
    }
  if (*out == MADO_HUB_CONSENT_NONE)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--consent names no category"));
      return FALSE;
    }
  return TRUE;
}

/**
 * mado_cli_desk:
 *
 * Returns: (transfer full) (nullable): the desk of the site configuration,
 *   with its hub client when the configuration names a hub
 */
MadoDesk *
mado_cli_desk (GError **error)
{
  MadoSiteConfig *config = mado_cli_load_site_config (error);
  g_autoptr(MadoDesk) desk = NULL;

  if (config == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_NOT_FOUND,
                             _("There is no site configuration (/etc/madoguchi/site.conf or "
                               "MADOGUCHI_SITE_CONFIG). Ask the administrator to install one."));
      return NULL;
    }
  desk = mado_desk_new (config, NULL);
  if (config->has_hub && mado_desk_get_hub_client (desk) == NULL)
    {
      g_propagate_error (error, g_error_copy (mado_desk_get_setup_error (desk)));
      return NULL;
    }
  return g_steal_pointer (&desk);
}

/* ---- printing ------------------------------------------------------------ */

static char *
format_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static char *
describe_age (gint64 seconds)
{
  /* Ages of cached data fit an int: the cache keeps days, not years. */
  int s = (int) CLAMP (seconds, 0, G_MAXINT);

  if (s < 60)
    return g_strdup_printf (_("%d s"), s);
  if (s < 3600)
    return g_strdup_printf (_("%d min"), s / 60);
  if (s < 2 * 86400)
    return g_strdup_printf (_("%d h %d min"), s / 3600, (s % 3600) / 60);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) (s / 86400)),
                          s / 86400);
}

/* The pair every result carries: never a cached answer that reads as fresh. */
static void
add_freshness_pair (JsonBuilder                  *b,
                    MadoReceptionState            state,
                    const MadoReceptionFreshness *freshness)
{
  g_autofree char *confirmed_at = freshness != NULL ? format_time (freshness->confirmed_at) : NULL;

  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, mado_reception_state_to_string (state));
  json_builder_set_member_name (b, "offline");
  json_builder_add_boolean_value (b, state == MADO_RECEPTION_STATE_CONFIRMED_OFFLINE ||
                                        state == MADO_RECEPTION_STATE_NO_CACHED_DATA);
  /* Online: when the hub answered; offline: when it last did for this data. */
  json_builder_set_member_name (b, "confirmedAt");
  if (confirmed_at != NULL)
    json_builder_add_string_value (b, confirmed_at);
  else
    json_builder_add_null_value (b);
}

static void
add_freshness (JsonBuilder                  *b,
               const MadoReceptionFreshness *freshness)
{
  g_autofree char *confirmed_at = format_time (freshness->confirmed_at);
  g_autofree char *checked_at = format_time (freshness->checked_at);

  json_builder_set_member_name (b, "freshness");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "offline");
  json_builder_add_boolean_value (b, freshness->offline);
  json_builder_set_member_name (b, "confirmedAt");
  json_builder_add_string_value (b, confirmed_at);
  json_builder_set_member_name (b, "identityCheckedAt");
  json_builder_add_string_value (b, checked_at);
  json_builder_set_member_name (b, "ageSeconds");
  json_builder_add_int_value (b, freshness->age_seconds);
  json_builder_set_member_name (b, "identity");
  json_builder_add_string_value (b, mado_identity_check_to_string (freshness->identity));
  if (freshness->operator_id != NULL)
    {
      json_builder_set_member_name (b, "operatorId");
      json_builder_add_string_value (b, freshness->operator_id);
    }
  json_builder_set_member_name (b, "revocation");
  json_builder_add_string_value (b, freshness->offline ? "unknown" : "checked-by-hub");
  json_builder_end_object (b);
}

static void
print_json (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = mado_json_write_to_string (root, TRUE);

  g_print ("%s\n", text);
}

static void
print_result_json (MadoReceptionSession *session)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const MadoReceptionFreshness *freshness = mado_reception_session_get_freshness (session);
  g_autofree char *as_of = g_date_time_format (mado_reception_session_get_bundle (session)->as_of,
                                               "%Y-%m-%dT%H:%M:%S%:z");

  json_builder_begin_object (b);
  add_freshness_pair (b, mado_reception_session_get_state (session), freshness);
  add_freshness (b, freshness);
  /* The hub's own date for the data, beside when it was confirmed. */
  json_builder_set_member_name (b, "asOf");
  json_builder_add_string_value (b, as_of);
  json_builder_set_member_name (b, "bundle");
  json_builder_add_value (b, mado_bundle_encode (mado_reception_session_get_bundle (session)));
  json_builder_end_object (b);
  print_json (b);
}

static void
print_subsidies (const MadoResidentBundle *bundle,
                 const GDate              *today)
{
  if (bundle->subsidies == NULL)
    return;
  g_print (_("Subsidies:\n"));
  if (bundle->subsidies->len == 0)
    g_print (_("  none\n"));
  for (guint i = 0; i < bundle->subsidies->len; i++)
    {
      const MadoSubsidy *s = g_ptr_array_index (bundle->subsidies, i);
      g_autofree char *validity = mado_subsidy_validity_describe (s, today);

      g_print ("  %s  %s / %s  %s\n", s->certification_name, s->medical_subsidy_insurer_number,
               s->medical_subsidy_recipient_number, validity);
    }
}

static void
print_questionnaires (const MadoResidentBundle *bundle)
{
  if (bundle->questionnaires == NULL)
    return;
  for (guint i = 0; i < bundle->questionnaires->len; i++)
    {
      const MadoQuestionnaire *q = g_ptr_array_index (bundle->questionnaires, i);
      guint n_flagged;
      g_autoptr(GPtrArray) items = mado_questionnaire_answers_flagged_first (q, &n_flagged);

      g_print (_("Questionnaire: %s\n"), q->title);
      for (guint j = 0; j < n_flagged; j++)
        {
          const MadoQuestionnaireItem *item = g_ptr_array_index (items, j);

          g_print (_("  ⚠ %s — %s\n"), item->text,
                   item->attention_reason != NULL ? item->attention_reason : _("needs attention"));
        }
    }
}

/* How current the hub's data itself is, apart from when it was confirmed:
 * an old asOf confirmed now is still old data. */
static void
print_as_of (const MadoResidentBundle *bundle)
{
  g_autofree char *as_of = mado_resident_bundle_describe_as_of (bundle);

  g_print ("%s\n", as_of);
}

static void
print_result_text (MadoReceptionSession *session)
{
  const MadoResidentBundle *bundle = mado_reception_session_get_bundle (session);
  const MadoReceptionFreshness *freshness = mado_reception_session_get_freshness (session);
  g_autofree char *confirmed_at = NULL;
  GDate today;

  mado_date_today (&today);
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (freshness->confirmed_at);

    confirmed_at = g_date_time_format (local, "%Y-%m-%d %H:%M");
  }
  if (freshness->offline)
    {
      g_autofree char *age = describe_age (freshness->age_seconds);

      g_print (_("OFFLINE — cached data, last confirmed by the hub %s (%s ago). "
                 "Identity: %s. Revocation: unknown.\n"),
               confirmed_at, age, mado_identity_check_to_string (freshness->identity));
    }
  else
    g_print (_("Confirmed by the hub at %s. Identity: %s.\n"), confirmed_at,
             mado_identity_check_to_string (freshness->identity));

  print_as_of (bundle);
  g_print (_("Name: %s\n"), bundle->basic_info.name);
  if (bundle->basic_info.name_kana != NULL)
    g_print (_("Kana: %s\n"), bundle->basic_info.name_kana);
  if (g_date_valid (&bundle->basic_info.birth_date))
    g_print (_("Born: %04u-%02u-%02u\n"), (guint) g_date_get_year (&bundle->basic_info.birth_date),
             (guint) g_date_get_month (&bundle->basic_info.birth_date),
             (guint) g_date_get_day (&bundle->basic_info.birth_date));
  print_subsidies (bundle, &today);
  print_questionnaires (bundle);
  if (bundle->immunizations_due != NULL)
    for (guint i = 0; i < bundle->immunizations_due->len; i++)
      {
        const MadoImmunizationDue *due = g_ptr_array_index (bundle->immunizations_due, i);

        g_print (_("Due: %s (dose %d)\n"), due->vaccine, due->dose_number);
      }
}

/* A failed or empty visit: the named error, with the state and, after a
 * wrong PIN, the tries left. */
static int
report_failure (const char           *command,
                MadoReceptionSession *session,
                const GError         *error,
                gboolean              json)
{
  gboolean wrong_pin = g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG);
  MadoReceptionState state = session != NULL ? mado_reception_session_get_state (session)
                                             : MADO_RECEPTION_STATE_FAILED;
  guint tries = session != NULL ? mado_reception_session_get_tries_left (session) : 0;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_freshness_pair (b, state, NULL);
      mado_cli_json_add_error (b, error);
      if (wrong_pin)
        {
          json_builder_set_member_name (b, "triesLeft");
          json_builder_add_int_value (b, tries);
        }
      json_builder_end_object (b);
      print_json (b);
    }
  else if (state == MADO_RECEPTION_STATE_NO_CACHED_DATA)
    {
      g_print (_("no cached data for this card\n"));
      g_printerr ("madoguchi-cli %s: %s\n", command, error->message);
    }
  else
    {
      g_printerr ("madoguchi-cli %s: %s\n", command, error->message);
      if (wrong_pin)
        g_printerr (_("PIN tries left: %u\n"), tries);
    }
  return mado_error_exit_status (error);
}

/* ---- the visit ------------------------------------------------------------- */

static gboolean
check_identity_options (MadoCliVisitOptions  *options,
                        GError              **error)
{
  if ((options->pin_fd >= 0) == options->visual)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("give either --pin-fd N or --visual --operator ID"));
      return FALSE;
    }
  if (options->visual && (options->operator_id == NULL || *options->operator_id == '\0'))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--visual needs --operator ID"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
prove_identity (MadoReceptionSession  *session,
                MadoCliVisitOptions   *options,
                MadoPin              **pin,
                GError               **error)
{
  if (options->visual)
    return mado_reception_session_confirm_visual (session, options->operator_id, error);
  if ((mado_reception_session_get_offered_modes (session) & MADO_IDENTITY_MODE_PIN) == 0)
    {
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED,
                           _("The card's PIN is blocked: no PIN was sent. Use a visual check "
                             "where allowed; the resident must have the PIN reset at the city "
                             "office."));
      return FALSE;
    }
  if (!mado_cli_check_tries (mado_reception_session_get_tries_left (session),
                             options->last_try, error))
    return FALSE;
  return mado_reception_session_submit_pin (session, g_steal_pointer (pin), error);
}

/**
 * mado_cli_open_visit:
 * @command: for messages
 * @options: the card and identity options
 * @store: (nullable): the offline store; %NULL: nothing cached or audited
 * @out_desk: (out) (transfer full): the desk the session uses; it must
 *   outlive the session
 * @status: (out): the exit status when the visit failed (already reported)
 *
 * Runs a visit up to the consent: card, identity, hub or offline cache.
 *
 * Returns: (transfer full) (nullable): the session, holding the bundle
 */
MadoReceptionSession *
mado_cli_open_visit (const char           *command,
                     MadoCliVisitOptions  *options,
                     MadoStore            *store,
                     MadoDesk            **out_desk,
                     int                  *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPin) pin = NULL;
  g_autoptr(MadoDesk) desk = NULL;
  g_autoptr(MadoReceptionSession) session = NULL;
  g_autofree char *operator_id = NULL;
  MadoHubConsent consent;

  if (!check_identity_options (options, &error) || !parse_consent (options->consent, &consent, &error))
    return *status = mado_cli_usage_error (command, "%s", error->message), NULL;
  /* The PIN is read before the card is touched, so a bad one costs no try. */
  if (options->pin_fd >= 0)
    {
      pin = mado_pin_new_from_fd (options->pin_fd, &error);
      if (pin == NULL || !mado_pin_validate (pin, &error))
        return *status = mado_cli_fail (command, error, options->json), NULL;
    }
  desk = mado_cli_desk (&error);
  if (desk == NULL)
    return *status = mado_cli_fail (command, error, options->json), NULL;

  session = mado_reception_session_new (mado_desk_get_site_config (desk),
                                        mado_desk_get_hub_client (desk), store);
  if (options->reader != NULL)
    mado_reception_session_set_reader (session, options->reader);
  operator_id = options->visual ? g_strdup (options->operator_id) : mado_cli_operator ();
  mado_reception_session_set_operator (session, operator_id);

  if (!mado_reception_session_read_card (session, &error) ||
      !prove_identity (session, options, &pin, &error) ||
      !mado_reception_session_give_consent (session, consent, &error))
    {
      *status = report_failure (command, session, error, options->json);
      mado_reception_session_finish (session);
      return NULL;
    }
  *out_desk = g_steal_pointer (&desk);
  return g_steal_pointer (&session);
}

/**
 * mado_cli_run_visit:
 * @store: (nullable): the offline store; %NULL: nothing cached or audited
 *
 * Runs one whole visit and prints the result.
 *
 * Returns: the exit status
 */
int
mado_cli_run_visit (const char          *command,
                    MadoCliVisitOptions *options,
                    MadoStore           *store)
{
  g_autoptr(MadoDesk) desk = NULL;
  g_autoptr(MadoReceptionSession) session = NULL;
  int status = MADO_EXIT_OK;

  session = mado_cli_open_visit (command, options, store, &desk, &status);
  if (session == NULL)
    return status;
  if (options->json)
    print_result_json (session);
  else
    print_result_text (session);
  mado_reception_session_finish (session);
  return MADO_EXIT_OK;
}

int
mado_cli_verify (int argc, char **argv)
{
  MadoCliVisitOptions options;
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— prove the card holder's identity to the hub and show the bundle"));
  g_autoptr(GError) error = NULL;
  int status;

  mado_cli_visit_options_init (&options);
  mado_cli_visit_options_add (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("verify", "%s", error->message);
  else if (argc != 1)
    status = mado_cli_usage_error ("verify", "%s", _("unexpected argument"));
  else
    status = mado_cli_run_visit ("verify", &options, NULL);
  mado_cli_visit_options_clear (&options);
  return status;
}
