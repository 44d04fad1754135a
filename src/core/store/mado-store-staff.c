/* mado-store-staff.c — staff accounts: sign-in with ID and an scrypt-hashed password
 *
 * Passwords are stored as `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>`
 * (base64), so the cost can be raised later without breaking existing
 * accounts: each hash is checked with the parameters stored beside it. The
 * parameters are read from the database, which is not trusted with them:
 * only r = 8, p = 1 and log2 N from what this code writes up to a small
 * ceiling are accepted, so an edited row cannot make a sign-in take
 * gigabytes and minutes, nor accept a cheaper hash than the one written.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

#include "mado-error.h"
#include "mado-staff-error.h"
#include "mado-store-audit.h"
#include "mado-store-private.h"
#include "mado-store-staff.h"
#include "mado-store-staff-private.h"

/* N = 2^15, r = 8: 32 MiB and about 0.1 s per check on the target machine. */
#define SCRYPT_LOG_N 15
#define SCRYPT_R     8
#define SCRYPT_P     1
/* Room to raise the cost in a later version: 2^17 × 8 × 128 B = 128 MiB. */
#define SCRYPT_LOG_N_MAX 17
#define SALT_LEN     16
#define HASH_LEN     32
#define STAFF_ID_MAX 64

/* Checked against when the ID is unknown, so that an unknown ID takes as
 * long to refuse as a wrong password. */
static const char dummy_hash[] =
  "$scrypt$ln=15,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/**
 * mado_staff_account_free:
 * @account: (transfer full) (nullable): an account
 */
void
mado_staff_account_free (MadoStaffAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->staff_id);
  g_free (account->display_name);
  g_free (account);
}

/**
 * mado_store_staff_check_password_rules:
 * @password: the proposed password
 * @second_factor: whether the account signs in with a second factor
 * @error: return location for %MADO_STORE_ERROR_PASSWORD_RULES
 *
 * The guideline's length rule, counted in characters: 13 or more, or 8 or
 * more with a second factor.
 *
 * Returns: %TRUE when @password may be used
 */
gboolean
mado_store_staff_check_password_rules (const char  *password,
                                       gboolean     second_factor,
                                       GError     **error)
{
  glong minimum = second_factor ? MADO_STAFF_PASSWORD_MIN_LENGTH_TWO_FACTOR
                                : MADO_STAFF_PASSWORD_MIN_LENGTH;

  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_PASSWORD_RULES, "%s",
                   _("The password contains bytes that are not text. Type it again."));
      return FALSE;
    }
  if (g_utf8_strlen (password, -1) < minimum)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_PASSWORD_RULES,
                   _("The password is too short: use at least %ld characters."), minimum);
      return FALSE;
    }
  return TRUE;
}

/**
 * mado_store_staff_check_new_password:
 * @password: the new password
 * @repeated: the same password typed a second time
 * @error: return location for %MADO_STAFF_ERROR_PASSWORDS_DIFFER or
 *   %MADO_STORE_ERROR_PASSWORD_RULES
 *
 * Returns: %TRUE when both are the same and follow the length rules
 */
gboolean
mado_store_staff_check_new_password (const char  *password,
                                     const char  *repeated,
                                     GError     **error)
{
  if (g_strcmp0 (password, repeated) != 0)
    {
      mado_error_set (error, MADO_STAFF_ERROR, MADO_STAFF_ERROR_PASSWORDS_DIFFER);
      return FALSE;
    }
  return mado_store_staff_check_password_rules (password, FALSE, error);
}

static gboolean
scrypt (const char   *password,
        const guint8 *salt,
        gsize         salt_len,
        guint         log_n,
        guint         r,
        guint         p,
        guint8       *out,
        gsize         out_len)
{
  EVP_KDF *kdf = EVP_KDF_fetch (NULL, "SCRYPT", NULL);
  EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new (kdf) : NULL;
  uint64_t n = G_GUINT64_CONSTANT (1) << log_n;
  uint32_t r32 = r, p32 = p;
  OSSL_PARAM params[6];
  int ok = 0;

  params[0] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_PASSWORD,
                                                 (void *) password, strlen (password));
  params[1] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_SALT, (void *) salt, salt_len);
  params[2] = OSSL_PARAM_construct_uint64 (OSSL_KDF_PARAM_SCRYPT_N, &n);
  params[3] = OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_R, &r32);
  params[4] = OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_P, &p32);
  params[5] = OSSL_PARAM_construct_end ();
  if (ctx != NULL)
    ok = EVP_KDF_derive (ctx, out, out_len, params);
  EVP_KDF_CTX_free (ctx);
  EVP_KDF_free (kdf);
  return ok == 1;
}

