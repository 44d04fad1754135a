/* mado-store-records.c — the venue's records at this desk: written once with their outbox entry, listed by day
 *
 * A record, its outbox entry and its audit entry are one transaction: a
 * process killed at any instant leaves the record either absent (nothing
 * to send, nothing shown) or present with exactly one outbox entry, whose
 * idempotency key makes the hub accept it once. The outbox erases a body
 * once delivered; the record keeps its own sealed copy, so today's list and
 * the day's report still show what was given.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mado-date.h"
#include "mado-error.h"
#include "mado-record-error.h"
#include "mado-store-outbox.h"
#include "mado-store-private.h"
#include "mado-store-records.h"
#include "mado-vaccine-products.h"

static const char *const kind_names[] = { "judgement", "vaccination", "correction" };
static const char *const delivery_names[] = { "recorded-sending", "delivered", "refused" };

const char *
mado_record_kind_to_string (MadoRecordKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), "judgement");
  return kind_names[kind];
}

gboolean
mado_record_kind_from_string (const char     *text,
                              MadoRecordKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (text, kind_names[i]) == 0)
      {
        *kind = (MadoRecordKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * mado_delivery_to_string:
 *
 * Returns: (transfer none): `recorded-sending`, `delivered` or `refused`
 */
const char *
mado_delivery_to_string (MadoDelivery delivery)
{
  g_return_val_if_fail ((guint) delivery < G_N_ELEMENTS (delivery_names), "recorded-sending");
  return delivery_names[delivery];
}

gboolean
mado_delivery_from_string (const char   *text,
                           MadoDelivery *delivery)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (delivery_names); i++)
    if (strcmp (text, delivery_names[i]) == 0)
      {
        *delivery = (MadoDelivery) i;
        return TRUE;
      }
  return FALSE;
}

void
mado_stored_record_free (MadoStoredRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->record_id);
  g_free (record->outcome);
  g_free (record->day);
  g_free (record->vaccine_code);
  g_free (record->vaccine_name);
  g_free (record->lot_number);
  g_free (record->staff_id);
  g_free (record->corrects);
  g_free (record->corrected_by);
  g_free (record->outbox_key);
  g_free (record->refusal);
  g_clear_pointer (&record->local_body, g_bytes_unref);
  g_free (record);
}

static char *
format_day (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * mado_store_records_today:
 *
 * Returns: (transfer full): today's date at the desk (local time), YYYY-MM-DD
 */
char *
mado_store_records_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return format_day (now);
}

/* Records find a resident by a keyed hash of the hub's reference, so the
 * file does not list who was vaccinated. */
/**
 * mado_store_records_resident_tag:
 * @resident_ref: the hub's reference for the resident
 *
 * Returns: (transfer full): the keyed tag that stands for @resident_ref in
 *   the records and the audit log, never the reference itself
 */
char *
mado_store_records_resident_tag (MadoStore  *store,
                                 const char *resident_ref)
{
  return mado_store_key_resident_key (mado_store_get_key (store), "hub-resident-ref", resident_ref);
}

static char *
record_aad (const char *record_id)
{
  return g_strdup_printf ("madoguchi-record-v1|%s", record_id);
}

/* Under the lock, in the transaction: the record a correction marks must
 * be a vaccination at this desk that no correction marked yet. */
static gboolean
check_corrected (MadoStore   *store,
                 const char  *record_id,
                 GError     **error)
{
  static const char sql[] =
    "SELECT kind, (SELECT count(*) FROM records c WHERE c.corrects = r.record_id)"
    " FROM records r WHERE record_id = ?";
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  gboolean vaccination = FALSE, corrected = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      vaccination = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "vaccination") == 0;
      corrected = sqlite3_column_int (stmt, 1) > 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return mado_store_fail (store, rc, error);
  if (!vaccination)
    g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_NOT_FOUND,
                 _("No vaccination at this desk has the ID %s. Check the ID in today's records."),
                 record_id);
  else if (corrected)
    mado_error_set (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_ALREADY_CORRECTED);
  return vaccination && !corrected;
}

static gboolean
insert_record (MadoStore              *store,
               const MadoRecordWrite  *w,
               const char             *tag,
               const char             *outbox_key,
               GBytes                 *sealed,
               GError                **error)
{
  static const char sql[] =
    "INSERT INTO records (record_id, kind, outcome, resident_tag, day, recorded_at,"
    " vaccine_code, vaccine_name, lot_number, dose_number, staff_id, corrects, outbox_key, sealed)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
  g_autofree char *day = format_day (w->recorded_at);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, w->record_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mado_record_kind_to_string (w->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, w->outcome, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tag, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, g_date_time_to_unix (w->recorded_at) * G_USEC_PER_SEC
                             + g_date_time_get_microsecond (w->recorded_at));
  sqlite3_bind_text (stmt, 7, w->vaccine_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, w->vaccine_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, w->lot_number, -1, SQLITE_STATIC);
  if (w->dose_number > 0)
    sqlite3_bind_int (stmt, 10, (int) w->dose_number);
  sqlite3_bind_text (stmt, 11, w->staff_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, w->corrects, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, outbox_key, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 14, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                       SQLITE_STATIC);
  return mado_store_step_done (store, stmt, error);
}

