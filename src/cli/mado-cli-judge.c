/* mado-cli-judge.c — `madoguchi-cli judge`: the doctor's judgement on today's 予診票, signed and queued
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-cli.h"
#include "mado-cli-venue.h"

typedef struct {
  char     *questionnaire;
  char     *decision;
  gboolean  explained;
  char     *reason;
  char     *reason_text;
} JudgeOptions;

/* The questionnaire named, or the bundle's only one. */
static const MadoQuestionnaire *
pick_questionnaire (const MadoResidentBundle  *bundle,
                    const char                *id,
                    GError                   **error)
{
  guint n = bundle->questionnaires != NULL ? bundle->questionnaires->len : 0;

  for (guint i = 0; i < n; i++)
    {
      const MadoQuestionnaire *q = g_ptr_array_index (bundle->questionnaires, i);

      if ((id == NULL && n == 1) || g_strcmp0 (q->questionnaire_id, id) == 0)
        return q;
    }
  if (id != NULL)
    g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_INVALID,
                 _("The resident has no questionnaire %s. Check the ID with “madoguchi-cli visit --json”."), id);
  else
    g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_INVALID,
                 _("The resident has %u questionnaires. Name one with --questionnaire ID."), n);
  return NULL;
}

static MadoJudgement *
build_judgement (const MadoResidentBundle  *bundle,
                 const JudgeOptions        *o,
                 GError                   **error)
{
  g_autoptr(MadoJudgement) j = mado_judgement_new ();
  const MadoQuestionnaire *q = pick_questionnaire (bundle, o->questionnaire, error);

  if (q == NULL)
    return NULL;
  j->resident_ref = g_strdup (bundle->resident_ref);
  j->resident_name = g_strdup (bundle->basic_info.name);
  j->questionnaire_id = g_strdup (q->questionnaire_id);
  mado_decision_from_string (o->decision, &j->decision);
  j->explained = o->explained;
  j->reason_code = g_strdup (o->reason);
  j->reason_text = g_strdup (o->reason_text);
  return g_steal_pointer (&j);
}

static void
print_judgement (const MadoJudgement     *j,
                 const MadoQuestionnaire *q,
                 gboolean                 json)
{
  if (json)
    {
      g_autoptr(JsonNode) node = mado_record_encode_judgement (j, q);

      json_object_set_string_member (json_node_get_object (node), "delivery",
                                     mado_delivery_to_string (MADO_DELIVERY_SENDING));
      mado_cli_venue_print_node (node);
      return;
    }
  g_print (_("Signed judgement %s: %s by %s (%s).\n"), j->record_id,
           mado_decision_label (j->decision), j->doctor_name,
           mado_judgement_is_examination_only (j) ? _("予診のみ: examined, not vaccinated")
                                                  : _("recorded, sending"));
}

static int
run_judge (MadoCliVenueOptions *options,
           const JudgeOptions  *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoStore) store = NULL;
  g_autoptr(MadoStaffSession) staff = NULL;
  g_autoptr(MadoDesk) desk = NULL;
  g_autoptr(MadoReceptionSession) session = NULL;
  g_autoptr(MadoJudgement) j = NULL;
  g_autofree char *id = NULL;
  const MadoResidentBundle *bundle;
  int status = MADO_EXIT_OK;

  store = mado_cli_store_open ("judge", &options->store, &status);
  if (store == NULL)
    return status;
  staff = mado_cli_venue_sign_in ("judge", store, options, &status);
  if (staff == NULL)
    return status;
  session = mado_cli_open_visit ("judge", &options->visit, store, &desk, &status);
  if (session == NULL)
    return status;
  bundle = mado_reception_session_get_bundle (session);
  j = build_judgement (bundle, o, &error);
  if (j != NULL)
    id = mado_venue_recorder_sign_judgement (store, staff, bundle, j, &error);
  if (id == NULL)
    status = mado_cli_fail ("judge", error, options->visit.json);
  else
    print_judgement (j, pick_questionnaire (bundle, j->questionnaire_id, NULL), options->visit.json);
  mado_reception_session_finish (session);
  return status;
}

int
mado_cli_judge (int argc, char **argv)
{
  MadoCliVenueOptions options;
  JudgeOptions o = { 0 };
  GOptionEntry entries[] = {
    { "questionnaire", 0, 0, G_OPTION_ARG_STRING, &o.questionnaire,
      N_("The 予診票 judged (default: the resident's only one)"), N_("ID") },
    { "decision", 0, 0, G_OPTION_ARG_STRING, &o.decision,
      N_("vaccinate, postpone or do-not-vaccinate"), N_("DECISION") },
    { "explained", 0, 0, G_OPTION_ARG_NONE, &o.explained,
      N_("The doctor explained effects, side effects and the relief system"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason,
      N_("Why not vaccinating: fever, acute-illness, anaphylaxis, immune-disorder, doctor-judgement or other"), N_("CODE") },
    { "reason-text", 0, 0, G_OPTION_ARG_STRING, &o.reason_text,
      N_("The reason in words (required with --reason other)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— sign the doctor's judgement on today's questionnaire"));
  g_autoptr(GError) error = NULL;
  MadoDecision decision;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  mado_cli_venue_options_init (&options, context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("judge", "%s", error->message);
  else if (argc != 1)
    status = mado_cli_usage_error ("judge", "%s", _("unexpected argument"));
  else if (!mado_decision_from_string (o.decision, &decision))
    status = mado_cli_usage_error ("judge", "%s", _("--decision must be vaccinate, postpone or do-not-vaccinate"));
  else
    status = run_judge (&options, &o);
  mado_cli_venue_options_clear (&options);
  g_free (o.questionnaire);
  g_free (o.decision);
  g_free (o.reason);
  g_free (o.reason_text);
  return status;
}
