/* mado-store-audit.c — the hash-chained audit log: who did what, when, to whose data
 *
 * Each entry's hash is SHA-256 over a canonical serialisation of all its
 * fields, the previous entry's hash among them, so editing, deleting,
 * inserting or reordering entries breaks the chain where it happened. The
 * chain cannot see the last entries being cut off, so the head (last
 * sequence number and hash) is also kept with an HMAC under a key derived
 * from the store key, which lives outside the database. The empty log has
 * a head too ("0 entries", written when the store is made, or by migration
 * 3 for older stores), so a log wiped together with its head is reported
 * instead of looking new.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <openssl/crypto.h>
#include <string.h>

#include "mado-json-write.h"
#include "mado-store-audit.h"
#include "mado-store-private.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static const char *const action_names[] = {
  "card-read", "verification", "view", "record-written", "export",
  "sign-in", "sign-out", "account-change", "cache-purge",
};
static const char *const problem_names[] = {
  "none", "edited", "broken-link", "missing", "truncated", "appended", "head-forged",
  "head-missing",
};

/**
 * mado_audit_action_to_string:
 * @action: a #MadoAuditAction
 *
 * Returns: (transfer none): its stable name, as stored
 */
const char *
mado_audit_action_to_string (MadoAuditAction action)
{
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (action_names), "unknown");
  return action_names[action];
}

static const char *
outcome_name (MadoAuditOutcome outcome)
{
  return outcome == MADO_AUDIT_SUCCESS ? "success" : "failure";
}

/**
 * mado_audit_problem_to_string:
 * @problem: a #MadoAuditProblem
 *
 * Returns: (transfer none): its stable name
 */
const char *
mado_audit_problem_to_string (MadoAuditProblem problem)
{
  g_return_val_if_fail ((guint) problem < G_N_ELEMENTS (problem_names), "unknown");
  return problem_names[problem];
}

typedef struct {
  gint64      seq;
  const char *time;
  const char *operator_id;
  const char *action;
  const char *resident_key;   /* nullable */
  const char *outcome;
  const char *detail;
  const char *prev_hash;
} Fields;

static void
append_field (GString    *out,
              const char *value)
{
  /* S<length>:<bytes>, so no value can spill into the next; N for NULL. */
  if (value == NULL)
    g_string_append_c (out, 'N');
  else
    g_string_append_printf (out, "S%zu:%s", strlen (value), value);
}

static char *
entry_hash (const Fields *f)
{
  g_autoptr(GString) text = g_string_new ("madoguchi-audit-v1");
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, f->seq);

  append_field (text, seq);
  append_field (text, f->time);
  append_field (text, f->operator_id);
  append_field (text, f->action);
  append_field (text, f->resident_key);
  append_field (text, f->outcome);
  append_field (text, f->detail);
  append_field (text, f->prev_hash);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str, text->len);
}

static char *
format_time (gint64 us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%06dZ", seconds, (int) (us % G_USEC_PER_SEC));
}

static char *
head_message (gint64      seq,
              const char *hash)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", seq, hash);
}

static gboolean
read_last (MadoStore  *store,
           gint64     *seq,
           char      **hash,
           GError    **error)
{
  static const char sql[] = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *seq = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *hash = g_strdup (rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 1) : GENESIS_HASH);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || mado_store_fail (store, rc, error);
}

static gboolean
write_head (MadoStore   *store,
            gint64       seq,
            const char  *hash,
            GError     **error)
{
  static const char sql[] =
    "INSERT INTO meta (name, value) VALUES ('audit-head', ?1)"
    " ON CONFLICT (name) DO UPDATE SET value = ?1";
  g_autofree char *message = head_message (seq, hash);
  g_autofree char *mac = mado_store_key_audit_mac (mado_store_get_key (store), message);
  g_autofree char *value = g_strdup_printf ("%s:%s", message, mac);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  return mado_store_step_done (store, stmt, error);
}

gboolean
mado_store_audit_write_genesis (MadoStore  *store,
                                GError    **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM audit), (SELECT count(*) FROM meta WHERE name = 'audit-head')";
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  gint64 entries = 0, heads = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      entries = sqlite3_column_int64 (stmt, 0);
      heads = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return mado_store_fail (store, rc, error);
  /* Entries without a head were added outside Madoguchi: signing a head
   * over them now would hide that, so verification keeps reporting it. */
  if (entries > 0 || heads > 0)
    return TRUE;
  return write_head (store, 0, GENESIS_HASH, error);
}