/**
 * mado_store_records_write:
 * @store: a store
 * @write: the record, its hub body and its local body
 * @out_outbox_key: (out) (optional) (transfer full): the outbox entry's
 *   idempotency key
 * @error: %MADO_RECORD_ERROR_NOT_FOUND or %MADO_RECORD_ERROR_ALREADY_CORRECTED
 *   for a correction, or a #MADO_STORE_ERROR
 *
 * Writes the record, its outbox entry and its audit entry in one
 * transaction.
 *
 * Returns: whether it was written
 */
gboolean
mado_store_records_write (MadoStore              *store,
                          const MadoRecordWrite  *w,
                          char                  **out_outbox_key,
                          GError                **error)
{
  g_autofree char *tag = mado_store_records_resident_tag (store, w->resident_ref);
  g_autofree char *aad = record_aad (w->record_id);
  gsize length;
  const guint8 *data = g_bytes_get_data (w->local_body, &length);
  g_autoptr(GBytes) sealed = mado_store_key_seal (mado_store_get_key (store), aad, data, length);
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  g_autofree char *key = NULL;

  if (!mado_store_begin (store, error))
    return FALSE;
  if (w->corrects != NULL && !check_corrected (store, w->corrects, error))
    goto fail;
  key = mado_store_outbox_insert (store, w->hub_kind, w->hub_body, error);
  if (key == NULL || !insert_record (store, w, tag, key, sealed, error)
      || mado_store_audit_insert (store, w->staff_id, MADO_AUDIT_RECORD_WRITTEN, tag,
                                  MADO_AUDIT_SUCCESS, w->audit_detail, error) == 0
      || !mado_store_commit (store, error))
    goto fail;
  if (out_outbox_key != NULL)
    *out_outbox_key = g_steal_pointer (&key);
  return TRUE;

fail:
  mado_store_rollback (store);
  return FALSE;
}

#define RECORD_SELECT \
  "SELECT r.record_id, r.kind, r.outcome, r.day, r.recorded_at, r.vaccine_code," \
  " r.vaccine_name, r.lot_number, coalesce (r.dose_number, 0), r.staff_id, r.corrects," \
  " (SELECT c.record_id FROM records c WHERE c.corrects = r.record_id)," \
  " r.outbox_key, coalesce (o.state, 'delivered'), o.last_error, r.sealed" \
  " FROM records r LEFT JOIN outbox o ON o.idempotency_key = r.outbox_key"

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static MadoStoredRecord *
record_from_row (MadoStore     *store,
                 sqlite3_stmt  *stmt,
                 gboolean       with_body,
                 GError       **error)
{
  g_autoptr(MadoStoredRecord) r = g_new0 (MadoStoredRecord, 1);
  const char *state = (const char *) sqlite3_column_text (stmt, 13);

  r->record_id = column_text (stmt, 0);
  mado_record_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &r->kind);
  r->outcome = column_text (stmt, 2);
  r->day = column_text (stmt, 3);
  r->recorded_at = sqlite3_column_int64 (stmt, 4);
  r->vaccine_code = column_text (stmt, 5);
  r->vaccine_name = column_text (stmt, 6);
  r->lot_number = column_text (stmt, 7);
  r->dose_number = (guint) sqlite3_column_int (stmt, 8);
  r->staff_id = column_text (stmt, 9);
  r->corrects = column_text (stmt, 10);
  r->corrected_by = column_text (stmt, 11);
  r->outbox_key = column_text (stmt, 12);
  r->delivery = g_str_equal (state, "delivered") ? MADO_DELIVERY_DELIVERED
              : g_str_equal (state, "rejected") ? MADO_DELIVERY_REFUSED : MADO_DELIVERY_SENDING;
  r->refusal = r->delivery == MADO_DELIVERY_REFUSED ? column_text (stmt, 14) : NULL;
  if (with_body)
    {
      g_autofree char *aad = record_aad (r->record_id);

      r->local_body = mado_store_key_open (mado_store_get_key (store), aad,
                                           sqlite3_column_blob (stmt, 15),
                                           (gsize) sqlite3_column_bytes (stmt, 15), error);
      if (r->local_body == NULL)
        return NULL;
    }
  return g_steal_pointer (&r);
}

