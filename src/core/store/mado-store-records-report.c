/* mado-store-records-report.c — the day's report per vaccine and lot, for the venue's claim reconciliation
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-store-private.h"
#include "mado-store-records.h"

void
mado_day_report_row_free (MadoDayReportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->outcome);
  g_free (row->vaccine_code);
  g_free (row->vaccine_name);
  g_free (row->lot_number);
  g_free (row);
}

static MadoDayReportRow *
find_row (GPtrArray        *rows,
          const char       *outcome,
          const MadoStoredRecord *r)
{
  const char *code = r->vaccine_code != NULL ? r->vaccine_code : "";
  const char *name = r->vaccine_name != NULL ? r->vaccine_name : "";
  const char *lot = r->lot_number != NULL ? r->lot_number : "";
  MadoDayReportRow *row;

  for (guint i = 0; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      if (strcmp (row->outcome, outcome) == 0 && strcmp (row->vaccine_code, code) == 0
          && strcmp (row->vaccine_name, name) == 0 && strcmp (row->lot_number, lot) == 0)
        return row;
    }
  row = g_new0 (MadoDayReportRow, 1);
  row->outcome = g_strdup (outcome);
  row->vaccine_code = g_strdup (code);
  row->vaccine_name = g_strdup (name);
  row->lot_number = g_strdup (lot);
  g_ptr_array_add (rows, row);
  return row;
}

static void
count_record (GPtrArray              *rows,
              const MadoStoredRecord *r)
{
  MadoDayReportRow *row;

  if (r->kind == MADO_RECORD_VACCINATION)
    row = find_row (rows, "vaccinated", r);
  else if (r->kind == MADO_RECORD_JUDGEMENT && g_strcmp0 (r->outcome, "examination-only") == 0)
    row = find_row (rows, "examination-only", r);
  else
    return;
  if (r->corrected_by != NULL)
    row->entered_in_error++;
  else
    row->count++;
  if (r->delivery == MADO_DELIVERY_DELIVERED)
    row->delivered++;
  else if (r->delivery == MADO_DELIVERY_REFUSED)
    row->refused++;
  else
    row->sending++;
}

/**
 * mado_store_records_report:
 * @store: a store
 * @day: (nullable): YYYY-MM-DD; %NULL for today
 * @error: return location for a #MADO_STORE_ERROR
 *
 * One row per vaccine and lot given that day, and one per vaccine of the
 * 予診のみ visits (examined, not vaccinated: a claim of its own). A dose
 * later marked entered-in-error is counted apart, not in `count`.
 *
 * Returns: (transfer full) (element-type MadoDayReportRow) (nullable): the
 *   rows, in the order the first record of each was made
 */
GPtrArray *
mado_store_records_report (MadoStore   *store,
                           const char  *day,
                           GError     **error)
{
  MadoRecordFilter filter = MADO_RECORD_FILTER_ALL;
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *rows;

  filter.day = day;
  records = mado_store_records_list (store, &filter, error);
  if (records == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_day_report_row_free);
  for (guint i = 0; i < records->len; i++)
    count_record (rows, g_ptr_array_index (records, i));
  return rows;
}

/* RFC 4180: a field with a comma, quote or line break is quoted, quotes
 * doubled. A field starting with =, +, - or @ gets a leading apostrophe so
 * a spreadsheet does not run it as a formula. */
static void
append_field (GString    *csv,
              const char *text)
{
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL;

  if (csv->len > 0 && csv->str[csv->len - 1] != '\n')
    g_string_append_c (csv, ',');
  if (quote)
    g_string_append_c (csv, '"');
  if (strchr ("=+-@", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (csv, '\'');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *c);
    }
  if (quote)
    g_string_append_c (csv, '"');
}

static void
append_number (GString *csv,
               guint    value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  append_field (csv, text);
}

/**
 * mado_store_records_report_csv:
 * @rows: (element-type MadoDayReportRow): mado_store_records_report()'s
 *
 * Returns: (transfer full): the report as CSV (UTF-8, CRLF line ends, a
 *   header line with stable column names)
 */
char *
mado_store_records_report_csv (GPtrArray *rows)
{
  static const char *const header[] = {
    "outcome", "vaccineCode", "vaccine", "lotNumber", "count", "enteredInError",
    "recordedSending", "delivered", "refused",
  };
  GString *csv = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    append_field (csv, header[i]);
  g_string_append (csv, "\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const MadoDayReportRow *row = g_ptr_array_index (rows, i);

      append_field (csv, row->outcome);
      append_field (csv, row->vaccine_code);
      append_field (csv, row->vaccine_name);
      append_field (csv, row->lot_number);
      append_number (csv, row->count);
      append_number (csv, row->entered_in_error);
      append_number (csv, row->sending);
      append_number (csv, row->delivered);
      append_number (csv, row->refused);
      g_string_append (csv, "\r\n");
    }
  return g_string_free (csv, FALSE);
}
