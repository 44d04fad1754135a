/* mado-orca-audit.c — every hand-off to ORCA in the audit log
 *
 * One entry per hand-off staff confirmed, sent or not: who (the operator),
 * which resident (the hub's reference and the ORCA patient number), which
 * numbers went where (payer:recipient per change), and ORCA's answer (its
 * result code, or the error's stable name). The audit log is the store's
 * record of personal data leaving the terminal; messages, which ORCA
 * writes and staff read, stay out of it. Today's list reads the entries
 * back (mado_orca_audit_list_day()): the log is where the hand-off's state
 * is kept, so nothing else has to agree with it.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mado-orca-audit.h"
#include "mado-error.h"
#include "mado-orca-error.h"
#include "mado-store-audit.h"

/* Every entry's detail starts with this word. */
#define DETAIL_PREFIX "orca "

static void
append_numbers (GString            *detail,
                const MadoOrcaDiff *diff,
                MadoOrcaChangeKind  kind)
{
  const char *separator = "=";

  if (mado_orca_diff_count (diff, kind) == 0)
    return;
  g_string_append_printf (detail, " %s", mado_orca_change_kind_to_string (kind));
  for (guint i = 0; i < diff->changes->len; i++)
    {
      const MadoOrcaChange *change = g_ptr_array_index (diff->changes, i);

      if (change->kind != kind)
        continue;
      g_string_append_printf (detail, "%s%s:%s", separator, change->payer_number,
                              change->recipient_number);
      separator = ",";
    }
}

/**
 * mado_orca_audit_detail:
 * @diff: what staff confirmed
 * @resident_ref: (nullable): the hub's reference of the resident
 * @result: (nullable): what happened, when it succeeded
 * @failure: (nullable): why it failed
 *
 * Returns: (transfer full): the audit entry's detail, e.g.
 *   `orca patient=00012 resident=r-1003 add=54016027:2304616 result=000`
 */
char *
mado_orca_audit_detail (const MadoOrcaDiff       *diff,
                        const char               *resident_ref,
                        const MadoOrcaSendResult *result,
                        const GError             *failure)
{
  GString *detail = g_string_new ("orca");
  /* The hub's reference is text from outside: escaped, so a space in it
   * cannot split the fields mado_orca_audit_list_day() reads back. */
  g_autofree char *ref = resident_ref != NULL ? g_uri_escape_string (resident_ref, NULL, FALSE)
                                              : g_strdup ("-");

  g_string_append_printf (detail, " patient=%s resident=%s", diff->patient_id, ref);
  append_numbers (detail, diff, MADO_ORCA_CHANGE_ADD);
  append_numbers (detail, diff, MADO_ORCA_CHANGE_UPDATE);
  append_numbers (detail, diff, MADO_ORCA_CHANGE_UNCHANGED);
  if (failure != NULL)
    g_string_append_printf (detail, " error=%s", mado_error_name (failure));
  else if (result != NULL && result->sent)
    g_string_append_printf (detail, " result=%s", result->api_result);
  else
    g_string_append (detail, " result=unchanged");
  return g_string_free (detail, FALSE);
}

/**
 * mado_orca_audit_send:
 * @store: the desk's store
 * @operator_id: who confirmed the hand-off
 * @resident_key: (nullable): the resident's key in the store
 * @resident_ref: (nullable): the hub's reference of the resident
 * @diff: what staff confirmed
 * @result: (nullable): what happened, when it succeeded
 * @failure: (nullable): why it failed
 * @error: a #MadoStoreError
 *
 * Returns: whether the entry was written
 */
gboolean
mado_orca_audit_send (MadoStore                *store,
                      const char               *operator_id,
                      const char               *resident_key,
                      const char               *resident_ref,
                      const MadoOrcaDiff       *diff,
                      const MadoOrcaSendResult *result,
                      const GError             *failure,
                      GError                  **error)
{
  g_autofree char *detail = mado_orca_audit_detail (diff, resident_ref, result, failure);

  return mado_store_audit_append (store, operator_id, MADO_AUDIT_EXPORT, resident_key,
                                  failure == NULL ? MADO_AUDIT_SUCCESS : MADO_AUDIT_FAILURE,
                                  detail, error) > 0;
}

const char *
mado_orca_audit_state_to_string (MadoOrcaAuditState state)
{
  switch (state)
    {
    case MADO_ORCA_AUDIT_SENT:
      return "sent";
    case MADO_ORCA_AUDIT_UNCHANGED:
      return "unchanged";
    case MADO_ORCA_AUDIT_NOT_SENT:
    default:
      return "not-sent";
    }
}

void
mado_orca_audit_entry_free (MadoOrcaAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->operator_id);
  g_free (entry->resident_ref);
  g_free (entry->patient_id);
  g_free (entry->orca_result);
  g_free (entry->error_name);
  g_free (entry);
}

/* The registry's advice for an ORCA error's stable name, or NULL. */
static const char *
advice_for (const char *name)
{
  for (int code = MADO_ORCA_ERROR_NOT_CONFIGURED; code <= MADO_ORCA_ERROR_SLIP_EXISTS; code++)
    if (g_strcmp0 (mado_error_code_name (MADO_ORCA_ERROR, code), name) == 0)
      return mado_error_advice (MADO_ORCA_ERROR, code);
  return NULL;
}