/**
 * mado_store_staff_hash_password:
 * @password: the password
 *
 * Returns: (transfer full): the encoded scrypt hash with a new random salt
 */
char *
mado_store_staff_hash_password (const char *password)
{
  guint8 salt[SALT_LEN];
  guint8 hash[HASH_LEN];
  g_autofree char *salt64 = NULL;
  g_autofree char *hash64 = NULL;

  if (RAND_bytes (salt, sizeof salt) != 1 ||
      !scrypt (password, salt, sizeof salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, hash, sizeof hash))
    g_error ("scrypt is not available from OpenSSL");
  salt64 = g_base64_encode (salt, sizeof salt);
  hash64 = g_base64_encode (hash, sizeof hash);
  OPENSSL_cleanse (hash, sizeof hash);
  return g_strdup_printf ("$scrypt$ln=%u,r=%u,p=%u$%s$%s", SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P,
                          salt64, hash64);
}

typedef struct {
  guint   log_n;
  guint   r;
  guint   p;
  guint8 *salt;
  gsize   salt_len;
  guint8 *hash;
  gsize   hash_len;
} Encoded;

static void
encoded_clear (Encoded *e)
{
  g_clear_pointer (&e->salt, g_free);
  g_clear_pointer (&e->hash, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Encoded, encoded_clear)

/* Parses `$scrypt$ln=…,r=…,p=…$salt$hash` and accepts only the parameters
 * this code writes or a later version could (see SCRYPT_LOG_N_MAX). */
static gboolean
parse_encoded (const char *encoded,
               Encoded    *out)
{
  g_auto(GStrv) parts = encoded != NULL ? g_strsplit (encoded, "$", -1) : NULL;
  g_autofree char *canonical = NULL;
  guint log_n, r, p;

  /* "", "scrypt", "ln=…,r=…,p=…", salt, hash */
  if (parts == NULL || g_strv_length (parts) != 5 || !g_str_equal (parts[1], "scrypt") ||
      sscanf (parts[2], "ln=%u,r=%u,p=%u", &log_n, &r, &p) != 3)
    return FALSE;
  /* sscanf would take "ln=15,r=8,p=1junk" or "ln=+15": only the exact text. */
  canonical = g_strdup_printf ("ln=%u,r=%u,p=%u", log_n, r, p);
  if (!g_str_equal (canonical, parts[2]) ||
      log_n < SCRYPT_LOG_N || log_n > SCRYPT_LOG_N_MAX || r != SCRYPT_R || p != SCRYPT_P)
    return FALSE;
  out->log_n = log_n;
  out->r = r;
  out->p = p;
  out->salt = g_base64_decode (parts[3], &out->salt_len);
  out->hash = g_base64_decode (parts[4], &out->hash_len);
  return out->salt_len > 0 && out->hash_len > 0 && out->hash_len <= 64;
}

/**
 * mado_store_staff_password_hash_is_usable:
 * @encoded: (nullable): a stored password hash
 *
 * Returns: %TRUE when @encoded is a hash Madoguchi checks passwords
 *   against: its format, and scrypt parameters within the accepted range
 */
gboolean
mado_store_staff_password_hash_is_usable (const char *encoded)
{
  g_auto(Encoded) e = { 0 };

  return parse_encoded (encoded, &e);
}

/**
 * mado_store_staff_verify_password:
 * @password: the password typed
 * @encoded: a hash from mado_store_staff_hash_password()
 *
 * Recomputes the hash with the salt and parameters stored in @encoded and
 * compares in constant time. A hash whose parameters are not accepted
 * (mado_store_staff_password_hash_is_usable()) matches no password.
 *
 * Returns: %TRUE when @password matches
 */
gboolean
mado_store_staff_verify_password (const char *password,
                                  const char *encoded)
{
  g_auto(Encoded) e = { 0 };
  guint8 computed[64];
  gboolean same;

  if (!parse_encoded (encoded, &e) ||
      !scrypt (password, e.salt, e.salt_len, e.log_n, e.r, e.p, computed, e.hash_len))
    return FALSE;
  same = CRYPTO_memcmp (computed, e.hash, e.hash_len) == 0;
  OPENSSL_cleanse (computed, sizeof computed);
  return same;
}

static gboolean
check_staff_id (const char  *staff_id,
                GError     **error)
{
  gsize length = staff_id ? strlen (staff_id) : 0;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (staff_id[i]) && strchr ("._-", staff_id[i]) == NULL)
      length = 0;
  if (length > 0 && length <= STAFF_ID_MAX)
    return TRUE;
  g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_FAILED,
               _("A staff ID is 1 to %d letters, digits, dots, hyphens or underscores."),
               STAFF_ID_MAX);
  return FALSE;
}

