/* mado-resident-format.c — words and numbers of the resident screen and its summary
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-resident-format.h"

/* Dates as the receipt computer and municipal forms write them. */
char *
mado_format_date (const GDate *date)
{
  char buffer[32];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

/* Thousands separators by hand: the C.UTF-8 locale the desk may run in has
 * none, and an amount misread by a factor of ten is a real mistake. */
char *
mado_format_yen (gint64 yen)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             (guint64) (yen < 0 ? -yen : yen));
  g_autoptr(GString) grouped = g_string_new (yen < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (grouped, ',');
      g_string_append_c (grouped, digits[i]);
    }
  /* TRANSLATORS: an amount of money; %s is the number with separators */
  return g_strdup_printf (_("%s yen"), grouped->str);
}

static char *
format_age_of_data (gint64 seconds)
{
  gint64 hours = seconds / 3600;

  if (seconds < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", (gulong) (seconds / 60)),
                            (int) (seconds / 60));
  if (hours < 48)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", (gulong) hours), (int) hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) (hours / 24)),
                          (int) (hours / 24));
}

char *
mado_format_freshness (const MadoReceptionFreshness *freshness)
{
  g_autofree char *when = NULL;
  g_autofree char *age = NULL;

  if (freshness == NULL || freshness->confirmed_at == NULL)
    return g_strdup (_("Freshness unknown: check the data with the resident"));

  if (!freshness->offline)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (freshness->confirmed_at);

      when = g_date_time_format (local, "%H:%M");
      return g_strdup_printf (_("Confirmed with the hub now (%s)"), when);
    }

  {
    g_autoptr(GDateTime) local = g_date_time_to_local (freshness->confirmed_at);

    when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  }
  age = format_age_of_data (MAX (freshness->age_seconds, 0));
  return g_strdup_printf (_("Offline: cached data, last confirmed %s (%s ago). "
                            "Not confirmed today."), when, age);
}

char *
mado_format_identity (const MadoReceptionFreshness *freshness)
{
  const char *operator_id;

  if (freshness == NULL)
    return g_strdup (_("Identity: not checked"));
  operator_id = freshness->operator_id != NULL ? freshness->operator_id : "—";
  switch (freshness->identity)
    {
    case MADO_IDENTITY_CHECK_PIN:
      return g_strdup (_("Identity: card PIN, verified by the hub"));
    case MADO_IDENTITY_CHECK_VISUAL:
      return g_strdup_printf (_("Identity: visual check by %s"), operator_id);
    case MADO_IDENTITY_CHECK_PIN_LOCAL:
      return g_strdup (_("Identity: card PIN, checked at this terminal (revocation unknown)"));
    case MADO_IDENTITY_CHECK_VISUAL_LOCAL:
      return g_strdup_printf (_("Identity: visual check by %s at this terminal (revocation unknown)"),
                              operator_id);
    case MADO_IDENTITY_CHECK_NONE:
    default:
      return g_strdup (_("Identity: not checked"));
    }
}

char *
mado_format_answer (const MadoQuestionnaireItem *item)
{
  switch (item->answer_kind)
    {
    case MADO_ANSWER_NUMBER:
      {
        char number[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd (number, sizeof number, "%.10g", item->answer_number);
        return g_strdup_printf ("%s%s", number, item->unit != NULL ? item->unit : "");
      }
    case MADO_ANSWER_BOOLEAN:
      return g_strdup (item->answer_boolean ? _("Yes") : _("No"));
    case MADO_ANSWER_TEXT:
      return g_strdup (item->answer_text != NULL ? item->answer_text : "");
    case MADO_ANSWER_NONE:
    default:
      return g_strdup (_("Not answered"));
    }
}

const char *
mado_validity_style_class (MadoValidity validity)
{
  switch (validity)
    {
    case MADO_VALIDITY_VALID:
      return "success";
    case MADO_VALIDITY_EXPIRING_SOON:
    case MADO_VALIDITY_NOT_YET_VALID:
      return "warning";
    case MADO_VALIDITY_EXPIRED:
    default:
      return "error";
    }
}

const char *
mado_validity_icon_name (MadoValidity validity)
{
  switch (validity)
    {
    case MADO_VALIDITY_VALID:
      return "emblem-ok-symbolic";
    case MADO_VALIDITY_EXPIRING_SOON:
    case MADO_VALIDITY_NOT_YET_VALID:
      return "dialog-warning-symbolic";
    case MADO_VALIDITY_EXPIRED:
    default:
      return "dialog-error-symbolic";
    }
}

/**
 * mado_questionnaire_items_flagged_first:
 *
 * Returns: (transfer container) (element-type MadoQuestionnaireItem): the
 *   items needing attention first, each group in the form's order
 */
GPtrArray *
mado_questionnaire_items_flagged_first (const MadoQuestionnaire *questionnaire)
{
  GPtrArray *sorted = g_ptr_array_new ();

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; questionnaire->items != NULL && i < questionnaire->items->len; i++)
      {
        MadoQuestionnaireItem *item = g_ptr_array_index (questionnaire->items, i);

        if (item->needs_attention == (pass == 0))
          g_ptr_array_add (sorted, item);
      }
  return sorted;
}