/**
 * mado_orca_audit_entry_describe:
 * @entry: one hand-off
 *
 * Returns: (transfer full): what staff read in today's list: sent (with
 *   ORCA's answer), unchanged, or not sent and what to do about it
 */
char *
mado_orca_audit_entry_describe (const MadoOrcaAuditEntry *entry)
{
  const char *advice;

  switch (entry->state)
    {
    case MADO_ORCA_AUDIT_SENT:
      return g_strdup_printf (_("Sent to ORCA (ORCA answered %s)"),
                              entry->orca_result != NULL ? entry->orca_result : "?");
    case MADO_ORCA_AUDIT_UNCHANGED:
      return g_strdup (_("Unchanged: ORCA already held these subsidies"));
    case MADO_ORCA_AUDIT_NOT_SENT:
    default:
      advice = advice_for (entry->error_name);
      /* Translators: the error's stable name, then what to do */
      return g_strdup_printf (_("Not sent (%s): %s"), entry->error_name != NULL ? entry->error_name : "?",
                              advice != NULL ? _(advice) : "");
    }
}

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Reads the fields of one entry's detail; FALSE when it is not a hand-off. */
static gboolean
parse_detail (const char         *detail,
              MadoOrcaAuditEntry *entry)
{
  g_auto(GStrv) fields = NULL;

  if (!g_str_has_prefix (detail, DETAIL_PREFIX))
    return FALSE;
  fields = g_strsplit (detail + strlen (DETAIL_PREFIX), " ", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *value = strchr (fields[i], '=');

      if (value == NULL)
        continue;
      value++;
      if (g_str_has_prefix (fields[i], "patient="))
        replace (&entry->patient_id, value);
      else if (g_str_has_prefix (fields[i], "resident=") && strcmp (value, "-") != 0)
        {
          g_free (entry->resident_ref);
          entry->resident_ref = g_uri_unescape_string (value, NULL);
        }
      else if (g_str_has_prefix (fields[i], "error="))
        replace (&entry->error_name, value);
      else if (g_str_has_prefix (fields[i], "result="))
        replace (&entry->orca_result, value);
    }
  if (entry->patient_id == NULL || (entry->error_name == NULL && entry->orca_result == NULL))
    return FALSE;
  entry->state = entry->error_name != NULL ? MADO_ORCA_AUDIT_NOT_SENT
                 : strcmp (entry->orca_result, "unchanged") == 0 ? MADO_ORCA_AUDIT_UNCHANGED
                 : MADO_ORCA_AUDIT_SENT;
  if (entry->state != MADO_ORCA_AUDIT_SENT)
    g_clear_pointer (&entry->orca_result, g_free);
  return TRUE;
}

/* One exported audit line as a hand-off, or NULL for any other entry. */
static MadoOrcaAuditEntry *
entry_from_line (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(MadoOrcaAuditEntry) entry = g_new0 (MadoOrcaAuditEntry, 1);
  g_autoptr(GDateTime) at = NULL;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, line, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "action", NULL),
                 mado_audit_action_to_string (MADO_AUDIT_EXPORT)) != 0 ||
      !parse_detail (json_object_get_string_member_with_default (object, "detail", ""), entry))
    return NULL;
  at = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (object, "time", ""),
                                     NULL);
  entry->at = at != NULL ? g_date_time_to_unix (at) * G_USEC_PER_SEC + g_date_time_get_microsecond (at)
                         : 0;
  entry->operator_id = g_strdup (json_object_get_string_member_with_default (object, "operator", "-"));
  return g_steal_pointer (&entry);
}

/* The local day @day (YYYY-MM-DD; NULL for today) as [from, until). */
static gboolean
day_range (const char  *day,
           GDateTime  **from,
           GDateTime  **until,
           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  if (day != NULL)
    g_date_set_parse (&date, day);
  else
    g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now),
                    (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  if (!g_date_valid (&date))
    return g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        _("“%s” is not a day (YYYY-MM-DD)."), day), FALSE;
  *from = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), 0, 0, 0);
  *until = g_date_time_add_days (*from, 1);
  return TRUE;
}

/**
 * mado_orca_audit_list_day:
 * @store: the desk's store
 * @day: (nullable): YYYY-MM-DD, local; %NULL for today
 * @error: a #MadoStoreError
 *
 * Reads the day's hand-offs back from the audit log, oldest first.
 *
 * Returns: (transfer full) (element-type MadoOrcaAuditEntry) (nullable):
 *   every hand-off staff confirmed that day, sent or not
 */
GPtrArray *
mado_orca_audit_list_day (MadoStore   *store,
                          const char  *day,
                          GError     **error)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_orca_audit_entry_free);
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;

  if (!day_range (day, &from, &until, error) ||
      !mado_store_audit_export (store, from, until, output, NULL, error) ||
      !g_output_stream_write_all (output, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (output, NULL, error))
    return NULL;
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      MadoOrcaAuditEntry *entry = *lines[i] != '\0' ? entry_from_line (lines[i]) : NULL;

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}