/* One change to one account: the rules it must pass and its audit entry. */
typedef struct {
  const char      *operator_id;
  const char      *staff_id;
  MadoStaffChange  change;
  MadoStaffRole    role;     /* add, role: the account's new role */
  const char      *detail;   /* what was done to which account; never a password or a name */
} Change;

/* Runs @sql with the account's ID as ?1, inside the caller's transaction. */
static gboolean
run_statement (MadoStore   *store,
               const char  *sql,
               const char  *staff_id,
               const char  *text2,
               const char  *text3,
               gint64       time,
               GError     **error)
{
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* Parameters a statement does not use are refused with SQLITE_RANGE,
   * which is harmless: one binder serves every statement here. */
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, text3, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, time);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_EXISTS,
                   _("A staff account with the ID %s already exists. Choose another ID."), staff_id);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return mado_store_fail (store, rc, error);
  if (sqlite3_changes (mado_store_get_db (store)) == 0)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                   _("There is no staff account with the ID %s. Check the ID with “madoguchi-cli user list”."),
                   staff_id);
      return FALSE;
    }
  return TRUE;
}

/* A refusal by the rules is audited too: who tried what on which account. */
static void
audit_refusal (MadoStore    *store,
               const Change *change,
               const GError *refusal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = g_strdup_printf ("%s: %s", change->detail, mado_error_name (refusal));

  if (mado_store_audit_append (store, change->operator_id, MADO_AUDIT_ACCOUNT_CHANGE, NULL,
                               MADO_AUDIT_FAILURE, detail, &error) == 0)
    g_warning ("staff %s: the refused change could not be audited: %s", change->staff_id,
               mado_error_name (error));
}

/* The rules, the write and its audit entry in one transaction: a change
 * is made and audited, or neither. */
static gboolean
run_write (MadoStore     *store,
           const Change  *change,
           const char    *sql,
           const char    *text2,
           const char    *text3,
           gint64         time,
           GError       **error)
{
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  GError *refusal = NULL;

  if (!mado_store_begin (store, error))
    return FALSE;
  if (!mado_store_staff_rules_check (store, change->operator_id, change->staff_id,
                                     change->change, change->role, &refusal))
    {
      mado_store_rollback (store);
      if (refusal->domain == MADO_STAFF_ERROR)
        audit_refusal (store, change, refusal);
      g_propagate_error (error, refusal);
      return FALSE;
    }
  if (run_statement (store, sql, change->staff_id, text2, text3, time, error) &&
      mado_store_audit_insert (store, change->operator_id, MADO_AUDIT_ACCOUNT_CHANGE, NULL,
                               MADO_AUDIT_SUCCESS, change->detail, error) != 0 &&
      mado_store_commit (store, error))
    return TRUE;
  mado_store_rollback (store);
  return FALSE;
}

/**
 * mado_store_staff_add:
 * @store: a store
 * @staff_id: the new account's ID
 * @role: its role
 * @password: its password (checked against the length rules)
 * @operator_id: who adds it (audited): an enabled administrator's staff ID,
 *   or `system:<unix user>` (%MADO_STAFF_OPERATOR_SYSTEM_PREFIX)
 * @error: return location for a #MADO_STORE_ERROR, or
 *   %MADO_STAFF_ERROR_NOT_ADMINISTRATOR
 *
 * Returns: %TRUE when added
 */
