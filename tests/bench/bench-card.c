/* bench-card.c — identity proofs per second against a card through pcscd, Madoguchi vs OpenSC
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One proof is what a visit does with the card: choose the reader, connect,
 * select the JPKI application, read the user-authentication certificate,
 * verify PIN 1234 and sign the SHA-256 of a challenge (mado_jpki_prove()),
 * then power the card down. The same reading and signing is then done by
 * OpenSC's tools (pkcs15-tool --read-certificate 01, pkcs15-crypt --sign
 * --key 01: the JPKI driver's user-authentication key and PIN). Prints the
 * median and 95th percentile time per proof, the APDUs per proof and the
 * ratio. Run it inside tests/integration/card-env.sh with a virtual card:
 * tests/bench/run-bench-card.sh does.
 *
 *   bench-card [--proofs N] [--reader NAME] [--card-log FILE] [--no-opensc]
 *
 * --card-log names the virtual card's --log file: its lines count the APDUs
 * that really reached the card, for both sides.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "madoguchi-core.h"
#include "card/mado-pcsc-context.h"
#include "card/mado-pcsc-transport.h"
#include "mado-test-util.h"

typedef struct {
  GArray *ms;          /* double, one per proof */
  guint   apdus;       /* per proof, as counted by the side itself */
  guint   card_apdus;  /* per proof, from the card's log (0: no log) */
} Figures;

static double
percentile (GArray *values,
            double  fraction)
{
  guint index;

  if (values->len == 0)
    return 0.0;
  g_array_sort (values, mado_test_compare_doubles);
  index = (guint) (fraction * (values->len - 1) + 0.5);
  return g_array_index (values, double, index);
}

/* Lines in the card's log: one per APDU it answered. */
static guint
count_log_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint lines = 0;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    lines += *p == '\n';
  return lines;
}

static gboolean
madoguchi_proof (const char  *pinned_reader,
                 const guint8 digest[MADO_JPKI_DIGEST_LEN],
                 guint       *out_apdus,
                 GError     **error)
{
  g_autofree char *reader = mado_pcsc_context_choose_reader (pinned_reader, error);
  g_autoptr(MadoPcscTransport) transport = NULL;
  g_autoptr(MadoJpki) jpki = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(MadoCertificate) certificate = NULL;
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GBytes) signature = NULL;
  const guint8 *data;
  gsize len;
  guint tries_left = 0;

  if (reader == NULL)
    return FALSE;
  transport = mado_pcsc_transport_new (reader, error);
  if (transport == NULL)
    return FALSE;
  jpki = mado_jpki_new (MADO_CARD_TRANSPORT (transport));
  if (!mado_jpki_hold (jpki, error) || !mado_jpki_select (jpki, error))
    return FALSE;
  der = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, error);
  if (der == NULL)
    return FALSE;
  data = g_bytes_get_data (der, &len);
  certificate = mado_certificate_new_from_der (data, len, error);
  if (certificate == NULL)
    return FALSE;
  /* Powers the card down, as a visit does. */
  signature = mado_jpki_prove (jpki, certificate, digest, MADO_JPKI_DIGEST_LEN, pin,
                               &tries_left, error);
  *out_apdus = mado_jpki_get_apdu_count (jpki);
  return signature != NULL;
}

static gboolean
run_tool (const char * const *argv,
          GError            **error)
{
  g_autofree char *errors = NULL;
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &errors, &wait_status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, "%s: %s: ", argv[0], errors);
      return FALSE;
    }
  return TRUE;
}

/* The same work with OpenSC: read the certificate, then sign the hash with
 * the user-authentication key (key 01, PIN 01) as PKCS#1 v1.5 SHA-256. */
static gboolean
opensc_proof (const char  *pinned_reader,
              const char  *scratch,
              GError     **error)
{
  g_autofree char *certificate = g_build_filename (scratch, "opensc-cert.pem", NULL);
  g_autofree char *digest = g_build_filename (scratch, "digest.bin", NULL);
  g_autofree char *signature = g_build_filename (scratch, "opensc-signature.bin", NULL);
  const char *read_argv[] = {
    "pkcs15-tool", "--read-certificate", "01", "-o", certificate,
    pinned_reader != NULL ? "--reader" : NULL, pinned_reader, NULL
  };
  const char *sign_argv[] = {
    "pkcs15-crypt", "--sign", "--key", "01", "--sha-256", "--pkcs1", "--pin", "1234",
    "-i", digest, "-o", signature, "-R",
    pinned_reader != NULL ? "--reader" : NULL, pinned_reader, NULL
  };

  return run_tool (read_argv, error) && run_tool (sign_argv, error);
}

