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
 * ratio.
 *
 * With --cli, the same proof process against process, as a script or a
 * person at a terminal starts it: `madoguchi-cli card prove --pin-fd 3`
 * (the PIN through a pipe) against one `pkcs11-tool --login --sign` of the
 * same challenge with OpenSC's PKCS#11 module (SHA256-RSA-PKCS, key 01),
 * and how many times faster the CLI is. The load average is printed
 * before and after: the figures of a loaded machine are not those of an
 * idle one. Run it inside tests/integration/card-env.sh with a virtual
 * card: tests/bench/run-bench-card.sh does.
 *
 *   bench-card [--proofs N] [--reader NAME] [--card-log FILE] [--no-opensc] [--cli PATH]
 *              [--pkcs11-module PATH]
 *
 * With --pkcs11-module, the proof in this process against the same proof
 * through OpenSC's PKCS#11 module loaded into this process
 * (bench-card-pkcs11.c), one side after the other, with the CPU time this
 * process used beside the wall-clock time.
 *
 * --card-log names the virtual card's --log file: its lines count the APDUs
 * that really reached the card, for both sides.
 */
/* posix_spawn_file_actions_addclosefrom_np(), environ */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "madoguchi-core.h"
#include "card/mado-pcsc-context.h"
#include "card/mado-pcsc-transport.h"
#include "mado-test-util.h"
#ifdef BENCH_CARD_PKCS11
#include "bench-card-pkcs11.h"
#endif

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
  g_autoptr(MadoPcscTransport) transport = mado_pcsc_transport_open (pinned_reader, error);
  g_autoptr(MadoJpki) jpki = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(MadoCertificate) certificate = NULL;
  g_autoptr(MadoPin) pin = mado_test_pin_new ("1234");
  g_autoptr(GBytes) signature = NULL;
  const guint8 *data;
  gsize len;
  guint tries_left = 0;

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

/* Starts @argv (its program found on PATH, as a shell finds it) with
 * posix_spawn, whose vfork costs the same whatever this process holds;
 * fork() would copy this process's page tables into every child and charge
 * both sides of a comparison for it. The child gets what GLib's spawning
 * gave it: standard input from /dev/null, standard output dropped, no
 * other descriptor of this process but, with @pin_fd ≥ 0, that one as
 * descriptor 3 (glibc clears its close-on-exec flag even when it already
 * is 3); standard error is kept in @scratch to name what went wrong.
 * Returns when the child has exited. */
