/* test-visit-summary.c — the printed visit summary's text, without a printer
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same words as the resident screen and `madoguchi-cli verify`: the
 * verdict of an open-ended certificate is "Valid today", with no
 * GLib-CRITICAL (g_test_init() makes one fatal).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "madoguchi-core.h"

static const char bundle_json[] =
  "{ \"version\": \"2\", \"asOf\": \"2026-11-21T00:15:00Z\", \"residentRef\": \"r-1\","
  "  \"isNotDisclosed\": false,"
  "  \"basicInfo\": { \"name\": \"佐藤 <恵子> & 家族\", \"nameKana\": \"サトウ ケイコ\","
  "                  \"birthDate\": \"1990-05-01\", \"sex\": \"2\" },"
  "  \"subsidies\": ["
  "    { \"medicalSubsidyInsurerNumber\": \"54016027\", \"medicalSubsidyRecipientNumber\": \"2304616\","
  "      \"certificationName\": \"特定医療費（指定難病）受給者証\", \"validFrom\": \"2026-04-01\","
  "      \"maxCopaymentAmount\": { \"monthlyYen\": 10000 },"
  "      \"designatedMedicalInstitutions\": [], \"isAlwaysReimbursement\": \"0\" },"
  "    { \"medicalSubsidyInsurerNumber\": \"80138019\", \"medicalSubsidyRecipientNumber\": \"0045123\","
  "      \"certificationName\": \"重度心身障害者医療費受給者証\", \"validFrom\": \"2025-11-21\","
  "      \"validTo\": \"2026-11-20\", \"designatedMedicalInstitutions\": [],"
  "      \"isAlwaysReimbursement\": \"0\" } ],"
  "  \"questionnaires\": ["
  "    { \"questionnaireId\": \"q-1\", \"formCode\": \"routine-infant-v1\", \"title\": \"予診票\","
  "      \"vaccine\": \"B型肝炎\", \"answeredAt\": \"2026-11-20T00:12:00Z\", \"items\": ["
  "        { \"itemId\": \"unwell\", \"text\": \"具合の悪いところ\", \"answerType\": \"boolean\","
  "          \"answer\": false, \"needsAttention\": false },"
  "        { \"itemId\": \"temperature\", \"text\": \"今日の体温\", \"answerType\": \"number\","
  "          \"unit\": \"℃\", \"answer\": 37.6, \"needsAttention\": true,"
  "          \"attentionReason\": \"37.5℃以上\" } ] } ],"
  "  \"immunizationsDue\": [ { \"vaccine\": \"B型肝炎\", \"doseNumber\": 2 } ]"
  "}";

static MadoResidentBundle *
decode (void)
{
  g_autoptr(GError) error = NULL;
  MadoResidentBundle *bundle = mado_bundle_decode (bundle_json, strlen (bundle_json),
                                                   MADO_HUB_CONSENT_ALL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  return bundle;
}

static void
freshness_init (MadoReceptionFreshness *freshness)
{
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");

  memset (freshness, 0, sizeof *freshness);
  freshness->confirmed_at = g_date_time_new (jst, 2026, 11, 21, 10, 0, 0);
  freshness->checked_at = g_date_time_ref (freshness->confirmed_at);
  freshness->identity = MADO_IDENTITY_CHECK_PIN;
}

static void
freshness_clear (MadoReceptionFreshness *freshness)
{
  g_clear_pointer (&freshness->confirmed_at, g_date_time_unref);
  g_clear_pointer (&freshness->checked_at, g_date_time_unref);
}

static MadoVisitSummary *
summary_for_day (const MadoResidentBundle *bundle,
                 MadoReceptionFreshness   *freshness)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, G_DATE_NOVEMBER, 2026);
  return mado_visit_summary_new (bundle, freshness, "1312345678", "desk-1", &today);
}

/* The summary of bundle_json, as the resident screen takes it. */
static MadoVisitSummary *
summary_of_bundle (void)
{
  g_autoptr(MadoResidentBundle) bundle = decode ();
  MadoReceptionFreshness freshness;
  MadoVisitSummary *summary;

  freshness_init (&freshness);
  summary = summary_for_day (bundle, &freshness);
  freshness_clear (&freshness);
  return summary;
}