gboolean
mado_store_staff_add (MadoStore      *store,
                      const char     *staff_id,
                      MadoStaffRole   role,
                      const char     *password,
                      const char     *operator_id,
                      GError        **error)
{
  static const char sql[] =
    "INSERT INTO staff (staff_id, role, password_hash, created_at, password_changed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?4)";
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;

  if (!check_staff_id (staff_id, error) ||
      !mado_store_staff_check_password_rules (password, FALSE, error))
    return FALSE;
  /* Hashed before the store is locked: scrypt takes a while. */
  hash = mado_store_staff_hash_password (password);
  detail = g_strdup_printf ("add %s role=%s", staff_id, mado_staff_role_to_string (role));
  return run_write (store,
                    &(Change) { operator_id, staff_id, MADO_STAFF_CHANGE_ADD, role, detail },
                    sql, mado_staff_role_to_string (role), hash, mado_store_now (store), error);
}

/**
 * mado_store_staff_set_password:
 * @store: a store
 * @staff_id: the account
 * @password: the new password (checked against the length rules)
 * @operator_id: who changes it (audited; see mado_store_staff_add())
 * @error: return location for a #MADO_STORE_ERROR or #MADO_STAFF_ERROR
 *
 * Returns: %TRUE when changed
 */
gboolean
mado_store_staff_set_password (MadoStore   *store,
                               const char  *staff_id,
                               const char  *password,
                               const char  *operator_id,
                               GError     **error)
{
  static const char sql[] =
    "UPDATE staff SET password_hash = ?3, password_changed_at = ?4"
    " WHERE staff_id = ?1";
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;

  if (!mado_store_staff_check_password_rules (password, FALSE, error))
    return FALSE;
  /* Hashed before the store is locked: scrypt takes a while. */
  hash = mado_store_staff_hash_password (password);
  detail = g_strdup_printf ("password %s", staff_id);
  return run_write (store,
                    &(Change) { operator_id, staff_id, MADO_STAFF_CHANGE_PASSWORD, 0, detail },
                    sql, NULL, hash, mado_store_now (store), error);
}

/**
 * mado_store_staff_check_name:
 * @name: (nullable): a person's name as records write it
 * @error: return location for %MADO_STORE_ERROR_FAILED
 *
 * Returns: %TRUE when @name is 1–100 characters on one line
 */
gboolean
mado_store_staff_check_name (const char  *name,
                             GError     **error)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL)
      || g_utf8_strlen (name, -1) > 100 || strpbrk (name, "\r\n\t") != NULL)
    {
      g_set_error_literal (error, MADO_STORE_ERROR, MADO_STORE_ERROR_FAILED,
                           _("A staff name must be 1 to 100 characters on one line."));
      return FALSE;
    }
  return TRUE;
}

/**
 * mado_store_staff_set_name:
 * @store: a store
 * @staff_id: the account
 * @name: the person's name as records write it (the vaccinating doctor,
 *   the performer): 1–100 characters on one line
 * @operator_id: who changes it (audited, the name itself is not; see
 *   mado_store_staff_add())
 * @error: return location for a #MADO_STORE_ERROR or #MADO_STAFF_ERROR
 *
 * Returns: %TRUE when changed
 */
gboolean
mado_store_staff_set_name (MadoStore   *store,
                           const char  *staff_id,
                           const char  *name,
                           const char  *operator_id,
                           GError     **error)
{
  static const char sql[] = "UPDATE staff SET display_name = ?2 WHERE staff_id = ?1";
  g_autofree char *detail = NULL;

  if (!mado_store_staff_check_name (name, error))
    return FALSE;
  detail = g_strdup_printf ("name %s", staff_id);
  return run_write (store, &(Change) { operator_id, staff_id, MADO_STAFF_CHANGE_NAME, 0, detail },
                    sql, name, NULL, 0, error);
}

/**
 * mado_store_staff_disable:
 * @store: a store
 * @staff_id: the account
 * @operator_id: who disables it (audited; see mado_store_staff_add())
 * @error: return location for a #MADO_STORE_ERROR, or
 *   %MADO_STAFF_ERROR_DISABLE_SELF, %MADO_STAFF_ERROR_LAST_ADMINISTRATOR or
 *   %MADO_STAFF_ERROR_NOT_ADMINISTRATOR
 *
 * A disabled account cannot sign in; it stays listed, and the audit log
 * keeps naming it. An administrator cannot disable their own account, and
 * nobody can disable the last enabled administrator.
 *
 * Returns: %TRUE when disabled
 */