static void
report (const char *who,
        Figures    *figures)
{
  double median = percentile (figures->ms, 0.5);
  double p95 = percentile (figures->ms, 0.95);

  printf ("%-10s %u proofs: median %.1f ms, p95 %.1f ms", who, figures->ms->len, median, p95);
  if (figures->apdus > 0)
    printf (", %u APDUs per proof (own count)", figures->apdus);
  if (figures->card_apdus > 0)
    printf (", %u APDUs per proof at the card", figures->card_apdus);
  printf ("\n");
}

int
main (int argc, char **argv)
{
  int proofs = 50;
  g_autofree char *reader = NULL;
  g_autofree char *card_log = NULL;
  gboolean no_opensc = FALSE;
  GOptionEntry entries[] = {
    { "proofs", 'n', 0, G_OPTION_ARG_INT, &proofs, "Proofs to time on each side (default 50)", "N" },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, "Reader to use (default: automatic)", "NAME" },
    { "card-log", 0, 0, G_OPTION_ARG_FILENAME, &card_log, "The virtual card's --log file", "FILE" },
    { "no-opensc", 0, 0, G_OPTION_ARG_NONE, &no_opensc, "Time Madoguchi only", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time identity proofs against a card");
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = NULL;
  g_autofree char *digest_path = NULL;
  static const char challenge[] = "madoguchi-bench-card-challenge";
  guint8 digest[MADO_JPKI_DIGEST_LEN];
  unsigned int digest_len = sizeof digest;
  Figures ours = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  Figures theirs = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  guint log_before;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || proofs < 1)
    {
      g_printerr ("bench-card: %s\n", error != NULL ? error->message : "--proofs must be at least 1");
      return 2;
    }
  if (EVP_Digest (challenge, strlen (challenge), digest, &digest_len, EVP_sha256 (), NULL) != 1)
    g_error ("SHA-256 is not available");

  log_before = count_log_lines (card_log);
  for (int i = 0; i < proofs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!madoguchi_proof (reader, digest, &ours.apdus, &error))
        {
          g_printerr ("bench-card: Madoguchi proof %d failed: %s\n", i + 1, error->message);
          status = 1;
          goto out;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ours.ms, ms);
    }
  if (card_log != NULL)
    ours.card_apdus = (count_log_lines (card_log) - log_before) / (guint) proofs;
  report ("Madoguchi", &ours);

  if (no_opensc)
    goto out;
  scratch = g_dir_make_tmp ("bench-card-XXXXXX", &error);
  digest_path = scratch != NULL ? g_build_filename (scratch, "digest.bin", NULL) : NULL;
  if (scratch == NULL || !g_file_set_contents (digest_path, (const char *) digest, sizeof digest, &error))
    {
      g_printerr ("bench-card: %s\n", error->message);
      status = 1;
      goto out;
    }
  log_before = count_log_lines (card_log);
  for (int i = 0; i < proofs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!opensc_proof (reader, scratch, &error))
        {
          g_printerr ("bench-card: OpenSC proof %d failed: %s\n", i + 1, error->message);
          status = 1;
          goto out;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (theirs.ms, ms);
    }
  if (card_log != NULL)
    theirs.card_apdus = (count_log_lines (card_log) - log_before) / (guint) proofs;
  report ("OpenSC", &theirs);
  printf ("median time per proof, Madoguchi / OpenSC: %.2f\n",
          percentile (ours.ms, 0.5) / percentile (theirs.ms, 0.5));
  if (theirs.card_apdus > 0)
    printf ("APDUs per proof at the card, Madoguchi / OpenSC: %.2f\n",
            (double) ours.card_apdus / theirs.card_apdus);

out:
  if (scratch != NULL)
    {
      const char *names[] = { "digest.bin", "opensc-cert.pem", "opensc-signature.bin" };

      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (scratch, names[i], NULL);

          g_unlink (path);
        }
      g_rmdir (scratch);
    }
  g_array_unref (ours.ms);
  g_array_unref (theirs.ms);
  return status;
}