static char *
line_with (const char *text,
           const char *needle)
{
  const char *at = strstr (text, needle);
  const char *start, *end;

  g_assert_nonnull (at);
  for (start = at; start > text && start[-1] != '\n'; start--)
    ;
  end = strchr (at, '\n');
  return g_strndup (start, end != NULL ? (gsize) (end - start) : strlen (start));
}

static void
test_text (void)
{
  g_autoptr(MadoVisitSummary) summary = summary_of_bundle ();
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  g_autoptr(GDateTime) printed = g_date_time_new (jst, 2026, 11, 21, 10, 30, 0);
  g_autofree char *text = NULL;
  g_autofree char *open_line = NULL;
  g_autofree char *expired_line = NULL;
  g_autofree char *no_end = g_strdup_printf (_("%s – (no end date)"), "2026-04-01");

  text = mado_visit_summary_to_text (summary, printed);

  g_assert_nonnull (strstr (text, "佐藤 <恵子> & 家族"));
  g_assert_nonnull (strstr (text, "1990-05-01"));
  open_line = line_with (text, "特定医療費");
  g_assert_nonnull (strstr (open_line, _("Valid today")));
  g_assert_null (strstr (open_line, "last day"));
  g_assert_nonnull (strstr (open_line, no_end));
  g_assert_nonnull (strstr (text, "54016027"));
  g_assert_nonnull (strstr (text, "2304616"));
  expired_line = line_with (text, "重度心身障害者");
  g_assert_nonnull (strstr (expired_line, _("Expired")));
  /* Only the flagged answer, with its reason. */
  g_assert_nonnull (strstr (text, "今日の体温: 37.6℃ (37.5℃以上)"));
  g_assert_null (strstr (text, "具合の悪いところ"));
  g_assert_nonnull (strstr (text, "desk-1"));
  g_assert_nonnull (strstr (text, "2026-11-21 10:30"));
}

/* The visit's paper: the cap under each certificate, today's vaccine and
 * dose, the doctor's boxes, and the confirmation as a time. */
static void
test_paper (void)
{
  g_autoptr(MadoVisitSummary) summary = summary_of_bundle ();
  g_autoptr(GTimeZone) jst = g_time_zone_new_identifier ("+09:00");
  g_autoptr(GDateTime) printed = g_date_time_new (jst, 2026, 11, 21, 10, 30, 0);
  g_autoptr(GDateTime) given = g_date_time_new (jst, 2026, 11, 21, 10, 20, 0);
  g_autofree char *text = NULL;
  g_autofree char *cap_line = NULL;
  g_autofree char *planned = g_strdup_printf (_("Planned: %s, dose %d (not recorded yet)"), "B型肝炎", 2);
  g_autofree char *confirmed = g_strdup_printf (_("Confirmed with the hub at %s"), "2026-11-21 10:00");

  text = mado_visit_summary_to_text (summary, printed);
  /* Each certificate's cap follows its own numbers. */
  cap_line = line_with (strstr (text, "2304616"), _("Monthly cap:"));
  g_assert_nonnull (strstr (cap_line, "10,000"));
  cap_line = (g_free (cap_line), line_with (strstr (text, "0045123"), _("Monthly cap:")));
  g_assert_nonnull (strstr (cap_line, _("Not stated")));
  g_assert_nonnull (strstr (text, planned));
  for (MadoDecision d = MADO_DECISION_VACCINATE; d <= MADO_DECISION_DO_NOT_VACCINATE; d++)
    {
      g_autofree char *box = g_strdup_printf ("☐ %s", mado_decision_label (d));

      g_assert_nonnull (strstr (text, box));
    }
  g_assert_nonnull (strstr (text, "☐ "));
  g_assert_nonnull (strstr (text, "説明済み"));
  g_assert_nonnull (strstr (text, "____"));
  g_assert_nonnull (strstr (text, confirmed));
  g_assert_null (strstr (text, "now"));
  g_assert_null (strstr (text, "今確認"));

  /* A dose recorded at this desk replaces the plan; a judgement is printed
   * beside the boxes, which stay empty for the pen. */
  mado_visit_summary_set_recorded (summary, "ビームゲン", "dose 2 · lot AB123", "nurse-1", given);
  mado_visit_summary_set_judged (summary, "judged: vaccinate", "doctor-1", given);
  g_free (text);
  text = mado_visit_summary_to_text (summary, printed);
  g_assert_null (strstr (text, planned));
  g_assert_nonnull (strstr (text, "ビームゲン · dose 2 · lot AB123"));
  g_assert_nonnull (strstr (text, "10:20"));
  g_assert_nonnull (strstr (text, "nurse-1"));
  g_assert_nonnull (strstr (text, "judged: vaccinate · doctor-1"));
}

