/* main-front.c — madoguchi-cli as started: the card commands itself, every other through madoguchi-cli-desk
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and proving a card, listing readers and checking a number need
 * GLib, GObject, libcrypto and pcsc-lite only, and nothing of the store,
 * the hub or ORCA. This program has just those loaded, so `card prove`
 * does not pay for libcurl's, GnuTLS's, Kerberos's or SQLite's start-up,
 * nor GIO's (8 shared objects at `ldd` instead of 70; its JSON comes from
 * mado-cli-json-writer.c, not json-glib). Any other command, --help included,
 * replaces this process with madoguchi-cli-desk (main.c), which has every
 * command.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <unistd.h>

#include "madoguchi-core.h"
#include "mado-cli.h"

#define DESK_PROGRAM "madoguchi-cli-desk"

static const struct {
  const char         *name;
  MadoCliCommandFunc  run;
} card_commands[] = {
  { "check-number", mado_cli_check_number },
  { "readers",      mado_cli_readers },
  { "card",         mado_cli_card },
};

/* Beside this program in a build folder (and in a relocated copy); else
 * where it was installed. */
static char *
desk_program_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, DESK_PROGRAM, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_strdup (MADOGUCHI_CLI_DESK);
}

static int
run_desk_program (char **argv)
{
  g_autofree char *path = desk_program_path ();
  int saved_errno;

  execv (path, argv);
  saved_errno = errno;
  mado_i18n_init ();
  g_printerr (_("madoguchi-cli: cannot run %s: %s. Reinstall Madoguchi.\n"),
              path, g_strerror (saved_errno));
  return MADO_EXIT_NO_DESK_PROGRAM;
}

/* The system's openssl.cnf configures TLS, which no card command speaks:
 * certificates and signatures need only the default provider, and reading
 * the file costs every proof. Nor is OpenSSL's state freed at exit: it
 * holds no secret (the PIN is the program's own, zeroised by MadoPin), the
 * kernel takes the memory back, and freeing its tables cost a proof
 * ~0.3 ms of CPU. Nor is its table of error strings filled on the first
 * error mark, which parsing a certificate sets (~0.4 ms a proof): no card
 * command shows OpenSSL's words, only its own messages.
 *
 * `card prove` checks the card's signature with SHA-256 and the
 * certificate's key, and no chain: OpenSSL's table of every legacy cipher
 * and digest name, which its first fetch would fill (~1.3 ms of CPU), is
 * left empty but for SHA-256. `card info` checks the chain, whose
 * signatures may use any digest, and fills it as before. */
static void
init_openssl (int    argc,
              char **argv)
{
  guint64 options = OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ATEXIT |
                    OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS;
  gboolean prove = argc >= 3 && g_str_equal (argv[1], "card") && g_str_equal (argv[2], "prove");

  if (prove)
    options |= OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS;
  OPENSSL_init_crypto (options, NULL);
  if (prove)
    EVP_add_digest (EVP_sha256 ());
}

int
main (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "--version"))
    {
      g_print ("madoguchi-cli %s\n", PACKAGE_VERSION);
      return MADO_EXIT_OK;
    }
  for (gsize i = 0; argc >= 2 && i < G_N_ELEMENTS (card_commands); i++)
    if (g_str_equal (argv[1], card_commands[i].name))
      {
        /* As in main.c: the result on stdout, every log line on stderr. */
        g_log_writer_default_set_use_stderr (TRUE);
        /* They print messages, names and ISO 8601 times, nothing in the
         * locale's formats. */
        mado_i18n_init_messages ();
        init_openssl (argc, argv);
        return card_commands[i].run (argc - 1, argv + 1);
      }
  return run_desk_program (argv);
}
