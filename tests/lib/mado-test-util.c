/* mado-test-util.c — temporary folders, fixtures, PINs, script checks, waits and timings for tests
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mado-test-util.h"

/**
 * mado_test_make_dir:
 * @name_template: a g_dir_make_tmp() template, such as `mado-store-XXXXXX`
 *
 * Returns: (transfer full): a new, empty folder under the temporary folder
 */
char *
mado_test_make_dir (const char *name_template)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (name_template, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

/**
 * mado_test_remove_dir:
 * @dir: a folder made by mado_test_make_dir()
 *
 * Removes the files in @dir (a database with its WAL, keys, a site
 * configuration…), then @dir itself. Tests make no subfolders.
 */
void
mado_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/**
 * mado_test_write_file:
 * @dir: a folder
 * @name: the file's name in @dir
 * @text: what it holds
 */
void
mado_test_write_file (const char *dir,
                      const char *name,
                      const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/**
 * mado_test_read_source_file:
 * @relative: a path in the source tree, such as `tests/ui/data/infant.json`
 * @length: (out) (optional): where to put its length
 *
 * Reads a fixture committed with the tests (the tree named by
 * `MADOGUCHI_SOURCE_ROOT`, which tests/meson.build sets).
 *
 * Returns: (transfer full): the file's bytes, NUL-terminated
 */
char *
mado_test_read_source_file (const char *relative,
                            gsize      *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("MADOGUCHI_SOURCE_ROOT"), relative, NULL);
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

/**
 * mado_test_contains:
 * @haystack: bytes, not necessarily text
 * @length: how many
 * @needle: a string
 *
 * Returns: whether @needle's bytes stand anywhere in @haystack
 */
gboolean
mado_test_contains (const char *haystack,
                    gsize       length,
                    const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/**
 * mado_test_pin_new:
 * @digits: the PIN as the resident would type it
 *
 * Returns: (transfer full): a PIN holding @digits
 */
MadoPin *
mado_test_pin_new (const char *digits)
{
  MadoPin *pin = mado_pin_new ();

  for (const char *p = digits; *p != '\0'; p++)
    mado_pin_append (pin, *p);
  return pin;
}

/**
 * mado_test_assert_script_done:
 * @card: a scripted card
 *
 * Fails the test unless the card was asked every command of its script.
 */
void
mado_test_assert_script_done (MadoScriptedTransport *card)
{
  g_autoptr(GError) error = NULL;

  mado_scripted_transport_check_done (card, &error);
  g_assert_no_error (error);
}

/**
 * mado_test_assert_script_sent:
 * @card: a scripted card
 *
 * Fails the test unless the card was asked every command of its script; a
 * transaction may still be open (the card held for a step to come).
 */
void
mado_test_assert_script_sent (MadoScriptedTransport *card)
{
  g_autoptr(GError) error = NULL;

  mado_scripted_transport_check_sent (card, &error);
  g_assert_no_error (error);
}

/**
 * mado_test_timeout_scale:
 *
 * What the tests' own time limits are multiplied by: 1, or
 * MADOGUCHI_TEST_TIMEOUT_MULTIPLIER (2–20) where the machine is known to be
 * slow or busy, as in a package build. meson's --timeout-multiplier only
 * reaches meson's limit on the whole test, not the waits inside it.
 */
guint
mado_test_timeout_scale (void)
{
  const char *text = g_getenv ("MADOGUCHI_TEST_TIMEOUT_MULTIPLIER");
  guint64 scale = 1;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, 20, &scale, NULL))
    return (guint) scale;
  return 1;
}

/**
 * mado_test_wait_until:
 * @done: says whether the wait is over
 * @data: for @done
 * @seconds: how long to wait at the most
 * @what: what is awaited, for the failure message
 *
 * Spins the default main context until @done says so; fails the test
 * after @seconds (times mado_test_timeout_scale()).
 */
void
mado_test_wait_until (MadoTestDoneFunc  done,
                      gpointer          data,
                      guint             seconds,
                      const char       *what)
{
  gint64 deadline = g_get_monotonic_time ()
                    + (gint64) seconds * mado_test_timeout_scale () * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

/**
 * mado_test_compare_doubles:
 * @a: a `double`
 * @b: another
 *
 * A #GCompareFunc for arrays of `double` (benchmark timings).
 */
int
mado_test_compare_doubles (gconstpointer a,
                           gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * mado_test_date:
 * @iso: YYYY-MM-DD
 *
 * Returns: the day; a test with a bad date stops here
 */
GDate
mado_test_date (const char *iso)
{
  GDate d;

  if (!mado_date_parse_iso (iso, &d))
    g_error ("bad test date %s", iso);
  return d;
}

/**
 * mado_test_make_desk_site:
 * @dir: the test's folder
 * @staff_id: (nullable): a reception account to add, or %NULL for none
 * @password: (nullable): its password
 * @out_store: (out) (optional) (transfer full): the store, still open
 *
 * A desk's smallest working site: `site.conf` with [site] and [cache] in
 * @dir, its store, and one staff account.
 *
 * Returns: (transfer full): the site configuration's path
 */
char *
mado_test_make_desk_site (const char  *dir,
                          const char  *staff_id,
                          const char  *password,
                          MadoStore  **out_store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "cache.db", NULL);
  g_autofree char *key = g_build_filename (dir, "cache.key", NULL);
  g_autofree char *text = g_strdup_printf ("[site]\ninstitution-code=1312345678\n"
                                           "terminal-id=desk-1\n"
                                           "[cache]\ndatabase=%s\nkey-file=%s\n", db, key);
  g_autoptr(MadoStore) store = NULL;

  mado_test_write_file (dir, "site.conf", text);
  store = mado_store_open (db, key, &error);
  g_assert_no_error (error);
  if (staff_id != NULL)
    g_assert_true (mado_store_staff_add (store, staff_id, MADO_STAFF_ROLE_RECEPTION, password,
                                         "system:test", &error));
  g_assert_no_error (error);
  if (out_store != NULL)
    *out_store = g_steal_pointer (&store);
  return g_build_filename (dir, "site.conf", NULL);
}

/**
 * mado_test_load_average:
 *
 * Returns: (transfer full): the 1, 5 and 15 minute load averages from
 *   /proc/loadavg, for benchmarks to print beside their figures ("?" when
 *   they cannot be read)
 */
char *
mado_test_load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  fields = g_strsplit (text, " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("?");
  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

/**
 * mado_test_process_cpu_seconds:
 * @pid: a process ID, or `self`
 *
 * Returns: the process's CPU time so far (utime + stime, every thread), in
 *   seconds; 0 when it cannot be read. What a process costs, whatever
 *   else the machine is doing.
 */
double
mado_test_process_cpu_seconds (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after_name = strrchr (stat, ')')) == NULL)
    return 0;
  /* Fields from the state (the 3rd) on: utime is the 14th, stime the 15th. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}