static gboolean
collect_rows (MadoStore     *store,
              sqlite3_stmt  *stmt,
              int            delivery,
              gboolean       with_bodies,
              GPtrArray     *out,
              GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MadoStoredRecord *record = record_from_row (store, stmt, with_bodies, error);

      if (record == NULL)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (delivery < 0 || (int) record->delivery == delivery)
        g_ptr_array_add (out, record);
      else
        mado_stored_record_free (record);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || mado_store_fail (store, rc, error);
}

/**
 * mado_store_records_list:
 * @store: a store
 * @filter: (nullable): which records; %NULL for all of today's
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Returns: (transfer full) (element-type MadoStoredRecord) (nullable): the
 *   day's records, oldest first, each with its delivery state
 */
GPtrArray *
mado_store_records_list (MadoStore              *store,
                         const MadoRecordFilter *filter,
                         GError                **error)
{
  static const char sql[] = RECORD_SELECT
    " WHERE r.day = ?1 AND (?2 IS NULL OR r.kind = ?2) AND (?3 IS NULL OR r.vaccine_code = ?3)"
    " AND (?4 IS NULL OR r.resident_tag = ?4) ORDER BY r.recorded_at, r.rowid";
  static const MadoRecordFilter all = MADO_RECORD_FILTER_ALL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_stored_record_free);
  g_autofree char *today = mado_store_records_today ();
  g_autofree char *tag = NULL;
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  if (filter == NULL)
    filter = &all;
  if (filter->resident_ref != NULL)
    tag = mado_store_records_resident_tag (store, filter->resident_ref);
  locker = mado_store_lock (store);
  stmt = mado_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, filter->day != NULL ? filter->day : today, -1, SQLITE_STATIC);
  if (filter->kind >= 0)
    sqlite3_bind_text (stmt, 2, mado_record_kind_to_string ((MadoRecordKind) filter->kind), -1,
                       SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filter->vaccine_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tag, -1, SQLITE_STATIC);
  if (!collect_rows (store, stmt, filter->delivery, filter->with_bodies, records, error))
    return NULL;
  return g_steal_pointer (&records);
}

/**
 * mado_store_records_get:
 * @store: a store
 * @record_id: a record's ID
 * @error: %MADO_RECORD_ERROR_NOT_FOUND or a #MADO_STORE_ERROR
 *
 * Returns: (transfer full) (nullable): the record, with its local body
 */
MadoStoredRecord *
mado_store_records_get (MadoStore   *store,
                        const char  *record_id,
                        GError     **error)
{
  static const char sql[] = RECORD_SELECT " WHERE r.record_id = ?1";
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_stored_record_free);
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_STATIC);
  if (!collect_rows (store, stmt, -1, TRUE, found, error))
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, MADO_RECORD_ERROR, MADO_RECORD_ERROR_NOT_FOUND,
                   _("No record at this desk has the ID %s. Check the ID in today's records."),
                   record_id);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

static void
append_event (GArray     *history,
              const char *code,
              const char *day,
              guint       dose)
{
  const MadoVaccineProduct *product = mado_vaccine_products_find_code (code);
  const MadoVaccineKind *kind = product ? mado_vaccination_rules_lookup_kind (product->kind_id) : NULL;
  MadoVaccinationEvent event = { 0 };

  if (kind == NULL || !mado_date_parse_iso (day, &event.date))
    return;
  event.kind_id = kind->id;
  event.dose_number = dose;
  event.live = kind->live;
  event.injectable = kind->injectable;
  g_array_append_val (history, event);
}

/**
 * mado_store_records_history:
 * @store: a store
 * @resident_ref: the resident
 * @error: return location for a #MADO_STORE_ERROR
 *
 * The vaccinations this desk recorded for @resident_ref and nobody marked
 * entered-in-error, as the schedule rules read them: what the hub's next
 * bundle will hold, known before it does.
 *
 * Returns: (transfer full) (element-type MadoVaccinationEvent) (nullable):
 *   the events; their kind ids are static
 */
GArray *
mado_store_records_history (MadoStore   *store,
                            const char  *resident_ref,
                            GError     **error)
{
  static const char sql[] =
    "SELECT vaccine_code, day, coalesce (dose_number, 0) FROM records r"
    " WHERE resident_tag = ?1 AND kind = 'vaccination'"
    " AND NOT EXISTS (SELECT 1 FROM records c WHERE c.corrects = r.record_id) ORDER BY recorded_at";
  g_autofree char *tag = mado_store_records_resident_tag (store, resident_ref);
  g_autoptr(GArray) history = g_array_new (FALSE, TRUE, sizeof (MadoVaccinationEvent));
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    append_event (history, (const char *) sqlite3_column_text (stmt, 0),
                  (const char *) sqlite3_column_text (stmt, 1), (guint) sqlite3_column_int (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mado_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&history);
}
