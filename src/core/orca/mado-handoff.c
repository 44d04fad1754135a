/* mado-handoff.c — the hand-off for desks without ORCA: the slip's content and the QR text
 *
 * What staff hand over is what the hub confirmed today: the subsidies valid
 * today, with the time of the check. The QR text (docs/handoff.md) is made
 * for an electronic record station's keyboard-wedge reader, which types
 * what it reads as key presses: so it holds only characters every keyboard
 * layout types alike (A–Z, 0–9, = ; - : +), one line, no Enter. The name,
 * which a wedge cannot type, is on the slip; the birth date in the code
 * lets the station check it has the right patient open.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mado-handoff.h"
#include "mado-subsidy-validity.h"

/**
 * mado_handoff_subsidies:
 * @bundle: what the hub confirmed
 * @today: the desk's today
 *
 * Returns: (transfer container) (element-type MadoSubsidy): the subsidies
 *   valid today, in the hub's order; owned by @bundle
 */
GPtrArray *
mado_handoff_subsidies (const MadoResidentBundle *bundle,
                        const GDate              *today)
{
  GPtrArray *valid = g_ptr_array_new ();

  for (guint i = 0; bundle->subsidies != NULL && i < bundle->subsidies->len; i++)
    {
      MadoSubsidy *subsidy = g_ptr_array_index (bundle->subsidies, i);
      MadoValidityVerdict verdict = mado_subsidy_validity_on (subsidy, today);

      if (verdict.validity == MADO_VALIDITY_VALID ||
          verdict.validity == MADO_VALIDITY_EXPIRING_SOON)
        g_ptr_array_add (valid, subsidy);
    }
  return valid;
}

static void
append_date (GString     *text,
             const char  *key,
             const GDate *date,
             const char  *none)
{
  if (!g_date_valid (date))
    {
      g_string_append_printf (text, ";%s=%s", key, none);
      return;
    }
  g_string_append_printf (text, ";%s=%04u-%02u-%02u", key, g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * mado_handoff_format_checked:
 * @checked_at: when the hub confirmed the subsidies
 *
 * Returns: (transfer full): the time as the QR text and the slip write it,
 *   local time with its offset: `2026-12-03T08:15+09:00`
 */
char *
mado_handoff_format_checked (GDateTime *checked_at)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (checked_at);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M%:z");
}

/**
 * mado_handoff_text:
 * @bundle: what the hub confirmed
 * @today: the desk's today
 * @checked_at: when the hub confirmed it
 *
 * Returns: (transfer full): the QR text: `MADOGUCHI1;BIRTH=…;CHECKED=…`,
 *   then per subsidy valid today `;PAYER=…;RECIPIENT=…;FROM=…;TO=…;CAP=…`
 *   (TO=OPEN without an end, CAP=NONE without a monthly cap)
 */
char *
mado_handoff_text (const MadoResidentBundle *bundle,
                   const GDate              *today,
                   GDateTime                *checked_at)
{
  g_autoptr(GPtrArray) subsidies = mado_handoff_subsidies (bundle, today);
  g_autofree char *checked = mado_handoff_format_checked (checked_at);
  GString *text = g_string_new (MADO_HANDOFF_FORMAT);

  append_date (text, "BIRTH", &bundle->basic_info.birth_date, "NONE");
  g_string_append_printf (text, ";CHECKED=%s", checked);
  for (guint i = 0; i < subsidies->len; i++)
    {
      const MadoSubsidy *subsidy = g_ptr_array_index (subsidies, i);

      g_string_append_printf (text, ";PAYER=%s;RECIPIENT=%s",
                              subsidy->medical_subsidy_insurer_number,
                              subsidy->medical_subsidy_recipient_number);
      append_date (text, "FROM", &subsidy->valid_from, "NONE");
      append_date (text, "TO", &subsidy->valid_to, "OPEN");
      if (subsidy->has_max_copayment)
        g_string_append_printf (text, ";CAP=%" G_GINT64_FORMAT, subsidy->max_copayment_monthly_yen);
      else
        g_string_append (text, ";CAP=NONE");
    }
  return g_string_free (text, FALSE);
}