static gboolean
spawn_and_wait (const char * const *argv,
                const char         *scratch,
                int                 pin_fd,
                GError            **error)
{
  g_autofree char *errors_path = g_build_filename (scratch, "stderr.txt", NULL);
  g_autofree char *errors = NULL;
  posix_spawn_file_actions_t actions;
  int wait_status, rv;
  pid_t pid;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen (&actions, STDERR_FILENO, errors_path,
                                    O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (pin_fd >= 0)
    posix_spawn_file_actions_adddup2 (&actions, pin_fd, 3);
  posix_spawn_file_actions_addclosefrom_np (&actions, pin_fd >= 0 ? 4 : 3);
  rv = posix_spawnp (&pid, argv[0], &actions, NULL, (char * const *) argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  if (rv != 0)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "%s: %s", argv[0], g_strerror (rv));
      return FALSE;
    }
  while (waitpid (pid, &wait_status, 0) < 0)
    if (errno != EINTR)
      g_error ("waitpid: %s", g_strerror (errno));
  if (g_spawn_check_wait_status (wait_status, error))
    return TRUE;
  g_file_get_contents (errors_path, &errors, NULL, NULL);
  g_prefix_error (error, "%s: %s: ", argv[0], errors != NULL ? errors : "");
  return FALSE;
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

  return spawn_and_wait (read_argv, scratch, -1, error) &&
         spawn_and_wait (sign_argv, scratch, -1, error);
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

/* One proof by one side; the data is that side's. */
typedef gboolean (*ProofFunc) (gpointer   data,
                               guint     *out_apdus,
                               GError   **error);

/* Times @proofs proofs of one side into @figures; the card's log, when
 * given, counts the APDUs that reached the card. */
static gboolean
time_proofs (const char *who,
             ProofFunc   proof,
             gpointer    data,
             int         proofs,
             const char *card_log,
             Figures    *figures)
{
  g_autoptr(GError) error = NULL;
  guint log_before = count_log_lines (card_log);

  for (int i = 0; i < proofs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!proof (data, &figures->apdus, &error))
        {
          g_printerr ("bench-card: %s proof %d failed: %s\n", who, i + 1, error->message);
          return FALSE;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (figures->ms, ms);
    }
  if (card_log != NULL)
    figures->card_apdus = (count_log_lines (card_log) - log_before) / (guint) proofs;
  report (who, figures);
  return TRUE;
}

typedef struct {
  const char   *reader;       /* nullable */
  const guint8 *digest;
  const char   *scratch;      /* OpenSC's files */
  const char   *cli;          /* madoguchi-cli */
  const char   *challenge;    /* the challenge, hex (the CLI) */
  const char   *challenge_path; /* the same bytes in a file (pkcs11-tool) */
  const char   *challenge_raw;  /* the same bytes (PKCS#11 in this process) */
#ifdef BENCH_CARD_PKCS11
  BenchPkcs11  *pkcs11;
  const char   *pkcs11_module;
#endif
} Sides;

static gboolean
madoguchi_side (gpointer   data,
                guint     *out_apdus,
                GError   **error)
{
  Sides *sides = data;

  return madoguchi_proof (sides->reader, sides->digest, out_apdus, error);
}

static gboolean
opensc_side (gpointer   data,
             guint     *out_apdus,
             GError   **error)
{
  Sides *sides = data;

  return opensc_proof (sides->reader, sides->scratch, error);
}

/* `madoguchi-cli card prove`, the PIN on descriptor 3 through a pipe. */
static gboolean
cli_side (gpointer   data,
          guint     *out_apdus,
          GError   **error)
{
  Sides *sides = data;
  const char *argv[] = {
    sides->cli, "card", "prove", "--challenge", sides->challenge, "--pin-fd", "3",
    sides->reader != NULL ? "--reader" : NULL, sides->reader, NULL
  };
  int pin_pipe[2];
  gboolean ok;

  if (!g_unix_open_pipe (pin_pipe, FD_CLOEXEC, error))
    return FALSE;
  if (write (pin_pipe[1], "1234", 4) != 4)
    g_error ("writing the PIN to the pipe: %s", g_strerror (errno));
  close (pin_pipe[1]);
  ok = spawn_and_wait (argv, sides->scratch, pin_pipe[0], error);
  close (pin_pipe[0]);
  return ok;
}

/* One `pkcs11-tool --login --sign` with OpenSC's module (pkcs11-tool's
 * default): SHA-256 of the challenge, PKCS#1 v1.5, the user-authentication
 * key 01 behind PIN 1234. */
static gboolean
pkcs11_tool_side (gpointer   data,
                  guint     *out_apdus,
                  GError   **error)
{
  Sides *sides = data;
  g_autofree char *signature = g_build_filename (sides->scratch, "pkcs11-signature.bin", NULL);
  const char *argv[] = {
    "pkcs11-tool", "--login", "--pin", "1234", "--sign", "--mechanism", "SHA256-RSA-PKCS",
    "--id", "01", "-i", sides->challenge_path, "-o", signature, NULL
  };

  return spawn_and_wait (argv, sides->scratch, -1, error);
}

/* CPU time (user + system) of this process (RUSAGE_SELF) or of the
 * processes it waited for (RUSAGE_CHILDREN). */
static double
cpu_ms (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

/* One proof: its wall-clock time and the CPU time @who (RUSAGE_SELF or
 * RUSAGE_CHILDREN) used for it. */
static gboolean
time_proof (ProofFunc  proof,
            Sides     *sides,
            int        who,
            Figures   *wall,
            GArray    *cpu,
            GError   **error)
{
  double cpu_before = cpu_ms (who);
  gint64 start = g_get_monotonic_time ();
  double ms, used;

  if (!proof (sides, &wall->apdus, error))
    return FALSE;
  ms = (g_get_monotonic_time () - start) / 1000.0;
  used = cpu_ms (who) - cpu_before;
  g_array_append_val (wall->ms, ms);
  g_array_append_val (cpu, used);
  return TRUE;
}

/* Process against process, by turns, so that both sides see the same
 * load; the CPU time beside the wall-clock time, which a busy machine
 * stretches. */
static gboolean
time_processes (Sides *sides,
                int    proofs)
{
  Figures cli = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  Figures tool = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  g_autoptr(GArray) cli_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tool_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *load_before = mado_test_load_average ();
  g_autofree char *load_after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  for (int i = 0; ok && i < proofs; i++)
    ok = time_proof (cli_side, sides, RUSAGE_CHILDREN, &cli, cli_cpu, &error) &&
         time_proof (pkcs11_tool_side, sides, RUSAGE_CHILDREN, &tool, tool_cpu, &error);
  load_after = mado_test_load_average ();
  if (!ok)
    g_printerr ("bench-card: process proof failed: %s\n", error->message);
  else
    {
      report ("madoguchi-cli card prove", &cli);
      report ("pkcs11-tool --login --sign", &tool);
      printf ("CPU time per proof (user + system), median: madoguchi-cli %.1f ms, pkcs11-tool %.1f ms\n",
              percentile (cli_cpu, 0.5), percentile (tool_cpu, 0.5));
      printf ("pkcs11-tool / madoguchi-cli, medians: %.2f wall-clock, %.2f CPU (how many times as fast the CLI is)\n",
              percentile (tool.ms, 0.5) / percentile (cli.ms, 0.5),
              percentile (tool_cpu, 0.5) / percentile (cli_cpu, 0.5));
    }
  printf ("load average (1, 5, 15 min): %s before, %s after\n", load_before, load_after);
  g_array_unref (cli.ms);
  g_array_unref (tool.ms);
  return ok;
}

#ifdef BENCH_CARD_PKCS11
static gboolean
pkcs11_side (gpointer   data,
             guint     *out_apdus,
             GError   **error)
{
  Sides *sides = data;

  return bench_pkcs11_proof (sides->pkcs11, (const guint8 *) sides->challenge_raw,
                             strlen (sides->challenge_raw), error);
}

/* The module loaded and initialised for the proof alone: it meets the card
 * as it would a new resident's, with nothing of it cached. */
static gboolean
pkcs11_new_card_side (gpointer   data,
                      guint     *out_apdus,
                      GError   **error)
{
  Sides *sides = data;
  gboolean ok;

  sides->pkcs11 = bench_pkcs11_open (sides->pkcs11_module, error);
  ok = sides->pkcs11 != NULL && pkcs11_side (data, out_apdus, error);
  g_clear_pointer (&sides->pkcs11, bench_pkcs11_close);
  return ok;
}

/* @proofs proofs of one side in this process, with its CPU time and the
 * APDUs that reached the card. */
static gboolean
time_in_process_side (ProofFunc    proof,
                      Sides       *sides,
                      int          proofs,
                      const char  *card_log,
                      Figures     *wall,
                      GArray      *cpu,
                      GError     **error)
{
  guint log_before = count_log_lines (card_log);

  for (int i = 0; i < proofs; i++)
    if (!time_proof (proof, sides, RUSAGE_SELF, wall, cpu, error))
      return FALSE;
  if (card_log != NULL)
    wall->card_apdus = (count_log_lines (card_log) - log_before) / (guint) proofs;
  return TRUE;
}
#endif

#ifdef BENCH_CARD_PKCS11
static void
report_in_process (const char *who,
                   Figures    *figures,
                   GArray     *cpu,
                   Figures    *ours,
                   GArray     *our_cpu)
{
  report (who, figures);
  printf ("  CPU of this process per proof, median %.2f ms; / Madoguchi's, medians: %.2f wall-clock, %.2f CPU\n",
          percentile (cpu, 0.5), percentile (figures->ms, 0.5) / percentile (ours->ms, 0.5),
          percentile (cpu, 0.5) / percentile (our_cpu, 0.5));
}
#endif

/* Madoguchi's proof against OpenSC's PKCS#11 module, both in this process,
 * one side after the other: the module keeps its own connection to the
 * card, which Madoguchi's proofs (each powering the card down) would reset
 * between its turns, and while it holds the card a proof by turns cannot
 * connect. The module is timed twice: initialised once for all its proofs
 * (the same card again, which it caches: its best case), and initialised
 * for each proof (a card it has not seen, as each resident's is at a desk,
 * which is what Madoguchi's proof meets every time). */
static gboolean
time_in_process (Sides      *sides,
                 const char *module_path,
                 int         proofs,
                 const char *card_log)
{
#ifdef BENCH_CARD_PKCS11
  Figures ours = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  Figures warm = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  Figures fresh = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  g_autoptr(GArray) our_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fresh_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *load_before = mado_test_load_average ();
  g_autofree char *load_after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  sides->pkcs11_module = module_path;
  ok = time_in_process_side (madoguchi_side, sides, proofs, card_log, &ours, our_cpu, &error) &&
       time_in_process_side (pkcs11_new_card_side, sides, proofs, card_log, &fresh, fresh_cpu, &error);
  sides->pkcs11 = ok ? bench_pkcs11_open (module_path, &error) : NULL;
  ok = ok && sides->pkcs11 != NULL &&
       time_in_process_side (pkcs11_side, sides, proofs, card_log, &warm, warm_cpu, &error);
  g_clear_pointer (&sides->pkcs11, bench_pkcs11_close);
  load_after = mado_test_load_average ();
  if (!ok)
    g_printerr ("bench-card: in-process proof failed: %s\n", error->message);
  else
    {
      report ("Madoguchi in this process", &ours);
      printf ("  CPU of this process per proof, median %.2f ms\n", percentile (our_cpu, 0.5));
      report_in_process ("OpenSC PKCS#11, initialised per proof (a new card)", &fresh, fresh_cpu,
                         &ours, our_cpu);
      report_in_process ("OpenSC PKCS#11, initialised once (the same card again)", &warm, warm_cpu,
                         &ours, our_cpu);
    }
  printf ("load average (1, 5, 15 min): %s before, %s after\n", load_before, load_after);
  g_array_unref (ours.ms);
  g_array_unref (warm.ms);
  g_array_unref (fresh.ms);
  return ok;
#else
  (void) sides;
  (void) module_path;
  (void) proofs;
  (void) card_log;
  printf ("OpenSC PKCS#11 in this process: not timed (bench-card was built without p11-kit's pkcs11.h)\n");
  return TRUE;
#endif
}

static char *
hex_of (const guint8 *data,
        gsize         len)
{
  GString *hex = g_string_sized_new (2 * len);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  return g_string_free (hex, FALSE);
}

/* The scratch folder's files: the digest and the challenge, the tools'
 * outputs. */
static const char *const scratch_files[] = {
  "digest.bin", "challenge.bin", "opensc-cert.pem", "opensc-signature.bin", "pkcs11-signature.bin",
  "stderr.txt",
};

static gboolean
write_scratch (const char    *scratch,
               const char    *name,
               const guint8  *data,
               gsize          len)
{
  g_autofree char *path = g_build_filename (scratch, name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_file_set_contents (path, (const char *) data, len, &error))
    return TRUE;
  g_printerr ("bench-card: %s\n", error->message);
  return FALSE;
}

static void
remove_scratch (const char *scratch)
{
  for (gsize i = 0; i < G_N_ELEMENTS (scratch_files); i++)
    {
      g_autofree char *path = g_build_filename (scratch, scratch_files[i], NULL);

      g_unlink (path);
    }
  g_rmdir (scratch);
}

static void
print_ratios (Figures *ours,
              Figures *theirs)
{
  printf ("median time per proof, Madoguchi / OpenSC: %.2f\n",
          percentile (ours->ms, 0.5) / percentile (theirs->ms, 0.5));
  if (theirs->card_apdus > 0)
    printf ("APDUs per proof at the card, Madoguchi / OpenSC: %.2f\n",
            (double) ours->card_apdus / theirs->card_apdus);
}

int
main (int argc, char **argv)
{
  int proofs = 50;
  g_autofree char *reader = NULL;
  g_autofree char *card_log = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *pkcs11_module = NULL;
  gboolean no_opensc = FALSE;
  GOptionEntry entries[] = {
    { "proofs", 'n', 0, G_OPTION_ARG_INT, &proofs, "Proofs to time on each side (default 50)", "N" },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &reader, "Reader to use (default: automatic)", "NAME" },
    { "card-log", 0, 0, G_OPTION_ARG_FILENAME, &card_log, "The virtual card's --log file", "FILE" },
    { "no-opensc", 0, 0, G_OPTION_ARG_NONE, &no_opensc, "Time Madoguchi only", NULL },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli, "madoguchi-cli, timed against pkcs11-tool", "PATH" },
    { "pkcs11-module", 0, 0, G_OPTION_ARG_FILENAME, &pkcs11_module,
      "OpenSC's PKCS#11 module, timed in this process against Madoguchi's proof", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time identity proofs against a card");
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = NULL;
  static const char challenge[] = "madoguchi-bench-card-challenge";
  g_autofree char *challenge_hex = NULL;
  guint8 digest[MADO_JPKI_DIGEST_LEN];
  unsigned int digest_len = sizeof digest;
  Figures ours = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  Figures theirs = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0 };
  Sides sides = { 0 };
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || proofs < 1)
    {
      g_printerr ("bench-card: %s\n", error != NULL ? error->message : "--proofs must be at least 1");
      return 2;
    }
  if (EVP_Digest (challenge, strlen (challenge), digest, &digest_len, EVP_sha256 (), NULL) != 1)
    g_error ("SHA-256 is not available");
  scratch = g_dir_make_tmp ("bench-card-XXXXXX", &error);
  if (scratch == NULL)
    g_error ("%s", error->message);
  challenge_hex = hex_of ((const guint8 *) challenge, strlen (challenge));
  sides = (Sides) { reader, digest, scratch, cli, challenge_hex, NULL, challenge };
  sides.challenge_path = g_build_filename (scratch, "challenge.bin", NULL);

  ok = write_scratch (scratch, "digest.bin", digest, sizeof digest) &&
       write_scratch (scratch, "challenge.bin", (const guint8 *) challenge, strlen (challenge)) &&
       time_proofs ("Madoguchi", madoguchi_side, &sides, proofs, card_log, &ours);
  if (ok && !no_opensc)
    {
      ok = time_proofs ("OpenSC", opensc_side, &sides, proofs, card_log, &theirs);
      if (ok)
        print_ratios (&ours, &theirs);
    }
  if (ok && cli != NULL)
    ok = time_processes (&sides, proofs);
  if (ok && pkcs11_module != NULL)
    ok = time_in_process (&sides, pkcs11_module, proofs, card_log);

  remove_scratch (scratch);
  g_free ((char *) sides.challenge_path);
  g_array_unref (ours.ms);
  g_array_unref (theirs.ms);
  return ok ? 0 : 1;
}