static gboolean
insert_entry (MadoStore     *store,
              const Fields  *f,
              const char    *hash,
              GError       **error)
{
  static const char sql[] =
    "INSERT INTO audit (seq, time, operator, action, resident_key, outcome, detail,"
    " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f->seq);
  sqlite3_bind_text (stmt, 2, f->time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, f->operator_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, f->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, f->resident_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, f->outcome, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, f->detail, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, f->prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, hash, -1, SQLITE_STATIC);
  return mado_store_step_done (store, stmt, error);
}

/**
 * mado_store_audit_insert:
 * @store: a store whose lock the caller holds, inside a transaction
 *
 * mado_store_audit_append() as part of the caller's transaction, so that
 * what is audited and its entry commit together.
 *
 * Returns: the entry's sequence number, or 0 on error
 */
gint64
mado_store_audit_insert (MadoStore         *store,
                         const char        *operator_id,
                         MadoAuditAction    action,
                         const char        *resident_key,
                         MadoAuditOutcome   outcome,
                         const char        *detail,
                         GError           **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *time = format_time (mado_store_now (store));
  g_autofree char *hash = NULL;
  gint64 last_seq;
  Fields f;

  if (!read_last (store, &last_seq, &prev_hash, error))
    return 0;
  f = (Fields) {
    .seq = last_seq + 1,
    .time = time,
    .operator_id = operator_id,
    .action = mado_audit_action_to_string (action),
    .resident_key = resident_key,
    .outcome = outcome_name (outcome),
    .detail = detail != NULL ? detail : "",
    .prev_hash = prev_hash,
  };
  hash = entry_hash (&f);
  if (insert_entry (store, &f, hash, error) && write_head (store, f.seq, hash, error))
    return f.seq;
  return 0;
}

/**
 * mado_store_audit_append:
 * @store: a store
 * @operator_id: the staff ID of who did it (or `system:<user>` for the CLI)
 * @action: what
 * @resident_key: (nullable): whose data: the resident's key, never a name
 * @outcome: whether it succeeded
 * @detail: (nullable): a short machine-readable reason (no personal data)
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Appends an entry stamped with the store's clock (UTC, RFC 3339), the next
 * sequence number and the previous entry's hash, in one transaction.
 *
 * Returns: the entry's sequence number, or 0 on error
 */
gint64
mado_store_audit_append (MadoStore         *store,
                         const char        *operator_id,
                         MadoAuditAction    action,
                         const char        *resident_key,
                         MadoAuditOutcome   outcome,
                         const char        *detail,
                         GError           **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 seq;

  g_return_val_if_fail (MADO_IS_STORE (store), 0);
  g_return_val_if_fail (operator_id != NULL, 0);
  locker = mado_store_lock (store);
  if (!mado_store_begin (store, error))
    return 0;
  seq = mado_store_audit_insert (store, operator_id, action, resident_key, outcome, detail, error);
  if (seq != 0 && mado_store_commit (store, error))
    return seq;
  mado_store_rollback (store);
  return 0;
}

static gboolean
set_broken (MadoAuditVerdict  *verdict,
            gint64             seq,
            MadoAuditProblem   problem,
            GError           **error)
{
  verdict->bad_seq = seq;
  verdict->problem = problem;
  switch (problem)
    {
    case MADO_AUDIT_PROBLEM_EDITED:
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN,
                   _("Audit entry %lld was changed after it was written. Keep this terminal's disk as it is and tell the administrator."), (long long) seq);
      break;
    case MADO_AUDIT_PROBLEM_BROKEN_LINK:
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN,
                   _("Audit entry %lld does not follow the entry before it: entries were deleted, inserted or reordered there. Keep this terminal's disk as it is and tell the administrator."), (long long) seq);
      break;
    case MADO_AUDIT_PROBLEM_MISSING:
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN,
                   _("Audit entry %lld is missing: entries were deleted. Keep this terminal's disk as it is and tell the administrator."), (long long) seq);
      break;
    case MADO_AUDIT_PROBLEM_TRUNCATED:
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN,
                   _("The audit log ends before entry %lld: its last entries were deleted. Keep this terminal's disk as it is and tell the administrator."), (long long) seq);
      break;
    case MADO_AUDIT_PROBLEM_APPENDED:
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN,
                   _("Audit entry %lld and those after it were added outside Madoguchi. Keep this terminal's disk as it is and tell the administrator."), (long long) seq);
      break;
    case MADO_AUDIT_PROBLEM_HEAD_FORGED:
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN,
                   _("The record of the audit log's last entry, number %lld, was altered. Keep this terminal's disk as it is and tell the administrator."), (long long) seq);
      break;
    case MADO_AUDIT_PROBLEM_HEAD_MISSING:
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUDIT_BROKEN, "%s",
                   _("The record of the audit log's last entry is missing: the log was deleted or replaced outside Madoguchi. Keep this terminal's disk as it is and tell the administrator."));
      break;
    case MADO_AUDIT_PROBLEM_NONE:
    default:
      g_return_val_if_reached (FALSE);
    }
  return FALSE;
}