gboolean
mado_store_staff_disable (MadoStore   *store,
                          const char  *staff_id,
                          const char  *operator_id,
                          GError     **error)
{
  static const char sql[] = "UPDATE staff SET disabled = 1 WHERE staff_id = ?1";
  g_autofree char *detail = g_strdup_printf ("disable %s", staff_id);

  return run_write (store,
                    &(Change) { operator_id, staff_id, MADO_STAFF_CHANGE_DISABLE, 0, detail },
                    sql, NULL, NULL, 0, error);
}

/**
 * mado_store_staff_enable:
 * @store: a store
 * @staff_id: a disabled account
 * @operator_id: who enables it again (audited; see mado_store_staff_add())
 * @error: return location for a #MADO_STORE_ERROR or
 *   %MADO_STAFF_ERROR_NOT_ADMINISTRATOR
 *
 * The account signs in again with the password it had.
 *
 * Returns: %TRUE when enabled
 */
gboolean
mado_store_staff_enable (MadoStore   *store,
                         const char  *staff_id,
                         const char  *operator_id,
                         GError     **error)
{
  static const char sql[] = "UPDATE staff SET disabled = 0 WHERE staff_id = ?1";
  g_autofree char *detail = g_strdup_printf ("enable %s", staff_id);

  return run_write (store,
                    &(Change) { operator_id, staff_id, MADO_STAFF_CHANGE_ENABLE, 0, detail },
                    sql, NULL, NULL, 0, error);
}

/**
 * mado_store_staff_set_role:
 * @store: a store
 * @staff_id: the account
 * @role: its new role
 * @operator_id: who changes it (audited; see mado_store_staff_add())
 * @error: return location for a #MADO_STORE_ERROR, or
 *   %MADO_STAFF_ERROR_DEMOTE_SELF, %MADO_STAFF_ERROR_LAST_ADMINISTRATOR or
 *   %MADO_STAFF_ERROR_NOT_ADMINISTRATOR
 *
 * The role applies from the account's next sign-in. An administrator
 * cannot take the administrator role from their own account, and nobody
 * can take it from the last enabled administrator.
 *
 * Returns: %TRUE when changed
 */
gboolean
mado_store_staff_set_role (MadoStore      *store,
                           const char     *staff_id,
                           MadoStaffRole   role,
                           const char     *operator_id,
                           GError        **error)
{
  static const char sql[] = "UPDATE staff SET role = ?2 WHERE staff_id = ?1";
  g_autofree char *detail =
    g_strdup_printf ("role %s role=%s", staff_id, mado_staff_role_to_string (role));

  return run_write (store, &(Change) { operator_id, staff_id, MADO_STAFF_CHANGE_ROLE, role, detail },
                    sql, mado_staff_role_to_string (role), NULL, 0, error);
}

/**
 * mado_store_staff_list:
 * @store: a store
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Returns: (transfer full) (element-type MadoStaffAccount) (nullable): the
 *   accounts, by ID
 */
