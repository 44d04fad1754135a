/* main.c — madoguchi-cli-desk: every command of madoguchi-cli, Madoguchi's flows without a window
 *
 * madoguchi-cli (main-front.c) runs the card commands itself and hands
 * every other one, --help included, to this program, which links the
 * store's, the hub's and ORCA's libraries. Messages name madoguchi-cli: it
 * is one command to whoever types it.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-cli.h"
#include "mado-cli-flow.h"
#include "mado-cli-orca.h"
#include "mado-cli-store.h"
#include "mado-cli-venue.h"

static const MadoCliCommand commands[] = {
  { "check-number", "NUMBER [RECIPIENT] [--json]",
    N_("Check a 公費負担者番号 and, optionally, its 受給者番号"), mado_cli_check_number },
  { "readers", "[--json]",
    N_("List the card readers and what is on each"), mado_cli_readers },
  { "card", "info [--reader NAME] [--json] | prove --challenge HEX [--pin-fd N] [--reader NAME] [--json]",
    N_("Read a My Number Card's certificate, or prove the card holder's PIN by a signature"), mado_cli_card },
  { "cache", "stats|purge [--retention-days DAYS] [--json]",
    N_("Show figures about the offline cache, or purge entries past the retention period"), mado_cli_cache },
  { "outbox", "list [--all] [--json]",
    N_("List the records that still have to reach the hub"), mado_cli_outbox },
  { "audit", "verify [--json] | export [--from DATE] [--to DATE] [--output FILE]",
    N_("Verify the audit log's hash chain, or export it as JSON lines"), mado_cli_audit },
  { "user", "add ID --role ROLE [--name NAME] | name ID --name NAME | passwd ID | list | disable ID [--password-fd N]",
    N_("Manage staff accounts"), mado_cli_user },
  { "store", "check|recover",
    N_("Check the offline store, or move a damaged one aside and start an empty one"), mado_cli_store },
  { "verify", "[--reader NAME] (--pin-fd N | --visual --operator ID) [--consent subsidy,vaccination,maternalChild] [--json]",
    N_("Prove the card holder's identity to the hub and show what it holds for them"), mado_cli_verify },
  { "visit", "[--reader NAME] (--pin-fd N | --visual --operator ID) [--consent …] [--database PATH --key-file PATH] [--json]",
    N_("Run a whole desk visit, answering from the offline cache when the hub is down"), mado_cli_visit },
  { "hub", "status [--json]",
    N_("Tell whether the hub answers"), mado_cli_hub },
  { "diagnostics", "",
    N_("Print a report for support: versions, readers, hub, configuration, outbox"), mado_cli_diagnostics },
  { "sync", "[--database PATH --key-file PATH] [--json]",
    N_("Deliver the records waiting in the outbox to the hub now"), mado_cli_sync },
  { "setup", "request --terminal-id ID --institution-code CODE | install --certificate FILE --hub-url URL --hub-ca FILE [--trust-anchors FILE] [--desk-group GROUP]",
    N_("Enrol this terminal: make its key and certificate request, then install the issued certificate"), mado_cli_setup },
  { "config", "check [--config FILE] [--no-hub] [--no-reader] [--json]",
    N_("Check this terminal's set-up: files, permissions, certificates, hub, card reader"), mado_cli_config },
  { "orca", "diff|send|qr|slip --visit FILE [--patient ID] [--answer ok|no] [--output FILE] [--json]",
    N_("Hand today's confirmed subsidies to the receipt computer (ORCA), or as a QR code and slip"), mado_cli_orca },
  { "judge", "--staff ID [--password-fd N] (--pin-fd N | --visual --operator ID) --decision D [--explained] [--reason CODE [--reason-text TEXT]] [--questionnaire ID] [--json]",
    N_("Sign the doctor's judgement on the resident's questionnaire (doctors only)"), mado_cli_judge },
  { "record", "--staff ID [--password-fd N] (--pin-fd N | --visual --operator ID) (--gs1 STRING | --product CODE --lot LOT --expiry DATE) --site SITE [--dose N] [--override CHECK]… [--json]",
    N_("Record the vaccination given, checked before it is saved (doctors and nurses)"), mado_cli_record },
  { "correct", "RECORD-ID --reason TEXT --staff ID [--password-fd N] [--json]",
    N_("Mark a recorded vaccination entered in error, by a new record"), mado_cli_correct },
  { "today", "[--day DATE] [--kind KIND] [--state STATE] [--vaccine CODE] [--json]",
    N_("List the day's records with their delivery state"), mado_cli_today },
  { "report", "[--day DATE] [--json]",
    N_("Print the day's doses per vaccine and lot as CSV, for the claim"), mado_cli_report },
};

static void
print_help (void)
{
  g_print (_("Usage: madoguchi-cli COMMAND [OPTIONS…]\n\n"));
  g_print (_("Commands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %s %s\n      %s\n", commands[i].name, commands[i].synopsis,
             _(commands[i].summary));
  g_print ("\n");
  g_print (_("Options:\n"));
  g_print (_("  --version   Print the version and exit\n"));
  g_print (_("  --help      Print this help and exit\n\n"));
  g_print (_("Run “madoguchi-cli COMMAND --help” for a command's options. Exit statuses are listed in docs/cli.md.\n"));
}

int
main (int argc, char **argv)
{
  /* Standard output is the command's result, often --json for a script:
   * every log line, whatever G_MESSAGES_DEBUG lets through, goes to
   * standard error (or the journal). */
  g_log_writer_default_set_use_stderr (TRUE);
  mado_i18n_init ();

  if (argc < 2)
    {
      print_help ();
      return MADO_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("madoguchi-cli %s\n", PACKAGE_VERSION);
      return MADO_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help ();
      return MADO_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  return mado_cli_usage_error (argv[1], "%s", _("unknown command"));
}