static gboolean
verify_head (MadoStore         *store,
             gint64             last_seq,
             const char        *last_hash,
             MadoAuditVerdict  *verdict,
             GError           **error)
{
  static const char sql[] = "SELECT value FROM meta WHERE name = 'audit-head'";
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  g_autofree char *value = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *message = NULL;
  g_autofree char *mac = NULL;
  gint64 head_seq;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return mado_store_fail (store, rc, error);
  /* Every store since schema 3 has a head, even with no entries. Entries
   * without one were added outside Madoguchi to a store whose head was
   * removed; no entries and no head is a wiped log. */
  if (value == NULL && last_seq > 0)
    return set_broken (verdict, 1, MADO_AUDIT_PROBLEM_APPENDED, error);
  if (value == NULL)
    return set_broken (verdict, 1, MADO_AUDIT_PROBLEM_HEAD_MISSING, error);

  parts = g_strsplit (value, ":", 3);
  if (g_strv_length (parts) != 3)
    return set_broken (verdict, last_seq, MADO_AUDIT_PROBLEM_HEAD_FORGED, error);
  head_seq = g_ascii_strtoll (parts[0], NULL, 10);
  message = head_message (head_seq, parts[1]);
  mac = mado_store_key_audit_mac (mado_store_get_key (store), message);
  if (strlen (mac) != strlen (parts[2]) || CRYPTO_memcmp (mac, parts[2], strlen (mac)) != 0)
    return set_broken (verdict, last_seq, MADO_AUDIT_PROBLEM_HEAD_FORGED, error);
  if (head_seq > last_seq)
    return set_broken (verdict, last_seq + 1, MADO_AUDIT_PROBLEM_TRUNCATED, error);
  if (head_seq < last_seq)
    return set_broken (verdict, head_seq + 1, MADO_AUDIT_PROBLEM_APPENDED, error);
  if (!g_str_equal (parts[1], last_hash))
    return set_broken (verdict, last_seq, MADO_AUDIT_PROBLEM_EDITED, error);
  return TRUE;
}

static gboolean
verify_row (sqlite3_stmt      *stmt,
            gint64             expected_seq,
            const char        *prev_hash,
            MadoAuditVerdict  *verdict,
            GError           **error)
{
  Fields f = {
    .seq = sqlite3_column_int64 (stmt, 0),
    .time = (const char *) sqlite3_column_text (stmt, 1),
    .operator_id = (const char *) sqlite3_column_text (stmt, 2),
    .action = (const char *) sqlite3_column_text (stmt, 3),
    .resident_key = (const char *) sqlite3_column_text (stmt, 4),
    .outcome = (const char *) sqlite3_column_text (stmt, 5),
    .detail = (const char *) sqlite3_column_text (stmt, 6),
    .prev_hash = (const char *) sqlite3_column_text (stmt, 7),
  };
  const char *stored_hash = (const char *) sqlite3_column_text (stmt, 8);
  g_autofree char *hash = NULL;

  if (f.seq != expected_seq)
    return set_broken (verdict, expected_seq, MADO_AUDIT_PROBLEM_MISSING, error);
  hash = entry_hash (&f);
  if (g_strcmp0 (hash, stored_hash) != 0)
    return set_broken (verdict, f.seq, MADO_AUDIT_PROBLEM_EDITED, error);
  if (g_strcmp0 (f.prev_hash, prev_hash) != 0)
    return set_broken (verdict, f.seq, MADO_AUDIT_PROBLEM_BROKEN_LINK, error);
  return TRUE;
}