GPtrArray *
mado_store_staff_list (MadoStore  *store,
                       GError    **error)
{
  static const char sql[] =
    "SELECT staff_id, role, disabled, created_at, password_changed_at, display_name FROM staff"
    " ORDER BY staff_id";
  g_autoptr(GPtrArray) accounts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) mado_staff_account_free);
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MadoStaffAccount *account = g_new0 (MadoStaffAccount, 1);

      account->staff_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      mado_staff_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &account->role);
      account->disabled = sqlite3_column_int (stmt, 2) != 0;
      account->created_at = sqlite3_column_int64 (stmt, 3);
      account->password_changed_at = sqlite3_column_int64 (stmt, 4);
      account->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (accounts, account);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mado_store_fail (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

/* Reads one account; *found is filled only when it exists. Also used by
 * the rules (mado-store-staff-rules.c), inside their transaction. */
gboolean
mado_store_staff_find (MadoStore        *store,
                       const char       *staff_id,
                       MadoStaffStored  *found,
                       gboolean         *exists,
                       GError          **error)
{
  static const char sql[] =
    "SELECT password_hash, role, disabled, display_name FROM staff WHERE staff_id = ?";
  /* Only the read is locked: sign-in checks the password (scrypt, a while)
   * after it, and audits through mado_store_audit_append(), which locks. */
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = mado_store_lock (store);
  sqlite3_stmt *stmt = mado_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW;
  if (*exists)
    {
      found->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      /* A role this version does not know is left as the caller set it. */
      mado_staff_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &found->role);
      found->disabled = sqlite3_column_int (stmt, 2) != 0;
      found->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || mado_store_fail (store, rc, error);
}

/**
 * mado_store_staff_sign_in:
 * @store: a store
 * @staff_id: the ID typed
 * @password: the password typed (never stored or logged)
 * @idle_seconds: the session locks after this long without activity
 * @now: the monotonic time, in µs (for the session's idle lock)
 * @error: return location for %MADO_STORE_ERROR_AUTH_FAILED,
 *   %MADO_STORE_ERROR_ACCOUNT_DISABLED or another #MADO_STORE_ERROR
 *
 * Checks the password and audits the attempt either way. An ID that is not
 * an account is audited as operator `unknown` (the typed text might be a
 * password typed in the wrong field).
 *
 * Returns: (transfer full) (nullable): the session
 */
MadoStaffSession *
mado_store_staff_sign_in (MadoStore   *store,
                          const char  *staff_id,
                          const char  *password,
                          guint        idle_seconds,
                          gint64       now,
                          GError     **error)
{
  MadoStaffStored account = { NULL, NULL, MADO_STAFF_ROLE_RECEPTION, FALSE };
  g_autofree char *display_name = NULL;
  gboolean exists = FALSE, usable, matches;
  const char *detail;

  if (!mado_store_staff_find (store, staff_id, &account, &exists, error))
    return NULL;
  usable = !exists || mado_store_staff_password_hash_is_usable (account.hash);
  /* An unusable hash is still timed like a real check. */
  matches = mado_store_staff_verify_password (password, exists && usable ? account.hash : dummy_hash) &&
            exists && usable;
  g_free (account.hash);
  display_name = account.display_name;

  if (!usable)
    {
      g_message ("staff %s: the stored password hash has parameters outside the accepted range",
                 staff_id);
      if (mado_store_audit_append (store, staff_id, MADO_AUDIT_SIGN_IN, NULL,
                                   MADO_AUDIT_FAILURE, "password-hash-unusable", error) == 0)
        return NULL;
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_PASSWORD_RESET_REQUIRED,
                   _("The password of staff account %s cannot be checked: its stored form is not one Madoguchi accepts. Ask the administrator to set a new password with “madoguchi-cli user passwd %s”."),
                   staff_id, staff_id);
      return NULL;
    }

  if (matches && !account.disabled)
    {
      if (mado_store_audit_append (store, staff_id, MADO_AUDIT_SIGN_IN, NULL,
                                   MADO_AUDIT_SUCCESS, NULL, error) == 0)
        return NULL;
      MadoStaffSession *session = mado_staff_session_new (staff_id, account.role, idle_seconds, now);

      mado_staff_session_set_display_name (session, display_name);
      return session;
    }

  detail = !exists ? "no-such-account" : !matches ? "wrong-password" : "account-disabled";
  if (mado_store_audit_append (store, exists ? staff_id : "unknown", MADO_AUDIT_SIGN_IN, NULL,
                               MADO_AUDIT_FAILURE, detail, error) == 0)
    return NULL;
  if (matches)
    mado_error_set (error, MADO_STORE_ERROR, MADO_STORE_ERROR_ACCOUNT_DISABLED);
  else
    mado_error_set (error, MADO_STORE_ERROR, MADO_STORE_ERROR_AUTH_FAILED);
  return NULL;
}

/**
 * mado_store_staff_sign_out:
 * @store: a store
 * @session: the session that ends
 * @error: return location for a #MADO_STORE_ERROR
 *
 * Returns: %TRUE when the sign-out was audited
 */
gboolean
mado_store_staff_sign_out (MadoStore         *store,
                           MadoStaffSession  *session,
                           GError           **error)
{
  return mado_store_audit_append (store, mado_staff_session_get_staff_id (session),
                                  MADO_AUDIT_SIGN_OUT, NULL, MADO_AUDIT_SUCCESS, NULL,
                                  error) != 0;
}
