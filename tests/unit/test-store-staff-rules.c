/* test-store-staff-rules.c — who may change which staff account, and the administrator kept (mado-store-staff-rules.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-store.h"
#include "mado-test-util.h"

#define PASSWORD  "a long enough passphrase"
#define SYSTEM    "system:test"

static void
add (MadoStore     *store,
     const char    *staff_id,
     MadoStaffRole  role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mado_store_staff_add (store, staff_id, role, PASSWORD, SYSTEM, &error));
  g_assert_no_error (error);
}

static const MadoStaffAccount *
find (GPtrArray  *accounts,
      const char *staff_id)
{
  for (guint i = 0; i < accounts->len; i++)
    {
      const MadoStaffAccount *a = g_ptr_array_index (accounts, i);

      if (g_str_equal (a->staff_id, staff_id))
        return a;
    }
  g_assert_not_reached ();
}

/* The account as stored, read back through the list. */
static void
assert_account (MadoStore     *store,
                const char    *staff_id,
                MadoStaffRole  role,
                gboolean       disabled)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = mado_store_staff_list (store, &error);
  const MadoStaffAccount *a;

  g_assert_no_error (error);
  a = find (accounts, staff_id);
  g_assert_cmpint (a->role, ==, role);
  g_assert_cmpint (a->disabled, ==, disabled);
}

/* @error is read after @ok was computed: it is passed by address. */
static void
assert_refused (gboolean   ok,
                GError   **error,
                int        code)
{
  g_assert_false (ok);
  g_assert_error (*error, MADO_STAFF_ERROR, code);
  g_clear_error (error);
}

/* A reception account, an unknown ID and a disabled administrator may change nothing. */
static void
test_rules_only_administrators (MadoTestStore *f,
                                gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  const char *const refused[] = { "rec-1", "ghost", "adm-2" };
  GError *error = NULL;

  add (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR);
  add (store, "adm-2", MADO_STAFF_ROLE_ADMINISTRATOR);
  add (store, "rec-1", MADO_STAFF_ROLE_RECEPTION);
  add (store, "doc-1", MADO_STAFF_ROLE_DOCTOR);
  g_assert_true (mado_store_staff_disable (store, "adm-2", SYSTEM, &error));

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const char *op = refused[i];

      g_test_message ("operator %s", op);
      assert_refused (mado_store_staff_add (store, "new-1", MADO_STAFF_ROLE_ADMINISTRATOR, PASSWORD, op, &error),
                      &error, MADO_STAFF_ERROR_NOT_ADMINISTRATOR);
      assert_refused (mado_store_staff_set_password (store, "doc-1", "another long passphrase", op, &error),
                      &error, MADO_STAFF_ERROR_NOT_ADMINISTRATOR);
      assert_refused (mado_store_staff_set_name (store, "doc-1", "医師 一郎", op, &error),
                      &error, MADO_STAFF_ERROR_NOT_ADMINISTRATOR);
      assert_refused (mado_store_staff_set_role (store, op, MADO_STAFF_ROLE_ADMINISTRATOR, op, &error),
                      &error, MADO_STAFF_ERROR_NOT_ADMINISTRATOR);
      assert_refused (mado_store_staff_enable (store, "adm-2", op, &error),
                      &error, MADO_STAFF_ERROR_NOT_ADMINISTRATOR);
      assert_refused (mado_store_staff_disable (store, "doc-1", op, &error),
                      &error, MADO_STAFF_ERROR_NOT_ADMINISTRATOR);
    }
  /* nothing changed: no new account, the doctor's password and state as they were */
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM staff"), ==, 4);
  assert_account (store, "doc-1", MADO_STAFF_ROLE_DOCTOR, FALSE);
  assert_account (store, "adm-2", MADO_STAFF_ROLE_ADMINISTRATOR, TRUE);
  g_clear_object (&store);
  g_assert_cmpint (mado_test_store_count (f, "SELECT count(*) FROM staff WHERE display_name != ''"), ==, 0);
}

/* An administrator acts; demoted, the same ID can no longer act, even if
 * a screen signed in before still says administrator. */
