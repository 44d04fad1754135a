/* mado-store-error.h — every way the offline store can fail, by name
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_STORE_ERROR (mado_store_error_quark ())

/**
 * MadoStoreError:
 * @MADO_STORE_ERROR_CORRUPT: the database file is damaged; mado_store_recover() moves it aside
 * @MADO_STORE_ERROR_DISK_FULL: the disk is full; nothing already stored was lost
 * @MADO_STORE_ERROR_BUSY: another program held the database longer than the busy timeout
 * @MADO_STORE_ERROR_TOO_NEW: the database was written by a newer Madoguchi
 * @MADO_STORE_ERROR_KEY_MISSING: the key file is missing while the database exists
 * @MADO_STORE_ERROR_KEY_INSECURE: the key file can be read by group or others, or is not the owner's
 * @MADO_STORE_ERROR_KEY_INVALID: the key file is not a Madoguchi store key
 * @MADO_STORE_ERROR_WRONG_KEY: the key file does not belong to this database
 * @MADO_STORE_ERROR_TAMPERED: an encrypted row failed authentication (edited, swapped, damaged)
 * @MADO_STORE_ERROR_NOT_FOUND: no such entry
 * @MADO_STORE_ERROR_EXISTS: an entry with that name already exists
 * @MADO_STORE_ERROR_AUTH_FAILED: wrong staff ID or password
 * @MADO_STORE_ERROR_ACCOUNT_DISABLED: the staff account is disabled
 * @MADO_STORE_ERROR_PASSWORD_RULES: the new password breaks the length rules
 * @MADO_STORE_ERROR_AUDIT_BROKEN: the audit log's hash chain does not verify
 * @MADO_STORE_ERROR_IO: a file could not be read or written (details in the message)
 * @MADO_STORE_ERROR_FAILED: any other SQLite failure (logged with its code)
 * @MADO_STORE_ERROR_PASSWORD_RESET_REQUIRED: the account's stored password hash has
 *   parameters Madoguchi does not accept (edited, or from elsewhere); an
 *   administrator must set a new password
 * @MADO_STORE_ERROR_NOT_A_STORE: the file named as the store is not one (another
 *   program's database, a document); it was left untouched
 * @MADO_STORE_ERROR_NOT_DAMAGED: recovery was asked for a store that opens and
 *   passes the integrity check; nothing was moved
 *
 * New codes go at the end: the command-line tool's exit status is 40 + the code.
 */
typedef enum {
  MADO_STORE_ERROR_CORRUPT,
  MADO_STORE_ERROR_DISK_FULL,
  MADO_STORE_ERROR_BUSY,
  MADO_STORE_ERROR_TOO_NEW,
  MADO_STORE_ERROR_KEY_MISSING,
  MADO_STORE_ERROR_KEY_INSECURE,
  MADO_STORE_ERROR_KEY_INVALID,
  MADO_STORE_ERROR_WRONG_KEY,
  MADO_STORE_ERROR_TAMPERED,
  MADO_STORE_ERROR_NOT_FOUND,
  MADO_STORE_ERROR_EXISTS,
  MADO_STORE_ERROR_AUTH_FAILED,
  MADO_STORE_ERROR_ACCOUNT_DISABLED,
  MADO_STORE_ERROR_PASSWORD_RULES,
  MADO_STORE_ERROR_AUDIT_BROKEN,
  MADO_STORE_ERROR_IO,
  MADO_STORE_ERROR_FAILED,
  MADO_STORE_ERROR_PASSWORD_RESET_REQUIRED,
  MADO_STORE_ERROR_NOT_A_STORE,
  MADO_STORE_ERROR_NOT_DAMAGED,
} MadoStoreError;

GQuark mado_store_error_quark (void);

G_END_DECLS
