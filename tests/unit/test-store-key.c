/* test-store-key.c — the store's key file and resident keys (mado-store-key.c)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-test-store.h"

static void
test_key_created_private (MadoTestStore *f,
                          gconstpointer  data)
{
  g_autoptr(MadoStore) store G_GNUC_UNUSED = mado_test_store_open (f);
  GStatBuf st;

  g_assert_cmpint (g_stat (f->key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_key_permissions (MadoTestStore *f,
                      gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  const int modes[] = { 0640, 0604, 0660, 0644 };

  g_clear_object (&store);
  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_chmod (f->key, modes[i]), ==, 0);
      store = mado_store_open (f->db, f->key, &error);
      g_assert_null (store);
      g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_INSECURE);
      g_assert_nonnull (strstr (error->message, "chmod 600"));
    }
  g_assert_cmpint (g_chmod (f->key, 0400), ==, 0);
  store = mado_test_store_open (f);
  g_assert_nonnull (store);
}

static void
test_key_invalid_and_missing (MadoTestStore *f,
                              gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  g_assert_cmpint (g_unlink (f->key), ==, 0);
  store = mado_store_open (f->db, f->key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_MISSING);
  g_assert_false (g_file_test (f->key, G_FILE_TEST_EXISTS));   /* not silently replaced */
  g_clear_error (&error);

  g_assert_true (g_file_set_contents_full (f->key, "not a key\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  store = mado_store_open (f->db, f->key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_KEY_INVALID);
}

static void
test_key_wrong (MadoTestStore *f,
                gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *other_key = g_build_filename (f->dir, "other.key", NULL);
  g_autoptr(MadoStore) other G_GNUC_UNUSED = mado_store_open (other_db, other_key, &error);

  g_assert_no_error (error);
  mado_test_store_put (store, "r1", "secret", MADO_TEST_T0);
  g_clear_object (&store);
  store = mado_store_open (f->db, other_key, &error);
  g_assert_null (store);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_WRONG_KEY);
}

static void
test_cache_resident_key (MadoTestStore *f,
                         gconstpointer  data)
{
  g_autoptr(MadoStore) store = mado_test_store_open (f);
  g_autofree char *other_db = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *other_key = g_build_filename (f->dir, "other.key", NULL);
  g_autoptr(MadoStore) other = mado_store_open (other_db, other_key, NULL);
  const char *issuer = "C=JP, O=JPKI, OU=JPKI for user authentication";
  g_autofree char *k1 = mado_store_resident_key (store, issuer, "1001");
  g_autofree char *k1_again = mado_store_resident_key (store, issuer, "1001");
  g_autofree char *k2 = mado_store_resident_key (store, issuer, "1002");
  g_autofree char *k_split = mado_store_resident_key (store, "C=JP, O=JPKI, OU=JPKI for user authentication1", "001");
  g_autofree char *k_other = mado_store_resident_key (other, issuer, "1001");

  g_assert_cmpuint (strlen (k1), ==, 64);
  for (const char *p = k1; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
  g_assert_cmpstr (k1, ==, k1_again);
  g_assert_cmpstr (k1, !=, k2);
  g_assert_cmpstr (k1, !=, k_split);
  g_assert_cmpstr (k1, !=, k_other);   /* keyed: another store key, another value */
  g_assert_null (strstr (k1, "1001"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  MADO_TEST_STORE_ADD ("key/created-private", test_key_created_private);
  MADO_TEST_STORE_ADD ("key/permissions", test_key_permissions);
  MADO_TEST_STORE_ADD ("key/invalid-and-missing", test_key_invalid_and_missing);
  MADO_TEST_STORE_ADD ("key/wrong", test_key_wrong);
  MADO_TEST_STORE_ADD ("cache/resident-key", test_cache_resident_key);

  return g_test_run ();
}