static void
test_rules_role_read_at_change (MadoTestStore *f,
                                gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(MadoStaffSession) session = NULL;
  GError *error = NULL;

  add (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR);
  add (store, "adm-2", MADO_STAFF_ROLE_ADMINISTRATOR);
  session = mado_store_staff_sign_in (store, "adm-2", PASSWORD, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (mado_store_staff_add (store, "rec-1", MADO_STAFF_ROLE_RECEPTION, PASSWORD, "adm-2", &error));
  g_assert_no_error (error);
  g_assert_true (mado_store_staff_set_role (store, "adm-2", MADO_STAFF_ROLE_RECEPTION, "adm-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_staff_session_get_role (session), ==, MADO_STAFF_ROLE_ADMINISTRATOR);
  assert_refused (mado_store_staff_disable (store, "rec-1", mado_staff_session_get_staff_id (session), &error),
                  &error, MADO_STAFF_ERROR_NOT_ADMINISTRATOR);
  assert_account (store, "rec-1", MADO_STAFF_ROLE_RECEPTION, FALSE);
}

/* Disabling or demoting oneself is refused even with another administrator there. */
static void
test_rules_not_oneself (MadoTestStore *f,
                        gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  GError *error = NULL;

  add (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR);
  add (store, "adm-2", MADO_STAFF_ROLE_ADMINISTRATOR);
  assert_refused (mado_store_staff_disable (store, "adm-1", "adm-1", &error),
                  &error, MADO_STAFF_ERROR_DISABLE_SELF);
  assert_refused (mado_store_staff_set_role (store, "adm-1", MADO_STAFF_ROLE_DOCTOR, "adm-1", &error),
                  &error, MADO_STAFF_ERROR_DEMOTE_SELF);
  assert_account (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR, FALSE);

  /* what is not a removal stays allowed on oneself */
  g_assert_true (mado_store_staff_set_role (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR, "adm-1", &error));
  g_assert_true (mado_store_staff_set_password (store, "adm-1", "my own new passphrase", "adm-1", &error));
  g_assert_no_error (error);
  /* and another administrator may do what oneself may not */
  g_assert_true (mado_store_staff_set_role (store, "adm-1", MADO_STAFF_ROLE_DOCTOR, "adm-2", &error));
  g_assert_no_error (error);
  assert_account (store, "adm-1", MADO_STAFF_ROLE_DOCTOR, FALSE);
}

/* The last enabled administrator stays one, whoever asks; disabled
 * administrators do not count, and may themselves be demoted. */
static void
test_rules_last_administrator (MadoTestStore *f,
                               gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  GError *error = NULL;

  add (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR);
  add (store, "adm-2", MADO_STAFF_ROLE_ADMINISTRATOR);
  g_assert_true (mado_store_staff_disable (store, "adm-2", SYSTEM, &error));
  g_assert_no_error (error);

  assert_refused (mado_store_staff_disable (store, "adm-1", SYSTEM, &error),
                  &error, MADO_STAFF_ERROR_LAST_ADMINISTRATOR);
  assert_refused (mado_store_staff_set_role (store, "adm-1", MADO_STAFF_ROLE_NURSE, SYSTEM, &error),
                  &error, MADO_STAFF_ERROR_LAST_ADMINISTRATOR);
  assert_account (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR, FALSE);

  g_assert_true (mado_store_staff_set_role (store, "adm-2", MADO_STAFF_ROLE_RECEPTION, SYSTEM, &error));
  g_assert_no_error (error);
  g_assert_true (mado_store_staff_set_role (store, "adm-2", MADO_STAFF_ROLE_ADMINISTRATOR, SYSTEM, &error));
  g_assert_true (mado_store_staff_enable (store, "adm-2", SYSTEM, &error));
  g_assert_no_error (error);
  /* two enabled administrators: one of them may go */
  g_assert_true (mado_store_staff_disable (store, "adm-1", "adm-2", &error));
  g_assert_no_error (error);
  assert_account (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR, TRUE);
  assert_refused (mado_store_staff_set_role (store, "adm-2", MADO_STAFF_ROLE_DOCTOR, SYSTEM, &error),
                  &error, MADO_STAFF_ERROR_LAST_ADMINISTRATOR);
}

/* enable and set_role take effect at the next sign-in. */
static void
test_rules_enable_and_role (MadoTestStore *f,
                            gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(MadoStaffSession) session = NULL;
  GError *error = NULL;

  add (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR);
  add (store, "rec-1", MADO_STAFF_ROLE_RECEPTION);
  g_assert_true (mado_store_staff_disable (store, "rec-1", "adm-1", &error));
  g_assert_null (mado_store_staff_sign_in (store, "rec-1", PASSWORD, 0, 0, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_ACCOUNT_DISABLED);
  g_clear_error (&error);

  g_assert_true (mado_store_staff_enable (store, "rec-1", "adm-1", &error));
  g_assert_true (mado_store_staff_set_role (store, "rec-1", MADO_STAFF_ROLE_NURSE, "adm-1", &error));
  g_assert_no_error (error);
  session = mado_store_staff_sign_in (store, "rec-1", PASSWORD, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mado_staff_session_get_role (session), ==, MADO_STAFF_ROLE_NURSE);

  g_assert_false (mado_store_staff_enable (store, "nobody", "adm-1", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (mado_store_staff_set_role (store, "nobody", MADO_STAFF_ROLE_DOCTOR, "adm-1", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* The password typed twice: the same, and long enough. */
static void
test_rules_new_password (void)
{
  GError *error = NULL;

  g_assert_true (mado_store_staff_check_new_password (PASSWORD, PASSWORD, &error));
  g_assert_no_error (error);
  assert_refused (mado_store_staff_check_new_password (PASSWORD, PASSWORD "!", &error),
                  &error, MADO_STAFF_ERROR_PASSWORDS_DIFFER);
  assert_refused (mado_store_staff_check_new_password (PASSWORD, NULL, &error),
                  &error, MADO_STAFF_ERROR_PASSWORDS_DIFFER);
  g_assert_false (mado_store_staff_check_new_password ("too short", "too short", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_PASSWORD_RULES);
  g_clear_error (&error);
}

/* Every change and every refusal: who, what, which account; never a
 * password or a name. */
static void
test_rules_audited (MadoTestStore *f,
                    gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_auto(GStrv) lines = NULL;
  GError *error = NULL;
  const char *text;
  const char *expected[] = {
    "\"operator\":\"system:test\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"success\",\"detail\":\"add adm-1 role=administrator\"",
    "\"operator\":\"adm-1\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"success\",\"detail\":\"add rec-1 role=reception\"",
    "\"operator\":\"adm-1\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"success\",\"detail\":\"password rec-1\"",
    "\"operator\":\"adm-1\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"success\",\"detail\":\"name rec-1\"",
    "\"operator\":\"adm-1\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"success\",\"detail\":\"role rec-1 role=doctor\"",
    "\"operator\":\"adm-1\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"success\",\"detail\":\"disable rec-1\"",
    "\"operator\":\"adm-1\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"success\",\"detail\":\"enable rec-1\"",
    "\"operator\":\"rec-1\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"failure\",\"detail\":\"password adm-1: not-administrator\"",
    "\"operator\":\"adm-1\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"failure\",\"detail\":\"disable adm-1: disable-self\"",
    "\"operator\":\"system:test\",\"action\":\"account-change\",\"resident\":null,\"outcome\":\"failure\",\"detail\":\"role adm-1 role=nurse: last-administrator\"",
  };

  add (store, "adm-1", MADO_STAFF_ROLE_ADMINISTRATOR);
  g_assert_true (mado_store_staff_add (store, "rec-1", MADO_STAFF_ROLE_RECEPTION, "secret passphrase one", "adm-1", &error));
  g_assert_true (mado_store_staff_set_password (store, "rec-1", "secret passphrase two", "adm-1", &error));
  g_assert_true (mado_store_staff_set_name (store, "rec-1", "受付 花子", "adm-1", &error));
  g_assert_true (mado_store_staff_set_role (store, "rec-1", MADO_STAFF_ROLE_DOCTOR, "adm-1", &error));
  g_assert_true (mado_store_staff_disable (store, "rec-1", "adm-1", &error));
  g_assert_true (mado_store_staff_enable (store, "rec-1", "adm-1", &error));
  g_assert_no_error (error);
  g_assert_false (mado_store_staff_set_password (store, "adm-1", "secret passphrase three", "rec-1", &error));
  g_clear_error (&error);
  g_assert_false (mado_store_staff_disable (store, "adm-1", "adm-1", &error));
  g_clear_error (&error);
  g_assert_false (mado_store_staff_set_role (store, "adm-1", MADO_STAFF_ROLE_NURSE, SYSTEM, &error));
  g_clear_error (&error);

  g_assert_true (mado_store_audit_verify (store, NULL, &error));
  g_assert_true (mado_store_audit_export (store, NULL, NULL, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  text = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected) + 1);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("line %zu: %s", i, lines[i]);
      g_assert_nonnull (strstr (lines[i], expected[i]));
    }
  g_assert_null (strstr (text, "passphrase"));
  g_assert_null (strstr (text, "花子"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  MADO_TEST_STORE_ADD ("staff-rules/only-administrators", test_rules_only_administrators);
  MADO_TEST_STORE_ADD ("staff-rules/role-read-at-change", test_rules_role_read_at_change);
  MADO_TEST_STORE_ADD ("staff-rules/not-oneself", test_rules_not_oneself);
  MADO_TEST_STORE_ADD ("staff-rules/last-administrator", test_rules_last_administrator);
  MADO_TEST_STORE_ADD ("staff-rules/enable-and-role", test_rules_enable_and_role);
  MADO_TEST_STORE_ADD ("staff-rules/audited", test_rules_audited);
  g_test_add_func ("/store/staff-rules/new-password", test_rules_new_password);

  return g_test_run ();
}
