/* test-terminal-cert.c — the terminal's certificates: dates, days left, the key's match,
 * and the support report's warning before the terminal certificate ends
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <openssl/pem.h>

#include "madoguchi-core.h"
#include "test-pki-util.h"

/* A root and a client certificate ending @days from now, in one PEM file each. */
typedef struct {
  EVP_PKEY *root_key;
  X509     *root;
  EVP_PKEY *key;
  X509     *leaf;
  char     *leaf_path;
} Pki;

static void
pki_make (Pki    *p,
          gint64  days)
{
  p->root_key = test_pki_make_key ();
  p->root = test_pki_make_root (p->root_key, 1);
  p->key = test_pki_make_key ();
  p->leaf = test_pki_make_leaf ("desk-1", p->key, p->root, p->root_key, 2, -10, days);
  p->leaf_path = test_pki_write_pem (&p->leaf, 1);
}

static void
pki_clear (Pki *p)
{
  g_unlink (p->leaf_path);
  g_free (p->leaf_path);
  X509_free (p->leaf);
  X509_free (p->root);
  EVP_PKEY_free (p->key);
  EVP_PKEY_free (p->root_key);
}

static char *
write_key (EVP_PKEY *key)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("mado-key-XXXXXX.pem", &path, &error);
  FILE *file;

  g_assert_no_error (error);
  file = fdopen (fd, "w");
  g_assert_true (PEM_write_PrivateKey (file, key, NULL, NULL, 0, NULL, NULL));
  fclose (file);
  return path;
}

static void
test_dates (void)
{
  Pki p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTerminalCertDates) dates = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  X509 *both[2];
  g_autofree char *both_path = NULL;
  g_autoptr(MadoTerminalCertDates) both_dates = NULL;

  pki_make (&p, 30);
  dates = mado_terminal_cert_read_dates (p.leaf_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dates->count, ==, 1);
  g_assert_cmpint (mado_terminal_cert_days_left (dates, now), >=, 29);
  g_assert_cmpint (mado_terminal_cert_days_left (dates, now), <=, 30);
  g_assert_nonnull (strstr (dates->subject, "CN=desk-1"));

  /* A bundle is usable until its earliest end: the root lasts years. */
  both[0] = p.root;
  both[1] = p.leaf;
  both_path = test_pki_write_pem (both, 2);
  both_dates = mado_terminal_cert_read_dates (both_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (both_dates->count, ==, 2);
  g_assert_cmpint (g_date_time_compare (both_dates->not_after, dates->not_after), ==, 0);
  g_unlink (both_path);
  pki_clear (&p);
}

static void
test_days_left (void)
{
  MadoTerminalCertDates dates = { 1, NULL, g_date_time_new_utc (2027, 3, 1, 0, 0, 0), NULL };
  g_autoptr(GDateTime) before = g_date_time_new_utc (2027, 2, 27, 12, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2027, 3, 1, 0, 0, 1);

  g_assert_cmpint (mado_terminal_cert_days_left (&dates, before), ==, 1);
  g_assert_cmpint (mado_terminal_cert_days_left (&dates, after), ==, -1);
  g_date_time_unref (dates.not_after);
}

static void
test_not_a_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("mado-x-XXXXXX.pem", &path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "x", 1), ==, 1);
  close (fd);
  g_assert_null (mado_terminal_cert_read_dates (path, &error));
  g_assert_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_CERTIFICATE_INVALID);
  g_unlink (path);
}

static void
test_key_matches (void)
{
  Pki p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *right = NULL;
  g_autofree char *wrong = NULL;

  pki_make (&p, 400);
  right = write_key (p.key);
  wrong = write_key (p.root_key);
  g_assert_true (mado_terminal_cert_key_matches (p.leaf_path, right, &error));
  g_assert_no_error (error);
  g_assert_false (mado_terminal_cert_key_matches (p.leaf_path, wrong, &error));
  g_assert_error (error, MADO_SITE_CONFIG_ERROR, MADO_SITE_CONFIG_ERROR_KEY_MISMATCH);
  g_unlink (right);
  g_unlink (wrong);
  pki_clear (&p);
}

/* The support report names the certificate's end, and says to renew it
 * within 90 days of it. */
static char *
report_for (gint64 days)
{
  Pki p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;
  MadoDiagnosticsInput input = { 0 };
  char *report;

  pki_make (&p, days);
  key = write_key (p.key);
  text = g_strdup_printf ("[hub]\nurl=https://hub.example\nca=%s\nclient-certificate=%s\n"
                          "client-key=%s\n[site]\ninstitution-code=1312345678\n"
                          "terminal-id=desk-1\n", p.leaf_path, p.leaf_path, key);
  config = mado_site_config_load_data (text, "/tmp/site.conf", &error);
  g_assert_no_error (error);
  input.site_config = config;
  report = mado_diagnostics_report (&input);
  g_unlink (key);
  pki_clear (&p);
  return report;
}

static void
test_report_warns (void)
{
  g_autofree char *soon = report_for (30);
  g_autofree char *later = report_for (400);

  g_assert_nonnull (strstr (soon, "Certificate ends"));
  g_assert_nonnull (strstr (soon, "RENEW SOON: madoguchi-cli setup request"));
  g_assert_nonnull (strstr (later, "Certificate ends"));
  g_assert_null (strstr (later, "RENEW"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/terminal-cert/dates", test_dates);
  g_test_add_func ("/terminal-cert/days-left", test_days_left);
  g_test_add_func ("/terminal-cert/not-a-certificate", test_not_a_certificate);
  g_test_add_func ("/terminal-cert/key-matches", test_key_matches);
  g_test_add_func ("/terminal-cert/report-warns", test_report_warns);
  return g_test_run ();
}