/* Cached data says so on paper, and since when. */
static void
test_paper_cached (void)
{
  g_autoptr(MadoResidentBundle) bundle = decode ();
  g_autoptr(MadoVisitSummary) summary = NULL;
  g_autoptr(GDateTime) printed = g_date_time_new_utc (2026, 11, 21, 1, 30, 0);
  g_autofree char *text = NULL;
  g_autofree char *cached = g_strdup_printf (_("Cached data: last confirmed with the hub at %s; "
                                               "not confirmed at this visit"), "2026-11-21 10:00");
  MadoReceptionFreshness freshness;

  freshness_init (&freshness);
  freshness.offline = TRUE;
  freshness.age_seconds = 3600 * 26;
  summary = summary_for_day (bundle, &freshness);
  freshness_clear (&freshness);
  text = mado_visit_summary_to_text (summary, printed);
  g_assert_nonnull (strstr (text, cached));
}

static void
test_markup (void)
{
  g_autoptr(MadoVisitSummary) summary = summary_of_bundle ();
  g_autoptr(GDateTime) printed = g_date_time_new_utc (2026, 11, 21, 1, 30, 0);
  g_autofree char *markup = NULL;

  markup = mado_visit_summary_to_markup (summary, printed);

  /* The name is escaped, so Pango shows it rather than parsing it. */
  g_assert_nonnull (strstr (markup, "佐藤 &lt;恵子&gt; &amp; 家族"));
  g_assert_null (strstr (markup, "<恵子>"));
  g_assert_nonnull (strstr (markup, "<b>"));
  g_assert_true (g_utf8_validate (markup, -1, NULL));
}

static void
test_nothing_shared (void)
{
  g_autoptr(MadoResidentBundle) bundle = mado_resident_bundle_new ();
  g_autoptr(MadoVisitSummary) summary = NULL;
  g_autoptr(GDateTime) printed = g_date_time_new_utc (2026, 11, 21, 1, 30, 0);
  g_autofree char *text = NULL;

  bundle->basic_info.name = g_strdup ("山田 陽翔");
  summary = summary_for_day (bundle, NULL);
  text = mado_visit_summary_to_text (summary, printed);
  g_assert_nonnull (strstr (text, _("No subsidy certificate shared today: ask for the "
                                    "paper certificate.")));
  g_assert_nonnull (strstr (text, _("Questionnaires not shared today.")));
  g_assert_nonnull (strstr (text, _("Identity: not checked")));
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "JST-9", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/visit-summary/text", test_text);
  g_test_add_func ("/core/visit-summary/markup", test_markup);
  g_test_add_func ("/core/visit-summary/paper", test_paper);
  g_test_add_func ("/core/visit-summary/paper-cached", test_paper_cached);
  g_test_add_func ("/core/visit-summary/nothing-shared", test_nothing_shared);

  return g_test_run ();
}