/**
 * mado_store_audit_verify:
 * @store: a store
 * @verdict: (out caller-allocates) (optional): entries checked, and where and
 *   what the first problem is
 * @error: return location for %MADO_STORE_ERROR_AUDIT_BROKEN (its message
 *   names the entry), or another #MADO_STORE_ERROR
 *
 * Walks the whole chain, recomputing every hash, and checks its end against
 * the keyed head.
 *
 * Returns: %TRUE when the log is intact
 */
gboolean
mado_store_audit_verify (MadoStore         *store,
                         MadoAuditVerdict  *verdict,
                         GError           **error)
{
  static const char sql[] =
    "SELECT seq, time, operator, action, resident_key, outcome, detail, prev_hash, hash"
    " FROM audit ORDER BY seq";
  MadoAuditVerdict local = { 0, 0, MADO_AUDIT_PROBLEM_NONE };
  MadoAuditVerdict *v = verdict != NULL ? verdict : &local;
  g_autofree char *prev_hash = g_strdup (GENESIS_HASH);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (MADO_IS_STORE (store), FALSE);
  locker = mado_store_lock (store);
  *v = local;
  stmt = mado_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ok = verify_row (stmt, v->entries + 1, prev_hash, v, error);
      if (ok)
        {
          v->entries++;
          g_free (prev_hash);
          prev_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
        }
    }
  sqlite3_reset (stmt);
  if (!ok)
    return FALSE;
  if (rc != SQLITE_DONE)
    return mado_store_fail (store, rc, error);
  return verify_head (store, v->entries, prev_hash, v, error);
}

static JsonNode *
row_to_json (sqlite3_stmt *stmt)
{
  static const char *const names[] = {
    "seq", "time", "operator", "action", "resident", "outcome", "detail", "prevHash", "hash",
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, names[0]);
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
  for (int i = 1; i < (int) G_N_ELEMENTS (names); i++)
    {
      json_builder_set_member_name (builder, names[i]);
      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        json_builder_add_null_value (builder);
      else
        {
          /* Madoguchi writes UTF-8; other bytes were put there by hand and
           * must not make the export invalid JSON (verify names the entry). */
          g_autofree char *text = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, i), -1);

          json_builder_add_string_value (builder, text);
        }
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * mado_store_audit_export:
 * @store: a store
 * @from: (nullable): the first instant to include; %NULL for the beginning
 * @until: (nullable): the first instant not to include; %NULL for the end
 * @output: where the JSON lines go, one entry per line, oldest first
 * @exported: (out) (optional): how many entries were written
 * @error: return location for a #MADO_STORE_ERROR or a #GIOErrorEnum
 *
 * Each line carries every field of the entry, its hash and the previous
 * hash, so a reader can re-check the chain within the exported range.
 *
 * Returns: %TRUE on success
 */
gboolean
mado_store_audit_export (MadoStore      *store,
                         GDateTime      *from,
                         GDateTime      *until,
                         GOutputStream  *output,
                         gint64         *exported,
                         GError        **error)
{
  static const char sql[] =
    "SELECT seq, time, operator, action, resident_key, outcome, detail, prev_hash, hash"
    " FROM audit WHERE time >= ?1 AND time < ?2 ORDER BY seq";
  g_autofree char *from_text = from ? format_time (g_date_time_to_unix (from) * G_USEC_PER_SEC)
                                    : g_strdup ("");
  g_autofree char *until_text = until ? format_time (g_date_time_to_unix (until) * G_USEC_PER_SEC)
                                      : g_strdup ("~");
  /* Held while the lines are written too: the cursor is a cached statement.
   * Only the command-line tool exports, to a file or a pipe. */
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  gint64 count = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, until_text, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = row_to_json (stmt);
      g_autofree char *line = mado_json_write_to_string (node, FALSE);

      if (!g_output_stream_write_all (output, line, strlen (line), NULL, NULL, error) ||
          !g_output_stream_write_all (output, "\n", 1, NULL, NULL, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      count++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return mado_store_fail (store, rc, error);
  if (exported != NULL)
    *exported = count;
  return TRUE;
}
